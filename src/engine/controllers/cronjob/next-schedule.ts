/** The CronJob controller's schedule arithmetic (pkg/controller/cronjob/utils.go mostRecentScheduleTime and friends). */
import type { Schedule } from './schedule';

export type Missed = 'none' | 'few' | 'many';

export interface Recent {
  earliest: number;
  mostRecent?: number;
  missed: Missed;
  error?: string;
}

/**
 * The most recent activation at or before `now` since the last schedule (or creation), with how many were missed.
 * Counting is the controller's approximation: the interval between the first two activations times how many fit.
 */
export function mostRecentScheduleTime(
  lastSchedule: number | undefined,
  created: number,
  startingDeadlineSeconds: number | undefined,
  now: number,
  schedule: Schedule,
  includeDeadline: boolean,
): Recent {
  let earliest = lastSchedule ?? created;
  if (includeDeadline && startingDeadlineSeconds !== undefined) earliest = Math.max(earliest, now - startingDeadlineSeconds * 1000);
  const t1 = schedule.next(earliest);
  if (t1 === undefined || now < t1) return { earliest, missed: 'none' };
  const t2 = schedule.next(t1);
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const missedCount = Math.floor(Math.floor((now - t1) / 1000) / between) + 1;
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  for (let t = schedule.next(potentialEarliest); t !== undefined && t <= now; t = schedule.next(t)) mostRecent = t;
  const missed: Missed = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliest, mostRecent, missed };
}

/** How long until the next activation after the most recent one, plus the controller's 100ms delta. */
export function nextScheduleDelay(
  lastSchedule: number | undefined,
  created: number,
  now: number,
  schedule: Schedule,
): number | undefined {
  const r = mostRecentScheduleTime(lastSchedule, created, undefined, now, schedule, false);
  if (r.error) return undefined;
  const next = schedule.next(r.mostRecent ?? r.earliest);
  return next === undefined ? undefined : next + 100 - now;
}
