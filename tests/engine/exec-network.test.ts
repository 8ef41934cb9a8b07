/**
 * Network tools through `kubectl exec`: busybox nslookup against cluster DNS with the pod's search path, curl (nginx
 * image) and busybox wget reaching a Service's backend pods by DNS name, and the images that lack a tool.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';

function setUp(): { c: Cluster; backends: string[]; clusterIP: string } {
  const c = createCluster({ seed: 11 });
  c.kubectl('kubectl create namespace shop');
  c.kubectl('kubectl create deployment backend --image=nginx:1.27 --replicas=2 -n shop');
  c.kubectl('kubectl expose deployment backend --port=80 -n shop');
  c.kubectl('kubectl run client --image=nginx:1.27 -n shop');
  c.kubectl('kubectl run toolbox --image=busybox:1.37 -n shop -- sleep 3600');
  c.kubectl('kubectl run other --image=busybox:1.37 -- sleep 3600');
  c.advance(30_000);
  const pods = c.request({ method: 'GET', path: '/api/v1/namespaces/shop/pods', query: { labelSelector: 'app=backend' } }).body.items;
  const clusterIP = c.request({ method: 'GET', path: '/api/v1/namespaces/shop/services/backend' }).body.spec.clusterIP;
  return { c, backends: pods.map((p: any) => p.metadata.name), clusterIP };
}

describe('nslookup from a busybox pod', { timeout: 30_000 }, () => {
  it('a Service name resolves through the namespace search path to its cluster IP', () => {
    const { c, clusterIP } = setUp();
    expect(c.kubectl('kubectl exec toolbox -n shop -- nslookup backend')).toEqual({
      stdout: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tbackend.shop.svc.cluster.local\nAddress: ${clusterIP}\n\n`,
      stderr: '',
      exitCode: 0,
    });
    // From another namespace the short name is not found; <service>.<namespace> is.
    const miss = c.kubectl('kubectl exec other -- nslookup backend');
    expect(miss.stdout).toContain("** server can't find backend.default.svc.cluster.local: NXDOMAIN");
    expect(miss.stderr).toBe('command terminated with exit code 1\n');
    expect(miss.exitCode).toBe(1);
    expect(c.kubectl('kubectl exec other -- nslookup backend.shop').stdout).toContain(`Address: ${clusterIP}\n`);
  });

  it('nginx has no nslookup: the OCI runtime refuses the exec', () => {
    const { c } = setUp();
    const r = c.kubectl('kubectl exec client -n shop -- nslookup backend');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('exec: "nslookup": executable file not found in $PATH: unknown');
  });
});

describe('the DNS debugging page of the Kubernetes docs', { timeout: 30_000 }, () => {
  it('dnsutils: nslookup kubernetes.default with bind\'s nslookup', () => {
    const c = createCluster({ seed: 1 });
    const apply = c.kubectl(
      'kubectl apply -f -',
      `apiVersion: v1
kind: Pod
metadata:
  name: dnsutils
  namespace: default
spec:
  containers:
  - name: dnsutils
    image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3
    command:
      - sleep
      - "infinity"
    imagePullPolicy: IfNotPresent
  restartPolicy: Always
`,
    );
    expect(apply.stderr).toBe('');
    c.advance(30_000);
    expect(c.kubectl('kubectl exec -i -t dnsutils -- nslookup kubernetes.default')).toEqual({
      stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n',
      stderr: '',
      exitCode: 0,
    });
    expect(c.kubectl('kubectl exec -ti dnsutils -- cat /etc/resolv.conf').stdout).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });
});

describe('HTTP from inside a pod', { timeout: 30_000 }, () => {
  it('curl of a Service by DNS name from an nginx pod reaches a backend pod', () => {
    const { c, backends } = setUp();
    const r = c.kubectl('kubectl exec client -n shop -- curl -s http://backend');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const answeredBy = /Hello from (\S+) /.exec(r.stdout)?.[1];
    expect(backends).toContain(answeredBy);
    expect(c.kubectl('kubectl exec client -n shop -- curl -s backend.shop.svc.cluster.local').stdout).toMatch(/^Hello from backend-/);
  });

  it('curl errors are curl\'s, and its exit code is kubectl\'s', () => {
    const { c } = setUp();
    expect(c.kubectl('kubectl exec client -n shop -- curl -s http://nothing-here')).toEqual({
      stdout: '',
      stderr: 'curl: (6) Could not resolve host: nothing-here\ncommand terminated with exit code 6\n',
      exitCode: 6,
    });
  });

  it('busybox wget -qO- reaches the Service; busybox has no curl', () => {
    const { c, backends } = setUp();
    const r = c.kubectl('kubectl exec toolbox -n shop -- wget -qO- http://backend');
    expect(r.stderr).toBe('');
    expect(backends).toContain(/Hello from (\S+) /.exec(r.stdout)?.[1]);
    expect(c.kubectl('kubectl exec toolbox -n shop -- wget -qO- http://nope')).toEqual({
      stdout: '',
      stderr: "wget: bad address 'nope'\ncommand terminated with exit code 1\n",
      exitCode: 1,
    });
    expect(c.kubectl('kubectl exec toolbox -n shop -- curl backend').stderr).toContain('exec: "curl": executable file not found in $PATH');
  });

  it('a shell loop of requests from a pod', () => {
    const { c, backends } = setUp();
    const r = c.kubectl(`kubectl exec toolbox -n shop -- sh -c 'for i in 1 2 3 4 5 6; do wget -qO- backend; done'`);
    const answers = r.stdout.split('\n').filter(Boolean).map((l) => /^Hello from (\S+) /.exec(l)?.[1]);
    expect(answers).toHaveLength(6);
    for (const s of answers) expect(backends).toContain(s);
  });
});
