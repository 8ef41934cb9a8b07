/** Small read helpers shared by the DaemonSet, Job, CronJob and node lifecycle tests. */
import type { Cluster } from '../../src/engine';

export const podsPath = (ns = 'default') => `/api/v1/namespaces/${ns}/pods`;

export function listPods(c: Cluster, selector: string, ns = 'default'): any[] {
  return c.request({ method: 'GET', path: `${podsPath(ns)}?labelSelector=${encodeURIComponent(selector)}` }).body.items;
}

export function events(c: Cluster, ns = 'default'): any[] {
  return c.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/events` }).body.items;
}
