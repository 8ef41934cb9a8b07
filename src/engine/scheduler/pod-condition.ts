/** The status patch setting PodScheduled=False on failure, or undefined when nothing would change. */
import type { KObject } from '../types';

export function podScheduledFalse(pod: KObject, reason: string, message: string, now: string): Record<string, unknown> | undefined {
  const current = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
  if (current && current.status === 'False' && current.reason === reason && current.message === message) return undefined;
  const condition = {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: current?.status === 'False' ? current.lastTransitionTime : now,
    reason,
    message,
  };
  return { status: { conditions: [condition] } };
}
