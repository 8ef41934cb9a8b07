/**
 * One Job sync (syncJob of pkg/controller/job, simplified where noted): count finished pods and release their
 * tracking finalizers, decide success or failure (completions, backoffLimit, activeDeadlineSeconds), suspend and
 * resume, and keep min(parallelism, remaining) pods active with the failure back-off between replacements.
 * Simplification: finished pods are counted directly instead of through status.uncountedTerminatedPods.
 */
import type { KObject } from '../../types';
import { deepEqual } from '../../util';
import type { ControllerContext } from '../../runtime/controller-manager';
import type { EventRecorder } from '../../runtime/events';
import { isPodReady, isPodTerminal } from '../shared/pods';
import { BACKOFF_EXCEEDED, COMPLETED, DEADLINE_EXCEEDED, isFinished, isTrue, pendingFinish, setCondition, type Finish } from './conditions';
import { backoffRemainingMs, formatIndexes, isIndexed, jobPod, parseIndexes, podIndex, TRACKING_FINALIZER } from './job-pods';

/** MaxPodCreateDeletePerSync of the real controller. */
const MAX_PER_SYNC = 500;

export interface BackoffRecord {
  failures: number;
  lastFailureAt: number;
}

export interface JobEnv {
  ctx: ControllerContext;
  recorder: EventRecorder;
  backoff: Map<string, BackoffRecord>;
  /** Pods created in the current sync (the informer already holds them, but they were not in this sync's list). */
  created: number;
  requeueAfter(ms: number): void;
}

export function syncJob(env: JobEnv, job: KObject, pods: KObject[]): void {
  const { ctx, recorder } = env;
  const ns = job.metadata.namespace!;
  const now = ctx.clock.now();
  const ts = ctx.clock.timestamp();
  const podsPath = `/api/v1/namespaces/${ns}/pods`;
  const removeFinalizer = (pod: KObject) => {
    const rest = (pod.metadata.finalizers ?? []).filter((f: string) => f !== TRACKING_FINALIZER);
    ctx.request({
      method: 'PATCH',
      path: `${podsPath}/${pod.metadata.name}`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { finalizers: rest.length ? rest : null } },
    });
  };
  const tracked = (pod: KObject) => (pod.metadata.finalizers ?? []).includes(TRACKING_FINALIZER);

  if (job.metadata.deletionTimestamp || isFinished(job)) {
    for (const pod of pods) if (tracked(pod) && (isPodTerminal(pod) || pod.metadata.deletionTimestamp || job.metadata.deletionTimestamp)) removeFinalizer(pod);
    return;
  }

  const spec = job.spec;
  const status: Record<string, any> = structuredClone(job.status ?? {});
  const indexed = isIndexed(job);
  const completions: number | undefined = spec.completions ?? undefined;
  const parallelism: number = spec.parallelism ?? 1;
  const onlyFailed = spec.podReplacementPolicy === 'Failed';
  const suspended = spec.suspend === true;
  const record = env.backoff.get(job.metadata.uid!) ?? { failures: 0, lastFailureAt: 0 };

  // Count newly finished pods (those still carrying the tracking finalizer) and release them.
  const completed = parseIndexes(status.completedIndexes);
  let succeeded = status.succeeded ?? 0;
  let failed = status.failed ?? 0;
  const release: KObject[] = [];
  for (const pod of pods) {
    if (!tracked(pod)) continue;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded') {
      const idx = podIndex(pod);
      if (indexed && idx !== undefined && idx < (completions ?? 0)) completed.add(idx);
      else if (!indexed) succeeded++;
      record.failures = 0;
    } else if (phase === 'Failed' || (pod.metadata.deletionTimestamp && !onlyFailed && !suspended)) {
      failed++;
      record.failures++;
      record.lastFailureAt = now;
    } else if (!pod.metadata.deletionTimestamp || onlyFailed) continue;
    release.push(pod);
  }
  if (indexed) succeeded = completed.size;
  env.backoff.set(job.metadata.uid!, record);

  const active = pods.filter((p) => !isPodTerminal(p) && !p.metadata.deletionTimestamp);
  const terminatingCount = () => pods.filter((p) => p.metadata.deletionTimestamp && !isPodTerminal(p)).length;
  const conditions: any[] = [...(status.conditions ?? [])];
  const set = (type: string, s: string, reason: string, message: string) => {
    const next = setCondition(conditions, type, s, reason, message, ts);
    conditions.splice(0, conditions.length, ...next);
  };
  const deletePods = (list: KObject[]) => {
    for (const pod of list.slice(0, MAX_PER_SYNC)) {
      const res = ctx.request({ method: 'DELETE', path: `${podsPath}/${pod.metadata.name}` });
      if (res.status < 300) recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    }
  };

  let finish: Finish | undefined = pendingFinish(job);
  if (!finish) {
    const deadline = spec.activeDeadlineSeconds;
    const started = status.startTime ? ctx.clock.parse(status.startTime) : undefined;
    if (spec.backoffLimit !== undefined && failed > spec.backoffLimit) finish = BACKOFF_EXCEEDED;
    else if (!suspended && deadline !== undefined && started !== undefined && now >= started + deadline * 1000) finish = DEADLINE_EXCEEDED;
    else if (completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0) finish = COMPLETED;
    if (finish) set(finish.target, 'True', finish.reason, finish.message);
  }

  let terminating = terminatingCount();
  if (finish) {
    if (active.length) {
      deletePods(active);
      // Killed pods count as failed (deleted pods are failures under the default podReplacementPolicy).
      if (finish.final === 'Failed') failed += active.length;
      for (const pod of active) release.push(pod);
      terminating += active.length;
    }
    if (terminating === 0) {
      set(finish.final, 'True', finish.reason, finish.message);
      if (finish.final === 'Complete') status.completionTime = ts;
      recorder.event(job, finish.final === 'Complete' ? 'Normal' : 'Warning', finish.final === 'Complete' ? 'Completed' : finish.reason, finish.final === 'Complete' ? 'Job completed' : finish.message);
    }
  } else if (suspended) {
    if (active.length) deletePods(active);
    terminating += active.length;
    if (!isTrue(job, 'Suspended')) {
      set('Suspended', 'True', 'JobSuspended', 'Job suspended');
      recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
    }
  } else {
    if (isTrue(job, 'Suspended')) {
      set('Suspended', 'False', 'JobResumed', 'Job resumed');
      recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
      status.startTime = ts;
    }
    if (!status.startTime) status.startTime = ts;
    const started = ctx.clock.parse(status.startTime);
    if (spec.activeDeadlineSeconds !== undefined) env.requeueAfter(Math.max(0, started + spec.activeDeadlineSeconds * 1000 - now));
    manageActive(env, job, active, { succeeded, completed, terminating, onlyFailed, completions, parallelism, record, now, podsPath });
  }

  for (const pod of release) removeFinalizer(pod);

  const readyCount = active.filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length;
  const activeNow = finish || suspended ? 0 : active.length + env.created;
  env.created = 0;
  const next: Record<string, any> = { ...status, conditions: conditions.length ? conditions : undefined };
  next.active = activeNow || undefined;
  next.succeeded = succeeded || undefined;
  next.failed = failed || undefined;
  next.ready = finish || suspended ? 0 : readyCount;
  next.terminating = terminating;
  next.uncountedTerminatedPods = {};
  if (indexed) next.completedIndexes = formatIndexes(completed);
  for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
  if (!deepEqual(next, job.status ?? {})) {
    const cleared = Object.fromEntries(Object.keys(job.status ?? {}).filter((k) => !(k in next)).map((k) => [k, null]));
    ctx.request({
      method: 'PATCH',
      path: `/apis/batch/v1/namespaces/${job.metadata.namespace}/jobs/${job.metadata.name}/status`,
      contentType: 'application/merge-patch+json',
      body: { status: { ...cleared, ...next } },
    });
  }
}

interface ManageArgs {
  succeeded: number;
  completed: Set<number>;
  terminating: number;
  onlyFailed: boolean;
  completions: number | undefined;
  parallelism: number;
  record: BackoffRecord;
  now: number;
  podsPath: string;
}

/** manageJob: create or delete pods so that the wanted number is active. */
function manageActive(env: JobEnv, job: KObject, active: KObject[], a: ManageArgs): void {
  const { ctx, recorder } = env;
  let want = a.parallelism;
  if (a.completions !== undefined) want = Math.min(want, a.completions - a.succeeded);
  else if (a.succeeded > 0) want = 0;
  want = Math.max(0, want);
  if (active.length > want) {
    // Surplus pods: the newest go first (not-ready before ready in the real ranking).
    const surplus = [...active].sort((x, y) => Number(isPodReady(x)) - Number(isPodReady(y))).slice(0, active.length - want);
    for (const pod of surplus) {
      const res = ctx.request({ method: 'DELETE', path: `${a.podsPath}/${pod.metadata.name}` });
      if (res.status < 300) recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    }
    return;
  }
  const diff = want - active.length;
  if (diff <= 0) return;
  // podReplacementPolicy Failed: no replacement while a pod is still terminating.
  if (a.onlyFailed && a.terminating > 0) return;
  const wait = backoffRemainingMs(a.record.failures, a.record.lastFailureAt, a.now);
  if (wait > 0) {
    env.requeueAfter(wait);
    return;
  }
  const indexes: (number | undefined)[] = [];
  if (job.spec.completionMode === 'Indexed') {
    const busy = new Set(active.map(podIndex));
    for (let i = 0; i < (a.completions ?? 0) && indexes.length < diff; i++) if (!a.completed.has(i) && !busy.has(i)) indexes.push(i);
  } else for (let i = 0; i < diff; i++) indexes.push(undefined);
  for (const index of indexes.slice(0, MAX_PER_SYNC)) {
    const res = ctx.request({ method: 'POST', path: a.podsPath, body: jobPod(job, index) });
    if (res.status < 300) {
      env.created++;
      recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${res.body.metadata.name}`);
    } else recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${res.body?.message}`);
  }
}
