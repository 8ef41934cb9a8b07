/** DaemonSet status (updateDaemonSetStatus): counters over the nodes that should run the daemon. */
import type { KObject } from '../../types';
import { isPodAvailable, isPodReady, podCondition } from '../shared/pods';
import { REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL } from './daemon-pods';
import type { NodePods } from './index';

export function daemonSetStatus(
  ds: KObject,
  nodes: NodePods[],
  hash: string,
  generation: string,
  now: number,
  parse: (ts: string) => number,
): Record<string, any> {
  const minReady = ds.spec.minReadySeconds ?? 0;
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  let nextAvailableInMs: number | undefined;
  for (const { placement, pods } of nodes) {
    const scheduled = pods.length > 0;
    if (!placement.shouldRun) {
      if (scheduled) misscheduled++;
      continue;
    }
    desired++;
    if (!scheduled) continue;
    current++;
    const pod = pods[0];
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now, parse)) available++;
      else {
        const wait = parse(podCondition(pod, 'Ready').lastTransitionTime) + minReady * 1000 - now;
        nextAvailableInMs = Math.min(nextAvailableInMs ?? wait, wait);
      }
    }
    const labels = pod.metadata.labels ?? {};
    if (labels[REVISION_HASH_LABEL] === hash || (!labels[REVISION_HASH_LABEL] && labels[TEMPLATE_GENERATION_LABEL] === generation)) updated++;
  }
  const status: Record<string, any> = {
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    numberAvailable: available,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    observedGeneration: ds.metadata.generation,
    updatedNumberScheduled: updated,
  };
  if (desired - available > 0) status.numberUnavailable = desired - available;
  // omitempty fields of DaemonSetStatus
  if (!available) delete status.numberAvailable;
  if (!updated) delete status.updatedNumberScheduled;
  if (nextAvailableInMs !== undefined) status.nextAvailableInMs = Math.max(1, nextAvailableInMs);
  return status;
}
