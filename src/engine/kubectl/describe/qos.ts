/** The pod's QoS class: status.qosClass, else computed as kubectl's qos.ComputePodQOS does. */
import type { KObject } from '../../types';
import { compareQuantities, parseQuantityExact } from '../../api/quantity';

type Totals = Map<string, bigint>;

function add(list: Totals, resources: Record<string, string> | undefined): void {
  for (const [name, q] of Object.entries(resources ?? {})) {
    if (name !== 'cpu' && name !== 'memory') continue;
    const parsed = parseQuantityExact(q);
    if (typeof parsed === 'string' || parsed.nanos <= 0n) continue;
    list.set(name, (list.get(name) ?? 0n) + parsed.nanos);
  }
}

function hasCpuAndMemoryLimits(limits: Record<string, string> | undefined): boolean {
  return ['cpu', 'memory'].every((r) => limits?.[r] !== undefined && compareQuantities(limits[r], 0) === 1);
}

export function podQOS(pod: KObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests: Totals = new Map();
  const limits: Totals = new Map();
  let guaranteed = true;
  if (pod.spec?.resources) {
    add(requests, pod.spec.resources.requests);
    if (pod.spec.resources.limits) {
      add(limits, pod.spec.resources.limits);
      if (!hasCpuAndMemoryLimits(pod.spec.resources.limits)) guaranteed = false;
    }
  } else {
    for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
      add(requests, c.resources?.requests);
      add(limits, c.resources?.limits);
      if (!hasCpuAndMemoryLimits(c.resources?.limits)) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
