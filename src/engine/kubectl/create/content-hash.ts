/**
 * --append-hash: a short name suffix derived from the content. kubectl uses a SHA-256 of the encoded object mapped to
 * 10 characters of [bcdfghkmt2456789]-style safe text; here a deterministic FNV-based hash with the same alphabet.
 */
const SAFE = 'bcdfghkmt2456789'.split('');

export function contentHash(value: unknown): string {
  const text = JSON.stringify(value);
  let h1 = 2166136261;
  let h2 = 5381;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = (Math.imul(h2, 33) + c) >>> 0;
  }
  let out = '';
  for (let i = 0; i < 10; i++) {
    const src = i < 5 ? h1 >>> (i * 4) : h2 >>> ((i - 5) * 4);
    out += SAFE[src & 15];
  }
  return out;
}
