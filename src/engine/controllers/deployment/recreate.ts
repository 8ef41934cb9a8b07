/**
 * recreate.go: scale every old ReplicaSet to zero, wait until none of their pods is still running, then create the
 * new ReplicaSet at full size.
 */
import type { KObject } from '../../types';
import type { SyncContext } from './context';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { activeReplicaSets, deploymentComplete, replicasOf } from './util';

export function rolloutRecreate(s: SyncContext, d: KObject, rsList: KObject[]): void {
  const split = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  let newRS = split.newRS;
  const oldRSs = split.oldRSs;
  const allRSs = () => [...oldRSs, ...(newRS ? [newRS] : [])];

  if (scaleDownOldReplicaSets(s, activeReplicaSets(oldRSs), d)) return syncRolloutStatus(s, allRSs(), newRS, d);
  if (oldPodsRunning(s, newRS, oldRSs)) return syncRolloutStatus(s, allRSs(), newRS, d);

  if (!newRS) newRS = getAllReplicaSetsAndSyncRevision(s, d, rsList, true).newRS;
  if (newRS) scaleReplicaSetAndRecordEvent(s, newRS, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(s, oldRSs, d);
  syncRolloutStatus(s, allRSs(), newRS, d);
}

function scaleDownOldReplicaSets(s: SyncContext, oldRSs: KObject[], d: KObject): boolean {
  let scaled = false;
  for (const rs of oldRSs) {
    if (replicasOf(rs) === 0) continue;
    if (scaleReplicaSetAndRecordEvent(s, rs, 0, d)[0]) scaled = true;
  }
  return scaled;
}

/**
 * oldPodsRunning: an old RS still reports replicas, or one of its pods (terminating ones included) has not
 * Succeeded or Failed.
 */
function oldPodsRunning(s: SyncContext, newRS: KObject | undefined, oldRSs: KObject[]): boolean {
  if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
  const old = oldRSs.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
  return s.podsOf(old).some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
}
