/**
 * Copy-on-write for a stored object's new version: every part of it that equals the part at the same place in the
 * previous version (the same keys in the same order, the same values) is replaced by the previous version's frozen
 * part. A status write then keeps only what changed: a pod's unchanged conditions, IPs and mounts are not stored again
 * in every version the watch history holds. Equal parts are interchangeable in every way the engine reads them (they
 * print the same JSON); only their identity is shared.
 */

/** `next` is the new version, not frozen yet (its frozen parts are already shared); `prev` the stored one. */
export function shareUnchanged(next: object, prev: object): void {
  share(next, prev);
}

/** Returns `p` when `n` equals it, else `n`, with its equal parts replaced by p's. */
function share(n: unknown, p: unknown): unknown {
  if (n === p || typeof n !== 'object' || n === null || typeof p !== 'object' || p === null || Object.isFrozen(n)) return n;
  if (Array.isArray(n)) {
    if (!Array.isArray(p)) return n;
    let same = n.length === p.length;
    for (let i = 0; i < n.length; i++) {
      if (i >= p.length) continue;
      const v = n[i];
      const pv = p[i];
      // Leaves are compared here rather than in a call: most values are.
      const c = typeof v === 'object' && v !== null ? share(v, pv) : v;
      if (c !== v) n[i] = c;
      if (c !== pv) same = false;
    }
    return same ? p : n;
  }
  if (Array.isArray(p)) return n;
  const next = n as Record<string, unknown>;
  const prev = p as Record<string, unknown>;
  // for-in rather than Object.keys: no array per object (these are plain data objects: own keys only).
  let same = true;
  for (const k in next) {
    const pv = prev[k];
    if (pv === undefined && !Object.prototype.hasOwnProperty.call(prev, k)) {
      same = false;
      continue;
    }
    const v = next[k];
    const c = typeof v === 'object' && v !== null ? share(v, pv) : v;
    if (c !== v) next[k] = c;
    if (c !== pv) same = false;
  }
  return same && sameKeyOrder(next, prev) ? p : n;
}

/** Keys of the object being compared, reused by every call (the check does not recurse). */
const KEYS: string[] = [];

/** Whether `a` and `b` have the same keys in the same order. */
function sameKeyOrder(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let n = 0;
  for (const k in a) KEYS[n++] = k;
  let i = 0;
  for (const k in b) if (i >= n || KEYS[i++] !== k) return false;
  return i === n;
}
