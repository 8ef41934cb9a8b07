/** Shared steps for the scheduler tests: pods and nodes through the API, and what a user reads back. */
import { expect } from 'vitest';
import type { Cluster, KObject } from '../../src/engine';

export const CONTROL_PLANE_TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

export function podBody(name: string, spec: Record<string, any> = {}, labels: Record<string, string> = { app: name }): KObject {
  const { requests, image, ...rest } = spec;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: {
      containers: [{ name: 'app', image: image ?? 'nginx:1.27', ...(requests ? { resources: { requests } } : {}) }],
      ...rest,
    },
  };
}

export function createPod(c: Cluster, body: KObject, namespace = 'default'): void {
  const res = c.request({ method: 'POST', path: `/api/v1/namespaces/${namespace}/pods`, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

export function getPod(c: Cluster, name: string, namespace = 'default'): KObject {
  return c.request({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods/${name}` }).body;
}

export function nodeOf(c: Cluster, name: string, namespace = 'default'): string | undefined {
  return getPod(c, name, namespace).spec?.nodeName;
}

export function schedulingEvents(c: Cluster, pod: string, reason: string, namespace = 'default'): KObject[] {
  const items: KObject[] = c.request({ method: 'GET', path: `/api/v1/namespaces/${namespace}/events` }).body.items;
  return items.filter((e) => e.involvedObject?.name === pod && e.reason === reason);
}

export function failedSchedulingMessage(c: Cluster, pod: string): string | undefined {
  return schedulingEvents(c, pod, 'FailedScheduling').at(-1)?.message;
}

/** A Node as a user (or a cloud provider) registers one: POST the object, then its status with allocatable. */
export function addNode(
  c: Cluster,
  name: string,
  opts: { cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; taints?: any[] } = {},
): void {
  const res = c.request({
    method: 'POST',
    path: '/api/v1/nodes',
    body: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...opts.labels } },
      spec: opts.taints ? { taints: opts.taints } : {},
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const resources = { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: opts.pods ?? '110' };
  const status = c.request({
    method: 'PATCH',
    path: `/api/v1/nodes/${name}/status`,
    contentType: 'application/merge-patch+json',
    body: {
      status: {
        capacity: resources,
        allocatable: resources,
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      },
    },
  });
  expect(status.status, JSON.stringify(status.body)).toBe(200);
}

export function schedulingRecord(c: Cluster, pod: string, namespace = 'default') {
  return c.request({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods/${pod}/scheduling` });
}

/** How many of the named pods landed on each node. */
export function placement(c: Cluster, names: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of names) {
    const node = nodeOf(c, n) ?? '<none>';
    out[node] = (out[node] ?? 0) + 1;
  }
  return out;
}
