/** Helpers for the traffic, metrics and HPA scenario tests: a web Deployment with CPU requests and its Service. */
import { expect } from 'vitest';
import type { Cluster } from '../../src/engine';

export function apply(c: Cluster, manifest: string): void {
  const res = c.kubectl('kubectl apply -f -', manifest);
  expect(res.stderr).toBe('');
}

/** Run a kubectl line or a `kubeplay` action; expect it to succeed and return its stdout. */
export function sh(c: Cluster, line: string): string {
  const res = line.startsWith('kubeplay') ? c.sim(line) : c.kubectl(line);
  expect(res.stderr).toBe('');
  expect(res.exitCode).toBe(0);
  return res.stdout;
}

/** nginx pods labelled app=web, requesting 100m CPU, and the `web` Service in front of them. */
export const web = (replicas: number, extra = '') => `apiVersion: apps/v1
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
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
${extra}---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

/** A pod the `web` Service selects whose readiness probe never passes (nginx answers 404 on the path). */
export const unreadyPod = `apiVersion: v1
kind: Pod
metadata:
  name: unready
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      requests:
        cpu: 100m
    readinessProbe:
      httpGet:
        path: /not-there
        port: 80
      periodSeconds: 2
`;

/** `kubectl top pods` rows as [name, cpu, memory] (headers dropped). */
export function topPods(c: Cluster, args = ''): string[][] {
  return sh(c, `kubectl top pods --no-headers ${args}`)
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
}

/** The HPA as the API serves it. */
export function hpa(c: Cluster, name = 'web'): any {
  return c.request({ method: 'GET', path: `/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/${name}` }).body;
}

export function replicas(c: Cluster, name = 'web'): number {
  return c.request({ method: 'GET', path: `/apis/apps/v1/namespaces/default/deployments/${name}` }).body.spec.replicas;
}

export function condition(h: any, type: string): any {
  return (h.status?.conditions ?? []).find((x: any) => x.type === type);
}

/** The HPA's events as `Type Reason Message`, oldest first. */
export function hpaEvents(c: Cluster, name = 'web'): string[] {
  const res = c.request({
    method: 'GET',
    path: '/api/v1/namespaces/default/events',
    query: { fieldSelector: `involvedObject.kind=HorizontalPodAutoscaler,involvedObject.name=${name}` },
  });
  return res.body.items.map((e: any) => `${e.type} ${e.reason} ${e.message}`);
}

/** Advance the clock to the next multiple of `ms` plus `offset` (to place commands between scrapes and syncs). */
export function advanceTo(c: Cluster, ms: number): void {
  c.advance(Math.max(0, ms - c.now()));
}
