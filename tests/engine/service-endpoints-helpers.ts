/** Helpers for the Endpoints / EndpointSlice scenario tests: apply manifests, read endpoints and slices. */
import { expect } from 'vitest';
import type { Cluster } from '../../src/engine';

/** What kubectl prints, once, for any request to v1 Endpoints since v1.33. */
export const ENDPOINTS_WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n';

export function apply(c: Cluster, manifest: string): void {
  const res = c.kubectl('kubectl apply -f -', manifest);
  expect(res.stderr).toBe(/^kind: Endpoints$/m.test(manifest) ? ENDPOINTS_WARNING : '');
}

export function sh(c: Cluster, line: string): string {
  const res = c.kubectl(line);
  expect(['', ENDPOINTS_WARNING]).toContain(res.stderr);
  return res.stdout;
}

export function endpoints(c: Cluster, name: string, ns = 'default'): any {
  const res = c.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/endpoints/${name}` });
  return res.status === 200 ? res.body : undefined;
}

export function slices(c: Cluster, service: string, ns = 'default'): any[] {
  const res = c.request({
    method: 'GET',
    path: `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`,
    query: { labelSelector: `kubernetes.io/service-name=${service}` },
  });
  return res.body.items;
}

/** Every endpoint of a Service's slices as `ip ready/serving/terminating`, sorted. */
export function sliceEndpoints(c: Cluster, service: string, ns = 'default'): string[] {
  const out: string[] = [];
  for (const s of slices(c, service, ns)) {
    for (const e of s.endpoints ?? []) out.push(`${e.addresses[0]} ${e.conditions.ready}/${e.conditions.serving}/${e.conditions.terminating}`);
  }
  return out.sort();
}

/** Ready and not-ready IPs of an Endpoints object, sorted. */
export function addressIPs(ep: any): { ready: string[]; notReady: string[] } {
  const ready: string[] = [];
  const notReady: string[] = [];
  for (const ss of ep?.subsets ?? []) {
    for (const a of ss.addresses ?? []) ready.push(a.ip);
    for (const a of ss.notReadyAddresses ?? []) notReady.push(a.ip);
  }
  return { ready: ready.sort(), notReady: notReady.sort() };
}

/** IPs of the Running pods with this label, sorted. */
export function podIPs(c: Cluster, selector: string, ns = 'default'): string[] {
  const res = c.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/pods`, query: { labelSelector: selector } });
  return res.body.items
    .filter((p: any) => p.status?.podIP && !p.metadata.deletionTimestamp)
    .map((p: any) => p.status.podIP)
    .sort();
}

export const webDeployment = (replicas: number, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - name: http
          containerPort: 80
${extra}`;

export const webService = (targetPort: string | number = 80, extraSpec = '') => `apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    tier: frontend
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: ${targetPort}
${extraSpec}`;

/** A pod labelled app=web whose readiness probe follows /tmp/ready, which `script` creates and removes. */
export const flakyPod = (script: string) => `apiVersion: v1
kind: Pod
metadata:
  name: flaky
  labels:
    app: web
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "${script}"]
    readinessProbe:
      exec:
        command: ["cat", "/tmp/ready"]
      periodSeconds: 2
      failureThreshold: 1
`;
