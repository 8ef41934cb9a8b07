import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import {
  activePods,
  condition,
  createDeployment,
  getDeployment,
  messages,
  patchDeployment,
  pods,
  readyPods,
  replicaSets,
  setImage,
} from './deployment-helpers';

const REV = 'deployment.kubernetes.io/revision';

/** Ready pods until the rollout completes. */
function complete(c: Cluster): void {
  for (let i = 0; i < 50 && readyPods(c, 'app=web') > 0; i++) {
    /* keep going */
  }
}

const revisions = (c: Cluster) => replicaSets(c, 'app=web').map((rs) => [rs.spec.template.spec.containers[0].image, rs.metadata.annotations[REV]]);

describe('Deployment rollback', () => {
  it('re-uses the old ReplicaSet whose template matches and moves its revision', () => {
    const c = createCluster();
    createDeployment(c, 'web', 3, {}, 'nginx:1.27');
    complete(c);
    const [first] = replicaSets(c, 'app=web');
    setImage(c, 'web', 'nginx:1.28');
    complete(c);
    expect(revisions(c)).toEqual([
      ['nginx:1.27', '1'],
      ['nginx:1.28', '2'],
    ]);
    // What `kubectl rollout undo` does: patch the template of revision 1 back onto the Deployment.
    setImage(c, 'web', 'nginx:1.27');
    const rss = replicaSets(c, 'app=web');
    expect(rss).toHaveLength(2);
    const reused = rss.find((rs) => rs.metadata.uid === first.metadata.uid)!;
    expect(reused.metadata.annotations[REV]).toBe('3');
    expect(reused.metadata.annotations['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(getDeployment(c, 'web').metadata.annotations[REV]).toBe('3');
    expect(messages(c, 'ScalingReplicaSet')).toContain(`Scaled up replica set ${first.metadata.name} from 0 to 1`);
    complete(c);
    expect(revisions(c)).toEqual([
      ['nginx:1.28', '2'],
      ['nginx:1.27', '3'],
    ]);
    expect(reused.metadata.name).toBe(first.metadata.name);
    expect(activePods(c, 'app=web').every((p) => p.spec.containers[0].image === 'nginx:1.27')).toBe(true);
  });
});

describe('Deployment Recreate', () => {
  it('scales the old ReplicaSet to 0 and creates the new one only once the old pods are gone', () => {
    const c = createCluster();
    createDeployment(c, 'web', 3, { strategy: { type: 'Recreate' } });
    // Bind the pods to a node without kubelet: their deletion then waits for a kubelet that never comes.
    for (const p of pods(c, 'app=web')) {
      c.request({
        method: 'POST',
        path: `/api/v1/namespaces/default/pods/${p.metadata.name}/binding`,
        body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: p.metadata.name }, target: { apiVersion: 'v1', kind: 'Node', name: 'nowhere' } },
      });
    }
    complete(c);
    const [old] = replicaSets(c, 'app=web');
    setImage(c, 'web', 'nginx:1.28');
    expect(replicaSets(c, 'app=web')).toHaveLength(1);
    expect(replicaSets(c, 'app=web')[0].spec.replicas).toBe(0);
    const terminating = pods(c, 'app=web');
    expect(terminating.every((p) => p.metadata.deletionTimestamp)).toBe(true);
    c.advance(60_000);
    expect(replicaSets(c, 'app=web')).toHaveLength(1);
    // The kubelet's final delete of each old pod.
    for (const p of terminating) {
      c.request({ method: 'DELETE', path: `/api/v1/namespaces/default/pods/${p.metadata.name}`, body: { gracePeriodSeconds: 0 } });
    }
    c.advance(0);
    const [, current] = replicaSets(c, 'app=web');
    expect(current.spec.replicas).toBe(3);
    expect(messages(c, 'ScalingReplicaSet')).toEqual([
      `Scaled up replica set ${old.metadata.name} from 0 to 3`,
      `Scaled down replica set ${old.metadata.name} from 3 to 0`,
      `Scaled up replica set ${current.metadata.name} from 0 to 3`,
    ]);
    const d = getDeployment(c, 'web');
    expect(condition(d, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
    complete(c);
    expect(condition(getDeployment(c, 'web'), 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
  });
});

describe('Deployment progress deadline', () => {
  it('reports ProgressDeadlineExceeded once progressDeadlineSeconds pass without progress', () => {
    const c = createCluster();
    createDeployment(c, 'web', 2, { progressDeadlineSeconds: 60 });
    const [rs] = replicaSets(c, 'app=web');
    c.advance(59_000);
    expect(condition(getDeployment(c, 'web'), 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    c.advance(3_000);
    const cond = condition(getDeployment(c, 'web'), 'Progressing');
    expect(cond).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.`,
    });
    // A timed-out rollout keeps going; progress is reported again when it completes.
    complete(c);
    expect(condition(getDeployment(c, 'web'), 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('does not time out while pods keep becoming ready', () => {
    const c = createCluster();
    createDeployment(c, 'web', 3, { progressDeadlineSeconds: 30 });
    for (let i = 0; i < 3; i++) {
      c.advance(20_000);
      readyPods(c, 'app=web', 1);
    }
    expect(condition(getDeployment(c, 'web'), 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });
});

describe('Deployment pause and resume', () => {
  it('does not roll out while paused, still scales, and reports DeploymentPaused / DeploymentResumed', () => {
    const c = createCluster();
    createDeployment(c, 'web', 2);
    complete(c);
    const reasons: string[] = [];
    c.watch((e) => {
      if (e.object.kind === 'Deployment') {
        const r = condition(e.object, 'Progressing')?.reason;
        if (r && reasons[reasons.length - 1] !== r) reasons.push(r);
      }
    });
    patchDeployment(c, 'web', { spec: { paused: true } });
    expect(condition(getDeployment(c, 'web'), 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    setImage(c, 'web', 'nginx:1.28');
    expect(replicaSets(c, 'app=web')).toHaveLength(1);
    patchDeployment(c, 'web', { spec: { replicas: 4 } });
    expect(replicaSets(c, 'app=web').map((rs) => rs.spec.replicas)).toEqual([4]);
    const d = getDeployment(c, 'web');
    expect(d.status.observedGeneration).toBe(d.metadata.generation);
    patchDeployment(c, 'web', { spec: { paused: false } });
    expect(reasons.slice(0, 4)).toEqual(['NewReplicaSetAvailable', 'DeploymentPaused', 'DeploymentResumed', 'NewReplicaSetCreated']);
    expect(replicaSets(c, 'app=web')).toHaveLength(2);
    complete(c);
    expect(condition(getDeployment(c, 'web'), 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });
});

describe('Deployment scaling mid-rollout', () => {
  it('scales the ReplicaSets proportionally to their size', () => {
    const c = createCluster();
    createDeployment(c, 'web', 10);
    complete(c);
    setImage(c, 'web', 'nginx:1.28');
    expect(replicaSets(c, 'app=web').map((rs) => rs.spec.replicas)).toEqual([8, 5]);
    patchDeployment(c, 'web', { spec: { replicas: 20 } });
    // allowed = 20 + 5 = 25; old 8 * 25/13 = 15.4 -> 15, new 5 * 25/13 = 9.6 -> 10.
    const rss = replicaSets(c, 'app=web');
    expect(rss.map((rs) => rs.spec.replicas)).toEqual([15, 10]);
    expect(rss.map((rs) => rs.metadata.annotations['deployment.kubernetes.io/desired-replicas'])).toEqual(['20', '20']);
    expect(rss.map((rs) => rs.metadata.annotations['deployment.kubernetes.io/max-replicas'])).toEqual(['25', '25']);
    complete(c);
    expect(replicaSets(c, 'app=web').map((rs) => rs.spec.replicas)).toEqual([0, 20]);
  });
});

describe('Deployment revision history', () => {
  it('keeps at most revisionHistoryLimit old ReplicaSets, deleting the oldest revisions', () => {
    const c = createCluster();
    createDeployment(c, 'web', 1, { revisionHistoryLimit: 2 });
    complete(c);
    for (const tag of ['1.28', '1.29', '1.30', '1.31']) {
      setImage(c, 'web', `nginx:${tag}`);
      complete(c);
    }
    expect(revisions(c)).toEqual([
      ['nginx:1.29', '3'],
      ['nginx:1.30', '4'],
      ['nginx:1.31', '5'],
    ]);
  });
});

describe('Deployment ReplicaSet failures', () => {
  it('surfaces a pod creation refused by the API as FailedCreate and ReplicaFailure', () => {
    const c = createCluster();
    createDeployment(c, 'web', 2, { template: { metadata: { labels: { app: 'web' } }, spec: { serviceAccountName: 'nope', containers: [{ name: 'app', image: 'nginx' }] } } });
    const [rs] = replicaSets(c, 'app=web');
    const msg = `pods "${rs.metadata.name}-" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found`;
    expect(messages(c, 'FailedCreate')).toEqual([`Error creating: ${msg}`]);
    const rsCond = rs.status.conditions.find((x: any) => x.type === 'ReplicaFailure');
    expect(rsCond).toMatchObject({ status: 'True', reason: 'FailedCreate', message: msg });
    expect(condition(getDeployment(c, 'web'), 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate', message: msg });
    expect(pods(c, 'app=web')).toHaveLength(0);
  });
});

describe('Deployment ownership', () => {
  it('orphans its ReplicaSet on --cascade=orphan, adopts it back when re-created, and deletes all in the background', () => {
    const c = createCluster();
    createDeployment(c, 'web', 2);
    complete(c);
    const [rs] = replicaSets(c, 'app=web');
    const podNames = pods(c, 'app=web').map((p) => p.metadata.name).sort();
    c.request({ method: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/web', body: { propagationPolicy: 'Orphan' } });
    c.advance(0);
    const orphan = replicaSets(c, 'app=web');
    expect(orphan).toHaveLength(1);
    expect(orphan[0].metadata.ownerReferences).toBeUndefined();

    const d = createDeployment(c, 'web', 2);
    const [adopted] = replicaSets(c, 'app=web');
    expect(adopted.metadata.name).toBe(rs.metadata.name);
    expect(adopted.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true });
    expect(pods(c, 'app=web').map((p) => p.metadata.name).sort()).toEqual(podNames);
    // Found (not created) and, its pods being ready, complete at once.
    expect(condition(getDeployment(c, 'web'), 'Progressing')).toMatchObject({
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
    });
    expect(getDeployment(c, 'web').metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');

    c.request({ method: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/web', body: { propagationPolicy: 'Background' } });
    c.advance(0);
    expect(replicaSets(c, 'app=web')).toHaveLength(0);
    expect(pods(c, 'app=web')).toHaveLength(0);
  });
});

describe('Deployment minReadySeconds', () => {
  it('waits until new pods have been ready for minReadySeconds before scaling the old ReplicaSet down', () => {
    const c = createCluster();
    createDeployment(c, 'web', 2, { minReadySeconds: 10 });
    readyPods(c, 'app=web');
    c.advance(12_000);
    expect(getDeployment(c, 'web').status.availableReplicas).toBe(2);
    setImage(c, 'web', 'nginx:1.28');
    const [, current] = replicaSets(c, 'app=web');
    expect(current.spec.minReadySeconds).toBe(10);
    readyPods(c, 'app=web');
    c.advance(5_000);
    expect(replicaSets(c, 'app=web').map((rs) => rs.spec.replicas)).toEqual([2, 1]);
    c.advance(7_000);
    expect(replicaSets(c, 'app=web').map((rs) => rs.spec.replicas)).toEqual([1, 2]);
  });
});
