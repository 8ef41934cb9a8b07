/**
 * Container lifecycle hooks (pkg/kubelet/lifecycle handlers.go, kuberuntime_container.go): exec runs the command in
 * the container on the virtual clock (so `sleep 5` takes five seconds), httpGet asks the container on its port (only
 * a failed connection is an error), sleep waits. preStop runs when a container is killed, before SIGTERM, within the
 * grace period; what it used (whole seconds) is taken off the grace, leaving at least 2s. postStart runs right after
 * the start; if it fails the container is killed and restarts by its restart policy. Failures are reported only as
 * `PreStopHook failed` / `PostStartHook failed`, as the kubelet keeps hook output out of events.
 */
import { isRunning, type ContainerState } from './container-state';
import type { PodWorker } from './pod-worker';
import { runArgv, interprets } from './shell/run';

const MIN_GRACE_MS = 2000;
/** Containers whose preStop hook is running (a second kill while it runs waits for the first). */
const inPreStop = new WeakSet<ContainerState>();

function resolvePort(port: unknown, container: any): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string' && /^\d+$/.test(port)) return Number(port);
  return (container.ports ?? []).find((p: any) => p.name === port)?.containerPort;
}

/** handlerRunner.Run: calls done with an error text, or undefined on success. */
export function runHook(w: PodWorker, c: ContainerState, handler: any, done: (error?: string) => void): void {
  const proc = c.proc;
  if (handler?.exec) {
    const argv: string[] = handler.exec.command ?? [];
    // Tools of the image itself are taken to succeed, as exec probes do.
    if (!proc || !interprets(argv)) return done();
    let output = '';
    const host = { files: proc.files, vars: new Map(proc.spec.vars), hostname: proc.spec.hostname, epochMs: () => w.rt.clock.epochMs(), write: (t: string) => (output += t) };
    const gen = runArgv(argv, host);
    const step = () => {
      for (;;) {
        const r = gen.next();
        if (r.done) return done(r.value === 0 ? undefined : `command '${argv.join(' ')}' exited with ${r.value}: ${output}`);
        if (r.value === Infinity) return; // never returns: the grace period cuts it short
        if (r.value > 0) return w.rt.schedule(r.value, step);
      }
    };
    return step();
  }
  if (handler?.httpGet) {
    const port = resolvePort(handler.httpGet.port, c.spec);
    const status = port === undefined || !proc ? undefined : proc.http(port, handler.httpGet.path || '/', w.rt.gatewayIP());
    const host = handler.httpGet.host || w.podIP;
    return done(status === undefined ? `Get "http://${host}:${port}${handler.httpGet.path || '/'}": dial tcp ${host}:${port}: connect: connection refused` : undefined);
  }
  if (handler?.sleep) return w.rt.schedule(Math.max(0, Number(handler.sleep.seconds ?? 0)) * 1000, () => done());
  done();
}

/** killContainer: the Killing event is the caller's; runs preStop within the grace, then SIGTERM with what is left. */
export function stopContainer(w: PodWorker, c: ContainerState, graceMs: number): void {
  const proc = c.proc;
  if (!proc || inPreStop.has(c)) return;
  const preStop = c.spec.lifecycle?.preStop;
  if (!preStop || graceMs <= 0) return proc.stop(graceMs);
  inPreStop.add(c);
  const start = w.rt.clock.now();
  let finished = false;
  const proceed = () => {
    if (finished) return;
    finished = true;
    inPreStop.delete(c);
    if (c.proc !== proc || !isRunning(c)) return;
    const usedMs = Math.floor((w.rt.clock.now() - start) / 1000) * 1000;
    proc.stop(Math.max(graceMs - usedMs, MIN_GRACE_MS));
  };
  w.rt.schedule(graceMs, proceed);
  runHook(w, c, preStop, (error) => {
    if (error) w.event('Warning', 'FailedPreStopHook', 'PreStopHook failed', c);
    proceed();
  });
}

/** After a container started: its postStart hook; a failure kills it (it then restarts by its policy). */
export function runPostStart(w: PodWorker, c: ContainerState): void {
  const hook = c.spec.lifecycle?.postStart;
  const proc = c.proc;
  if (!hook || !proc) return;
  runHook(w, c, hook, (error) => {
    if (!error || c.proc !== proc || !isRunning(c) || w.stopping) return;
    w.event('Warning', 'FailedPostStartHook', 'PostStartHook failed', c);
    w.event('Normal', 'Killing', 'FailedPostStartHook', c);
    stopContainer(w, c, (w.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000);
  });
}
