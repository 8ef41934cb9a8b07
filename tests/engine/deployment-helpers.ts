/**
 * Stand-ins for the kubelet where the workload controllers are the subject: pods of these tests use a scheduler
 * nobody runs (so they stay unbound), and tests make them Ready by posting the status a kubelet would.
 */
import type { Cluster } from '../../src/engine';

export const NAME_SUFFIX = /[bcdfghjklmnpqrstvwxz2456789]{5}/;
export const HASH = /[4-9bcdf]{1,10}/;
const apps = '/apis/apps/v1/namespaces/default';
const core = '/api/v1/namespaces/default';

export function podTemplate(image: string, labels: Record<string, string> = { app: 'web' }, extra: Record<string, unknown> = {}) {
  return {
    metadata: { labels },
    spec: { schedulerName: 'test-manual', containers: [{ name: 'app', image }], ...extra },
  };
}

export function createDeployment(c: Cluster, name: string, replicas: number, spec: Record<string, unknown> = {}, image = 'nginx:1.27') {
  const res = c.request({
    method: 'POST',
    path: `${apps}/deployments`,
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate(image, { app: name }), ...spec },
    },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  c.advance(0);
  return res.body;
}

export function patchDeployment(c: Cluster, name: string, patch: Record<string, unknown>) {
  const res = c.request({ method: 'PATCH', path: `${apps}/deployments/${name}`, contentType: 'application/merge-patch+json', body: patch });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  c.advance(0);
  return res.body;
}

export function setImage(c: Cluster, name: string, image: string) {
  return patchDeployment(c, name, { spec: { template: { spec: { containers: [{ name: 'app', image }] } } } });
}

export const getDeployment = (c: Cluster, name: string) => c.request({ method: 'GET', path: `${apps}/deployments/${name}` }).body;
export const getRS = (c: Cluster, name: string) => c.request({ method: 'GET', path: `${apps}/replicasets/${name}` });

export function replicaSets(c: Cluster, selector: string): any[] {
  const items = c.request({ method: 'GET', path: `${apps}/replicasets?labelSelector=${encodeURIComponent(selector)}` }).body.items;
  return items.sort((a: any, b: any) => Number(a.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0) - Number(b.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0));
}

export function pods(c: Cluster, selector: string): any[] {
  return c.request({ method: 'GET', path: `${core}/pods?labelSelector=${encodeURIComponent(selector)}` }).body.items;
}

export const isReady = (p: any) => (p.status?.conditions ?? []).some((x: any) => x.type === 'Ready' && x.status === 'True');
export const activePods = (c: Cluster, selector: string) => pods(c, selector).filter((p) => !p.metadata.deletionTimestamp);

function timestamp(c: Cluster): string {
  return new Date(Date.UTC(2026, 0, 1) + Math.floor(c.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Post the status a kubelet posts for a started, ready pod (phase Running, Ready=True, containers ready). */
export function makeReady(c: Cluster, pod: any): void {
  const ts = timestamp(c);
  const cond = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: ts });
  const status = {
    phase: 'Running',
    conditions: [cond('Initialized'), cond('Ready'), cond('ContainersReady'), cond('PodScheduled')],
    containerStatuses: pod.spec.containers.map((ct: any) => ({
      name: ct.name,
      image: ct.image,
      imageID: '',
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: ts } },
    })),
    startTime: ts,
  };
  const res = c.request({ method: 'PUT', path: `${core}/pods/${pod.metadata.name}/status`, body: { ...pod, status } });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

/** Make up to `limit` not-yet-ready active pods of the selector Ready (oldest first), then let controllers react. */
export function readyPods(c: Cluster, selector: string, limit = Infinity): number {
  let n = 0;
  const waiting = activePods(c, selector)
    .filter((p) => !isReady(p))
    .sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.name < b.metadata.name ? -1 : 1));
  for (const p of waiting) {
    if (n >= limit) break;
    makeReady(c, p);
    n++;
  }
  c.advance(0);
  return n;
}

export function events(c: Cluster, reason?: string): any[] {
  const items = c.request({ method: 'GET', path: `${core}/events` }).body.items as any[];
  return items.filter((e) => !reason || e.reason === reason);
}

export const messages = (c: Cluster, reason: string, kind?: string) =>
  events(c, reason)
    .filter((e) => !kind || e.involvedObject.kind === kind)
    .map((e) => e.message);

export function condition(d: any, type: string): any {
  return (d.status?.conditions ?? []).find((x: any) => x.type === type);
}
