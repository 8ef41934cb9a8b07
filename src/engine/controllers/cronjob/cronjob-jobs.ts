/** The Jobs a CronJob creates (getJobFromTemplate2) and how it reads them. */
import type { KObject } from '../../types';
import { clone } from '../../util';
import { ownerReference } from '../shared/pods';
import { formatRfc3339 } from './time-zone';

export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** `<cronjob>-<scheduled time in minutes since the epoch>`. */
export function jobName(cj: KObject, scheduledEpochMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledEpochMs / 60_000)}`;
}

export function jobFromTemplate(cj: KObject, scheduledEpochMs: number): KObject {
  const tpl = cj.spec.jobTemplate;
  const annotations = { ...(tpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: formatRfc3339(cj.spec.timeZone || 'UTC', scheduledEpochMs) };
  const metadata: any = {
    name: jobName(cj, scheduledEpochMs),
    namespace: cj.metadata.namespace,
    annotations,
    ownerReferences: [ownerReference(cj, 'batch/v1', 'CronJob')],
  };
  if (tpl.metadata?.labels) metadata.labels = { ...tpl.metadata.labels };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: clone(tpl.spec) };
}

/** jobutil.FinishedCondition: the Complete or Failed condition type, if the Job finished. */
export function finishedCondition(job: KObject): string | undefined {
  return (job.status?.conditions ?? []).find((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
}

/** time.RFC1123Z in UTC: `Thu, 01 Jan 2026 00:05:00 +0000`. */
export function rfc1123z(epochMs: number): string {
  const d = new Date(epochMs);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
