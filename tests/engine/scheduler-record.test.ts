import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { CONTROL_PLANE_TAINT, createPod, nodeOf, podBody, schedulingRecord } from './scheduler-helpers';

const TITLE = 'Kubeplay Scheduling Record (simulator explanation, not printed by real kubectl):';

describe('scheduler: the scheduling record a learner reads', () => {
  it('serves GET pods/{name}/scheduling with every node, its filter or its scores, and the winner', () => {
    const c = createCluster();
    createPod(c, podBody('web', { requests: { cpu: '250m', memory: '64Mi' } }));
    c.advance(0);
    const res = schedulingRecord(c, 'web');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc).toMatchObject({
      apiVersion: 'kubeplay.dev/v1alpha1',
      kind: 'PodSchedulingRecord',
      metadata: { name: 'web', namespace: 'default' },
      schedulerName: 'default-scheduler',
      attempts: 1,
      weights: { TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, PodTopologySpread: 2, InterPodAffinity: 2, NodeResourcesBalancedAllocation: 1, ImageLocality: 1 },
    });
    const a = doc.history[0];
    expect(a).toMatchObject({ attempt: 1, time: '2026-01-01T00:00:00Z', result: 'Scheduled', node: nodeOf(c, 'web'), nodesTotal: 4, nodesEvaluated: 4, feasibleNodes: 3 });
    expect(a.nodes.map((n: any) => n.name)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect(a.nodes[0]).toEqual({
      name: 'control-plane',
      feasible: false,
      filter: { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: [CONTROL_PLANE_TAINT] },
    });
    const selected = a.nodes.filter((n: any) => n.selected);
    expect(selected.map((n: any) => n.name)).toEqual([a.node]);
    for (const n of a.nodes.slice(1)) {
      for (const s of n.scores) expect(s.weighted).toBe(s.normalized * s.weight);
      expect(n.total).toBe(n.scores.reduce((t: number, s: any) => t + s.weighted, 0));
    }
    // kubectl reaches it too.
    const raw = c.kubectl('get --raw /api/v1/namespaces/default/pods/web/scheduling');
    expect(JSON.parse(raw.stdout).kind).toBe('PodSchedulingRecord');
  });

  it('keeps the failed attempts with their message', () => {
    const c = createCluster();
    createPod(c, podBody('big', { requests: { cpu: '5' } }));
    c.advance(0);
    const a = schedulingRecord(c, 'big').body.history[0];
    expect(a.result).toBe('Unschedulable');
    expect(a.message).toMatch(/^0\/4 nodes are available: 1 node\(s\) had untolerated taint/);
    expect(a.feasibleNodes).toBe(0);
    expect(a.nodes[1]).toEqual({
      name: 'worker-1',
      feasible: false,
      filter: { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] },
    });
  });

  it('says when scoring was skipped because a single node fit', () => {
    const c = createCluster();
    createPod(c, podBody('pinned', { nodeSelector: { 'kubernetes.io/hostname': 'worker-2' } }));
    c.advance(0);
    const a = schedulingRecord(c, 'pinned').body.history[0];
    expect(a).toMatchObject({ result: 'Scheduled', node: 'worker-2', feasibleNodes: 1, scoring: 'skipped: only one node passed the filters' });
    expect(a.nodes.find((n: any) => n.name === 'worker-2')).toEqual({ name: 'worker-2', feasible: true, selected: true });
  });

  it('answers 404 for a pod the scheduler never saw, and the record goes with the pod', () => {
    const c = createCluster();
    createPod(c, podBody('direct', { nodeName: 'worker-1' }));
    c.advance(0);
    const res = schedulingRecord(c, 'direct');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
    expect(res.body.message).toBe('no scheduling record for pod "direct": the scheduler has not tried to schedule it');
    expect(schedulingRecord(c, 'missing').body.message).toBe('pods "missing" not found');
    createPod(c, podBody('gone'));
    c.advance(0);
    c.kubectl('delete pod gone --grace-period=0 --force');
    createPod(c, podBody('gone'));
    expect(schedulingRecord(c, 'gone').status).toBe(404);
  });

  it('adds a clearly labelled section to kubectl describe pod only when a record exists', () => {
    const c = createCluster();
    createPod(c, podBody('big', { requests: { cpu: '5' } }));
    createPod(c, podBody('direct', { nodeName: 'worker-1' }));
    c.advance(0);
    const out = c.kubectl('describe pod big').stdout;
    const section = out.slice(out.indexOf(TITLE), out.indexOf('Events:'));
    expect(out.indexOf('Tolerations:')).toBeLessThan(out.indexOf(TITLE));
    expect(section.split('\n')).toEqual([
      TITLE,
      '  Attempts:  1 (latest at 2026-01-01T00:00:00Z)',
      expect.stringMatching(/^ {2}Result: {4}Unschedulable: 0\/4 nodes are available: 1 node\(s\) had untolerated taint/),
      '  Nodes:     4 total, 4 filtered, 0 feasible',
      '  Node           Filter                                                                                    Score  Weighted scores by plugin',
      '  ----           ------                                                                                    -----  -------------------------',
      '  control-plane  TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }  -      -',
      '  worker-1       NodeResourcesFit: Insufficient cpu                                                        -      -',
      '  worker-2       NodeResourcesFit: Insufficient cpu                                                        -      -',
      '  worker-3       NodeResourcesFit: Insufficient cpu                                                        -      -',
      '',
    ]);
    expect(c.kubectl('describe pod direct').stdout).not.toContain('Kubeplay');
  });

  it('shows the scores and the selected node in describe', () => {
    const c = createCluster();
    createPod(c, podBody('web'));
    c.advance(0);
    const out = c.kubectl('describe pod web').stdout;
    const node = nodeOf(c, 'web');
    expect(out).toContain(`  Result:    Scheduled on ${node}\n`);
    expect(out).toMatch(new RegExp(`  ${node}\\s+passed \\(selected\\)\\s+\\d+\\s+TaintToleration 100x3, NodeResourcesFit \\d+x1, `));
  });
});
