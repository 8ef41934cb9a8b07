/**
 * Service figures: 1,000 Services with 10 ready endpoints each (1,000 Deployments of 10 pods), and how fast the
 * endpoints controllers keep up while pods churn.
 */
import { createCluster, type Cluster } from '../src/engine';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 1000);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 10);

function deployment(i: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `svc-${i}` },
    spec: {
      replicas: ENDPOINTS,
      selector: { matchLabels: { app: `svc-${i}` } },
      template: {
        metadata: { labels: { app: `svc-${i}` } },
        // With a thousand Services in one namespace, service links would give every container ~7,000 variables
        // (as on a real cluster, where large namespaces turn them off for the same reason).
        spec: { enableServiceLinks: false, containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

function service(i: number) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc-${i}` },
    spec: { selector: { app: `svc-${i}` }, ports: [{ port: 80, targetPort: 80 }] },
  };
}

const isReady = (e: any) => e.conditions?.ready === true;

/** Ready endpoints per Service, kept current from EndpointSlice events, plus a count of slice writes. */
function sliceCounter(c: Cluster) {
  const readyBySlice = new Map<string, { service: string; ready: number }>();
  const readyByService = new Map<string, number>();
  let writes = 0;
  let full = 0;
  const stop = c.watchFrozen((e) => {
    const o = e.object as any;
    if (o.kind !== 'EndpointSlice' || o.metadata.namespace !== 'default') return;
    const service = o.metadata.labels?.['kubernetes.io/service-name'];
    if (!service?.startsWith('svc-')) return;
    writes++;
    const key = o.metadata.name;
    const before = readyBySlice.get(key)?.ready ?? 0;
    const now = e.type === 'DELETED' ? 0 : (o.endpoints ?? []).filter(isReady).length;
    if (e.type === 'DELETED') readyBySlice.delete(key);
    else readyBySlice.set(key, { service, ready: now });
    const was = readyByService.get(service) ?? 0;
    const total = was - before + now;
    readyByService.set(service, total);
    if (was !== ENDPOINTS && total === ENDPOINTS) full++;
    else if (was === ENDPOINTS && total !== ENDPOINTS) full--;
  });
  return { stop, writes: () => writes, full: () => full };
}

function runUntil(c: Cluster, done: () => boolean, limitMs: number): { wallMs: number; virtualMs: number; ok: boolean } {
  const t0 = performance.now();
  const v0 = c.now();
  while (c.now() - v0 < limitMs) {
    c.advance(1000);
    if (done()) return { wallMs: performance.now() - t0, virtualMs: c.now() - v0, ok: true };
  }
  return { wallMs: performance.now() - t0, virtualMs: c.now() - v0, ok: false };
}

export function servicesBench(): string[] {
  const lines = [`services bench: ${SERVICES} Services x ${ENDPOINTS} endpoints`];
  // 110 pods per node: room for every endpoint pod and each node's kube-proxy.
  const workers = Math.ceil((SERVICES * ENDPOINTS * 1.2) / 110);
  const c = createCluster({ seed: 1, workers });
  const counter = sliceCounter(c);

  const t0 = performance.now();
  for (let i = 0; i < SERVICES; i++) {
    for (const [path, body] of [
      ['/apis/apps/v1/namespaces/default/deployments', deployment(i)],
      ['/api/v1/namespaces/default/services', service(i)],
    ] as const) {
      const res = c.request({ method: 'POST', path, body });
      if (res.status !== 201) throw new Error(`create ${path} failed: ${res.body?.message}`);
    }
  }
  const up = runUntil(c, () => counter.full() === SERVICES, 30 * 60 * 1000);
  const upWall = performance.now() - t0;
  lines.push(
    `  to all endpoints ready: ${upWall.toFixed(0)} ms wall, ${(up.virtualMs / 1000).toFixed(0)} s virtual, ${counter.full()}/${SERVICES} Services full` +
      `${up.ok ? '' : ' (NOT reached)'} (${workers} workers)`,
  );

  // Churn: one pod of every Service deleted at once; its endpoint leaves and a replacement's arrives.
  const pods: any[] = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body.items;
  const victims = new Map<string, string>();
  for (const p of pods) {
    const app = p.metadata.labels?.app;
    if (app?.startsWith('svc-') && !victims.has(app)) victims.set(app, p.metadata.name);
  }
  const writes0 = counter.writes();
  const t1 = performance.now();
  for (const name of victims.values()) {
    const res = c.request({ method: 'DELETE', path: `/api/v1/namespaces/default/pods/${name}` });
    if (res.status >= 300) throw new Error(`delete pod ${name} failed: ${res.body?.message}`);
  }
  // Settled: every Service full again and no slice written during the last second.
  let last = -1;
  const churn = runUntil(
    c,
    () => {
      const writes = counter.writes();
      const settled = writes > writes0 && writes === last && counter.full() === SERVICES;
      last = writes;
      return settled;
    },
    30 * 60 * 1000,
  );
  const churnWall = performance.now() - t1;
  const updates = counter.writes() - writes0;
  lines.push(
    `  churn (${victims.size} pods deleted): ${updates} EndpointSlice writes in ${churnWall.toFixed(0)} ms wall, ` +
      `${(churn.virtualMs / 1000).toFixed(0)} s virtual: ${((updates / churnWall) * 1000).toFixed(0)} endpoint updates/s${churn.ok ? '' : ' (NOT settled)'}`,
  );
  counter.stop();
  return lines;
}
