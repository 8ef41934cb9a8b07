/** kubectl's utilrand.String(5) suffix, made deterministic: derived from a seed string (the engine draws no unseeded randomness). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function nameSuffix(seed: string, length = 5): string {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0;
    out += ALPHANUMS[h % ALPHANUMS.length];
  }
  return out;
}
