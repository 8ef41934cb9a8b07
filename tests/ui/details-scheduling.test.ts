// The Scheduling section's table, built from records the real scheduler wrote.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { attemptView, isSchedulingRecord, type SchedulingRecord } from '../../src/ui/details/scheduling-view';

function cluster() {
  const c = createCluster({ seed: 1, workers: 3 });
  c.advance(60_000);
  return c;
}

function record(c: ReturnType<typeof cluster>, name: string): SchedulingRecord {
  const res = c.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}/scheduling` });
  expect(res.status).toBe(200);
  expect(isSchedulingRecord(res.body)).toBe(true);
  return res.body as SchedulingRecord;
}

const pod = (name: string, cpu: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers: [{name: c, image: nginx, resources: {requests: {cpu: "${cpu}"}}}]
`;

describe('scheduling record -> table rows', () => {
  it('marks the chosen node, shows every score plugin as a column and explains the control plane was filtered out', () => {
    const c = cluster();
    expect(c.kubectl('kubectl apply -f -', pod('small', '100m')).exitCode).toBe(0);
    c.advance(2_000);
    const bound = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/small' }).body.spec.nodeName;
    const view = attemptView(record(c, 'small'))!;

    expect(view.result).toBe('Scheduled');
    expect(view.rows.map((r) => r.node)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    const winner = view.rows.filter((r) => r.verdict === 'selected');
    expect(winner.map((r) => r.node)).toEqual([bound]);
    expect(view.headline).toContain(`Scheduled on ${bound}`);

    const cp = view.rows[0];
    expect(cp).toMatchObject({ verdict: 'rejected', plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable' });
    expect(cp.reasons).toEqual(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']);
    expect(cp.total).toBeUndefined();

    expect(view.plugins).toContain('TaintToleration');
    expect(view.plugins).toContain('NodeResourcesFit');
    for (const r of view.rows.filter((x) => x.verdict !== 'rejected')) {
      const sum = view.plugins.reduce((acc, p) => acc + (r.scores[p]?.weighted ?? 0), 0);
      expect(sum).toBe(r.total);
      expect(r.scores.TaintToleration).toEqual({ weighted: 300, detail: '100×3' });
    }
    const best = Math.max(...view.rows.map((r) => r.total ?? -1));
    expect(winner[0].total).toBe(best);
    expect(view.counts).toBe('4 node(s): 4 evaluated, 3 passed the filters');
  });

  it('for a pod no node fits: the FailedScheduling message and the filter that rejected each node', () => {
    const c = cluster();
    c.kubectl('kubectl apply -f -', pod('hog', '100'));
    c.advance(2_000);
    const view = attemptView(record(c, 'hog'))!;
    expect(view.result).toBe('Unschedulable');
    expect(view.headline).toBe('Pending: no node fits this pod.');
    expect(view.message).toMatch(/^0\/4 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 3 Insufficient cpu\./);
    expect(view.plugins).toEqual([]);
    const workers = view.rows.filter((r) => r.node.startsWith('worker-'));
    expect(workers).toHaveLength(3);
    for (const w of workers) expect(w).toMatchObject({ verdict: 'rejected', plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] });
  });

  it('says when one node was the only choice and scoring was skipped', () => {
    const c = cluster();
    c.kubectl('kubectl cordon worker-1');
    c.kubectl('kubectl cordon worker-2');
    c.kubectl('kubectl apply -f -', pod('only', '100m'));
    c.advance(2_000);
    const view = attemptView(record(c, 'only'))!;
    expect(view.headline).toBe('Scheduled on worker-3: the only node that passed the filters.');
    expect(view.rows.find((r) => r.node === 'worker-1')).toMatchObject({ verdict: 'rejected', plugin: 'NodeUnschedulable', reasons: ['node(s) were unschedulable'] });
    expect(view.notes).toContain('Scoring skipped: only one node passed the filters.');
  });

  it('shows preemption: the nominated node and its victims', () => {
    const c = cluster();
    const pc = c.kubectl('kubectl apply -f -', 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n');
    expect(pc.exitCode).toBe(0);
    for (const n of [1, 2, 3]) {
      c.kubectl(
        'kubectl apply -f -',
        `apiVersion: v1
kind: Pod
metadata: {name: filler-${n}}
spec:
  nodeName: worker-${n}
  containers: [{name: c, image: nginx, resources: {requests: {cpu: "3500m"}}}]
`,
      );
    }
    c.advance(5_000);
    c.kubectl(
      'kubectl apply -f -',
      `apiVersion: v1
kind: Pod
metadata: {name: vip}
spec:
  priorityClassName: high
  containers: [{name: c, image: nginx, resources: {requests: {cpu: "3"}}}]
`,
    );
    c.advance(1_000);
    const rec = record(c, 'vip');
    const first = attemptView(rec, 0)!;
    expect(first.preemption).toBeDefined();
    expect(first.preemption!.victims).toHaveLength(1);
    expect(first.preemption!.victims[0]).toMatch(/^filler-\d$/);
    expect(first.headline).toBe(`Pending: no node fits now; preempting 1 pod(s) on ${first.preemption!.nominatedNode}.`);
  });
});
