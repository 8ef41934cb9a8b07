/** Workload figures: a 1,000-node cluster bringing a 10,000-replica Deployment to Running, then rolling it. */
import { createCluster, type Cluster } from '../src/engine';

export interface WorkloadFigures {
  lines: string[];
}

/** Deployment status: cheap to read every step (listing 10,000 pods would cost more than it measures). */
function deploymentStatus(c: Cluster): { ready: number; available: number; updated: number; replicas: number; fresh: boolean } {
  const d = c.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' }).body;
  const st = d.status ?? {};
  return {
    ready: st.readyReplicas ?? 0,
    available: st.availableReplicas ?? 0,
    updated: st.updatedReplicas ?? 0,
    replicas: st.replicas ?? 0,
    fresh: st.observedGeneration === d.metadata.generation,
  };
}

/** Advance virtual time in steps until `done` or `limitMs` of virtual time; returns wall ms and virtual ms used. */
function runUntil(c: Cluster, done: () => boolean, limitMs: number, stepMs = 1000): { wallMs: number; virtualMs: number; ok: boolean } {
  const t0 = performance.now();
  const v0 = c.now();
  while (c.now() - v0 < limitMs) {
    c.advance(stepMs);
    if (done()) return { wallMs: performance.now() - t0, virtualMs: c.now() - v0, ok: true };
  }
  return { wallMs: performance.now() - t0, virtualMs: c.now() - v0, ok: false };
}

export function workloadBench(nodes: number, replicas: number): string[] {
  const lines: string[] = [];
  const rssBefore = process.memoryUsage().rss;
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const t0 = performance.now();
  const c = createCluster({ seed: 1, workers: nodes });
  const bootMs = performance.now() - t0;
  sample();
  lines.push(`workload bench: ${nodes} worker nodes, Deployment of ${replicas} replicas`);
  lines.push(`  cluster boot:        ${bootMs.toFixed(0)} ms`);

  const created = c.kubectl(`kubectl create deployment web --image=nginx:1.27 --replicas=${replicas}`);
  if (created.exitCode !== 0) {
    lines.push(`  create failed: ${created.stderr.trim()}`);
    return lines;
  }
  let checks = 0;
  const allRunning = () => {
    if (++checks % 5 === 0) sample();
    return deploymentStatus(c).ready === replicas;
  };
  const up = runUntil(c, allRunning, 30 * 60 * 1000);
  sample();
  const s1 = deploymentStatus(c);
  lines.push(
    `  to all Running:      ${up.wallMs.toFixed(0)} ms wall, ${(up.virtualMs / 1000).toFixed(0)} s virtual` +
      `  (${s1.ready}/${replicas} ready${up.ok ? '' : ', NOT reached'})`,
  );
  lines.push(`  pods/s (wall):       ${((s1.ready / up.wallMs) * 1000).toFixed(0)}`);

  c.kubectl('kubectl set image deployment/web nginx=nginx:1.28');
  const rolled = () => {
    const st = deploymentStatus(c);
    return st.fresh && st.updated === replicas && st.available === replicas && st.replicas === replicas;
  };
  const roll = runUntil(c, rolled, 60 * 60 * 1000, 5000);
  sample();
  lines.push(
    `  rolling update:      ${roll.wallMs.toFixed(0)} ms wall, ${(roll.virtualMs / 1000).toFixed(0)} s virtual${roll.ok ? '' : ' (NOT finished)'}`,
  );
  lines.push(`  peak rss:            ${((peak - rssBefore) / 1024 / 1024).toFixed(0)} MB above start (${(peak / 1024 / 1024).toFixed(0)} MB)`);
  return lines;
}
