import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { BOOKSTORE_MANIFESTS } from '../../src/engine/scenarios/bookstore';

const get = (c: Cluster, path: string) => c.request({ method: 'GET', path }).body;

function bookstore(): Cluster {
  const c = createCluster({ seed: 3 });
  c.advance(30_000);
  const applied = c.kubectl('kubectl apply -f -', BOOKSTORE_MANIFESTS);
  expect(applied.stderr).toBe('');
  expect(applied.stdout.split('\n').filter(Boolean)).toEqual([
    'namespace/bookstore created',
    'configmap/bookstore-config created',
    'secret/postgres-credentials created',
    'service/postgres-headless created',
    'service/postgres created',
    'statefulset.apps/postgres created',
    'deployment.apps/bookstore created',
    'service/bookstore created',
  ]);
  c.advance(60_000);
  return c;
}

const webPods = (c: Cluster): string[] =>
  get(c, '/api/v1/namespaces/bookstore/pods?labelSelector=app%3Dbookstore').items.map((p: any) => p.metadata.name).sort();

describe('the bookstore scenario', () => {
  it('comes up fully healthy on the default cluster', () => {
    const c = bookstore();
    const d = get(c, '/apis/apps/v1/namespaces/bookstore/deployments/bookstore');
    expect(d.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
    const sts = get(c, '/apis/apps/v1/namespaces/bookstore/statefulsets/postgres');
    expect(sts.status).toMatchObject({ replicas: 1, readyReplicas: 1 });
    const pvc = get(c, '/api/v1/namespaces/bookstore/persistentvolumeclaims/data-postgres-0');
    expect(pvc.status.phase).toBe('Bound');
    const lb = get(c, '/api/v1/namespaces/bookstore/services/bookstore');
    expect(lb.status.loadBalancer.ingress[0].ip).toMatch(/^203\.0\.113\.\d+$/);
    const pods = c.kubectl('kubectl get pods -n bookstore --no-headers').stdout.trim().split('\n');
    expect(pods).toHaveLength(4);
    for (const line of pods) expect(line).toMatch(/\s1\/1\s+Running\s+0\s/);
  });

  it('answers through its LoadBalancer from every bookstore pod over repeated requests', () => {
    const c = bookstore();
    const ip = get(c, '/api/v1/namespaces/bookstore/services/bookstore').status.loadBalancer.ingress[0].ip;
    const answered = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const res = c.sim(`kubeplay curl http://${ip}/`);
      expect(res.exitCode).toBe(0);
      answered.add(/^Hello from (\S+) /.exec(res.stdout)![1]);
    }
    expect([...answered].sort()).toEqual(webPods(c));
  });

  it('lets the bookstore pods reach postgres through its ClusterIP Service by DNS name', () => {
    const c = bookstore();
    const [web] = webPods(c);
    for (const name of ['postgres', 'postgres.bookstore', 'postgres.bookstore.svc.cluster.local']) {
      // postgres does not speak HTTP: the connection is made and closed without a reply, as curl reports it.
      const res = c.sim(`kubeplay curl ${name}:5432 --from ${web} -n bookstore`);
      expect(res.stderr).toBe('curl: (52) Empty reply from server\n');
    }
    expect(c.kubectl('kubectl logs postgres-0 -n bookstore').stdout).toContain('LOG:  invalid length of startup packet');
    // A name that does not exist fails as a real client does.
    expect(c.sim(`kubeplay curl postgress:5432 --from ${web} -n bookstore`).stderr).toBe('curl: (6) Could not resolve host: postgress\n');
  });

  it('brings a killed postgres pod back with the same claim and volume', () => {
    const c = bookstore();
    const claim = get(c, '/api/v1/namespaces/bookstore/persistentvolumeclaims/data-postgres-0');
    const before = get(c, '/api/v1/namespaces/bookstore/pods/postgres-0');
    expect(c.kubectl('kubectl delete pod postgres-0 -n bookstore').stdout).toBe('pod "postgres-0" deleted\n');
    c.advance(60_000);
    const after = get(c, '/api/v1/namespaces/bookstore/pods/postgres-0');
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.status.phase).toBe('Running');
    expect(after.spec.volumes.find((v: any) => v.name === 'data').persistentVolumeClaim.claimName).toBe('data-postgres-0');
    const same = get(c, '/api/v1/namespaces/bookstore/persistentvolumeclaims/data-postgres-0');
    expect(same.metadata.uid).toBe(claim.metadata.uid);
    expect(same.spec.volumeName).toBe(claim.spec.volumeName);
    expect(same.status.phase).toBe('Bound');
  });
});
