/** The scheduler's compact score storage and incrementally kept matching-pod counts agree with the plain computation. */
import { describe, expect, it } from 'vitest';
import { NodeInfo } from '../../src/engine/scheduler/cache';
import { compileSelector } from '../../src/engine/scheduler/match';
import { newPodInfo } from '../../src/engine/scheduler/pod-info';
import { countMatching, type SpreadConstraint } from '../../src/engine/scheduler/plugins/topology-spread-constraints';
import { ScoreBuffer, scoreAt } from '../../src/engine/scheduler/score-buffer';
import type { KObject } from '../../src/engine';

describe('scheduler score columns', () => {
  it('keep every value exactly, whatever the range', () => {
    const cases: number[][] = [
      [7, 7, 7],
      [0, -0, 0],
      [-0, -0],
      [NaN, NaN],
      [0, 100, 42, 3],
      [0, 255, 256, 1000],
      [65535, 65536, 1],
      [-1, 5, 2147483647],
      [-2147483648, 2147483648],
      [0.5, 1, 2],
      [Infinity, 0, -Infinity],
      Array.from({ length: 5000 }, (_, i) => i % 97),
      Array.from({ length: 20000 }, (_, i) => i),
    ];
    const buffer = new ScoreBuffer();
    // Twice, so later columns land in slabs already holding earlier ones.
    for (const values of [...cases, ...cases]) {
      const scratch = buffer.scratch(values.length + 3);
      scratch.set(values, 3);
      const column = buffer.column(3, values.length);
      values.forEach((v, i) => expect(Object.is(scoreAt(column, i), v), `${values.slice(0, 5)}: [${i}]`).toBe(true));
    }
  });

  it('do not change when later columns are stored', () => {
    const buffer = new ScoreBuffer();
    const kept = Array.from({ length: 200 }, (_, k) => {
      const values = Array.from({ length: 50 + (k % 7) }, (_, i) => (i * k) % 300);
      buffer.scratch(values.length).set(values);
      return { values, column: buffer.column(0, values.length) };
    });
    for (const { values, column } of kept) values.forEach((v, i) => expect(scoreAt(column, i)).toBe(v));
  });
});

describe('matching-pod counts on a node', () => {
  const constraint: SpreadConstraint = {
    maxSkew: 1,
    topologyKey: 'kubernetes.io/hostname',
    selector: compileSelector({ matchLabels: { app: 'web' } })!,
    countKey: 'test-count-key',
    minDomains: 1,
    honorNodeAffinity: true,
    honorNodeTaints: false,
  };
  const pod = (name: string, namespace: string, app: string, terminating = false): KObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app }, ...(terminating ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  });

  it('stay equal to a recount as pods come and go', () => {
    const node = new NodeInfo('n1');
    const present = new Map<string, KObject>();
    const recount = () => {
      const fresh = new NodeInfo('fresh');
      for (const p of present.values()) fresh.addPod(newPodInfo(p));
      return countMatching(fresh, constraint, 'default');
    };
    const steps: [string, KObject | undefined][] = [
      ['a', pod('a', 'default', 'web')],
      ['b', pod('b', 'default', 'db')],
      ['c', pod('c', 'other', 'web')],
      ['d', pod('d', 'default', 'web', true)],
      ['e', pod('e', 'default', 'web')],
      ['a', undefined],
      ['d', undefined],
      ['f', pod('f', 'default', 'web')],
      ['e', undefined],
      ['f', undefined],
    ];
    countMatching(node, constraint, 'default');
    for (const [name, p] of steps) {
      const key = `${p?.metadata.namespace ?? [...present.values()].find((x) => x.metadata.name === name)!.metadata.namespace}/${name}`;
      if (p) {
        present.set(key, p);
        node.addPod(newPodInfo(p));
      } else {
        present.delete(key);
        node.removePod(key);
      }
      expect(countMatching(node, constraint, 'default'), `after ${p ? 'adding' : 'removing'} ${name}`).toBe(recount());
    }
  });
});
