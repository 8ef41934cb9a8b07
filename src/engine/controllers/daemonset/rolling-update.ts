/** DaemonSet RollingUpdate (pkg/controller/daemon/update.go rollingUpdate): which old pods go, where new ones surge. */
import type { KObject } from '../../types';
import { REVISION_HASH_LABEL, scaled } from './daemon-pods';
import type { NodePods } from './index';

export interface RollingPlan {
  deletePods: KObject[];
  createOnNodes: string[];
}

/** findUpdatedPodsOnNode: at most one new and one old pod, else the node is in an unexpected state. */
function splitPods(pods: KObject[], hash: string): { newPod?: KObject; oldPod?: KObject; ok: boolean } {
  let newPod: KObject | undefined;
  let oldPod: KObject | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (pod.metadata.labels?.[REVISION_HASH_LABEL] === hash) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

export function rollingUpdate(ds: KObject, nodes: NodePods[], hash: string, available: (pod: KObject) => boolean): RollingPlan {
  const desired = nodes.filter((n) => n.placement.shouldRun).length;
  const ru = ds.spec.updateStrategy?.rollingUpdate ?? {};
  let maxUnavailable = scaled(ru.maxUnavailable, desired);
  const maxSurge = scaled(ru.maxSurge, desired);
  if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const plan: RollingPlan = { deletePods: [], createOnNodes: [] };
  const candidates = nodes.filter((n) => n.placement.shouldRun && n.pods.length > 0);

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowed: KObject[] = [];
    const toDelete: KObject[] = [];
    for (const { pods } of candidates) {
      const { newPod, oldPod, ok } = splitPods(pods, hash);
      if (!ok || (!newPod && !oldPod) || (newPod && oldPod)) numUnavailable++;
      else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (!available(oldPod!)) allowed.push(oldPod!);
      else if (numUnavailable < maxUnavailable) toDelete.push(oldPod!);
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), toDelete.length);
    plan.deletePods = [...allowed, ...toDelete.slice(0, remaining)];
    return plan;
  }

  let numSurge = 0;
  for (const { node, pods } of candidates) {
    const { newPod, oldPod, ok } = splitPods(pods, hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) plan.createOnNodes.push(node.metadata.name!);
      else if (numSurge < maxSurge) {
        numSurge++;
        plan.createOnNodes.push(node.metadata.name!);
      }
      continue;
    }
    if (!available(newPod)) {
      numSurge++;
      continue;
    }
    plan.deletePods.push(oldPod);
  }
  return plan;
}
