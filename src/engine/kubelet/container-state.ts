/** What the kubelet knows about one container of a pod, and its v1 ContainerStatus. */
import type { ImageRef } from './images/reference';
import type { ContainerProcess } from './process';
import type { ProbeKind } from './probes';

export interface ProbeState {
  successes: number;
  failures: number;
}

export interface TerminatedInfo {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export interface ContainerState {
  name: string;
  spec: any;
  init: boolean;
  /** A restartable init container (sidecar). */
  sidecar: boolean;
  ref?: ImageRef;
  invalidImage?: string;
  proc?: ContainerProcess;
  /** The previous instance (what `kubectl logs --previous` shows). */
  prev?: ContainerProcess;
  /** Termination of the current instance when it is not a process (StartError) or the node died under it. */
  terminated?: TerminatedInfo;
  lastTerminated?: TerminatedInfo;
  restartCount: number;
  waiting?: { reason: string; message?: string };
  busy: boolean;
  pulledImage?: string;
  imageID?: string;
  containerID?: string;
  ready: boolean;
  started: boolean;
  probes: Partial<Record<ProbeKind, ProbeState>>;
  /** finishedAt of the crash a BackOff event was last emitted for. */
  backoffNoticed?: number;
}

export function newContainerState(spec: any, init: boolean): ContainerState {
  return {
    name: spec.name,
    spec,
    init,
    sidecar: init && spec.restartPolicy === 'Always',
    restartCount: 0,
    busy: false,
    ready: false,
    started: false,
    probes: {},
  };
}

export function terminatedOf(c: ContainerState): TerminatedInfo | undefined {
  if (c.terminated) return c.terminated;
  const p = c.proc;
  if (!p?.exit) return undefined;
  return {
    exitCode: p.exit.code,
    reason: p.exit.reason,
    message: p.exit.message,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt!,
    containerID: c.containerID ?? '',
  };
}

export function isRunning(c: ContainerState): boolean {
  return !!c.proc && c.proc.running && !c.terminated;
}

function terminatedJSON(t: TerminatedInfo, ts: (ms: number) => string): Record<string, unknown> {
  const out: Record<string, unknown> = { containerID: t.containerID, exitCode: t.exitCode, finishedAt: ts(t.finishedAt) };
  if (t.message) out.message = t.message;
  out.reason = t.reason;
  out.startedAt = ts(t.startedAt);
  return out;
}

/** The volumeMounts a status reports, per (stored, immutable) spec list. */
const statusMounts = new WeakMap<object, readonly Record<string, unknown>[]>();

function volumeMountsJSON(mounts: any[]): readonly Record<string, unknown>[] {
  let out = statusMounts.get(mounts);
  if (!out) {
    out = mounts.map((m: any) => (m.readOnly ? { mountPath: m.mountPath, name: m.name, readOnly: true, recursiveReadOnly: 'Disabled' } : { mountPath: m.mountPath, name: m.name }));
    // Frozen, as the store freezes what it keeps: every status of pods of one template shares it.
    for (const m of out) Object.freeze(m);
    Object.freeze(out);
    if (Object.isFrozen(mounts)) statusMounts.set(mounts, out);
  }
  return out;
}

export function containerStatusJSON(c: ContainerState, ts: (ms: number) => string): Record<string, unknown> {
  let state: Record<string, unknown>;
  const term = terminatedOf(c);
  let last = c.lastTerminated;
  if (c.waiting) {
    state = { waiting: c.waiting.message ? { message: c.waiting.message, reason: c.waiting.reason } : { reason: c.waiting.reason } };
    if (term) last = term;
  } else if (isRunning(c)) state = { running: { startedAt: ts(c.proc!.startedAt) } };
  else if (term) state = { terminated: terminatedJSON(term, ts) };
  else state = { waiting: { reason: 'ContainerCreating' } };
  const out: Record<string, unknown> = {};
  if (c.containerID) out.containerID = c.containerID;
  out.image = c.pulledImage ?? c.spec.image;
  out.imageID = c.imageID ?? '';
  out.lastState = last ? { terminated: terminatedJSON(last, ts) } : {};
  out.name = c.name;
  out.ready = c.ready;
  out.restartCount = c.restartCount;
  out.started = c.started;
  out.state = state;
  if (c.spec.volumeMounts?.length) out.volumeMounts = volumeMountsJSON(c.spec.volumeMounts);
  return out;
}
