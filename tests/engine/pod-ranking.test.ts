/**
 * Which pods a scale-down deletes: a few victims are picked in one pass, and must be exactly the first ones of the
 * full stable ordering (ActivePodsWithRanks), ties included.
 */
import { describe, expect, it } from 'vitest';
import { podsToDelete, type RankEntry } from '../../src/engine/controllers/pod-ranking';
import { Rng } from '../../src/engine/rng';
import type { KObject } from '../../src/engine/types';

const parse = (ts: string) => Date.parse(ts);
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString().replace('.000Z', 'Z');

/**
 * Pods with few distinct facts, so that many compare equal on every step before the last. Their times are a
 * factor of 3 apart: LogarithmicScaleDown compares times by log2 bucket and breaks a bucket's ties by UID, which is
 * not transitive when two different times share a bucket (then no order is "the" order, in Go's sort either).
 */
const AGES_S = [20, 60, 180, 540];
const NOW_S = 1000;

function pods(rng: Rng, n: number): KObject[] {
  return Array.from({ length: n }, (_, i) => {
    const node = rng.int(4) === 0 ? '' : `worker-${rng.int(5)}`;
    const ready = node !== '' && rng.int(3) > 0;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `web-${i}`, uid: `uid-${rng.int(1000)}-${i}`, creationTimestamp: at(NOW_S - AGES_S[rng.int(4)]) },
      spec: node ? { nodeName: node } : {},
      status: {
        phase: node ? (rng.int(4) === 0 ? 'Pending' : 'Running') : 'Pending',
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: at(NOW_S - AGES_S[rng.int(3)]) }],
        containerStatuses: [{ name: 'web', restartCount: rng.int(3) }],
      },
    } as KObject;
  });
}

describe('scale-down victim selection', () => {
  it('takes the same pods, in the same order, as the first of the full ordering', () => {
    const rng = new Rng(7);
    for (let round = 0; round < 20; round++) {
      const list = pods(rng, 150);
      const onNode = new Map(Array.from({ length: 5 }, (_, i) => [`worker-${i}`, rng.int(40)] as [string, number]));
      const entries = (): RankEntry[] => list.map((pod) => ({ pod }));
      const now = parse(at(NOW_S));
      const full = podsToDelete(entries(), onNode, list.length - 1, now, parse).map((p) => p.metadata.name);
      for (const diff of [1, 2, 5, 17, 64]) {
        expect(podsToDelete(entries(), onNode, diff, now, parse).map((p) => p.metadata.name)).toEqual(full.slice(0, diff));
      }
    }
  });
});
