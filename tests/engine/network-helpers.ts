/** Helpers for the Service networking tests: apply manifests, curl many times, read services. */
import { expect } from 'vitest';
import type { Cluster } from '../../src/engine';

export function apply(c: Cluster, manifest: string): void {
  const res = c.kubectl('kubectl apply -f -', manifest);
  expect(res.stderr).toBe('');
}

export function svc(c: Cluster, name: string, ns = 'default'): any {
  return c.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/services/${name}` }).body;
}

export function nodeIPOf(c: Cluster, node: string): string {
  const n = c.request({ method: 'GET', path: `/api/v1/nodes/${node}` }).body;
  return n.status.addresses.find((a: any) => a.type === 'InternalIP').address;
}

/** Pod name -> node name of the Running pods with this label. */
export function podsByLabel(c: Cluster, selector: string, ns = 'default'): Map<string, string> {
  const res = c.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/pods`, query: { labelSelector: selector } });
  return new Map(res.body.items.map((p: any) => [p.metadata.name, p.spec.nodeName]));
}

/** Run `kubeplay curl ARGS` n times and count answers by the pod named in `Hello from POD (...)`. */
export function curlCounts(c: Cluster, args: string, n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const res = c.sim(`kubeplay curl ${args}`);
    expect(res.stderr).toBe('');
    const pod = /^Hello from (\S+) /.exec(res.stdout)?.[1] ?? `?${res.stdout}`;
    counts.set(pod, (counts.get(pod) ?? 0) + 1);
  }
  return counts;
}

/** `containerExtra` goes under the container (8 spaces), `podExtra` under the pod spec (6 spaces). */
export const deployment = (name: string, replicas: number, containerExtra = '', podExtra = '', image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${podExtra}      containers:
      - name: main
        image: ${image}
        ports:
        - containerPort: 80
${containerExtra}`;

export const service = (name: string, spec = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80
    targetPort: 80
${spec}`;

export const clientPod = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: main
    image: nginx:1.27
`;
