/** The Endpoints controller and the API server's own `kubernetes` endpoints, as a learner sees them. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { addressIPs, apply, endpoints, ENDPOINTS_WARNING, podIPs, sh, webDeployment, webService, flakyPod } from './service-endpoints-helpers';

describe('Endpoints', { timeout: 30_000 }, () => {
  it('the kubernetes Service points at the API server, written by the API server and left alone', () => {
    const c = createCluster();
    c.advance(30_000);
    expect(sh(c, 'kubectl get endpoints kubernetes --no-headers')).toMatch(/^kubernetes\s+172\.18\.0\.2:6443\s+30s\n$/);
    const ep = endpoints(c, 'kubernetes');
    expect(ep.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    expect(ep.metadata.resourceVersion).toBe(endpoints(c, 'kubernetes').metadata.resourceVersion);
    expect(sh(c, 'kubectl get endpointslices kubernetes --no-headers')).toMatch(/^kubernetes\s+IPv4\s+6443\s+172\.18\.0\.2\s+30s\n$/);
  });

  it('warns, as a v1.33 API server does, on every request to the deprecated v1 Endpoints, once per command', () => {
    const c = createCluster();
    expect(c.kubectl('kubectl get endpoints').stderr).toBe(ENDPOINTS_WARNING);
    expect(c.kubectl('kubectl get svc,ep -A').stderr).toBe(ENDPOINTS_WARNING);
    expect(c.kubectl('kubectl get endpointslices').stderr).toBe('');
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/endpoints/kubernetes' }).warnings).toEqual([
      'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
    ]);
  });

  it('the API server puts its endpoints back within 10s when they are deleted or changed', () => {
    const c = createCluster();
    c.advance(3_000);
    sh(c, 'kubectl delete endpoints kubernetes');
    sh(c, `kubectl patch endpointslice kubernetes --type=merge -p '{"endpoints":[{"addresses":["10.0.0.9"]}]}'`);
    expect(endpoints(c, 'kubernetes')).toBeUndefined();
    c.advance(7_000);
    expect(sh(c, 'kubectl get endpoints kubernetes --no-headers')).toMatch(/^kubernetes\s+172\.18\.0\.2:6443\s+0s\n$/);
    expect(sh(c, 'kubectl get endpointslice kubernetes --no-headers')).toMatch(/^kubernetes\s+IPv4\s+6443\s+172\.18\.0\.2\s+10s\n$/);
  });

  it('kube-dns lists the CoreDNS pods on each of its ports', () => {
    const c = createCluster();
    c.advance(60_000);
    const ips = podIPs(c, 'k8s-app=kube-dns', 'kube-system');
    expect(ips).toHaveLength(2);
    const ep = endpoints(c, 'kube-dns', 'kube-system');
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].addresses.map((a: any) => a.ip)).toEqual(ips);
    expect(ep.subsets[0].addresses[0]).toMatchObject({ nodeName: expect.stringMatching(/^worker-\d$/), targetRef: { kind: 'Pod', namespace: 'kube-system', name: expect.stringMatching(/^coredns-/) } });
    expect(ep.subsets[0].ports).toEqual([
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      { name: 'metrics', port: 9153, protocol: 'TCP' },
    ]);
    expect(ep.metadata.labels).toEqual({ 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' });
    const row = sh(c, 'kubectl get endpoints kube-dns -n kube-system --no-headers');
    expect(row).toBe(`kube-dns   ${ips[0]}:53,${ips[1]}:53,${ips[0]}:53 + 3 more...   60s\n`);
    const described = sh(c, 'kubectl describe service kube-dns -n kube-system');
    expect(described).toContain(`Endpoints:                ${ips[0]}:53,${ips[1]}:53\n`);
    expect(described).toContain(`Endpoints:                ${ips[0]}:9153,${ips[1]}:9153\n`);
  });

  it('follows scale up and down, and stamps the last change trigger time', () => {
    const c = createCluster();
    apply(c, webService());
    expect(endpoints(c, 'web').subsets).toBeUndefined();
    expect(sh(c, 'kubectl get endpoints web --no-headers')).toMatch(/^web\s+<none>\s+0s\n$/);
    expect(endpoints(c, 'web').metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z' });
    apply(c, webDeployment(3));
    c.advance(30_000);
    expect(addressIPs(endpoints(c, 'web')).ready).toEqual(podIPs(c, 'app=web'));
    expect(addressIPs(endpoints(c, 'web')).ready).toHaveLength(3);
    const trigger = endpoints(c, 'web').metadata.annotations['endpoints.kubernetes.io/last-change-trigger-time'];
    expect(Date.parse(trigger)).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));

    sh(c, 'kubectl scale deployment web --replicas=5');
    c.advance(30_000);
    expect(addressIPs(endpoints(c, 'web')).ready).toHaveLength(5);
    expect(sh(c, 'kubectl get ep web --no-headers')).toMatch(/^web\s+(10\.244\.\d+\.\d+:80,){2}10\.244\.\d+\.\d+:80 \+ 2 more\.\.\.\s+60s\n$/);

    sh(c, 'kubectl scale deployment web --replicas=2');
    c.advance(60_000);
    expect(addressIPs(endpoints(c, 'web'))).toEqual({ ready: podIPs(c, 'app=web'), notReady: [] });
    expect(addressIPs(endpoints(c, 'web')).ready).toHaveLength(2);
  });

  it('resolves a named targetPort against each pod and leaves out pods that do not offer it', () => {
    const c = createCluster();
    apply(
      c,
      `apiVersion: v1
kind: Pod
metadata:
  name: api
  labels:
    app: api
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - name: http
      containerPort: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: api-old
  labels:
    app: api
spec:
  containers:
  - name: app
    image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
  ports:
  - name: web
    port: 80
    targetPort: http
`,
    );
    c.advance(30_000);
    const ep = endpoints(c, 'api');
    const podIP = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/api' }).body.status.podIP;
    expect(ep.subsets).toEqual([
      { addresses: [expect.objectContaining({ ip: podIP, targetRef: expect.objectContaining({ name: 'api' }) })], ports: [{ name: 'web', port: 8080, protocol: 'TCP' }] },
    ]);
    // The EndpointSlice controller still lists api-old, in a slice of its own without ports, and describe shows it bare.
    const oldIP = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/api-old' }).body.status.podIP;
    expect(sh(c, 'kubectl describe svc api')).toContain(`TargetPort:               http/TCP\nEndpoints:                ${podIP}:8080,${oldIP}\n`);
  });

  it('moves a pod whose readiness probe fails to notReadyAddresses, and back', () => {
    const c = createCluster();
    apply(c, webService());
    apply(c, webDeployment(2));
    apply(c, flakyPod('touch /tmp/ready; sleep 30; rm /tmp/ready; sleep 30; touch /tmp/ready; sleep 3600'));
    c.advance(20_000);
    const flakyIP = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/flaky' }).body.status.podIP;
    expect(addressIPs(endpoints(c, 'web')).ready).toContain(flakyIP);
    expect(addressIPs(endpoints(c, 'web')).ready).toHaveLength(3);
    c.advance(20_000);
    expect(addressIPs(endpoints(c, 'web')).notReady).toEqual([flakyIP]);
    expect(addressIPs(endpoints(c, 'web')).ready).toHaveLength(2);
    expect(sh(c, 'kubectl describe endpoints web')).toContain(`  NotReadyAddresses:  ${flakyIP}\n`);
    c.advance(30_000);
    expect(addressIPs(endpoints(c, 'web'))).toEqual({ ready: podIPs(c, 'app=web'), notReady: [] });
  });

  it('publishNotReadyAddresses lists pods that are not ready as addresses', () => {
    const c = createCluster();
    apply(c, webService(80, '  publishNotReadyAddresses: true\n'));
    apply(c, webDeployment(2, `        readinessProbe:\n          httpGet:\n            path: /not-there\n            port: 80\n`));
    c.advance(30_000);
    expect(addressIPs(endpoints(c, 'web'))).toEqual({ ready: podIPs(c, 'app=web'), notReady: [] });
    apply(c, webService(80));
    c.advance(0);
    expect(addressIPs(endpoints(c, 'web'))).toEqual({ ready: [], notReady: podIPs(c, 'app=web') });
    // kubectl prints an empty cell (not <none>) when the only addresses are not ready.
    expect(sh(c, 'kubectl get endpoints web --no-headers')).toMatch(/^web\s+30s\n$/);
  });

  it('follows a selector change, mirrors the Service labels, and goes away with the Service', () => {
    const c = createCluster();
    apply(c, webService());
    apply(c, webDeployment(2));
    apply(c, webDeployment(1).replace(/web/g, 'canary'));
    c.advance(30_000);
    expect(addressIPs(endpoints(c, 'web')).ready).toEqual(podIPs(c, 'app=web'));
    expect(endpoints(c, 'web').metadata.labels).toEqual({ tier: 'frontend' });
    sh(c, `kubectl patch service web -p '{"spec":{"selector":{"app":"canary"}},"metadata":{"labels":{"tier":"canary"}}}'`);
    expect(addressIPs(endpoints(c, 'web')).ready).toEqual(podIPs(c, 'app=canary'));
    expect(endpoints(c, 'web').metadata.labels).toEqual({ tier: 'canary' });
    sh(c, 'kubectl delete service web');
    expect(endpoints(c, 'web')).toBeUndefined();
  });

  it('leaves the Endpoints of a Service without a selector to whoever writes them', () => {
    const c = createCluster();
    apply(
      c,
      `apiVersion: v1
kind: Service
metadata:
  name: external-db
spec:
  ports:
  - port: 5432
---
apiVersion: v1
kind: Endpoints
metadata:
  name: external-db
subsets:
- addresses:
  - ip: 192.0.2.10
  ports:
  - port: 5432
`,
    );
    c.advance(10_000);
    expect(sh(c, 'kubectl get endpoints external-db --no-headers')).toMatch(/^external-db\s+192\.0\.2\.10:5432\s+10s\n$/);
    expect(endpoints(c, 'external-db').metadata.annotations).not.toHaveProperty(['endpoints.kubernetes.io/last-change-trigger-time']);
    expect(endpoints(c, 'external-db').metadata.labels).toBeUndefined();
  });

  it('drops a terminating pod from the Endpoints at once', () => {
    const c = createCluster();
    apply(c, webService());
    apply(c, webDeployment(3, '      terminationGracePeriodSeconds: 60\n'));
    c.advance(30_000);
    const victim = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: { labelSelector: 'app=web' } }).body.items[0];
    c.request({ method: 'DELETE', path: `/api/v1/namespaces/default/pods/${victim.metadata.name}` });
    c.advance(0);
    const { ready, notReady } = addressIPs(endpoints(c, 'web'));
    expect([...ready, ...notReady]).not.toContain(victim.status.podIP);
  });
});
