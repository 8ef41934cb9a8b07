/**
 * How Go prints JSON-decoded values (map[string]interface{}, []interface{}, int64, float64, string, bool, nil),
 * which kubectl's jsonpath, custom-columns and go-template output show to users.
 */

/** A float literal that must stay a float even when integral (jsonpath `2.0`). */
export class GoFloat {
  constructor(readonly value: number) {}
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoFloat);
}

/** strconv.FormatFloat(f, 'g', -1, 64), what fmt's %v prints for a float64 (%e when exp < -4 || exp >= 6). */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expStr] = f.toExponential().split('e');
  const exp = parseInt(expStr, 10);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return String(f);
}

function goNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? BigInt(n).toString() : goFloat(n);
}

/** fmt.Sprint / %v. `missing` prints as Go's invalid reflect value. */
export function goValue(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (v instanceof GoFloat) return goFloat(v.value);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isPlainObject(v)) {
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goValue(v[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** strconv.Quote: a double-quoted Go string literal. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** %#v of a JSON-decoded value, as kubectl's jsonpath error dump shows it. */
export function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (v instanceof GoFloat) return goFloat(v.value);
  if (typeof v === 'number') return Number.isInteger(v) ? goNumber(v) : goFloat(v);
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSyntax(x)).join(', ')}}`;
  if (isPlainObject(v)) {
    const body = Object.keys(v)
      .sort()
      .map((k) => `${goQuote(k)}:${goSyntax(v[k])}`)
      .join(', ');
    return `map[string]interface {}{${body}}`;
  }
  return String(v);
}

function sortedDeep(v: unknown): unknown {
  if (v instanceof GoFloat) return v.value;
  if (Array.isArray(v)) return v.map(sortedDeep);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortedDeep(v[k]);
    return out;
  }
  return v;
}

/** Go's json.Marshal (sorted map keys, <, > and & escaped as \u003c ...), optionally indented like MarshalIndent. */
export function goJson(v: unknown, indent = ''): string {
  return goJsonEscapes(JSON.stringify(sortedDeep(v), null, indent || undefined) ?? 'null');
}

/** Go's encoding/json escapes of `<` `>` `&` and the JS line separators in JSON text. */
export function goJsonEscapes(text: string): string {
  return text
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
