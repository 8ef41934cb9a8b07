/**
 * rolling.go: RollingUpdate. Scale the new ReplicaSet up within maxSurge, then scale old ones down within
 * maxUnavailable (unhealthy old replicas first), one step per sync; each ReplicaSet update brings the next sync.
 */
import type { KObject } from '../../types';
import type { SyncContext } from './context';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { activeReplicaSets, byCreation, deploymentComplete, maxUnavailable, newRSNewReplicas, replicasOf, sumSpec, sumStatus } from './util';

export function rolloutRolling(s: SyncContext, d: KObject, rsList: KObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, d, rsList, true);
  const allRSs = [...oldRSs, newRS!];
  if (reconcileNewReplicaSet(s, allRSs, newRS!, d)) return syncRolloutStatus(s, allRSs, newRS, d);
  if (reconcileOldReplicaSets(s, allRSs, activeReplicaSets(oldRSs), newRS!, d)) return syncRolloutStatus(s, allRSs, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(s, oldRSs, d);
  syncRolloutStatus(s, allRSs, newRS, d);
}

function reconcileNewReplicaSet(s: SyncContext, allRSs: KObject[], newRS: KObject, d: KObject): boolean {
  if (replicasOf(newRS) === replicasOf(d)) return false;
  if (replicasOf(newRS) > replicasOf(d)) return scaleReplicaSetAndRecordEvent(s, newRS, replicasOf(d), d)[0];
  return scaleReplicaSetAndRecordEvent(s, newRS, newRSNewReplicas(d, allRSs, newRS), d)[0];
}

function reconcileOldReplicaSets(s: SyncContext, allRSs: KObject[], oldRSs: KObject[], newRS: KObject, d: KObject): boolean {
  if (sumSpec(oldRSs) === 0) return false;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumSpec(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  const [cleaned, cleanupCount] = cleanupUnhealthyReplicas(s, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(s, [...cleaned, newRS], cleaned, d);
  return cleanupCount + scaledDown > 0;
}

/** Scale down old replicas that are not available, oldest ReplicaSet first, so they cannot block the rollout. */
function cleanupUnhealthyReplicas(s: SyncContext, oldRSs: KObject[], d: KObject, maxCleanup: number): [KObject[], number] {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break;
    const rs = sorted[i];
    const available = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === 0 || replicasOf(rs) === available) continue;
    const count = Math.min(maxCleanup - total, replicasOf(rs) - available);
    sorted[i] = scaleReplicaSetAndRecordEvent(s, rs, replicasOf(rs) - count, d)[1];
    total += count;
  }
  return [sorted, total];
}

/** Scale down old ReplicaSets, oldest first, while more than minAvailable replicas are available. */
function scaleDownOldReplicaSetsForRollingUpdate(s: SyncContext, allRSs: KObject[], oldRSs: KObject[], d: KObject): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = sumStatus(allRSs, 'availableReplicas');
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= budget) break;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), budget - total);
    scaleReplicaSetAndRecordEvent(s, rs, replicasOf(rs) - count, d);
    total += count;
  }
  return total;
}
