/** One CronJob sync (syncCronJob + cleanupFinishedJobs); returns the delay until the next sync, if any. */
import type { KObject } from '../../types';
import { deepEqual } from '../../util';
import type { ControllerContext } from '../../runtime/controller-manager';
import type { EventRecorder } from '../../runtime/events';
import { cronScheduleError, isTimeZone } from '../../api/strategies/cron';
import { finishedCondition, jobFromTemplate, jobName, rfc1123z } from './cronjob-jobs';
import { mostRecentScheduleTime, nextScheduleDelay } from './next-schedule';
import { parseSchedule } from './schedule';

export function syncCronJob(ctx: ControllerContext, recorder: EventRecorder, cj: KObject, jobs: KObject[]): number | undefined {
  const ns = cj.metadata.namespace!;
  const status: Record<string, any> = structuredClone(cj.status ?? {});
  let active: any[] = [...(status.active ?? [])];
  const jobsPath = `/apis/batch/v1/namespaces/${ns}/jobs`;
  const epoch = (virtual: number) => ctx.clock.epochMs(virtual);
  const stamp = (epochMs: number) => ctx.clock.timestamp(epochMs - ctx.clock.epochMs(0));
  const parseEpoch = (ts: string) => epoch(ctx.clock.parse(ts));

  const children = new Set<string>();
  for (const job of jobs) {
    children.add(job.metadata.uid!);
    const inActive = active.some((r) => r.uid === job.metadata.uid);
    const finished = finishedCondition(job);
    if (!inActive && !finished) {
      recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name}`);
    } else if (inActive && finished) {
      active = active.filter((r) => r.uid !== job.metadata.uid);
      recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${finished}`);
    } else if (finished) {
      const done = job.status?.completionTime;
      if (done && (!status.lastSuccessfulTime || parseEpoch(done) > parseEpoch(status.lastSuccessfulTime))) status.lastSuccessfulTime = done;
    }
  }
  for (const ref of [...active]) {
    if (children.has(ref.uid)) continue;
    if (ctx.request({ method: 'GET', path: `${jobsPath}/${ref.name}` }).status === 404) {
      recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      active = active.filter((r) => r.uid !== ref.uid);
    }
  }

  const delay = cj.metadata.deletionTimestamp ? undefined : schedule(ctx, recorder, cj, status, active, jobs, epoch, stamp, parseEpoch);
  cleanupFinishedJobs(ctx, recorder, cj, jobs);

  status.active = active.length ? active : undefined;
  for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
  if (!deepEqual(status, cj.status ?? {})) {
    const cleared = Object.fromEntries(Object.keys(cj.status ?? {}).filter((k) => !(k in status)).map((k) => [k, null]));
    ctx.request({
      method: 'PATCH',
      path: `/apis/batch/v1/namespaces/${ns}/cronjobs/${cj.metadata.name}/status`,
      contentType: 'application/merge-patch+json',
      body: { status: { ...cleared, ...status } },
    });
  }
  return delay;
}

function schedule(
  ctx: ControllerContext,
  recorder: EventRecorder,
  cj: KObject,
  status: Record<string, any>,
  active: any[],
  jobs: KObject[],
  epoch: (v: number) => number,
  stamp: (e: number) => string,
  parseEpoch: (ts: string) => number,
): number | undefined {
  const spec = cj.spec;
  const ns = cj.metadata.namespace!;
  if (spec.timeZone && !isTimeZone(spec.timeZone)) {
    recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${spec.timeZone}": unknown time zone ${spec.timeZone}`);
    return undefined;
  }
  if (spec.suspend) return undefined;
  const err = cronScheduleError(spec.schedule ?? '');
  if (err) {
    recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${spec.schedule}" : ${err}`);
    return undefined;
  }
  const sched = parseSchedule(spec.schedule, spec.timeZone);
  const now = epoch(ctx.clock.now());
  const created = parseEpoch(cj.metadata.creationTimestamp!);
  const last = status.lastScheduleTime ? parseEpoch(status.lastScheduleTime) : undefined;
  const nextDelay = () => nextScheduleDelay(status.lastScheduleTime ? parseEpoch(status.lastScheduleTime) : undefined, created, now, sched);

  const recent = mostRecentScheduleTime(last, created, spec.startingDeadlineSeconds ?? undefined, now, sched, true);
  if (recent.missed === 'many' && recent.mostRecent !== undefined) {
    recorder.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  }
  const scheduled = recent.mostRecent;
  if (scheduled === undefined) return nextDelay();
  if (spec.startingDeadlineSeconds != null && scheduled + spec.startingDeadlineSeconds * 1000 < now) {
    recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
    return nextDelay();
  }
  const name = jobName(cj, scheduled);
  if (active.some((r) => r.name === name) || last === scheduled) return nextDelay();
  if (spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
    recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return nextDelay();
  }
  if (spec.concurrencyPolicy === 'Replace') {
    for (const ref of [...active]) {
      const job = jobs.find((j) => j.metadata.uid === ref.uid);
      if (!job) continue;
      if (deleteJob(ctx, recorder, cj, job)) active.splice(active.findIndex((r) => r.uid === ref.uid), 1);
    }
  }
  const res = ctx.request({ method: 'POST', path: `/apis/batch/v1/namespaces/${ns}/jobs`, body: jobFromTemplate(cj, scheduled) });
  if (res.status === 409) {
    // Created by an earlier sync whose status update was lost: assume it is accounted for.
  } else if (res.status >= 300) {
    recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${res.body?.message}`);
    return undefined;
  } else {
    recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${res.body.metadata.name}`);
    const m = res.body.metadata;
    active.push({ apiVersion: 'batch/v1', kind: 'Job', name: m.name, namespace: m.namespace, resourceVersion: m.resourceVersion, uid: m.uid });
  }
  status.lastScheduleTime = stamp(scheduled);
  return nextDelay();
}

function deleteJob(ctx: ControllerContext, recorder: EventRecorder, cj: KObject, job: KObject): boolean {
  const res = ctx.request({
    method: 'DELETE',
    path: `/apis/batch/v1/namespaces/${job.metadata.namespace}/jobs/${job.metadata.name}`,
    body: { propagationPolicy: 'Background' },
  });
  if (res.status >= 300 && res.status !== 404) {
    recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${res.body?.message}`);
    return false;
  }
  recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
  return true;
}

/** History limits: the oldest finished Jobs (by start time) beyond successfulJobsHistoryLimit/failedJobsHistoryLimit go. */
function cleanupFinishedJobs(ctx: ControllerContext, recorder: EventRecorder, cj: KObject, jobs: KObject[]): void {
  const spec = cj.spec;
  if (spec.successfulJobsHistoryLimit == null && spec.failedJobsHistoryLimit == null) return;
  const live = jobs.filter((j) => !j.metadata.deletionTimestamp);
  const byStart = (a: KObject, b: KObject) => {
    const sa = a.status?.startTime;
    const sb = b.status?.startTime;
    if (sa !== sb) return !sa ? 1 : !sb ? -1 : sa < sb ? -1 : 1;
    return a.metadata.name! < b.metadata.name! ? -1 : 1;
  };
  const prune = (list: KObject[], limit: number | undefined) => {
    if (limit == null || list.length <= limit) return;
    for (const job of [...list].sort(byStart).slice(0, list.length - limit)) deleteJob(ctx, recorder, cj, job);
  };
  prune(live.filter((j) => finishedCondition(j) === 'Complete'), spec.successfulJobsHistoryLimit);
  prune(live.filter((j) => finishedCondition(j) === 'Failed'), spec.failedJobsHistoryLimit);
}
