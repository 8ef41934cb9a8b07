/** Checks the custom Go decoders make, with Go's error texts: base64 for []byte, RFC3339 for Time and MicroTime. */

/** encoding/base64 StdEncoding: the offset of the first bad byte (newlines are skipped), or -1 when valid. */
export function base64ErrorOffset(s: string): number {
  const src = new TextEncoder().encode(s);
  const isB64 = (c: number) =>
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
  const isNl = (c: number) => c === 10 || c === 13;
  let si = 0;
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return -1;
        return si - j;
      }
      const c = src[si++];
      if (isB64(c)) continue;
      if (isNl(c)) {
        j--;
        continue;
      }
      if (c !== 61 || j < 2) return si - 1; // not '=', or padding too early
      if (j === 2) {
        while (si < src.length && isNl(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== 61) return si - 1;
        si++;
      }
      while (si < src.length && isNl(src[si])) si++;
      return si < src.length ? si : -1;
    }
  }
}

/** Base64 text as Go re-encodes it after decoding (line breaks dropped). */
export function canonicalBase64(s: string): string {
  return /[\r\n]/.test(s) ? s.replace(/[\r\n]/g, '') : s;
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';
const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';
const RFC3339_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MICRO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

const q = (s: string) => JSON.stringify(s);

/**
 * time.Parse(RFC3339 or RFC3339Micro) as metav1.Time / MicroTime use it: undefined when the text parses, else Go's
 * error (`parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"`).
 */
export function timeParseError(value: string, micro: boolean): string | undefined {
  const layout = micro ? RFC3339_MICRO : RFC3339;
  if ((micro ? MICRO_RE : RFC3339_RE).test(value) && rangeError(value) === undefined) return undefined;
  const fail = (rest: string, elem: string) => `parsing time ${q(value)} as ${q(layout)}: cannot parse ${q(rest)} as ${q(elem)}`;
  let v = value;
  const digits = (n: number, elem: string): number | string => {
    if (v.length < n || !/^\d+$/.test(v.slice(0, n))) return fail(v, elem);
    const out = Number(v.slice(0, n));
    v = v.slice(n);
    return out;
  };
  const lit = (s: string): string | undefined => {
    if (!v.startsWith(s)) return fail(v, s);
    v = v.slice(s.length);
    return undefined;
  };
  const steps: (() => string | undefined)[] = [
    () => num(digits(4, '2006')),
    () => lit('-'),
    () => num(digits(2, '01'), 1, 12, 'month'),
    () => lit('-'),
    () => num(digits(2, '02')),
    () => lit('T'),
    () => hour(),
    () => lit(':'),
    () => num(digits(2, '04'), 0, 59, 'minute'),
    () => lit(':'),
    () => num(digits(2, '05'), 0, 59, 'second'),
    () => fraction(),
    () => zone(),
  ];
  const outOfRange = (what: string) => `parsing time ${q(value)}: ${what} out of range`;
  const num = (r: number | string, min = 0, max = Infinity, what = '') => {
    if (typeof r === 'string') return r;
    return r < min || r > max ? outOfRange(what) : undefined;
  };
  const hour = () => {
    const m = /^\d\d?/.exec(v);
    if (!m) return fail(v, '15');
    v = v.slice(m[0].length);
    return Number(m[0]) > 23 ? outOfRange('hour') : undefined;
  };
  const fraction = () => {
    if (micro) {
      if (!/^\.\d{6}/.test(v)) return fail(v, '.000000');
      v = v.slice(7);
    } else if (/^[.,]\d/.test(v)) {
      v = v.slice(1).replace(/^\d+/, '');
    }
    return undefined;
  };
  const zone = () => {
    if (v.startsWith('Z')) v = v.slice(1);
    else if (/^[+-]\d\d:\d\d/.test(v)) v = v.slice(6);
    else return fail(v, 'Z07:00');
    return undefined;
  };
  for (const step of steps) {
    const err = step();
    if (err) return err;
  }
  if (v.length > 0) return `parsing time ${q(value)}: extra text: ${q(v)}`;
  const range = rangeError(value);
  return range ? outOfRange(range) : undefined;
}

function rangeError(value: string): string | undefined {
  const [y, mo, d, h, mi, s] = [0, 5, 8, 11, 14, 17].map((i, k) => Number(value.slice(i, i + (k === 0 ? 4 : 2))));
  if (mo < 1 || mo > 12) return 'month';
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return 'day';
  if (h > 23) return 'hour';
  if (mi > 59) return 'minute';
  if (s > 59) return 'second';
  return undefined;
}
