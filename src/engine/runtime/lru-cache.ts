/** A least-recently-used map of bounded size, as client-go's `golang-lru` caches (the event correlator's). */
const NONE = -1;

export class LruCache<K, V> {
  // The key maps to a slot; slots hold key, value and a doubly linked recency list in arrays, so an entry costs no
  // object of its own (thousands of these caches live as long as the cluster) and a hit moves two links.
  private readonly slots = new Map<K, number>();
  private keys: K[] = [];
  private values: V[] = [];
  private older = new Int32Array(16);
  private newer = new Int32Array(16);
  private oldest = NONE;
  private newest = NONE;
  /** Slots freed by delete, reused before new ones. */
  private readonly free: number[] = [];

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.slots.size;
  }

  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    this.touch(slot);
    return this.values[slot];
  }

  set(key: K, value: V): void {
    const slot = this.slots.get(key);
    if (slot !== undefined) {
      this.values[slot] = value;
      this.touch(slot);
      return;
    }
    this.add(key, value);
  }

  /** set() for a key known to be absent (just missed by get), without looking it up again. */
  add(key: K, value: V): void {
    let added: number;
    if (this.slots.size >= this.capacity) {
      // Full: the oldest entry's slot takes the new key.
      added = this.oldest;
      this.unlink(added);
      this.slots.delete(this.keys[added]);
    } else added = this.free.length ? this.free.pop()! : this.grow();
    this.keys[added] = key;
    this.values[added] = value;
    this.slots.set(key, added);
    this.append(added);
  }

  delete(key: K): void {
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.unlink(slot);
    this.slots.delete(key);
    this.keys[slot] = undefined as K;
    this.values[slot] = undefined as V;
    this.free.push(slot);
  }

  private grow(): number {
    const slot = this.keys.length;
    if (slot === this.older.length) {
      const size = Math.min(this.capacity, slot * 2);
      const older = new Int32Array(size);
      const newer = new Int32Array(size);
      older.set(this.older);
      newer.set(this.newer);
      this.older = older;
      this.newer = newer;
    }
    this.keys.push(undefined as K);
    this.values.push(undefined as V);
    return slot;
  }

  private touch(slot: number): void {
    if (slot === this.newest) return;
    this.unlink(slot);
    this.append(slot);
  }

  private unlink(slot: number): void {
    const older = this.older[slot];
    const newer = this.newer[slot];
    if (older === NONE) this.oldest = newer;
    else this.newer[older] = newer;
    if (newer === NONE) this.newest = older;
    else this.older[newer] = older;
  }

  private append(slot: number): void {
    this.older[slot] = this.newest;
    this.newer[slot] = NONE;
    if (this.newest === NONE) this.oldest = slot;
    else this.newer[this.newest] = slot;
    this.newest = slot;
  }
}
