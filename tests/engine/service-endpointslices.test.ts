/** The EndpointSlice controller: slices per Service with conditions, ownership, placeholders and the 100 limit. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { apply, endpoints, podIPs, sh, sliceEndpoints, slices, webDeployment, webService, flakyPod } from './service-endpoints-helpers';

describe('EndpointSlices', { timeout: 30_000 }, () => {
  it('gives a Service a generated slice owned by it, with labels, ports and one endpoint per pod', () => {
    const c = createCluster();
    apply(c, webService('http'));
    apply(c, webDeployment(3));
    c.advance(30_000);
    const [slice, ...rest] = slices(c, 'web');
    expect(rest).toEqual([]);
    const svc = c.request({ method: 'GET', path: '/api/v1/namespaces/default/services/web' }).body;
    expect(slice.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.generateName).toBe('web-');
    expect(slice.metadata.labels).toEqual({
      tier: 'frontend',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice.metadata.annotations['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^2026-01-01T00:00:\d\dZ$/);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
    expect(slice.endpoints).toHaveLength(3);
    expect(slice.endpoints[0]).toEqual({
      addresses: [expect.stringMatching(/^10\.244\.\d+\.\d+$/)],
      conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: 'default', name: expect.stringMatching(/^web-/), uid: expect.any(String) },
      nodeName: expect.stringMatching(/^worker-\d$/),
    });
    expect(sliceEndpoints(c, 'web')).toEqual(podIPs(c, 'app=web').map((ip) => `${ip} true/true/false`));
    const row = sh(c, 'kubectl get endpointslices --no-headers').split('\n').find((l) => l.startsWith('web-'))!;
    const ips = slice.endpoints.map((e: any) => e.addresses[0]).join(',');
    expect(row).toMatch(new RegExp(`^web-\\w{5}\\s+IPv4\\s+80\\s+${ips.replace(/\./g, '\\.')}\\s+30s$`));
  });

  it('keeps an empty placeholder slice for a Service that selects nothing', () => {
    const c = createCluster();
    apply(c, webService());
    c.advance(5_000);
    const [slice, ...rest] = slices(c, 'web');
    expect(rest).toEqual([]);
    expect(slice.endpoints ?? null).toBeNull();
    expect(slice.ports ?? null).toBeNull();
    expect(sh(c, 'kubectl get endpointslices --no-headers')).toMatch(/\nweb-\w{5}\s+IPv4\s+<unset>\s+<unset>\s+5s\n$/);
    // kubectl describe prints <none> only without any slice; the placeholder gives an empty list.
    expect(sh(c, 'kubectl describe svc web')).toContain('Endpoints:                \n');
    // Pods arriving fill the placeholder rather than replace it.
    apply(c, webDeployment(1));
    c.advance(30_000);
    expect(slices(c, 'web').map((s) => s.metadata.name)).toEqual([slice.metadata.name]);
    expect(sliceEndpoints(c, 'web')).toEqual(podIPs(c, 'app=web').map((ip) => `${ip} true/true/false`));
  });

  it('marks a pod failing its readiness probe ready=false serving=false', () => {
    const c = createCluster();
    apply(c, webService());
    apply(c, flakyPod('touch /tmp/ready; sleep 30; rm /tmp/ready; sleep 3600'));
    c.advance(20_000);
    const ip = podIPs(c, 'app=web')[0];
    expect(sliceEndpoints(c, 'web')).toEqual([`${ip} true/true/false`]);
    c.advance(20_000);
    expect(sliceEndpoints(c, 'web')).toEqual([`${ip} false/false/false`]);
    expect(sh(c, 'kubectl describe svc web')).toContain('Endpoints:                \n');
  });

  it('keeps a terminating pod as terminating, serving but not ready until it is gone', () => {
    const c = createCluster();
    apply(c, webService());
    apply(
      c,
      `apiVersion: v1
kind: Pod
metadata:
  name: slow
  labels:
    app: web
spec:
  terminationGracePeriodSeconds: 30
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "trap '' TERM; sleep 3600"]
`,
    );
    c.advance(20_000);
    const ip = podIPs(c, 'app=web')[0];
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/slow' });
    c.advance(1_000);
    expect(sliceEndpoints(c, 'web')).toEqual([`${ip} false/true/true`]);
    c.advance(40_000);
    expect(sliceEndpoints(c, 'web')).toEqual([]);
    expect(slices(c, 'web')).toHaveLength(1);
  });

  it('follows a selector change and is garbage collected with its Service', () => {
    const c = createCluster();
    apply(c, webService());
    apply(c, webDeployment(2));
    apply(c, webDeployment(1).replace(/web/g, 'canary'));
    c.advance(30_000);
    expect(sliceEndpoints(c, 'web')).toHaveLength(2);
    sh(c, `kubectl patch service web -p '{"spec":{"selector":{"app":"canary"}}}'`);
    expect(sliceEndpoints(c, 'web')).toEqual(podIPs(c, 'app=canary').map((ip) => `${ip} true/true/false`));
    sh(c, 'kubectl delete service web');
    expect(slices(c, 'web')).toEqual([]);
    expect(sh(c, 'kubectl get endpointslices --no-headers')).toMatch(/^kubernetes\s/);
  });

  it('puts at most 100 endpoints in a slice', () => {
    const c = createCluster({ workers: 2 });
    apply(c, webService());
    apply(c, webDeployment(130));
    c.advance(60_000);
    const sizes = slices(c, 'web').map((s) => s.endpoints.length).sort((a, b) => b - a);
    expect(sizes).toEqual([100, 30]);
    expect(sliceEndpoints(c, 'web')).toHaveLength(130);
    sh(c, 'kubectl scale deployment web --replicas=90');
    c.advance(60_000);
    expect(sliceEndpoints(c, 'web')).toHaveLength(90);
  });

  it('labels the endpoints of a headless Service and names pods that use it as their subdomain', () => {
    const c = createCluster();
    apply(
      c,
      `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 5432
---
apiVersion: v1
kind: Pod
metadata:
  name: db-0
  labels:
    app: db
spec:
  hostname: db-0
  subdomain: db
  containers:
  - name: db
    image: redis:7.4
`,
    );
    c.advance(30_000);
    const [slice] = slices(c, 'db');
    expect(slice.metadata.labels['service.kubernetes.io/headless']).toBe('');
    expect(slice.endpoints[0].hostname).toBe('db-0');
    const ep = endpoints(c, 'db');
    expect(ep.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(ep.subsets[0].addresses[0]).toMatchObject({ hostname: 'db-0', ip: podIPs(c, 'app=db')[0] });
  });

  it('recreates a managed slice someone deletes, a second later', () => {
    const c = createCluster();
    apply(c, webService());
    apply(c, webDeployment(2));
    c.advance(30_000);
    const [slice] = slices(c, 'web');
    sh(c, `kubectl delete endpointslice ${slice.metadata.name}`);
    expect(slices(c, 'web')).toEqual([]);
    c.advance(1_000);
    expect(sliceEndpoints(c, 'web')).toEqual(podIPs(c, 'app=web').map((ip) => `${ip} true/true/false`));
  });
});

describe('EndpointSlice mirroring', { timeout: 30_000 }, () => {
  const manifest = (ip: string) => `apiVersion: v1
kind: Service
metadata:
  name: external-db
spec:
  ports:
  - name: pg
    port: 5432
---
apiVersion: v1
kind: Endpoints
metadata:
  name: external-db
  labels:
    site: lab
subsets:
- addresses:
  - ip: ${ip}
  notReadyAddresses:
  - ip: 192.0.2.11
  ports:
  - name: pg
    port: 5432
`;

  it('mirrors hand-written Endpoints of a Service without selector into a slice, and follows them', () => {
    const c = createCluster();
    apply(c, manifest('192.0.2.10'));
    const [slice, ...rest] = slices(c, 'external-db');
    expect(rest).toEqual([]);
    expect(slice.metadata.name).toMatch(/^external-db-\w{5}$/);
    expect(slice.metadata.labels).toEqual({
      site: 'lab',
      'kubernetes.io/service-name': 'external-db',
      'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
    });
    expect(slice.metadata.annotations).toBeUndefined();
    expect(slice.metadata.ownerReferences).toMatchObject([{ kind: 'Service', name: 'external-db', controller: true }]);
    expect(slice.ports).toEqual([{ name: 'pg', port: 5432, protocol: 'TCP' }]);
    expect(slice.endpoints).toEqual([
      { addresses: ['192.0.2.10'], conditions: { ready: true } },
      { addresses: ['192.0.2.11'], conditions: { ready: false } },
    ]);
    apply(c, manifest('192.0.2.20'));
    expect(slices(c, 'external-db').map((s) => s.metadata.name)).toEqual([slice.metadata.name]);
    expect(slices(c, 'external-db')[0].endpoints[0].addresses).toEqual(['192.0.2.20']);
    sh(c, 'kubectl delete endpoints external-db');
    expect(slices(c, 'external-db')).toEqual([]);
  });

  it('does not mirror the API server endpoints', () => {
    const c = createCluster();
    c.advance(5_000);
    expect(slices(c, 'kubernetes').map((s) => s.metadata.name)).toEqual(['kubernetes']);
  });
});
