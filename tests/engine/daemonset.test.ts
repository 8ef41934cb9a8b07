import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { events, listPods } from './daemonset-test-helpers';

const cluster = (): Cluster => createCluster();

const dsPath = '/apis/apps/v1/namespaces/default/daemonsets';

function daemonSet(extra: Record<string, any> = {}, podSpec: Record<string, any> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox:1.36', command: ['sleep', '3600'] }], ...podSpec } },
      ...extra,
    },
  };
}

const nodeOf = (p: any) => p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0];
const getDs = (c: Cluster) => c.request({ method: 'GET', path: `${dsPath}/agent` }).body;

function setImage(c: Cluster, image: string): void {
  const ds = getDs(c);
  ds.spec.template.spec.containers[0].image = image;
  expect(c.request({ method: 'PUT', path: `${dsPath}/agent`, body: ds }).status).toBe(200);
  c.advance(0);
}

describe('DaemonSet controller', () => {
  it('creates one pod per schedulable worker, pinned through node affinity, with the daemon tolerations', () => {
    const c = cluster();
    expect(c.request({ method: 'POST', path: dsPath, body: daemonSet() }).status).toBe(201);
    c.advance(0);
    const pods = listPods(c, 'app=agent');
    expect(pods.map(nodeOf).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    const pod = pods[0];
    expect(pod.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.labels['controller-revision-hash']).toMatch(/^[456789bcdf]+$/);
    expect(pod.metadata.labels['pod-template-generation']).toBe('1');
    expect(pod.metadata.ownerReferences[0]).toMatchObject({ kind: 'DaemonSet', name: 'agent', controller: true, blockOwnerDeletion: true });
    // The scheduler (not the controller) binds the pod, to the node its affinity names.
    for (const p of pods) if (p.spec.nodeName) expect(p.spec.nodeName).toBe(nodeOf(p));
    const keys = pod.spec.tolerations.map((t: any) => `${t.key}:${t.effect}`);
    expect(keys).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(pod.spec.tolerations[0].tolerationSeconds).toBeUndefined();
    const created = events(c).filter((e) => e.involvedObject.kind === 'DaemonSet' && e.reason === 'SuccessfulCreate');
    expect(created.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(created[0].source.component).toBe('daemonset-controller');
  });

  it('runs on the control plane when the pods tolerate its taint, and adds network-unavailable for hostNetwork', () => {
    const c = cluster();
    const tol = { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }], hostNetwork: true };
    c.request({ method: 'POST', path: dsPath, body: daemonSet({}, tol) });
    c.advance(0);
    const pods = listPods(c, 'app=agent');
    expect(pods.map(nodeOf).sort()).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect(pods[0].spec.tolerations.map((t: any) => t.key)).toContain('node.kubernetes.io/network-unavailable');
  });

  it('follows nodeSelector and node label changes', () => {
    const c = cluster();
    c.request({ method: 'POST', path: dsPath, body: daemonSet({}, { nodeSelector: { disk: 'ssd' } }) });
    c.advance(0);
    expect(listPods(c, 'app=agent')).toHaveLength(0);
    expect(c.kubectl('label node worker-2 disk=ssd').stdout).toBe('node/worker-2 labeled\n');
    expect(listPods(c, 'app=agent').map(nodeOf)).toEqual(['worker-2']);
    const name = listPods(c, 'app=agent')[0].metadata.name;
    c.kubectl('label node worker-2 disk-');
    expect(listPods(c, 'app=agent').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(events(c).some((e) => e.reason === 'SuccessfulDelete' && e.message === `Deleted pod: ${name}`)).toBe(true);
  });

  it('reports status counters as pods get scheduled and ready', () => {
    const c = cluster();
    c.request({ method: 'POST', path: dsPath, body: daemonSet() });
    c.advance(0);
    expect(getDs(c).status).toEqual({
      currentNumberScheduled: 3,
      desiredNumberScheduled: 3,
      numberMisscheduled: 0,
      numberReady: 0,
      numberUnavailable: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
    });
    c.advance(30_000);
    expect(getDs(c).status).toEqual({
      currentNumberScheduled: 3,
      desiredNumberScheduled: 3,
      numberAvailable: 3,
      numberMisscheduled: 0,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
    });
    const out = c.kubectl('get ds agent').stdout.split('\n');
    expect(out[0]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE$/);
    expect(out[1]).toMatch(/^agent\s+3\s+3\s+3\s+3\s+3\s+<none>\s+30s$/);
  });

  /** Step the clock one second at a time until every pod runs the new template, checking an invariant on each step. */
  function rollOut(c: Cluster, oldHash: string, check: (live: any[], ready: number) => void): number {
    for (let s = 1; s <= 600; s++) {
      c.advance(1000);
      const all = listPods(c, 'app=agent');
      const live = all.filter((p) => !p.metadata.deletionTimestamp);
      const ready = live.filter((p) => p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')).length;
      check(live, ready);
      if (ready === 3 && all.length === 3 && all.every((p) => p.metadata.labels['controller-revision-hash'] !== oldHash)) return s;
    }
    throw new Error('rollout did not finish');
  }

  it('rolls out a new template one node at a time with maxUnavailable 1', () => {
    const c = cluster();
    c.request({ method: 'POST', path: dsPath, body: daemonSet() });
    c.advance(30_000);
    const oldHash = listPods(c, 'app=agent')[0].metadata.labels['controller-revision-hash'];
    setImage(c, 'busybox:1.37');
    // One old pod is terminating; its node gets the new pod only once it is gone.
    const live = listPods(c, 'app=agent').filter((p) => !p.metadata.deletionTimestamp);
    expect(live.map((p) => p.metadata.labels['controller-revision-hash'])).toEqual([oldHash, oldHash]);
    rollOut(c, oldHash, (pods, ready) => {
      expect(ready).toBeGreaterThanOrEqual(2);
      expect(pods.length).toBeLessThanOrEqual(3);
    });
    expect(listPods(c, 'app=agent').every((p) => p.metadata.labels['pod-template-generation'] === '2')).toBe(true);
    expect(getDs(c).status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
  });

  it('surges a new pod before deleting the old one with maxSurge', () => {
    const c = cluster();
    const strategy = { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } };
    c.request({ method: 'POST', path: dsPath, body: daemonSet(strategy) });
    c.advance(30_000);
    const oldHash = listPods(c, 'app=agent')[0].metadata.labels['controller-revision-hash'];
    setImage(c, 'busybox:1.37');
    expect(listPods(c, 'app=agent')).toHaveLength(4);
    rollOut(c, oldHash, (pods, ready) => {
      expect(ready).toBeGreaterThanOrEqual(3);
      expect(pods.length).toBeLessThanOrEqual(4);
    });
    expect(getDs(c).status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, numberReady: 3 });
  });

  it('deletes daemon pods from a node that gets an untolerated NoExecute taint', () => {
    const c = cluster();
    c.request({ method: 'POST', path: dsPath, body: daemonSet() });
    c.advance(0);
    c.request({
      method: 'PATCH',
      path: '/api/v1/nodes/worker-3',
      contentType: 'application/merge-patch+json',
      body: { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] } },
    });
    c.advance(0);
    const pods = listPods(c, 'app=agent').filter((p) => !p.metadata.deletionTimestamp);
    expect(pods.map(nodeOf).sort()).toEqual(['worker-1', 'worker-2']);
    expect(getDs(c).status.desiredNumberScheduled).toBe(2);
  });
});
