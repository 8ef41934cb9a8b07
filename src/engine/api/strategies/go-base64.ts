/**
 * Go's base64.StdEncoding, as the API server's JSON decoder applies it to []byte fields (Secret data): padding is
 * required, CR and LF are skipped, and errors name the byte offset the way CorruptInputError does.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map([...ALPHABET].map((c, i) => [c, i]));

export type DecodeResult = { bytes: number[] } | { error: string };

const corrupt = (at: number): DecodeResult => ({ error: `illegal base64 data at input byte ${at}` });
const isNewline = (c: string | undefined) => c === '\n' || c === '\r';

export function decodeBase64(src: string): DecodeResult {
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const buf = [0, 0, 0, 0];
    let dlen = 4;
    let j = 0;
    let trailing = -1;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return { bytes: out };
        return corrupt(si - j);
      }
      const c = src[si++];
      const v = DECODE.get(c);
      if (v !== undefined) {
        buf[j] = v;
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== '=') return corrupt(si - 1);
      if (j < 2) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== '=') return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) trailing = si;
      dlen = j;
      break;
    }
    const val = (buf[0] << 18) | (buf[1] << 12) | (buf[2] << 6) | buf[3];
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (trailing >= 0) return corrupt(trailing);
  }
  return { bytes: out };
}

export function encodeBase64(bytes: number[]): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    s += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return s;
}

export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}
