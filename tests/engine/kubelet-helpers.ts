/** Helpers for the kubelet scenario tests: pods bound straight to a node, status and event lookups. */
import { createCluster, type Cluster } from '../../src/engine';
import { podSummary } from '../../src/engine/api/printers/pod';

export const PODS = '/api/v1/namespaces/default/pods';

export function cluster(seed = 1): Cluster {
  return createCluster({ seed });
}

/** Create a pod bound to worker-1 (spec.nodeName set, as `kubectl run --overrides` or a static assignment would). */
export function runPod(c: Cluster, name: string, spec: Record<string, unknown>, node = 'worker-1'): any {
  const res = c.request({ method: 'POST', path: PODS, body: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: node, ...spec } } });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  c.advance(0);
  return res.body;
}

export function pod(c: Cluster, name: string): any {
  return c.request({ method: 'GET', path: `${PODS}/${name}` }).body;
}

export function container(c: Cluster, name: string, index = 0): any {
  return pod(c, name).status?.containerStatuses?.[index];
}

/** The STATUS column of `kubectl get pod NAME`. */
export function statusColumn(c: Cluster, name: string): string {
  const out = c.kubectl(`get pod ${name} --no-headers`).stdout.trim().split(/\s{2,}/);
  return out[2];
}

export function podEvents(c: Cluster, name: string): { type: string; reason: string; message: string; count: number; source: any }[] {
  const list = c.request({ method: 'GET', path: '/api/v1/namespaces/default/events' }).body.items;
  return list.filter((e: any) => e.involvedObject.name === name).map((e: any) => ({ type: e.type, reason: e.reason, message: e.message, count: e.count, source: e.source }));
}

/** Record every change of `pick(pod)` with the virtual time it happened at. */
export function track<T>(c: Cluster, name: string, pick: (pod: any) => T): { at: number; value: T }[] {
  const seen: { at: number; value: T }[] = [];
  c.watch((e) => {
    if (e.object.kind !== 'Pod' || e.object.metadata.name !== name) return;
    const value = pick(e.object);
    if (seen.length && JSON.stringify(seen[seen.length - 1].value) === JSON.stringify(value)) return;
    seen.push({ at: c.now(), value });
  });
  return seen;
}

export function logs(c: Cluster, name: string, query: Record<string, string> = {}): { status: number; body: any } {
  return c.request({ method: 'GET', path: `${PODS}/${name}/log`, query });
}

/** The STATUS column printPod computes for a pod object (usable inside a watch callback). */
export function statusOf(c: Cluster, p: any): string {
  return podSummary(p, c.now()).status;
}
