/** A least-recently-used map of bounded size, as client-go's `golang-lru` caches (the event correlator's). */
interface Entry<K, V> {
  key: K;
  value: V;
  older: Entry<K, V> | undefined;
  newer: Entry<K, V> | undefined;
}

export class LruCache<K, V> {
  // A Map to the entries of a doubly linked recency list: a hit moves one entry instead of re-inserting the key.
  private readonly map = new Map<K, Entry<K, V>>();
  private oldest: Entry<K, V> | undefined;
  private newest: Entry<K, V> | undefined;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    if (e !== this.newest) {
      this.unlink(e);
      this.append(e);
    }
    return e.value;
  }

  set(key: K, value: V): void {
    const e = this.map.get(key);
    if (e !== undefined) {
      e.value = value;
      if (e !== this.newest) {
        this.unlink(e);
        this.append(e);
      }
      return;
    }
    const added: Entry<K, V> = { key, value, older: undefined, newer: undefined };
    this.map.set(key, added);
    this.append(added);
    if (this.map.size > this.capacity) {
      const victim = this.oldest!;
      this.unlink(victim);
      this.map.delete(victim.key);
    }
  }

  delete(key: K): void {
    const e = this.map.get(key);
    if (e === undefined) return;
    this.unlink(e);
    this.map.delete(key);
  }

  private unlink(e: Entry<K, V>): void {
    if (e.older) e.older.newer = e.newer;
    else this.oldest = e.newer;
    if (e.newer) e.newer.older = e.older;
    else this.newest = e.older;
    e.older = e.newer = undefined;
  }

  private append(e: Entry<K, V>): void {
    e.older = this.newest;
    if (this.newest) this.newest.newer = e;
    else this.oldest = e;
    this.newest = e;
  }
}
