import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import type { Cluster } from '../../src/engine/cluster';

const stsYaml = (opts: { replicas?: number; image?: string; policy?: string; partition?: number; readiness?: boolean } = {}) => `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: ${opts.replicas ?? 3}
  ${opts.policy ? `podManagementPolicy: ${opts.policy}` : ''}
  ${opts.partition !== undefined ? `updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: ${opts.partition}` : ''}
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: ${opts.image ?? 'nginx:1.27'}
        ports:
        - containerPort: 80
        ${opts.readiness ? 'readinessProbe:\n          httpGet:\n            path: /\n            port: 80\n          periodSeconds: 5' : ''}
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`;

function get(c: Cluster, path: string): any {
  return c.request({ method: 'GET', path }).body;
}

function podNames(c: Cluster): string[] {
  return get(c, '/api/v1/namespaces/default/pods')
    .items.filter((p: any) => !p.metadata.deletionTimestamp)
    .map((p: any) => p.metadata.name)
    .sort();
}

function isReady(pod: any): boolean {
  return (pod?.status?.conditions ?? []).some((x: any) => x.type === 'Ready' && x.status === 'True');
}

function claimNames(c: Cluster): string[] {
  return get(c, '/api/v1/namespaces/default/persistentvolumeclaims').items.map((p: any) => p.metadata.name).sort();
}

/** Advance in small steps until `done` holds (or the time runs out). */
function until(c: Cluster, done: () => boolean, maxMs = 120_000, stepMs = 250): void {
  for (let t = 0; t < maxMs && !done(); t += stepMs) c.advance(stepMs);
}

function events(c: Cluster, kind: string, name: string): string[] {
  return get(c, '/api/v1/namespaces/default/events')
    .items.filter((e: any) => e.involvedObject.kind === kind && e.involvedObject.name === name)
    .map((e: any) => `${e.reason} ${e.message}`);
}

describe('StatefulSet: ordered creation and stable identity', () => {
  it('creates web-1 only after web-0 is Running and Ready, each with its own claim', () => {
    const c = createCluster();
    expect(c.kubectl('apply -f -', stsYaml({ readiness: true })).stdout).toBe('service/nginx created\nstatefulset.apps/web created\n');
    c.advance(0);
    expect(podNames(c)).toEqual(['web-0']);
    expect(claimNames(c)).toEqual(['www-web-0']);
    // As long as web-0 is not Ready there is no web-1.
    until(c, () => {
      const ready = isReady(get(c, '/api/v1/namespaces/default/pods/web-0'));
      if (!ready) expect(podNames(c)).toEqual(['web-0']);
      return ready;
    }, 120_000, 100);
    until(c, () => podNames(c).length === 3 && isReady(get(c, '/api/v1/namespaces/default/pods/web-2')));
    const readySince = (n: string) =>
      get(c, `/api/v1/namespaces/default/pods/${n}`).status.conditions.find((x: any) => x.type === 'Ready').lastTransitionTime;
    const created = (n: string) => get(c, `/api/v1/namespaces/default/pods/${n}`).metadata.creationTimestamp;
    expect(created('web-1') >= readySince('web-0')).toBe(true);
    expect(created('web-2') >= readySince('web-1')).toBe(true);
    expect(claimNames(c)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);

    const pod = get(c, '/api/v1/namespaces/default/pods/web-1');
    expect(pod.metadata.labels).toMatchObject({
      app: 'nginx',
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
    });
    expect(pod.metadata.labels['controller-revision-hash']).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(pod.metadata.ownerReferences[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true });
    expect(pod.spec.hostname).toBe('web-1');
    expect(pod.spec.subdomain).toBe('nginx');
    expect(pod.spec.volumes[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    const claim = get(c, '/api/v1/namespaces/default/persistentvolumeclaims/www-web-1');
    expect(claim.metadata.labels).toEqual({ app: 'nginx' });
    expect(claim.status.phase).toBe('Bound');

    expect(events(c, 'StatefulSet', 'web')).toEqual([
      'SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
    const sts = get(c, '/apis/apps/v1/namespaces/default/statefulsets/web');
    expect(sts.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      collisionCount: 0,
    });
    expect(sts.status.currentRevision).toBe(sts.status.updateRevision);
    expect(sts.status.currentRevision).toBe(pod.metadata.labels['controller-revision-hash']);
    expect(c.kubectl('get sts').stdout).toMatch(/^NAME\s+READY\s+AGE\nweb\s+3\/3\s+\d+s\n$/);
    expect(c.kubectl('rollout status sts/web').stdout).toBe('partitioned roll out complete: 3 new pods have been updated...\n');
  });

  it('Parallel creates every pod at once, and deletes them at once on scale-down', () => {
    const c = createCluster();
    c.kubectl('apply -f -', stsYaml({ policy: 'Parallel' }));
    c.advance(0);
    expect(podNames(c)).toEqual(['web-0', 'web-1', 'web-2']);
    until(c, () => get(c, '/apis/apps/v1/namespaces/default/statefulsets/web').status?.readyReplicas === 3);
    c.kubectl('scale sts web --replicas=1');
    c.advance(0);
    expect(podNames(c)).toEqual(['web-0']);
  });

  it('numbers pods from spec.ordinals.start', () => {
    const c = createCluster();
    c.kubectl('apply -f -', stsYaml({ replicas: 2, policy: 'Parallel' }).replace('  serviceName: nginx', '  serviceName: nginx\n  ordinals:\n    start: 5'));
    c.advance(0);
    expect(podNames(c)).toEqual(['web-5', 'web-6']);
    expect(claimNames(c)).toEqual(['www-web-5', 'www-web-6']);
  });
});

describe('StatefulSet: scale-down, pod replacement and claims', () => {
  function running(): Cluster {
    const c = createCluster();
    c.kubectl('apply -f -', stsYaml({ replicas: 3 }));
    until(c, () => get(c, '/apis/apps/v1/namespaces/default/statefulsets/web').status?.readyReplicas === 3);
    return c;
  }

  it('scales down from the highest ordinal, one pod at a time, and keeps the claims', () => {
    const c = running();
    expect(c.kubectl('scale sts web --replicas=1').stdout).toBe('statefulset.apps/web scaled\n');
    c.advance(0);
    const terminating = () =>
      get(c, '/api/v1/namespaces/default/pods')
        .items.filter((p: any) => p.metadata.deletionTimestamp)
        .map((p: any) => p.metadata.name);
    expect(terminating()).toEqual(['web-2']);
    expect(podNames(c)).toEqual(['web-0', 'web-1']);
    until(c, () => !get(c, '/api/v1/namespaces/default/pods').items.some((p: any) => p.metadata.name === 'web-2'), 60_000, 100);
    c.advance(0);
    expect(terminating()).toEqual(['web-1']);
    until(c, () => get(c, '/api/v1/namespaces/default/pods').items.length === 1, 60_000);
    expect(podNames(c)).toEqual(['web-0']);
    expect(claimNames(c)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    const deletes = events(c, 'StatefulSet', 'web').filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deletes).toEqual(['SuccessfulDelete delete Pod web-2 in StatefulSet web successful', 'SuccessfulDelete delete Pod web-1 in StatefulSet web successful']);
    // Scaling up again reuses the retained claims.
    c.kubectl('scale sts web --replicas=2');
    until(c, () => isReady(get(c, '/api/v1/namespaces/default/pods/web-1')));
    expect(get(c, '/api/v1/namespaces/default/pods/web-1').spec.volumes[0].persistentVolumeClaim.claimName).toBe('www-web-1');
    expect(claimNames(c)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('brings a deleted pod back with the same name, claim, volume and node', () => {
    const c = running();
    const before = get(c, '/api/v1/namespaces/default/pods/web-0');
    const volume = get(c, '/api/v1/namespaces/default/persistentvolumeclaims/www-web-0').spec.volumeName;
    expect(c.kubectl('delete pod web-0').stdout).toBe('pod "web-0" deleted\n');
    until(c, () => {
      const p = get(c, '/api/v1/namespaces/default/pods/web-0');
      return p.metadata?.uid && p.metadata.uid !== before.metadata.uid && isReady(p);
    });
    const after = get(c, '/api/v1/namespaces/default/pods/web-0');
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.spec.volumes[0].persistentVolumeClaim.claimName).toBe('www-web-0');
    // The provisioned volume is pinned to its node, so the pod returns there.
    expect(after.spec.nodeName).toBe(before.spec.nodeName);
    expect(get(c, '/api/v1/namespaces/default/persistentvolumeclaims/www-web-0').spec.volumeName).toBe(volume);
    expect(claimNames(c)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });
});

describe('StatefulSet: rolling update', () => {
  it('updates from the highest ordinal down to the partition, each after the previous is ready', () => {
    const c = createCluster();
    c.kubectl('apply -f -', stsYaml({ partition: 1 }));
    until(c, () => get(c, '/apis/apps/v1/namespaces/default/statefulsets/web').status?.readyReplicas === 3);
    const oldRevision = get(c, '/apis/apps/v1/namespaces/default/statefulsets/web').status.currentRevision;
    c.kubectl('set image sts/web nginx=nginx:1.28');
    c.advance(0);
    const image = (n: string) => get(c, `/api/v1/namespaces/default/pods/${n}`).spec?.containers?.[0]?.image;
    expect(get(c, '/api/v1/namespaces/default/pods/web-2').metadata.deletionTimestamp).toBeDefined();
    expect(get(c, '/api/v1/namespaces/default/pods/web-1').metadata.deletionTimestamp).toBeUndefined();
    until(c, () => image('web-2') === 'nginx:1.28' && isReady(get(c, '/api/v1/namespaces/default/pods/web-2')));
    until(c, () => image('web-1') === 'nginx:1.28' && isReady(get(c, '/api/v1/namespaces/default/pods/web-1')));
    c.advance(30_000);
    expect(image('web-0')).toBe('nginx:1.27');
    const sts = get(c, '/apis/apps/v1/namespaces/default/statefulsets/web');
    expect(sts.status.currentRevision).toBe(oldRevision);
    expect(sts.status.updateRevision).not.toBe(oldRevision);
    expect(sts.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 1, updatedReplicas: 2 });
    expect(c.kubectl('rollout status sts/web').stdout).toBe('partitioned roll out complete: 2 new pods have been updated...\n');
    const history = c.kubectl('rollout history sts/web').stdout;
    expect(history).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');

    // Lowering the partition to 0 finishes the rollout, and the current revision becomes the update revision.
    expect(c.kubectl(`patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}'`).stdout).toBe('statefulset.apps/web patched\n');
    until(c, () => image('web-0') === 'nginx:1.28' && isReady(get(c, '/api/v1/namespaces/default/pods/web-0')));
    c.advance(1000);
    const done = get(c, '/apis/apps/v1/namespaces/default/statefulsets/web');
    expect(done.status.currentRevision).toBe(done.status.updateRevision);
    expect(done.status.currentReplicas).toBe(3);
  });
});

describe('StatefulSet: OnDelete', () => {
  it('updates a pod only when it is deleted', () => {
    const c = createCluster();
    c.kubectl('apply -f -', stsYaml({ replicas: 2 }).replace('  serviceName: nginx', '  serviceName: nginx\n  updateStrategy:\n    type: OnDelete'));
    until(c, () => get(c, '/apis/apps/v1/namespaces/default/statefulsets/web').status?.readyReplicas === 2);
    c.kubectl('set image sts/web nginx=nginx:1.28');
    c.advance(30_000);
    const image = (n: string) => get(c, `/api/v1/namespaces/default/pods/${n}`).spec?.containers?.[0]?.image;
    expect([image('web-0'), image('web-1')]).toEqual(['nginx:1.27', 'nginx:1.27']);
    expect(get(c, '/apis/apps/v1/namespaces/default/statefulsets/web').status).toMatchObject({ currentReplicas: 2 });
    c.kubectl('delete pod web-0 --wait=false');
    until(c, () => image('web-0') === 'nginx:1.28' && isReady(get(c, '/api/v1/namespaces/default/pods/web-0')));
    c.advance(1000);
    expect(image('web-1')).toBe('nginx:1.27');
    expect(get(c, '/apis/apps/v1/namespaces/default/statefulsets/web').status).toMatchObject({ currentReplicas: 1, updatedReplicas: 1 });
  });
});

describe('StatefulSet: a database keeps its data', () => {
  it('brings a killed postgres pod back with the same claim and volume', () => {
    const c = createCluster();
    c.kubectl(
      'apply -f -',
      `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
spec:
  serviceName: postgres
  replicas: 1
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
      - name: postgres
        image: postgres:16
        env:
        - name: POSTGRES_PASSWORD
          value: secret
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 5Gi
`,
    );
    until(c, () => isReady(get(c, '/api/v1/namespaces/default/pods/postgres-0')));
    const claim = get(c, '/api/v1/namespaces/default/persistentvolumeclaims/data-postgres-0');
    expect(claim.status).toMatchObject({ phase: 'Bound', capacity: { storage: '5Gi' } });
    const uid = get(c, '/api/v1/namespaces/default/pods/postgres-0').metadata.uid;
    c.kubectl('delete pod postgres-0 --wait=false');
    until(c, () => {
      const p = get(c, '/api/v1/namespaces/default/pods/postgres-0');
      return p.metadata?.uid !== undefined && p.metadata.uid !== uid && isReady(p);
    });
    const pod = get(c, '/api/v1/namespaces/default/pods/postgres-0');
    expect(pod.spec.volumes[0]).toEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-postgres-0' } });
    expect(get(c, '/api/v1/namespaces/default/persistentvolumeclaims/data-postgres-0').spec.volumeName).toBe(claim.spec.volumeName);
    expect(c.kubectl('get pvc --no-headers').stdout).toMatch(new RegExp(`^data-postgres-0 +Bound +${claim.spec.volumeName} +5Gi +RWO +standard +<unset> +\\d+s\\n$`));
  });
});
