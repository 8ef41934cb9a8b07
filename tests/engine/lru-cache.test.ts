import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/engine/runtime/lru-cache';
import { nanosHex } from '../../src/engine/runtime/events';

/** The plain Map-reinsertion LRU the slot-list one must agree with. */
class Reference<K, V> {
  readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
  delete(key: K): void {
    this.map.delete(key);
  }
}

describe('LruCache', () => {
  it.each([3, 16, 100])('evicts exactly as a Map re-inserted on every use (capacity %i)', (capacity) => {
    const lru = new LruCache<number, number>(capacity);
    const ref = new Reference<number, number>(capacity);
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let i = 0; i < 20000; i++) {
      const key = rand(capacity * 2 + 8);
      const op = rand(10);
      if (op < 4) expect(lru.get(key)).toBe(ref.get(key));
      else if (op < 9) {
        lru.set(key, i);
        ref.set(key, i);
      } else {
        lru.delete(key);
        ref.delete(key);
      }
      expect(lru.size).toBe(ref.map.size);
    }
    for (let key = 0; key < capacity * 2 + 8; key++) expect(lru.get(key)).toBe(ref.get(key));
  });
});

describe('nanosHex', () => {
  it('is the hex of ms * 1e6 + extra, past 2^53', () => {
    for (const [ms, extra] of [[0, 0], [1, 5], [1767225600000, 999999], [4294967295, 1], [4294967296, 0], [2 ** 41 + 12345, 424242]]) {
      expect(nanosHex(ms, extra)).toBe((BigInt(ms) * 1_000_000n + BigInt(extra)).toString(16));
    }
  });
});
