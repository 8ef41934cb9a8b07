/** npm run bench: engine figures printed, never asserted. API throughput and memory of the store. */
import { createCluster } from '../src/engine';
import { servicesBench } from './services';
import { repeatedBringUp, workloadBench } from './workload';

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const N = Number(process.env.BENCH_PODS ?? 10000);

/** The API server alone: its cluster is local, so it is garbage by the time the workload bench runs. */
function apiBench(): string[] {
  const out: string[] = [];
  const cluster = createCluster({ seed: 1 });
  const heap0 = process.memoryUsage().heapUsed;

  const pod = (i: number) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, labels: { app: 'web', shard: String(i % 10) } },
    // A scheduler nobody runs keeps these pods Pending, so this part measures the API server alone.
    spec: { schedulerName: 'bench-no-scheduler', containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
  });

  const [, createMs] = time(() => {
    for (let i = 0; i < N; i++) {
      const res = cluster.request({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod(i) });
      if (res.status !== 201) throw new Error(`create failed: ${res.body.message}`);
    }
  });
  const [list, listMs] = time(() => cluster.request({ method: 'GET', path: '/api/v1/pods' }));
  const [sel, selMs] = time(() => cluster.request({ method: 'GET', path: '/api/v1/pods?labelSelector=shard%3D3' }));
  const [table, tableMs] = time(() =>
    cluster.request({ method: 'GET', path: '/api/v1/pods', accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' }),
  );
  const [get, kubectlMs] = time(() => cluster.kubectl('kubectl get pods -l shard=3'));
  const [, updateMs] = time(() => {
    for (let i = 0; i < N; i += 10) {
      cluster.request({
        method: 'PATCH',
        path: `/api/v1/namespaces/default/pods/web-${i}`,
        contentType: 'application/merge-patch+json',
        body: { metadata: { labels: { touched: 'yes' } } },
      });
    }
  });
  const heap1 = process.memoryUsage().heapUsed;

  out.push(`engine API bench (${N} pods, Node ${process.version})`);
  out.push(`  create:             ${createMs.toFixed(0)} ms  (${((N / createMs) * 1000).toFixed(0)} pods/s)`);
  out.push(`  list all:           ${listMs.toFixed(1)} ms  (${list.body.items.length} items)`);
  out.push(`  list by selector:   ${selMs.toFixed(1)} ms  (${sel.body.items.length} items)`);
  out.push(`  Table of all:       ${tableMs.toFixed(1)} ms  (${table.body.rows?.length} rows)`);
  out.push(`  kubectl get -l:     ${kubectlMs.toFixed(1)} ms  (exit ${get.exitCode})`);
  out.push(`  patch ${N / 10}:        ${updateMs.toFixed(0)} ms  (${((N / 10 / updateMs) * 1000).toFixed(0)} patches/s)`);
  out.push(`  heap growth:        ${mb(heap1 - heap0)}  (rss ${mb(process.memoryUsage().rss)})`);
  return out;
}

for (const line of apiBench()) console.log(line);

if (process.env.BENCH_WORKLOAD !== '0') {
  const nodes = Number(process.env.BENCH_NODES ?? 1000);
  const replicas = Number(process.env.BENCH_REPLICAS ?? 10000);
  const figures = workloadBench(nodes, replicas);
  for (const line of figures.lines) console.log(line);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  if (runs > 1) for (const line of repeatedBringUp(nodes, replicas, figures.runningMs, runs)) console.log(line);
}

if (process.env.BENCH_SERVICES_RUN !== '0') {
  for (const line of servicesBench()) console.log(line);
}
