/**
 * The workload verbs against the running cluster (scheduler, kubelets and controllers at work): rollout status watching
 * a real rolling update on the virtual clock, a progress deadline, logs from a running container, a drain that waits
 * for real terminations. Exact timings belong to the components; these tests assert what kubectl prints about them.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

const WAITING = /^Waiting for deployment "web" rollout to finish: (\d+ out of \d+ new replicas have been updated|\d+ old replicas are pending termination|\d+ of \d+ updated replicas are available)\.\.\.$/;

function running(replicas = 3) {
  const c = createCluster();
  c.kubectl(`kubectl create deployment web --image=nginx:1.24 --replicas=${replicas}`);
  const r = c.kubectl('kubectl rollout status deployment/web --timeout=5m');
  expect(r.exitCode).toBe(0);
  return c;
}

describe('workload verbs on a live cluster', () => {
  it('rollout status follows a rolling update on the virtual clock to "successfully rolled out"', () => {
    const c = running();
    c.kubectl('kubectl set image deployment/web nginx=nginx:1.25');
    const before = c.now();
    const r = c.kubectl('kubectl rollout status deployment/web');
    const lines = r.stdout.trimEnd().split('\n');
    expect(r.exitCode).toBe(0);
    expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(0, -1)) expect(l).toMatch(WAITING);
    expect(lines[0]).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(c.now()).toBeGreaterThan(before);
    expect(c.kubectl('kubectl rollout status deployment/web').stdout).toBe('deployment "web" successfully rolled out\n');
  });

  it('an image that never pulls ends rollout status at the progress deadline', () => {
    const c = createCluster();
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  progressDeadlineSeconds: 30
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:no-such-tag
`;
    c.kubectl('kubectl apply -f -', manifest);
    const r = c.kubectl('kubectl rollout status deployment/web');
    expect(r).toMatchObject({ stderr: 'error: deployment "web" exceeded its progress deadline\n', exitCode: 1 });
    expect(c.now()).toBeGreaterThanOrEqual(30_000);
    expect(c.kubectl('kubectl wait --for=condition=Progressing=False deployment/web --timeout=0').stdout).toBe(
      'deployment.apps/web condition met\n',
    );
  });

  it('logs reads the running container; -l with --prefix tags each line with pod and container', () => {
    const c = running(2);
    const pods = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body.items.map((p: any) => p.metadata.name).sort();
    const one = c.kubectl(`kubectl logs ${pods[0]}`);
    expect(one.exitCode).toBe(0);
    expect(one.stdout.length).toBeGreaterThan(0);
    const tail = c.kubectl(`kubectl logs ${pods[0]} --tail=1`).stdout;
    expect(tail.split('\n')).toHaveLength(2);
    const tagged = c.kubectl('kubectl logs -l app=web --prefix --tail=1').stdout.trimEnd().split('\n');
    expect(tagged.map((l) => l.slice(0, l.indexOf(']') + 1)).sort()).toEqual(pods.map((p: string) => `[pod/${p}/nginx]`));
  });

  it('drain evicts the Deployment pods on the node, waits for them to go, and the ReplicaSet replaces them elsewhere', () => {
    const c = running(3);
    // Every pod on the node but DaemonSet pods (the default cluster's add-ons may run there too).
    const podsOn = (n: string) =>
      c.request({ method: 'GET', path: '/api/v1/pods', query: { fieldSelector: `spec.nodeName=${n}` } }).body.items.filter(
        (p: any) => !(p.metadata.ownerReferences ?? []).some((o: any) => o.kind === 'DaemonSet'),
      );
    const victims: string[] = podsOn('worker-1').map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(victims.some((v) => v.startsWith('default/web-'))).toBe(true);
    const r = c.kubectl('kubectl drain worker-1 --ignore-daemonsets --delete-emptydir-data');
    expect(r.exitCode).toBe(0);
    const out = r.stdout.split('\n');
    expect(out[0]).toBe('node/worker-1 cordoned');
    expect(out.filter((l) => l.startsWith('evicting pod ')).sort()).toEqual(victims.map((v) => `evicting pod ${v}`).sort());
    expect(out.filter((l) => l.endsWith(' evicted')).sort()).toEqual(victims.map((v) => `pod/${v.split('/')[1]} evicted`).sort());
    expect(out[out.length - 2]).toBe('node/worker-1 drained');
    expect(podsOn('worker-1')).toHaveLength(0);
    expect(c.kubectl('kubectl wait --for=condition=Available deployment/web --timeout=2m').stdout).toBe('deployment.apps/web condition met\n');
  });

  it('wait --for=delete follows a graceful deletion until the kubelet has finished it', () => {
    const c = running(1);
    const pod = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body.items[0].metadata.name;
    expect(c.kubectl(`kubectl delete pod ${pod} --wait=false`).stdout).toBe(`pod "${pod}" deleted\n`);
    expect(c.kubectl(`kubectl wait --for=delete pod/${pod} --timeout=60s`)).toMatchObject({ stdout: `pod/${pod} condition met\n`, exitCode: 0 });
    expect(c.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${pod}` }).status).toBe(404);
  });

  it('scale --timeout waits until the status reports the new size', () => {
    const c = running(2);
    const before = c.now();
    expect(c.kubectl('kubectl scale deployment/web --replicas=4 --timeout=1m').stdout).toBe('deployment.apps/web scaled\n');
    expect(c.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web/scale' }).body.status.replicas).toBe(4);
    expect(c.now()).toBeGreaterThanOrEqual(before);
  });
});
