import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster, type KObject } from '../../src/engine';
import { createPod, nodeOf, placement, podBody, schedulingRecord } from './scheduler-helpers';

const MiB = 1024 * 1024;

function latest(c: Cluster, pod: string) {
  return schedulingRecord(c, pod).body.history.at(-1);
}

function scoreOf(attempt: any, node: string, plugin: string) {
  return attempt.nodes.find((n: any) => n.name === node).scores.find((s: any) => s.plugin === plugin);
}

/** LeastAllocated as the real plugin computes it, from the pods the API lists on the node (non-zero defaults). */
function expectedLeastAllocated(c: Cluster, node: string, incoming: { cpu: number; mem: number }, before: KObject[]): number {
  let cpu = incoming.cpu;
  let mem = incoming.mem;
  for (const p of before.filter((x) => x.spec.nodeName === node && !['Succeeded', 'Failed'].includes(x.status?.phase))) {
    for (const ctr of p.spec.containers) {
      const r = ctr.resources?.requests ?? {};
      cpu += r.cpu ? parseCpu(r.cpu) : 100;
      mem += r.memory ? parseMem(r.memory) : 200 * MiB;
    }
  }
  const n = c.request({ method: 'GET', path: `/api/v1/nodes/${node}` }).body.status.allocatable;
  const alloc = { cpu: parseCpu(n.cpu), mem: parseMem(n.memory) };
  const s = (req: number, cap: number) => (req > cap ? 0 : Math.trunc(((cap - req) * 100) / cap));
  return Math.trunc((s(cpu, alloc.cpu) + s(mem, alloc.mem)) / 2);
}
const parseCpu = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000);
const parseMem = (q: string) => (q.endsWith('Gi') ? Number(q.slice(0, -2)) * 1024 * MiB : q.endsWith('Mi') ? Number(q.slice(0, -2)) * MiB : Number(q));

describe('scheduler: scoring', () => {
  it('spreads the pods of a Service across workers (least-allocated, balanced, topology spread)', () => {
    const c = createCluster({ seed: 3 });
    c.kubectl('create service clusterip web --tcp=80:80');
    const names = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
    for (const n of names) createPod(c, podBody(n, { requests: { cpu: '500m', memory: '256Mi' } }, { app: 'web' }));
    c.advance(0);
    expect(placement(c, names)).toEqual({ 'worker-1': 2, 'worker-2': 2, 'worker-3': 2 });
    const a = latest(c, 'w6');
    expect(a.skippedScorePlugins).toEqual(['NodeAffinity', 'InterPodAffinity']);
    const plugins = a.nodes.find((n: any) => n.feasible).scores.map((s: any) => s.plugin);
    expect(plugins).toEqual(['TaintToleration', 'NodeResourcesFit', 'PodTopologySpread', 'NodeResourcesBalancedAllocation', 'ImageLocality']);
  });

  it('computes LeastAllocated, BalancedAllocation and the weighted total as the real formulas do', () => {
    const c = createCluster({ seed: 5 });
    const before = c.request({ method: 'GET', path: '/api/v1/pods' }).body.items;
    createPod(c, podBody('calc', { requests: { cpu: '1', memory: '2Gi' } }));
    c.advance(0);
    const a = latest(c, 'calc');
    for (const n of a.nodes.filter((x: any) => x.feasible)) {
      const fit = scoreOf(a, n.name, 'NodeResourcesFit');
      expect(fit.raw).toBe(expectedLeastAllocated(c, n.name, { cpu: 1000, mem: 2048 * MiB }, before));
      expect(fit.weight).toBe(1);
      const taint = scoreOf(a, n.name, 'TaintToleration');
      expect(taint).toMatchObject({ raw: 0, normalized: 100, weight: 3, weighted: 300 });
      const total = n.scores.reduce((sum: number, s: any) => sum + s.normalized * s.weight, 0);
      expect(n.total).toBe(total);
    }
    // On an empty 4 CPU / 8Gi worker: LeastAllocated (75+75)/2 = 75, Balanced fractions 0.25/0.25 -> 100.
    const empty = a.nodes.find((x: any) => x.feasible && !before.some((p: any) => p.spec.nodeName === x.name));
    if (empty) {
      expect(scoreOf(a, empty.name, 'NodeResourcesFit').raw).toBe(75);
      expect(scoreOf(a, empty.name, 'NodeResourcesBalancedAllocation').raw).toBe(100);
    }
    const best = Math.max(...a.nodes.filter((x: any) => x.feasible).map((x: any) => x.total));
    expect(a.nodes.find((x: any) => x.selected).total).toBe(best);
    expect(nodeOf(c, 'calc')).toBe(a.node);
  });

  it('prefers nodes matching preferred node affinity', () => {
    const c = createCluster();
    const affinity = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 80, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-3'] }] } },
        ],
      },
    };
    for (const n of ['a', 'b', 'c']) createPod(c, podBody(n, { affinity }));
    c.advance(0);
    expect(placement(c, ['a', 'b', 'c'])).toEqual({ 'worker-3': 3 });
    const a = latest(c, 'a');
    expect(scoreOf(a, 'worker-3', 'NodeAffinity')).toMatchObject({ raw: 80, normalized: 100, weight: 2, weighted: 200 });
    expect(scoreOf(a, 'worker-1', 'NodeAffinity')).toMatchObject({ raw: 0, normalized: 0 });
  });

  it('avoids PreferNoSchedule taints (TaintToleration scores in reverse)', () => {
    const c = createCluster();
    c.kubectl('taint nodes worker-1 worker-2 spot=true:PreferNoSchedule');
    createPod(c, podBody('p'));
    c.advance(0);
    expect(nodeOf(c, 'p')).toBe('worker-3');
    const a = latest(c, 'p');
    expect(scoreOf(a, 'worker-1', 'TaintToleration')).toMatchObject({ raw: 1, normalized: 0 });
    expect(scoreOf(a, 'worker-3', 'TaintToleration')).toMatchObject({ raw: 0, normalized: 100, weighted: 300 });
  });

  it('scores preferred inter-pod affinity and anti-affinity', () => {
    const c = createCluster();
    createPod(c, podBody('db', { nodeName: 'worker-2' }, { app: 'db' }));
    const preferred = (kind: 'podAffinity' | 'podAntiAffinity') => ({
      [kind]: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' } },
        ],
      },
    });
    createPod(c, podBody('near', { affinity: preferred('podAffinity') }));
    c.advance(0);
    expect(nodeOf(c, 'near')).toBe('worker-2');
    expect(scoreOf(latest(c, 'near'), 'worker-2', 'InterPodAffinity')).toMatchObject({ raw: 100, normalized: 100, weight: 2 });
    createPod(c, podBody('far', { affinity: preferred('podAntiAffinity') }));
    c.advance(0);
    expect(nodeOf(c, 'far')).not.toBe('worker-2');
    expect(scoreOf(latest(c, 'far'), 'worker-2', 'InterPodAffinity')).toMatchObject({ raw: -100, normalized: 0 });
  });

  it('prefers a node that already has a large image (ImageLocality, from Node status.images)', () => {
    const c = createCluster();
    const image = 'docker.io/library/python:3.12';
    const warm = podBody('warm', { nodeName: 'worker-1', image, restartPolicy: 'Never' });
    warm.spec.containers[0].command = ['sleep', '5'];
    createPod(c, warm);
    c.advance(120_000);
    const images = c.request({ method: 'GET', path: '/api/v1/nodes/worker-1' }).body.status.images ?? [];
    expect(images.some((i: any) => i.names.includes(image))).toBe(true);
    createPod(c, podBody('py', { image }));
    c.advance(0);
    const a = latest(c, 'py');
    expect(scoreOf(a, 'worker-1', 'ImageLocality').raw).toBeGreaterThan(0);
    expect(scoreOf(a, 'worker-2', 'ImageLocality').raw).toBe(0);
  });

  it('breaks ties with the seeded RNG: the same seed places pods the same way', () => {
    const run = (seed: number) => {
      const c = createCluster({ seed });
      const names = Array.from({ length: 9 }, (_, i) => `p${i}`);
      for (const n of names) createPod(c, podBody(n));
      c.advance(0);
      return names.map((n) => nodeOf(c, n));
    };
    expect(run(42)).toEqual(run(42));
    const firsts = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => run(seed)[0]));
    expect(firsts.size).toBeGreaterThan(1);
  });

  it('scores only a share of the nodes in a large cluster (percentageOfNodesToScore)', () => {
    const c = createCluster({ workers: 200 });
    createPod(c, podBody('one'));
    createPod(c, podBody('two'));
    c.advance(0);
    const first = latest(c, 'one');
    // 201 nodes: 50 - 201/125 = 49% is 98 nodes, raised to the minimum of 100 feasible nodes.
    expect(first).toMatchObject({ nodesTotal: 201, feasibleNodes: 100, nodesEvaluated: 101 });
    const second = latest(c, 'two');
    expect(second).toMatchObject({ nodesTotal: 201, feasibleNodes: 100, nodesEvaluated: 100 });
    // The search resumes where the previous one stopped.
    const seen = new Set(first.nodes.map((n: any) => n.name));
    expect(second.nodes.some((n: any) => seen.has(n.name))).toBe(false);
  });
});
