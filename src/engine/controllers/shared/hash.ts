/** controller.ComputeHash: FNV-32a over the template (and collision count), rendered with rand.SafeEncodeString. */
import { NAME_ALPHABET } from '../../rng';

export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The decimal digits of the hash mapped to the name alphabet, as pod-template-hash and controller-revision-hash are. */
export function computeHash(template: unknown, collisionCount?: number): string {
  const text = JSON.stringify(template) + (collisionCount ? String(collisionCount) : '');
  return String(fnv32a(text))
    .split('')
    .map((d) => NAME_ALPHABET[d.charCodeAt(0) % NAME_ALPHABET.length])
    .join('');
}
