/** kubectl describe for Jobs and CronJobs. */
import { humanDuration } from '../../api/printers/duration';
import type { Describer } from './context';
import { describeEvents, eventsFor } from './events';
import { describePodTemplate } from './volumes';
import { boolPtr, controllerOf, printAnnotationsMultiline, printLabelsMultiline, rfc1123z, selectorString } from './format';
import { LEVEL_0, type PrefixWriter, tabbed } from './writer';

const set = (v: unknown) => v !== undefined && v !== null;

/** capIndexesListOrNone: the completed indexes, cut after the first comma past 50 characters. */
function capIndexes(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  return ix >= indexes.length ? indexes : indexes.slice(0, ix + 1) + '...';
}

export const describeJob: Describer = (ctx, def, namespace, name) => {
  const job = ctx.client.get(def, namespace, name);
  const events = eventsFor(ctx, job);
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', job.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
    const owner = controllerOf(job);
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    if (set(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, set(spec.completions) ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
    if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (set(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
    if (set(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (set(spec.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
    if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
    if (st.startTime && st.completionTime) {
      w.write(LEVEL_0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
    }
    if (set(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    const active = st.active ?? 0;
    const succeeded = st.succeeded ?? 0;
    const failed = st.failed ?? 0;
    if (!set(st.ready)) w.write(LEVEL_0, `Pods Statuses:\t${active} Active / ${succeeded} Succeeded / ${failed} Failed\n`);
    else w.write(LEVEL_0, `Pods Statuses:\t${active} Active (${st.ready} Ready) / ${succeeded} Succeeded / ${failed} Failed\n`);
    if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(st.completedIndexes, 50)}\n`);
    describePodTemplate(w, spec.template);
    if (events) describeEvents(w, events, ctx.now);
  });
};

function describeJobTemplate(w: PrefixWriter, template: any): void {
  const spec = template?.spec ?? {};
  w.write(LEVEL_0, spec.selector ? `Selector:\t${selectorString(spec.selector)}\n` : 'Selector:\t<unset>\n');
  w.write(LEVEL_0, set(spec.parallelism) ? `Parallelism:\t${spec.parallelism}\n` : 'Parallelism:\t<unset>\n');
  w.write(LEVEL_0, set(spec.completions) ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
  if (set(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, spec.template);
}

export const describeCronJob: Describer = (ctx, def, namespace, name) => {
  const cj = ctx.client.get(def, namespace, name);
  const events = eventsFor(ctx, cj);
  const spec = cj.spec ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', cj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Suspend:\t${boolPtr(spec.suspend)}\n`);
    w.write(LEVEL_0, `Successful Job History Limit:\t${set(spec.successfulJobsHistoryLimit) ? spec.successfulJobsHistoryLimit : '<unset>'}\n`);
    w.write(LEVEL_0, `Failed Job History Limit:\t${set(spec.failedJobsHistoryLimit) ? spec.failedJobsHistoryLimit : '<unset>'}\n`);
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${set(spec.startingDeadlineSeconds) ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
    describeJobTemplate(w, spec.jobTemplate);
    const last = cj.status?.lastScheduleTime;
    w.write(LEVEL_0, `Last Schedule Time:\t${last ? rfc1123z(last) : '<unset>'}\n`);
    const active: any[] = cj.status?.active ?? [];
    w.write(LEVEL_0, 'Active Jobs:\t');
    w.writeLine(active.length ? active.map((j) => j.name).join(', ') : '<none>');
    if (events) describeEvents(w, events, ctx.now);
  });
};
