import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import {
  activePods,
  condition,
  createDeployment,
  getDeployment,
  HASH,
  isReady,
  messages,
  NAME_SUFFIX,
  pods,
  readyPods,
  replicaSets,
  setImage,
} from './deployment-helpers';

/** Defaults 25%/25%: surge rounds up, unavailable rounds down (semantics 1.4). */
const FENCEPOSTS: Record<number, { surge: number; unavailable: number }> = {
  10: { surge: 3, unavailable: 2 },
  4: { surge: 1, unavailable: 1 },
  3: { surge: 1, unavailable: 0 },
  1: { surge: 1, unavailable: 0 },
};

function rolledOut(c: Cluster, replicas: number): boolean {
  const d = getDeployment(c, 'web');
  const s = d.status;
  return (
    s.observedGeneration === d.metadata.generation &&
    s.updatedReplicas === replicas &&
    s.replicas === replicas &&
    s.availableReplicas === replicas &&
    condition(d, 'Progressing')?.reason === 'NewReplicaSetAvailable'
  );
}

describe('Deployment RollingUpdate', () => {
  for (const replicas of [10, 4, 3, 1]) {
    it(`keeps ${replicas} replicas within [replicas - maxUnavailable, replicas + maxSurge] at every step`, () => {
      const c = createCluster();
      const { surge, unavailable } = FENCEPOSTS[replicas];
      createDeployment(c, 'web', replicas);
      readyPods(c, 'app=web');
      expect(rolledOut(c, replicas)).toBe(true);

      setImage(c, 'web', 'nginx:1.28');
      let steps = 0;
      for (;;) {
        const rsSum = replicaSets(c, 'app=web').reduce((n, rs) => n + rs.spec.replicas, 0);
        const active = activePods(c, 'app=web');
        const available = active.filter(isReady).length;
        expect(rsSum).toBeLessThanOrEqual(replicas + surge);
        expect(active.length).toBeLessThanOrEqual(replicas + surge);
        expect(available).toBeGreaterThanOrEqual(replicas - unavailable);
        expect(available).toBeLessThanOrEqual(replicas + surge);
        if (rolledOut(c, replicas) && active.length === replicas) break;
        // One pod becomes ready at a time: the controller must move one step per change.
        expect(readyPods(c, 'app=web', 1)).toBe(1);
        expect(++steps).toBeLessThan(4 * replicas + 10);
      }
      const [old, current] = replicaSets(c, 'app=web');
      expect(old.spec.replicas).toBe(0);
      expect(current.spec.replicas).toBe(replicas);
      expect(pods(c, 'app=web').every((p) => p.spec.containers[0].image === 'nginx:1.28')).toBe(true);
    });
  }

  it('follows the upstream trace for 10 replicas: new 0->3, old 10->8, new 3->5, then waits', () => {
    const c = createCluster();
    createDeployment(c, 'web', 10);
    readyPods(c, 'app=web');
    setImage(c, 'web', 'nginx:1.28');
    const [old, current] = replicaSets(c, 'app=web');
    expect(messages(c, 'ScalingReplicaSet')).toEqual([
      `Scaled up replica set ${old.metadata.name} from 0 to 10`,
      `Scaled up replica set ${current.metadata.name} from 0 to 3`,
      `Scaled down replica set ${old.metadata.name} from 10 to 8`,
      `Scaled up replica set ${current.metadata.name} from 3 to 5`,
    ]);
    expect(old.spec.replicas).toBe(8);
    expect(current.spec.replicas).toBe(5);
    c.advance(30_000);
    expect(replicaSets(c, 'app=web').map((rs) => rs.spec.replicas)).toEqual([8, 5]);
  });

  it('replaces one pod at a time for 3 replicas (surge 1, unavailable 0)', () => {
    const c = createCluster();
    createDeployment(c, 'web', 3);
    readyPods(c, 'app=web');
    setImage(c, 'web', 'nginx:1.28');
    expect(replicaSets(c, 'app=web').map((rs) => rs.spec.replicas)).toEqual([3, 1]);
    readyPods(c, 'app=web', 1);
    expect(replicaSets(c, 'app=web').map((rs) => rs.spec.replicas)).toEqual([2, 2]);
  });

  it('scales unhealthy old replicas down first so that they cannot block the rollout', () => {
    const c = createCluster();
    createDeployment(c, 'web', 4);
    readyPods(c, 'app=web', 2);
    setImage(c, 'web', 'nginx:1.28');
    const [old] = replicaSets(c, 'app=web');
    // 2 of 4 old pods never became available: they go first (cleanupUnhealthyReplicas), within maxScaledDown.
    expect(messages(c, 'ScalingReplicaSet')).toContain(`Scaled down replica set ${old.metadata.name} from 4 to 3`);
  });
});

describe('Deployment naming and bookkeeping', () => {
  it('names the ReplicaSet <deployment>-<pod-template-hash> and pods <rs>-<5 chars>', () => {
    const c = createCluster();
    const d = createDeployment(c, 'web', 3);
    const [rs] = replicaSets(c, 'app=web');
    const hash = rs.metadata.labels['pod-template-hash'];
    expect(hash).toMatch(new RegExp(`^${HASH.source}$`));
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    const ps = pods(c, 'app=web');
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-${NAME_SUFFIX.source}$`));
      expect(p.metadata.generateName).toBe(`web-${hash}-`);
      expect(p.metadata.labels['pod-template-hash']).toBe(hash);
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    const again = createCluster();
    createDeployment(again, 'web', 3);
    expect(replicaSets(again, 'app=web')[0].metadata.name).toBe(rs.metadata.name);
  });

  it('reports status and conditions as a real Deployment does', () => {
    const c = createCluster();
    createDeployment(c, 'web', 3);
    let d = getDeployment(c, 'web');
    const [rs] = replicaSets(c, 'app=web');
    expect(d.metadata.generation).toBe(1);
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, unavailableReplicas: 3 });
    expect(d.status.conditions.map((x: any) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rs.metadata.name}" is progressing.`],
    ]);
    readyPods(c, 'app=web');
    d = getDeployment(c, 'web');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status.unavailableReplicas).toBeUndefined();
    expect(d.status.conditions.map((x: any) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rs.metadata.name}" has successfully progressed.`],
    ]);
    expect(messages(c, 'SuccessfulCreate', 'ReplicaSet').sort()).toEqual(pods(c, 'app=web').map((p) => `Created pod: ${p.metadata.name}`).sort());
  });

  it('copies Deployment annotations to the new ReplicaSet except the skipped ones', () => {
    const c = createCluster();
    c.request({
      method: 'POST',
      path: '/apis/apps/v1/namespaces/default/deployments',
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: 'web',
          annotations: { team: 'shop', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'kubernetes.io/change-cause': 'first' },
        },
        spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } } },
      },
    });
    c.advance(0);
    const [rs] = replicaSets(c, 'app=web');
    expect(rs.metadata.annotations.team).toBe('shop');
    expect(rs.metadata.annotations['kubernetes.io/change-cause']).toBe('first');
    expect(rs.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });
});
