/** The API server's in-place shortcuts agree with the plain computations they stand for. */
import { describe, expect, it } from 'vitest';
import { bodyOver } from '../../src/engine/api/body-size';
import { specChanged } from '../../src/engine/api/object-meta';
import { defaultResourceList } from '../../src/engine/api/strategies/pod-spec-defaults';
import type { KObject } from '../../src/engine/types';

/** What specChanged computes: the JSON, with sorted keys, of everything but metadata, status, apiVersion, kind. */
function specJSON(o: Record<string, unknown>): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
  return JSON.stringify(sortKeys(rest));
}

const VARIANTS: Record<string, unknown>[] = [
  {},
  { spec: { a: 1, b: [1, 2] } },
  { spec: { b: [1, 2], a: 1 } },
  { spec: { a: 1, b: [1, 2], c: undefined } },
  { spec: { a: 1, b: [1, 2, undefined] } },
  { spec: { a: 1, b: [1, 2, null] } },
  { spec: { a: 1, b: [2, 1] } },
  { spec: { a: '1', b: [1, 2] } },
  { spec: { a: 1, b: { 0: 1, 1: 2 } } },
  { spec: { a: 1, b: [1, 2] }, status: { x: 1 }, metadata: { name: 'n' } },
  { spec: { a: 1, b: [1, 2] }, data: null },
  { spec: { a: 1, b: [1, 2] }, data: undefined },
  { spec: { a: NaN, b: [1, 2] } },
  { spec: { a: null, b: [1, 2] } },
  { spec: { a: Infinity, b: [1, 2] } },
  { spec: { a: 1, b: [1, 2], f: () => 1 } },
  { spec: { a: 1, b: [1, 2], d: new Date(0) } },
  { spec: { a: 1, b: [1, 2], d: {} } },
  { spec: { a: 1, b: [1, 2] }, kind: 'Other', apiVersion: 'v2' },
  { spec: { a: 1, b: [[], {}] } },
  { spec: { a: 1, b: [{}, []] } },
  { spec: { a: -0, b: [1, 2] } },
  { spec: { a: 0, b: [1, 2] } },
  { spec: { a: true, b: [1, 2] } },
  { spec: { a: false, b: [1, 2] } },
];

describe('specChanged', () => {
  it('agrees with comparing the sorted JSON of both objects', () => {
    for (const a of VARIANTS) {
      for (const b of VARIANTS) {
        const want = specJSON(a) !== specJSON(b);
        expect(specChanged(a as unknown as KObject, b as unknown as KObject), `${specJSON(a)} vs ${specJSON(b)}`).toBe(want);
      }
    }
  });
});

describe('bodyOver', () => {
  // A body sent as text counts as it is; any other is serialized.
  const sized = (v: unknown) => (typeof v === 'string' ? v.length : (JSON.stringify(v)?.length ?? 0));
  it('agrees with the length of the serialized body', () => {
    const bodies: unknown[] = [
      {},
      { a: 'x'.repeat(1000), b: [1, 2.5, -3e-300, true, null, undefined], c: { '\u2028': '\u0000"\\' } },
      ['\ud800', 1e21, NaN, () => 1],
      { d: new Date(0), n: null },
      'plain text',
      42,
      null,
    ];
    for (const body of bodies) {
      const n = sized(body);
      for (const limit of [0, 1, n - 1, n, n + 1, 10 * n + 100]) expect(bodyOver(body, limit), `${JSON.stringify(body)} ${limit}`).toBe(n > limit);
    }
  });

  it('measures deep and large bodies exactly', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 300; i++) deep = { k: [deep] };
    const n = sized(deep);
    expect(bodyOver(deep, n)).toBe(false);
    expect(bodyOver(deep, n - 1)).toBe(true);
    const wide = { items: Array.from({ length: 5000 }, (_, i) => ({ name: `item-${i}`, value: '\u0001'.repeat(i % 7) })) };
    const m = sized(wide);
    expect(bodyOver(wide, m)).toBe(false);
    expect(bodyOver(wide, m - 1)).toBe(true);
  });

  it('fails as serializing fails', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => bodyOver(cyclic, 100)).toThrow(TypeError);
    expect(() => bodyOver({ n: 1n }, 100)).toThrow(TypeError);
  });
});

describe('defaultResourceList', () => {
  it('gives the same lists the first time a value is seen and after', () => {
    const lists = () => [
      { cpu: '0.1', memory: '1.5Gi', 'example.com/x': 3, other: { a: 1 } },
      { cpu: '1001u', memory: 1e3 },
      { cpu: ' 250m' },
    ];
    const first = lists();
    for (const l of first) defaultResourceList(l, 'Pod');
    const again = lists();
    for (const l of again) defaultResourceList(l, 'Pod');
    expect(again).toEqual(first);
    expect(first[1]).toEqual({ cpu: '2m', memory: '1k' });
  });

  it('rejects a malformed quantity after valid ones were remembered', () => {
    defaultResourceList({ cpu: '1' }, 'Pod');
    expect(() => defaultResourceList({ cpu: '1', memory: '1x' }, 'Pod')).toThrow(/Pod in version "v1" cannot be handled as a Pod/);
  });
});
