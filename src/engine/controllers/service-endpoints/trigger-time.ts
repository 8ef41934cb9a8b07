/**
 * TriggerTimeTracker (k8s.io/endpointslice/util): the `endpoints.kubernetes.io/last-change-trigger-time` value of a
 * sync: the Service's creation time on its first sync, then the earliest pod Ready-condition transition (or Service
 * creation) that changed since the previous sync; none when nothing did.
 */
import type { KObject } from '../../types';
import { podCondition } from '../shared/pods';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

interface ServiceState {
  serviceTime: number;
  podTimes: Map<string, number>;
}

const parse = (ts: string | undefined): number => (ts ? Date.parse(ts) : NaN);

/** RFC3339Nano in UTC, as Go prints it (no fractional part for whole seconds). */
function formatRFC3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z').replace(/(\.\d*?)0+Z$/, '$1Z');
}

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** The annotation value for this sync, or undefined when it should be cleared. */
  compute(key: string, svc: KObject, pods: KObject[]): string | undefined {
    const state = this.states.get(key);
    let min = NaN;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const t = parse(podCondition(pod, 'Ready')?.lastTransitionTime);
      if (Number.isNaN(t)) continue;
      podTimes.set(pod.metadata.name!, t);
      const last = state?.podTimes.get(pod.metadata.name!);
      if (last === undefined || t > last) min = Number.isNaN(min) ? t : Math.min(min, t);
    }
    const serviceTime = parse(svc.metadata.creationTimestamp);
    if (!state || serviceTime > state.serviceTime) min = Number.isNaN(min) ? serviceTime : Math.min(min, serviceTime);
    this.states.set(key, { serviceTime, podTimes });
    if (!state) return Number.isNaN(serviceTime) ? undefined : formatRFC3339Nano(serviceTime);
    return Number.isNaN(min) ? undefined : formatRFC3339Nano(min);
  }

  delete(key: string): void {
    this.states.delete(key);
  }
}
