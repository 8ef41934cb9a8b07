/**
 * The prober's workers for one pod: one ticker per container and probe kind, started with the pod worker, so
 * probes run every periodSeconds (those before initialDelaySeconds after the container start are skipped).
 * Startup gates liveness and readiness; liveness failures kill the container; readiness only flips `ready`.
 */
import { isRunning, type ContainerState } from './container-state';
import type { PodWorker } from './pod-worker';
import { probeSettings, runProbe, type ProbeKind } from './probes';

const KINDS: ProbeKind[] = ['startup', 'liveness', 'readiness'];
const LABEL: Record<ProbeKind, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

export class ProbeRunner {
  private active = false;

  constructor(private readonly w: PodWorker) {}

  start(): void {
    if (this.active) return;
    this.active = true;
    for (const c of this.w.containers()) {
      if (c.init && !c.sidecar) continue;
      for (const kind of KINDS) {
        const probe = c.spec[`${kind}Probe`];
        if (probe) this.tick(c, kind, probe);
      }
    }
  }

  stop(): void {
    this.active = false;
  }

  private tick(c: ContainerState, kind: ProbeKind, probe: any): void {
    const w = this.w;
    if (!this.active || w.gone) return;
    const s = probeSettings(probe);
    w.rt.schedule(s.periodMs, () => this.tick(c, kind, probe));
    const proc = c.proc;
    if (!isRunning(c) || !proc || proc.stopping || w.stopping) {
      c.probes[kind] = undefined;
      return;
    }
    if (w.rt.clock.now() - proc.startedAt < s.initialDelayMs) return;
    if ((kind === 'startup') === c.started) return;
    const r = runProbe(probe, c.spec, proc, w.podIP, w.rt.gatewayIP());
    const st = (c.probes[kind] ??= { successes: 0, failures: 0 });
    if (r.ok) {
      st.successes++;
      st.failures = 0;
    } else {
      st.failures++;
      st.successes = 0;
      w.event('Warning', 'Unhealthy', `${LABEL[kind]} probe failed: ${r.message}`, c);
    }
    if (kind === 'readiness') {
      const ready = r.ok ? st.successes >= s.successThreshold || c.ready : st.failures < s.failureThreshold && c.ready;
      if (ready !== c.ready) {
        c.ready = ready;
        w.markDirty();
      }
      return;
    }
    if (kind === 'startup' && r.ok) {
      c.started = true;
      c.ready = !c.spec.readinessProbe;
      w.markDirty();
      w.queueSync();
      return;
    }
    if (st.failures >= s.failureThreshold) {
      st.failures = 0;
      w.event('Normal', 'Killing', `Container ${c.name} failed ${kind} probe, will be restarted`, c);
      const grace = probe.terminationGracePeriodSeconds ?? w.pod.spec?.terminationGracePeriodSeconds ?? 30;
      w.kill(c, grace * 1000);
    }
  }
}
