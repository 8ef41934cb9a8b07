/** What the node lifecycle controller writes: the Unknown conditions and the condition taints (v1.33 strings). */
import type { KObject } from '../../types';
import type { Taint } from '../shared/scheduling-predicates';

/** --node-monitor-grace-period, 50s since v1.32. */
export const NODE_MONITOR_GRACE_MS = 50_000;
/** --node-startup-grace-period, for nodes that never posted a Ready condition. */
export const NODE_STARTUP_GRACE_MS = 60_000;

const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';
/** TaintNodesByCondition's taint for a cordoned node. */
export const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export function readyCondition(node: KObject): any | undefined {
  return (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
}

/** All kubelet-owned conditions set to Unknown, as tryUpdateNodeHealth does when the kubelet went silent. */
export function unknownConditions(node: KObject, now: string): any[] {
  const existing: any[] = node.status?.conditions ?? [];
  const out = existing.map((c) => ({ ...c }));
  for (const type of KUBELET_CONDITIONS) {
    const c = out.find((x) => x.type === type);
    if (!c) {
      out.push({
        type,
        status: 'Unknown',
        lastHeartbeatTime: node.metadata.creationTimestamp,
        lastTransitionTime: now,
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
      });
    } else if (c.status !== 'Unknown') {
      Object.assign(c, { status: 'Unknown', lastTransitionTime: now, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    }
  }
  return out;
}

/**
 * The taints the node's Ready condition and spec.unschedulable (cordon) call for, keeping any other taints (and the
 * timeAdded of kept ones).
 */
export function conditionTaints(node: KObject, now: string): Taint[] {
  const status = readyCondition(node)?.status;
  const want = status === 'False' ? NOT_READY : status === 'Unknown' ? UNREACHABLE : undefined;
  const current: Taint[] = node.spec?.taints ?? [];
  const others = current.filter((t) => t.key !== NOT_READY && t.key !== UNREACHABLE && t.key !== UNSCHEDULABLE);
  const keep = (key: string, effect: string) => current.find((t) => t.key === key && t.effect === effect);
  const out = [...others];
  if (node.spec?.unschedulable) out.push(keep(UNSCHEDULABLE, 'NoSchedule') ?? { key: UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: now });
  if (want) {
    out.push(keep(want, 'NoSchedule') ?? { key: want, effect: 'NoSchedule' });
    out.push(keep(want, 'NoExecute') ?? { key: want, effect: 'NoExecute', timeAdded: now });
  }
  return out;
}
