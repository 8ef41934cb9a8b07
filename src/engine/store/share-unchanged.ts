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
      const v = n[i];
      if (i >= p.length) continue;
      const c = share(v, p[i]);
      if (c !== v) n[i] = c;
      if (c !== p[i]) same = false;
    }
    return same ? p : n;
  }
  if (Array.isArray(p)) return n;
  const next = n as Record<string, unknown>;
  const prev = p as Record<string, unknown>;
  const keys = Object.keys(next);
  const prevKeys = Object.keys(prev);
  let same = keys.length === prevKeys.length;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (same && prevKeys[i] !== k) same = false;
    if (!Object.prototype.hasOwnProperty.call(prev, k)) {
      same = false;
      continue;
    }
    const v = next[k];
    const c = share(v, prev[k]);
    if (c !== v) next[k] = c;
    if (c !== prev[k]) same = false;
  }
  return same ? p : n;
}
