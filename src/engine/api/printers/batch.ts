/** Job and CronJob tables: printJob (STATUS, COMPLETIONS, DURATION) and printCronJob. */
import type { KObject } from '../../types';
import type { KindPrinter } from './index';
import { CONTAINERS_DESC, IMAGES_DESC, ageColumn, boolPtr, col, containerCells, formatLabelSelector, instant, nameColumn, since } from './cells';
import { humanDuration } from './duration';
import { CJ_ACTIVE, CJ_LAST_SCHEDULE, CJ_SCHEDULE, CJ_SUSPEND, CJ_TIMEZONE, JOB_SELECTOR, JOB_SUCCEEDED } from './descriptions';

function hasCondition(job: KObject, type: string): boolean {
  const c = (job.status?.conditions ?? []).find((x: any) => x.type === type);
  return c?.status === 'True';
}

/** Complete, Failed, Terminating, Suspended, FailureTarget or Running, in printJob's order. */
export function jobStatus(job: KObject): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** `succeeded/completions`, or `n/1 of parallelism` for a work queue job. */
export function jobCompletions(job: KObject): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined && job.spec?.completions !== null) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export function jobDuration(job: KObject, now: number): string {
  const start = instant(job.status?.startTime);
  if (start === undefined) return '';
  const end = instant(job.status?.completionTime);
  return humanDuration((end ?? now) - start);
}

export const jobPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', JOB_SUCCEEDED),
    col('Duration', 'string', 'Time required to complete the job.'),
    ageColumn,
    col('Containers', 'string', CONTAINERS_DESC, 1),
    col('Images', 'string', IMAGES_DESC, 1),
    col('Selector', 'string', JOB_SELECTOR, 1),
  ],
  row(job, now) {
    const [names, images] = containerCells(job.spec?.template?.spec?.containers);
    return [
      job.metadata.name,
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, now),
      since(job.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
};

export const cronJobPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Schedule', 'string', CJ_SCHEDULE),
    col('Timezone', 'string', CJ_TIMEZONE),
    col('Suspend', 'boolean', CJ_SUSPEND),
    col('Active', 'integer', CJ_ACTIVE),
    col('Last Schedule', 'string', CJ_LAST_SCHEDULE),
    ageColumn,
    col('Containers', 'string', CONTAINERS_DESC, 1),
    col('Images', 'string', IMAGES_DESC, 1),
    col('Selector', 'string', JOB_SELECTOR, 1),
  ],
  row(cj, now) {
    const jobSpec = cj.spec?.jobTemplate?.spec ?? {};
    const [names, images] = containerCells(jobSpec.template?.spec?.containers);
    return [
      cj.metadata.name,
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      boolPtr(cj.spec?.suspend),
      (cj.status?.active ?? []).length,
      cj.status?.lastScheduleTime ? since(cj.status.lastScheduleTime, now) : '<none>',
      since(cj.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(jobSpec.selector),
    ];
  },
};
