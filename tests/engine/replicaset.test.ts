import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { activePods, events, makeReady, messages, NAME_SUFFIX, podTemplate, pods, readyPods } from './deployment-helpers';

const RS_PATH = '/apis/apps/v1/namespaces/default/replicasets';
const PODS = '/api/v1/namespaces/default/pods';

function createRS(c: Cluster, name: string, replicas: number, extra: Record<string, unknown> = {}) {
  const res = c.request({
    method: 'POST',
    path: RS_PATH,
    body: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name },
      spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: podTemplate('nginx'), ...extra },
    },
  });
  expect(res.status).toBe(201);
  c.advance(0);
  return res.body;
}

const scaleRS = (c: Cluster, name: string, replicas: number) => {
  c.request({ method: 'PATCH', path: `${RS_PATH}/${name}`, contentType: 'application/merge-patch+json', body: { spec: { replicas } } });
  c.advance(0);
};
const getRS = (c: Cluster, name: string) => c.request({ method: 'GET', path: `${RS_PATH}/${name}` }).body;
const byName = (ps: any[]) => [...ps].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
const names = (ps: any[]) => ps.map((p) => p.metadata.name).sort();
const annotate = (c: Cluster, pod: string, annotations: Record<string, string>) =>
  c.request({ method: 'PATCH', path: `${PODS}/${pod}`, contentType: 'application/merge-patch+json', body: { metadata: { annotations } } });
const bind = (c: Cluster, pod: string, node: string) =>
  c.request({
    method: 'POST',
    path: `${PODS}/${pod}/binding`,
    body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: pod }, target: { apiVersion: 'v1', kind: 'Node', name: node } },
  });

describe('ReplicaSet: creating pods', () => {
  it('creates exactly spec.replicas pods named <rs>-<5 chars>, owned by the ReplicaSet', () => {
    const c = createCluster();
    const rs = createRS(c, 'web', 3);
    c.advance(5_000);
    const ps = pods(c, 'app=web');
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${NAME_SUFFIX.source}$`));
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
      expect(p.spec.containers[0].image).toBe('nginx');
    }
    expect(messages(c, 'SuccessfulCreate').sort()).toEqual(names(ps).map((n) => `Created pod: ${n}`));
    expect(events(c, 'SuccessfulCreate')[0].source).toEqual({ component: 'replicaset-controller' });
    expect(getRS(c, 'web').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it('creates large counts in full without double-creating (burst of 500 per sync, then the rest)', () => {
    const c = createCluster();
    createRS(c, 'web', 600);
    expect(pods(c, 'app=web')).toHaveLength(600);
    c.advance(10_000);
    expect(pods(c, 'app=web')).toHaveLength(600);
    expect(getRS(c, 'web').status.replicas).toBe(600);
  });

  it('replaces a deleted pod', () => {
    const c = createCluster();
    createRS(c, 'web', 2);
    const [victim] = pods(c, 'app=web');
    c.request({ method: 'DELETE', path: `${PODS}/${victim.metadata.name}` });
    c.advance(0);
    const now = pods(c, 'app=web');
    expect(now).toHaveLength(2);
    expect(names(now)).not.toContain(victim.metadata.name);
  });

  it('counts availableReplicas only after minReadySeconds of readiness', () => {
    const c = createCluster();
    createRS(c, 'web', 2, { minReadySeconds: 10 });
    readyPods(c, 'app=web');
    expect(getRS(c, 'web').status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(getRS(c, 'web').status.availableReplicas).toBeUndefined();
    c.advance(9_000);
    expect(getRS(c, 'web').status.availableReplicas).toBeUndefined();
    c.advance(3_000);
    expect(getRS(c, 'web').status.availableReplicas).toBe(2);
  });
});

describe('ReplicaSet: scale-down ranking', () => {
  it('deletes not-ready pods first, then the lowest pod-deletion-cost', () => {
    const c = createCluster();
    createRS(c, 'web', 5);
    const ps = byName(pods(c, 'app=web'));
    for (const p of ps.slice(0, 3)) makeReady(c, p);
    annotate(c, ps[0].metadata.name, { 'controller.kubernetes.io/pod-deletion-cost': '10' });
    annotate(c, ps[1].metadata.name, { 'controller.kubernetes.io/pod-deletion-cost': '5' });
    c.advance(0);
    scaleRS(c, 'web', 2);
    expect(names(pods(c, 'app=web'))).toEqual(names(ps.slice(0, 2)));
    expect(messages(c, 'SuccessfulDelete').sort()).toEqual(names(ps.slice(2)).map((n) => `Deleted pod: ${n}`));
  });

  it('deletes unassigned before assigned, and Pending before Running', () => {
    const c = createCluster();
    createRS(c, 'web', 3);
    const [assigned, pending, running] = byName(pods(c, 'app=web'));
    bind(c, assigned.metadata.name, 'nowhere');
    makeReady(c, running);
    c.advance(0);
    scaleRS(c, 'web', 2);
    expect(names(activePods(c, 'app=web'))).toEqual(names([assigned, running]));
    scaleRS(c, 'web', 1);
    expect(names(activePods(c, 'app=web'))).toEqual([assigned.metadata.name]);
    expect(pending.metadata.name).not.toBe(running.metadata.name);
  });

  it('deletes from the node that runs the most sibling pods first', () => {
    const c = createCluster();
    createRS(c, 'web', 4);
    const ps = byName(pods(c, 'app=web'));
    ps.forEach((p, i) => bind(c, p.metadata.name, i < 3 ? 'crowded' : 'quiet'));
    c.advance(0);
    for (const p of pods(c, 'app=web')) makeReady(c, p);
    c.advance(0);
    scaleRS(c, 'web', 3);
    const left = activePods(c, 'app=web');
    expect(left.map((p) => p.spec.nodeName).sort()).toEqual(['crowded', 'crowded', 'quiet']);
    // A bound pod is deleted gracefully: it stays Terminating until its kubelet finishes it.
    expect(pods(c, 'app=web').filter((p) => p.metadata.deletionTimestamp)).toHaveLength(1);
    expect(getRS(c, 'web').status.replicas).toBe(3);
  });
});

describe('ReplicaSet: adoption, release and the garbage collector', () => {
  it('adopts a matching orphan instead of creating a pod', () => {
    const c = createCluster();
    c.request({ method: 'POST', path: PODS, body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: podTemplate('nginx').spec } });
    const rs = createRS(c, 'web', 2);
    const stray = c.request({ method: 'GET', path: `${PODS}/stray` }).body;
    expect(stray.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(pods(c, 'app=web')).toHaveLength(2);
    expect(messages(c, 'SuccessfulCreate')).toHaveLength(1);
  });

  it('releases a pod relabelled out of the selector and replaces it', () => {
    const c = createCluster();
    createRS(c, 'web', 2);
    const [out] = byName(pods(c, 'app=web'));
    c.request({ method: 'PATCH', path: `${PODS}/${out.metadata.name}`, contentType: 'application/merge-patch+json', body: { metadata: { labels: { app: 'debug' } } } });
    c.advance(0);
    const released = c.request({ method: 'GET', path: `${PODS}/${out.metadata.name}` }).body;
    expect(released.metadata.ownerReferences).toBeUndefined();
    expect(pods(c, 'app=web')).toHaveLength(2);
    expect(names(pods(c, 'app=web'))).not.toContain(out.metadata.name);
  });

  it('orphans pods on --cascade=orphan, a new ReplicaSet adopts them, a background delete removes them', () => {
    const c = createCluster();
    createRS(c, 'web', 2);
    const before = names(pods(c, 'app=web'));
    c.request({ method: 'DELETE', path: `${RS_PATH}/web`, body: { propagationPolicy: 'Orphan' } });
    c.advance(0);
    expect(c.request({ method: 'GET', path: `${RS_PATH}/web` }).status).toBe(404);
    const orphans = pods(c, 'app=web');
    expect(names(orphans)).toEqual(before);
    expect(orphans.every((p) => p.metadata.ownerReferences === undefined)).toBe(true);

    const next = createRS(c, 'web2', 2);
    const adopted = pods(c, 'app=web');
    expect(names(adopted)).toEqual(before);
    expect(adopted.every((p) => p.metadata.ownerReferences?.[0]?.uid === next.metadata.uid)).toBe(true);

    c.request({ method: 'DELETE', path: `${RS_PATH}/web2`, body: { propagationPolicy: 'Background' } });
    c.advance(0);
    expect(pods(c, 'app=web')).toHaveLength(0);
  });

  it('never touches pods controlled by another owner', () => {
    const c = createCluster();
    createRS(c, 'web', 1);
    const [theirs] = pods(c, 'app=web');
    createRS(c, 'web-b', 1);
    expect(pods(c, 'app=web')).toHaveLength(2);
    const again = c.request({ method: 'GET', path: `${PODS}/${theirs.metadata.name}` }).body;
    expect(again.metadata.ownerReferences[0].name).toBe('web');
  });
});
