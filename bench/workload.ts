/** Workload figures: a 1,000-node cluster bringing a 10,000-replica Deployment to Running, then rolling it. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createCluster, type Cluster } from '../src/engine';

export interface WorkloadFigures {
  lines: string[];
  /** Wall ms until all pods were Running; undefined when they never were. */
  runningMs?: number;
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

/** The instant (wall and virtual) a count of the Deployment's pods first reached the target. */
interface Mark {
  wallMs?: number;
  virtualMs?: number;
}

/**
 * Counts the Deployment's pods that are Running and Ready as the changes happen (an unfrozen watch, no listing), and
 * marks the instant each count first reaches `target`.
 */
function podCounter(c: Cluster, target: number, t0: number, v0: number) {
  const running = new Set<string>();
  const ready = new Set<string>();
  const marks = { running: {} as Mark, ready: {} as Mark };
  const mark = (m: Mark, set: Set<string>) => {
    if (m.wallMs === undefined && set.size >= target) {
      m.wallMs = performance.now() - t0;
      m.virtualMs = c.now() - v0;
    }
  };
  const stop = c.watchFrozen((e) => {
    const o = e.object as any;
    if (o.kind !== 'Pod' || o.metadata.namespace !== 'default' || o.metadata.labels?.app !== 'web') return;
    const name = o.metadata.name;
    const live = e.type !== 'DELETED' && !o.metadata.deletionTimestamp;
    if (live && o.status?.phase === 'Running') running.add(name);
    else running.delete(name);
    if (live && o.status?.conditions?.some((k: any) => k.type === 'Ready' && k.status === 'True')) ready.add(name);
    else ready.delete(name);
    mark(marks.running, running);
    mark(marks.ready, ready);
  });
  return { marks, stop };
}

const markText = (m: Mark) =>
  m.wallMs === undefined ? 'NOT reached' : `${m.wallMs.toFixed(0)} ms wall, ${(m.virtualMs! / 1000).toFixed(1)} s virtual`;

/** CPU time of this process (user + system), ms. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

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

export function workloadBench(nodes: number, replicas: number): WorkloadFigures {
  const lines: string[] = [];
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const t0 = performance.now();
  const c = createCluster({ seed: 1, workers: nodes });
  const bootMs = performance.now() - t0;
  sample();
  lines.push(`workload bench: ${nodes} worker nodes, Deployment of ${replicas} replicas`);
  lines.push(`  cluster boot:        ${bootMs.toFixed(0)} ms`);

  // Timed from before `kubectl create`: its settle (advance(0)) already creates, schedules and binds the pods.
  const cpu0 = cpuMs();
  const tUp = performance.now();
  const counter = podCounter(c, replicas, tUp, c.now());
  const created = c.kubectl(`kubectl create deployment web --image=nginx:1.27 --replicas=${replicas}`);
  const createMs = performance.now() - tUp;
  if (created.exitCode !== 0) {
    lines.push(`  create failed: ${created.stderr.trim()}`);
    return { lines };
  }
  let checks = 0;
  const allReady = () => {
    if (++checks % 5 === 0) sample();
    return deploymentStatus(c).ready === replicas;
  };
  const up = runUntil(c, allReady, 30 * 60 * 1000);
  const upWall = performance.now() - tUp;
  const upCpu = cpuMs() - cpu0;
  counter.stop();
  sample();
  const s1 = deploymentStatus(c);
  const { running, ready } = counter.marks;
  lines.push(`  kubectl create:      ${createMs.toFixed(0)} ms wall (pods created, scheduled and bound at virtual t=0)`);
  lines.push(`  to all Running:      ${markText(running)}`);
  lines.push(`  to all Ready:        ${markText(ready)}  (${s1.ready}/${replicas} ready${up.ok ? '' : ', NOT reached'})`);
  lines.push(
    `  create + 1 s steps:  ${upWall.toFixed(0)} ms wall, ${upCpu.toFixed(0)} ms cpu, ${(up.virtualMs / 1000).toFixed(0)} s virtual until Ready seen`,
  );
  lines.push(`  pods/s (wall):       ${running.wallMs === undefined ? '-' : ((replicas / running.wallMs) * 1000).toFixed(0)} to Running`);

  const rolled = () => {
    const st = deploymentStatus(c);
    return st.fresh && st.updated === replicas && st.available === replicas && st.replicas === replicas;
  };
  // Timed from before `kubectl set image`, whose settle starts the rollout.
  const cpu1 = cpuMs();
  const tRoll = performance.now();
  c.kubectl('kubectl set image deployment/web nginx=nginx:1.28');
  const roll = runUntil(c, rolled, 60 * 60 * 1000, 5000);
  const rollWall = performance.now() - tRoll;
  const rollCpu = cpuMs() - cpu1;
  sample();
  lines.push(
    `  rolling update:      ${rollWall.toFixed(0)} ms wall, ${rollCpu.toFixed(0)} ms cpu, ${(roll.virtualMs / 1000).toFixed(0)} s virtual` +
      `${roll.ok ? '' : ' (NOT finished)'}`,
  );
  lines.push(`  peak rss:            ${((peak - rssBefore) / 1024 / 1024).toFixed(0)} MB above start (${(peak / 1024 / 1024).toFixed(0)} MB)`);
  return { lines, runningMs: running.wallMs };
}

/** A full garbage collection now, so that an earlier cluster is not collected during the run that follows. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Wall ms from before `kubectl create` until all `replicas` pods are Running, on a fresh cluster. */
function timeToRunning(nodes: number, replicas: number): number | undefined {
  collectGarbage();
  const c = createCluster({ seed: 1, workers: nodes });
  const tUp = performance.now();
  const counter = podCounter(c, replicas, tUp, c.now());
  c.kubectl(`kubectl create deployment web --image=nginx:1.27 --replicas=${replicas}`);
  runUntil(c, () => counter.marks.running.wallMs !== undefined, 30 * 60 * 1000);
  counter.stop();
  return counter.marks.running.wallMs;
}

/**
 * The bring-up again on fresh clusters: this machine's wall time varies by a fifth from minute to minute, so the
 * spread of several runs says more than one figure. The first run is the one `workloadBench` printed.
 */
export function repeatedBringUp(nodes: number, replicas: number, first: number | undefined, runs: number): string[] {
  const times = [first];
  for (let i = 1; i < runs; i++) times.push(timeToRunning(nodes, replicas));
  if (times.some((t) => t === undefined)) return [`  to all Running x${runs}: NOT reached in every run`];
  const sorted = (times as number[]).slice().sort((a, b) => a - b);
  const fmt = (t: number) => `${t.toFixed(0)} ms`;
  return [
    `  to all Running x${runs}: best ${fmt(sorted[0])}, median ${fmt(sorted[(runs - 1) >> 1])}, worst ${fmt(sorted[runs - 1])}` +
      `  (runs: ${(times as number[]).map((t) => t.toFixed(0)).join(', ')} ms)`,
  ];
}
