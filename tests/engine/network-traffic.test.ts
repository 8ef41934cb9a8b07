/** Requests through the simulated data plane: kubeplay curl from outside and from pods, DNS, traffic policies. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { apply, clientPod, curlCounts, deployment, nodeIPOf, podsByLabel, service, svc } from './network-helpers';

const neverReady = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: web
spec:
  containers:
  - name: main
    image: nginx:1.27
    readinessProbe:
      httpGet:
        path: /not-here
        port: 80
      periodSeconds: 2
`;

describe('kubeplay curl through a Service', () => {
  it('spreads requests over the ready endpoints only, and never to a pod that is not ready', () => {
    const c = createCluster();
    apply(c, deployment('web', 3));
    apply(c, neverReady('unready'));
    apply(c, service('web'));
    apply(c, clientPod);
    c.advance(30_000);
    expect(c.kubectl('kubectl get pod unready').stdout).toMatch(/unready\s+0\/1\s+Running/);
    const counts = curlCounts(c, 'http://web --from client', 90);
    const ready = [...podsByLabel(c, 'app=web').keys()].filter((p) => p !== 'unready');
    expect([...counts.keys()].sort()).toEqual(ready.sort());
    for (const n of counts.values()) expect(n).toBeGreaterThan(15);
    // The same seed replays the same choices.
    const again = createCluster();
    apply(again, deployment('web', 3));
    apply(again, neverReady('unready'));
    apply(again, service('web'));
    apply(again, clientPod);
    again.advance(30_000);
    expect(curlCounts(again, 'http://web --from client', 90)).toEqual(counts);
  });

  it('says which pod on which node answered, and the real client errors when nothing can', () => {
    const c = createCluster();
    apply(c, deployment('web', 1));
    apply(c, service('web'));
    apply(c, service('empty'));
    apply(c, clientPod);
    c.advance(30_000);
    const [pod, node] = [...podsByLabel(c, 'app=web')][0];
    const podIP = c.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${pod}` }).body.status.podIP;
    expect(c.sim('kubeplay curl web --from client')).toEqual({ stdout: `Hello from ${pod} (${podIP}) on ${node}\n`, stderr: '', exitCode: 0 });
    const emptyIP = svc(c, 'empty').spec.clusterIP;
    expect(c.sim(`kubeplay curl http://${emptyIP} --from client`)).toEqual({
      stdout: '',
      stderr: `curl: (7) Failed to connect to ${emptyIP} port 80 after 0 ms: Couldn't connect to server\n`,
      exitCode: 7,
    });
    expect(c.sim('kubeplay curl http://empty.default.svc.cluster.local --from client').stderr).toBe(
      "curl: (7) Failed to connect to empty.default.svc.cluster.local port 80 after 0 ms: Couldn't connect to server\n",
    );
    // A cluster IP is not routed outside the cluster.
    const webIP = svc(c, 'web').spec.clusterIP;
    expect(c.sim(`kubeplay curl --connect-timeout 5 http://${webIP}/`)).toEqual({
      stdout: '',
      stderr: `curl: (28) Failed to connect to ${webIP} port 80 after 5002 ms: Timeout was reached\n`,
      exitCode: 28,
    });
    expect(c.sim('kubeplay curl http://web')).toEqual({ stdout: '', stderr: 'curl: (6) Could not resolve host: web\n', exitCode: 6 });
    expect(c.sim('kubeplay curl http://web:8080 --from client').stderr).toMatch(/^curl: \(28\) Failed to connect to web port 8080 after \d+ ms: Couldn't connect to server\n$/);
    expect(c.sim('kubeplay curl -f http://web/missing --from client')).toEqual({ stdout: '', stderr: 'curl: (22) The requested URL returned error: 404\n', exitCode: 22 });
    expect(c.sim('kubeplay curl http://web --from nobody').stderr).toBe('Error from server (NotFound): pods "nobody" not found\n');
  });

  it('resolves Service names with the pod namespace search path and headless names to pod IPs', () => {
    const c = createCluster();
    c.kubectl('kubectl create namespace shop');
    apply(c, deployment('web', 1));
    apply(c, service('web'));
    apply(c, clientPod);
    const headless = `apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: shop
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: db-0
  namespace: shop
  labels:
    app: db
spec:
  hostname: db-0
  subdomain: db
  containers:
  - name: main
    image: nginx:1.27
`;
    apply(c, headless);
    c.advance(30_000);
    for (const name of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local']) {
      expect(c.sim(`kubeplay curl http://${name}/ --from client`).stdout).toMatch(/^Hello from web-/);
    }
    expect(c.sim('kubeplay curl http://db.shop --from client').stdout).toMatch(/^Hello from db-0 \(10\.244\.\d+\.\d+\)/);
    expect(c.sim('kubeplay curl http://db-0.db.shop.svc.cluster.local --from client').stdout).toMatch(/^Hello from db-0 /);
    expect(c.sim('kubeplay curl http://db --from client').stderr).toBe('curl: (6) Could not resolve host: db\n');
    expect(c.sim('kubeplay curl http://db-1.db.shop.svc.cluster.local --from client').stderr).toBe('curl: (6) Could not resolve host: db-1.db.shop.svc.cluster.local\n');
    // The kubernetes Service leads to the API server on the control plane, which wants TLS.
    expect(c.sim('kubeplay curl http://kubernetes.default:443 --from client').stdout).toBe('Client sent an HTTP request to an HTTPS server.\n');
  });
});

describe('external traffic', () => {
  it('reaches a LoadBalancer Service through its EXTERNAL-IP and its node port on every node', () => {
    const c = createCluster();
    apply(c, deployment('web', 2));
    apply(c, service('web', '  type: LoadBalancer\n'));
    c.advance(30_000);
    const s = svc(c, 'web');
    const lb = s.status.loadBalancer.ingress[0].ip;
    const counts = curlCounts(c, `http://${lb}/`, 40);
    expect([...counts.keys()].sort()).toEqual([...podsByLabel(c, 'app=web').keys()].sort());
    for (const node of ['worker-1', 'worker-2', 'worker-3', 'control-plane']) {
      expect(c.sim(`kubeplay curl http://${nodeIPOf(c, node)}:${s.spec.ports[0].nodePort}/`).stdout).toMatch(/^Hello from web-/);
    }
    expect(c.sim(`kubeplay curl http://${nodeIPOf(c, 'worker-1')}:30999/`).stderr).toMatch(/^curl: \(7\) Failed to connect to 172\.18\.0\.3 port 30999/);
  });

  it('externalTrafficPolicy Local: only nodes with a local endpoint answer on the node port', () => {
    const c = createCluster();
    apply(c, deployment('web', 1, '', '      nodeSelector:\n        kubernetes.io/hostname: worker-2\n'));
    apply(c, service('web', '  type: NodePort\n  externalTrafficPolicy: Local\n'));
    apply(c, clientPod);
    c.advance(30_000);
    const port = svc(c, 'web').spec.ports[0].nodePort;
    expect(c.sim(`kubeplay curl http://${nodeIPOf(c, 'worker-2')}:${port}/`).stdout).toMatch(/on worker-2\n$/);
    expect(c.sim(`kubeplay curl -m 3 http://${nodeIPOf(c, 'worker-1')}:${port}/`).stderr).toBe(
      `curl: (28) Failed to connect to ${nodeIPOf(c, 'worker-1')} port ${port} after 3002 ms: Timeout was reached\n`,
    );
    // From a pod, the Local policy does not apply (kube-proxy's "pod traffic" rule).
    expect(c.sim(`kubeplay curl http://${nodeIPOf(c, 'worker-1')}:${port}/ --from client`).stdout).toMatch(/on worker-2\n$/);
  });

  it('internalTrafficPolicy Local: a pod reaches only endpoints on its own node', () => {
    const c = createCluster();
    apply(c, deployment('web', 1, '', '      nodeSelector:\n        kubernetes.io/hostname: worker-2\n'));
    apply(c, service('web', '  internalTrafficPolicy: Local\n'));
    apply(c, clientPod.replace('spec:\n', 'spec:\n  nodeName: worker-1\n'));
    apply(c, clientPod.replace('name: client', 'name: neighbour').replace('spec:\n', 'spec:\n  nodeName: worker-2\n'));
    c.advance(30_000);
    expect(c.sim('kubeplay curl -m 2 http://web --from client').stderr).toBe('curl: (28) Failed to connect to web port 80 after 2002 ms: Timeout was reached\n');
    expect(c.sim('kubeplay curl http://web --from neighbour').stdout).toMatch(/on worker-2\n$/);
    expect(c.sim('kubeplay iptables worker-1 web').stdout).toMatch(/-A KUBE-SERVICES -d \S+ -p tcp -m comment --comment "default\/web has no local endpoints" -m tcp --dport 80 -j DROP/);
  });

  it('sessionAffinity ClientIP keeps a client on one pod, and the rules show the recent match', () => {
    const c = createCluster();
    apply(c, deployment('web', 3));
    apply(c, service('web', '  sessionAffinity: ClientIP\n'));
    apply(c, clientPod);
    c.advance(30_000);
    const counts = curlCounts(c, 'http://web --from client', 20);
    expect(counts.size).toBe(1);
    expect([...counts.values()]).toEqual([20]);
    const node = podsByLabel(c, 'app=web').size && c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/client' }).body.spec.nodeName;
    const rules = c.sim(`kubeplay iptables ${node} web`).stdout;
    expect(rules).toMatch(/-m recent --rcheck --seconds 10800 --reap --name (KUBE-SEP-\w+) --mask 255\.255\.255\.255 --rsource -j \1/);
    expect(rules).toMatch(/-p tcp -m comment --comment "default\/web" -m recent --set --name KUBE-SEP-\w+ --mask 255\.255\.255\.255 --rsource -m tcp -j DNAT/);
  });

  it('a request to a pod on a failed machine times out', () => {
    const c = createCluster();
    apply(c, deployment('web', 1, '', '      nodeSelector:\n        kubernetes.io/hostname: worker-3\n'));
    apply(c, service('web', '  type: NodePort\n'));
    c.advance(30_000);
    expect(c.sim('kubeplay node fail worker-3').exitCode).toBe(0);
    const port = svc(c, 'web').spec.ports[0].nodePort;
    expect(c.sim(`kubeplay curl http://${nodeIPOf(c, 'worker-1')}:${port}/`).stderr).toMatch(/^curl: \(28\) .*Couldn't connect to server\n$/);
  });
});
