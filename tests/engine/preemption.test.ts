/** Scheduler preemption (DefaultPreemption) and PriorityClasses, driven through the API and kubectl. */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { createPod, failedSchedulingMessage, getPod, podBody, schedulingEvents } from './scheduler-helpers';

function applyClasses(c: Cluster): void {
  const res = c.kubectl(
    'kubectl apply -f -',
    [
      'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: low\nvalue: 100',
      'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 1000',
      'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: polite\nvalue: 1000\npreemptionPolicy: Never',
    ].join('\n---\n'),
  );
  expect(res.stderr).toBe('');
}

describe('PriorityClass', { timeout: 30_000 }, () => {
  it('serves the system classes with the real printer columns', () => {
    const c = createCluster();
    const out = c.kubectl('kubectl get priorityclasses').stdout;
    expect(out).toMatch(/^NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE\s+PREEMPTIONPOLICY\n/);
    expect(out).toMatch(/\nsystem-cluster-critical\s+2000000000\s+false\s+\S+\s+PreemptLowerPriority\n/);
    expect(out).toMatch(/\nsystem-node-critical\s+2000001000\s+false\s+\S+\s+PreemptLowerPriority\n/);
    expect(c.kubectl('kubectl get pc system-node-critical -o jsonpath={.description}').stdout).toBe(
      'Used for system critical pods that must not be moved from their current node.',
    );
  });

  it('resolves priorityClassName at admission and refuses an unknown class', () => {
    const c = createCluster();
    applyClasses(c);
    createPod(c, podBody('p', { priorityClassName: 'high' }));
    expect(getPod(c, 'p').spec).toMatchObject({ priority: 1000, preemptionPolicy: 'PreemptLowerPriority' });
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\nspec:\n  priorityClassName: nope\n  containers:\n  - name: app\n    image: nginx';
    const res = c.kubectl('kubectl create -f -', manifest);
    expect(res.stderr).toBe('Error from server (Forbidden): error when creating "STDIN": pods "q" is forbidden: no PriorityClass with name nope was found\n');
  });

  it('gives pods without a class the single global default', () => {
    const c = createCluster();
    const pc = (name: string) => `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\nvalue: 50\nglobalDefault: true`;
    expect(c.kubectl('kubectl create -f -', pc('normal')).stderr).toBe('');
    expect(c.kubectl('kubectl create -f -', pc('other')).stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass normal is already marked as default. Only one default can exist\n',
    );
    createPod(c, podBody('plain'));
    expect(getPod(c, 'plain').spec).toMatchObject({ priorityClassName: 'normal', priority: 50 });
    expect(c.kubectl('kubectl get pc normal --no-headers').stdout).toMatch(/^normal\s+50\s+true\s+0s\s+PreemptLowerPriority\n$/);
  });

  it('validates values and reserved names as the API server does', () => {
    const c = createCluster();
    const big = c.kubectl('kubectl apply -f -', 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: too-big\nvalue: 2000000001');
    expect(big.stderr).toContain(
      'The PriorityClass "too-big" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    );
    applyClasses(c);
    const changed = c.kubectl(`kubectl patch pc low -p '{"value":5}'`);
    expect(changed.stderr).toBe('The PriorityClass "low" is invalid: value: Forbidden: may not be changed in an update.\n');
  });
});

/** Fill the three 4-cpu workers with low-priority pods of 1.5 cpu each (two per node, 3 cpu used). */
function fillWorkers(c: Cluster): string[] {
  const names: string[] = [];
  for (let i = 0; i < 6; i++) {
    createPod(c, podBody(`low-${i}`, { priorityClassName: 'low', requests: { cpu: '1500m' }, terminationGracePeriodSeconds: 5 }));
    names.push(`low-${i}`);
  }
  c.advance(5000);
  for (const n of names) expect(getPod(c, n).spec.nodeName).toMatch(/^worker-/);
  return names;
}

describe('preemption', { timeout: 30_000 }, () => {
  it('evicts one lower-priority pod, nominates the node, then binds the preemptor there', () => {
    const c = createCluster({ seed: 3 });
    applyClasses(c);
    const lows = fillWorkers(c);
    createPod(c, podBody('vip', { priorityClassName: 'high', requests: { cpu: '2' } }));
    c.advance(0);
    const vip = getPod(c, 'vip');
    const nominated = vip.status.nominatedNodeName;
    expect(nominated).toMatch(/^worker-[123]$/);
    expect(vip.spec.nodeName).toBeUndefined();
    // Without preemption's own message the FailedScheduling text is the filter histogram alone.
    expect(failedSchedulingMessage(c, 'vip')).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.',
    );
    const victims = lows.filter((n) => getPod(c, n).metadata.deletionTimestamp);
    expect(victims).toHaveLength(1);
    const victim = getPod(c, victims[0]);
    expect(victim.spec.nodeName).toBe(nominated);
    expect(victim.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'PreemptionByScheduler',
        message: 'default-scheduler: preempting to accommodate a higher priority pod',
      }),
    );
    const ev = schedulingEvents(c, victims[0], 'Preempted');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: 'Normal', source: { component: 'default-scheduler' }, message: `Preempted by pod ${vip.metadata.uid} on node ${nominated}` });
    expect(c.kubectl('kubectl get pod vip -o wide').stdout).toMatch(new RegExp(`\\nvip\\s+0/1\\s+Pending\\s+0\\s+\\S+\\s+<none>\\s+<none>\\s+${nominated}\\s+<none>\\n`));
    expect(c.kubectl('kubectl describe pod vip').stdout).toMatch(new RegExp(`Preemption:\\s+nominated ${nominated}, preempting ${victims[0]}\\n`));

    c.advance(30_000);
    expect(getPod(c, victims[0])?.metadata?.name).toBeUndefined();
    const bound = getPod(c, 'vip');
    expect(bound.spec.nodeName).toBe(nominated);
    expect(bound.status.phase).toBe('Running');
  });

  it('keeps the freed space for the preemptor: the replacement of a Deployment victim stays Pending', () => {
    const c = createCluster({ seed: 11 });
    applyClasses(c);
    const deploy = c.kubectl('kubectl create deployment filler --image=nginx --replicas=6');
    expect(deploy.exitCode).toBe(0);
    c.kubectl(`kubectl patch deployment filler -p '{"spec":{"template":{"spec":{"priorityClassName":"low","containers":[{"name":"nginx","resources":{"requests":{"cpu":"1500m"}}}]}}}}'`);
    c.advance(60_000);
    expect(c.kubectl('kubectl get deploy filler --no-headers').stdout).toMatch(/^filler\s+6\/6\s+6\s+6\s/);
    createPod(c, podBody('vip', { priorityClassName: 'high', requests: { cpu: '2' } }));
    c.advance(0);
    const nominated = getPod(c, 'vip').status.nominatedNodeName;
    c.advance(60_000);
    expect(getPod(c, 'vip').spec.nodeName).toBe(nominated);
    const pods = c.kubectl('kubectl get pods -l app=filler --no-headers').stdout.trim().split('\n');
    expect(pods.filter((l) => /\sRunning\s/.test(l))).toHaveLength(5);
    const pending = pods.filter((l) => /\sPending\s/.test(l));
    expect(pending).toHaveLength(1);
    const name = pending[0].split(/\s+/)[0];
    expect(failedSchedulingMessage(c, name)).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
        'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..',
    );
  });

  it('prefers the node whose victims have the lowest priority', () => {
    const c = createCluster({ seed: 5 });
    applyClasses(c);
    c.kubectl('kubectl apply -f -', 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: mid\nvalue: 500');
    // worker-1 and worker-2 hold "mid" pods, worker-3 "low" ones: worker-3 is the cheapest to preempt on.
    for (const [i, node] of ['worker-1', 'worker-1', 'worker-2', 'worker-2', 'worker-3', 'worker-3'].entries()) {
      const cls = node === 'worker-3' ? 'low' : 'mid';
      createPod(c, podBody(`p-${i}`, { priorityClassName: cls, nodeName: node, requests: { cpu: '1500m' } }));
    }
    c.advance(5000);
    createPod(c, podBody('vip', { priorityClassName: 'high', requests: { cpu: '2' } }));
    c.advance(0);
    expect(getPod(c, 'vip').status.nominatedNodeName).toBe('worker-3');
    const deleting = ['p-4', 'p-5'].filter((n) => getPod(c, n).metadata.deletionTimestamp);
    expect(deleting).toHaveLength(1);
  });

  it('reports no victims when nothing has lower priority, and respects preemptionPolicy Never', () => {
    const c = createCluster();
    applyClasses(c);
    fillWorkers(c);
    createPod(c, podBody('same', { priorityClassName: 'low', requests: { cpu: '2' } }));
    createPod(c, podBody('polite', { priorityClassName: 'polite', requests: { cpu: '2' } }));
    createPod(c, podBody('huge', { priorityClassName: 'high', requests: { cpu: '8' } }));
    c.advance(0);
    const base = '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.';
    expect(failedSchedulingMessage(c, 'same')).toBe(
      `${base} preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..`,
    );
    expect(failedSchedulingMessage(c, 'polite')).toBe(`${base} preemption: not eligible due to preemptionPolicy=Never..`);
    // Removing every lower-priority pod still leaves too little cpu: the filter's reason is the node's status.
    expect(failedSchedulingMessage(c, 'huge')).toBe(
      `${base} preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 Insufficient cpu..`,
    );
    expect(getPod(c, 'polite').status.nominatedNodeName).toBeUndefined();
    for (let i = 0; i < 6; i++) expect(getPod(c, `low-${i}`).metadata.deletionTimestamp).toBeUndefined();
  });
});
