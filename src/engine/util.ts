/** Small pure helpers shared across the engine. */

/** A deep copy of a JSON value, as a JSON round trip makes it (undefined fields dropped, in arrays null) but faster. */
export function clone<T>(v: T): T {
  return copyJSON(v) as T;
}

function copyJSON(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v[i] === undefined ? null : copyJSON(v[i]);
    return out;
  }
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in src) {
    const x = src[k];
    if (x !== undefined) out[k] = copyJSON(x);
  }
  return out;
}

/** Deep equality of JSON values (key order ignored; a key holding undefined counts as absent). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const aa = a as unknown[];
    const bb = b as unknown[];
    if (aa.length !== bb.length) return false;
    for (let i = 0; i < aa.length; i++) if (!deepEqual(aa[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let defined = 0;
  for (const k in ao) {
    const x = ao[k];
    if (x === undefined) continue;
    defined++;
    if (!deepEqual(x, bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) defined--;
  return defined === 0;
}

export function isPlainObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A 53-bit hash of a string (cyrb53), for remembering what was last written without keeping the text: two
 * different strings share a hash with odds around 1 in 2^53.
 */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Strings built by concatenation are trees of pieces in V8 until something reads them whole; reading a character
 * flattens one in place. Strings kept long (stored objects, cache keys) are flattened once, rather than keeping the
 * trees (a container ID built in eight pieces is nine heap objects otherwise) and hashing them piece by piece on every
 * Map lookup. Returns `s`.
 */
export function flatten(s: string): string {
  if (s.length > 12) s.charCodeAt(0);
  return s;
}

/** The strings `intern` has seen (bounded: forgetting one only costs a copy). */
const interned = new Map<string, string>();

/**
 * One copy of a string that many long-lived objects repeat (an image name in ten thousand container statuses):
 * returns the first equal string seen, so the others are garbage at once instead of kept, and equal keys compare
 * by identity.
 */
export function intern(s: string): string {
  const seen = interned.get(s);
  if (seen !== undefined) return seen;
  if (interned.size >= 10_000) interned.clear();
  interned.set(s, s);
  return s;
}
