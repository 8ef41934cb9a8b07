/** Job conditions and the reasons/messages of pkg/controller/job (v1.33, with the interim target conditions). */
import type { KObject } from '../../types';

export interface Finish {
  /** SuccessCriteriaMet or FailureTarget, added first. */
  target: 'SuccessCriteriaMet' | 'FailureTarget';
  final: 'Complete' | 'Failed';
  reason: string;
  message: string;
}

export const COMPLETED: Finish = {
  target: 'SuccessCriteriaMet',
  final: 'Complete',
  reason: 'CompletionsReached',
  message: 'Reached expected number of succeeded pods',
};
export const BACKOFF_EXCEEDED: Finish = {
  target: 'FailureTarget',
  final: 'Failed',
  reason: 'BackoffLimitExceeded',
  message: 'Job has reached the specified backoff limit',
};
export const DEADLINE_EXCEEDED: Finish = {
  target: 'FailureTarget',
  final: 'Failed',
  reason: 'DeadlineExceeded',
  message: 'Job was active longer than specified deadline',
};

export function condition(job: KObject, type: string): any | undefined {
  return (job.status?.conditions ?? []).find((c: any) => c.type === type);
}

export function isTrue(job: KObject, type: string): boolean {
  return condition(job, type)?.status === 'True';
}

export function isFinished(job: KObject): boolean {
  return isTrue(job, 'Complete') || isTrue(job, 'Failed');
}

/** A finished target recorded in an earlier sync (the terminal condition waits for pods to terminate). */
export function pendingFinish(job: KObject): Finish | undefined {
  if (isTrue(job, 'SuccessCriteriaMet')) return COMPLETED;
  const ft = condition(job, 'FailureTarget');
  if (ft?.status !== 'True') return undefined;
  return ft.reason === DEADLINE_EXCEEDED.reason ? DEADLINE_EXCEEDED : BACKOFF_EXCEEDED;
}

/** Set (or update) a condition in a list, keeping lastTransitionTime when the status did not change. */
export function setCondition(list: any[], type: string, status: string, reason: string, message: string, now: string): any[] {
  const old = list.find((c) => c.type === type);
  if (old && old.status === status && old.reason === reason && old.message === message) return list;
  const next = { type, status, lastProbeTime: now, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now, reason, message };
  return old ? list.map((c) => (c === old ? next : c)) : [...list, next];
}
