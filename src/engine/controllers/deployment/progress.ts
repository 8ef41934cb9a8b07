/**
 * progress.go: the Progressing condition (progress, completion, deadline exceeded), ReplicaFailure copied from the
 * ReplicaSets, and the re-queue that notices a stuck rollout when its deadline passes.
 */
import type { KObject } from '../../types';
import { deepEqual } from '../../util';
import {
  getCondition,
  hasProgressDeadline,
  newCondition,
  PROGRESSING,
  Reasons,
  REPLICA_FAILURE,
  removeCondition,
  setCondition,
} from './conditions';
import { updateDeploymentStatus, type SyncContext } from './context';
import { calculateStatus, orderStatus } from './sync';
import { deploymentComplete } from './util';

/** DeploymentProgressing: more updated, fewer old, more ready or more available replicas than before. */
function progressing(d: KObject, next: any): boolean {
  const prev = d.status ?? {};
  const oldOld = (prev.replicas ?? 0) - (prev.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (prev.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (prev.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (prev.availableReplicas ?? 0)
  );
}

function timedOut(s: SyncContext, d: KObject, next: any): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getCondition(next, PROGRESSING);
  if (!cond) return false;
  if (cond.reason === Reasons.NewRSAvailable) return false;
  if (cond.reason === Reasons.TimedOut) return true;
  const from = s.ctx.clock.parse(cond.lastUpdateTime);
  return from + d.spec.progressDeadlineSeconds * 1000 < s.ctx.clock.now();
}

/** getReplicaFailures: the new RS's ReplicaFailure condition first, else any old one's. */
function replicaFailure(allRSs: KObject[], newRS: KObject | undefined): any | undefined {
  const find = (rs: KObject) => (rs.status?.conditions ?? []).find((c: any) => c.type === 'ReplicaFailure' && c.status === 'True');
  const order = newRS ? [newRS, ...allRSs.filter((rs) => rs !== newRS)] : allRSs;
  for (const rs of order) {
    const c = find(rs);
    if (c) return { type: REPLICA_FAILURE, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  }
  return undefined;
}

export function syncRolloutStatus(s: SyncContext, allRSs: KObject[], newRS: KObject | undefined, d: KObject): void {
  const now = s.ctx.clock.timestamp();
  const next = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(next, PROGRESSING);
  const current = getCondition(d.status, PROGRESSING);
  const complete = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === Reasons.NewRSAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const rsName = newRS?.metadata.name;
    if (deploymentComplete(d, next)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(next, newCondition(PROGRESSING, 'True', Reasons.NewRSAvailable, msg, now));
    } else if (progressing(d, next)) {
      const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const cond = newCondition(PROGRESSING, 'True', Reasons.RSUpdated, msg, now);
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, PROGRESSING);
      }
      setCondition(next, cond);
    } else if (timedOut(s, d, next)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(next, newCondition(PROGRESSING, 'False', Reasons.TimedOut, msg, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(next, failure);
  else removeCondition(next, REPLICA_FAILURE);
  const status = orderStatus(next);
  if (deepEqual(d.status ?? {}, status)) {
    requeueStuckDeployment(s, d, status);
    return;
  }
  d.status = status;
  updateDeploymentStatus(s, d);
}

/** requeueStuckDeployment: look again one second after the deadline would pass without progress. */
function requeueStuckDeployment(s: SyncContext, d: KObject, status: any): void {
  const cond = getCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || !cond) return;
  if (deploymentComplete(d, status) || cond.reason === Reasons.TimedOut) return;
  const after = s.ctx.clock.parse(cond.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 - s.ctx.clock.now();
  s.enqueueAfter(d, after < 1000 ? 5 : after + 1000);
}
