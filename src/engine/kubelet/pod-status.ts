/** The pod's phase and conditions from its containers, as the kubelet's getPhase and status/generate.go do. */
import { intern } from '../util';
import { isRunning, terminatedOf, type ContainerState } from './container-state';

export function initDone(inits: ContainerState[]): boolean {
  return inits.every((c) => (c.sidecar ? c.started : terminatedOf(c)?.exitCode === 0 && !c.waiting));
}

export function podPhase(inits: ContainerState[], apps: ContainerState[], restartPolicy: string, started: boolean): string {
  if (!started) return 'Pending';
  if (!initDone(inits)) {
    const failed = inits.some((c) => !c.sidecar && (terminatedOf(c)?.exitCode ?? 0) !== 0);
    return failed && restartPolicy === 'Never' ? 'Failed' : 'Pending';
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of apps) {
    const term = terminatedOf(c);
    if (isRunning(c) && !c.waiting) running++;
    else if (c.waiting) {
      if (term || c.lastTerminated) stopped++;
      else waiting++;
    } else if (term) {
      stopped++;
      if (term.exitCode === 0) succeeded++;
    } else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (restartPolicy === 'Always') return 'Running';
    if (restartPolicy === 'OnFailure') return stopped === succeeded ? 'Succeeded' : 'Running';
    return stopped === succeeded ? 'Succeeded' : 'Failed';
  }
  return 'Pending';
}

export interface CondValue {
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

const TRUE: CondValue = Object.freeze({ status: 'True' });
const FALSE: CondValue = Object.freeze({ status: 'False' });

export function podConditions(
  inits: ContainerState[],
  apps: ContainerState[],
  phase: string,
  sandboxReady: boolean,
): Record<string, CondValue> {
  const incomplete: string[] = [];
  const unready: string[] = [];
  for (const c of inits) if (!(c.sidecar ? c.started : terminatedOf(c)?.exitCode === 0 && !c.waiting)) incomplete.push(c.name);
  const initialized: CondValue = incomplete.length
    ? { status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incomplete.join(' ')}]` }
    : TRUE;
  for (const c of inits) if (c.sidecar && !c.ready) unready.push(c.name);
  for (const c of apps) if (!c.ready) unready.push(c.name);
  let ready: CondValue;
  if (phase === 'Succeeded' || phase === 'Failed') ready = { status: 'False', reason: 'PodCompleted' };
  else if (unready.length) ready = { status: 'False', reason: 'ContainersNotReady', message: intern(`containers with unready status: [${unready.join(' ')}]`) };
  else ready = TRUE;
  const toStart = phase === 'Succeeded' || phase === 'Failed' ? false : sandboxReady;
  return {
    PodReadyToStartContainers: toStart ? TRUE : FALSE,
    Initialized: phase === 'Succeeded' && !incomplete.length ? { status: 'True', reason: 'PodCompleted' } : initialized,
    Ready: ready,
    ContainersReady: ready,
  };
}
