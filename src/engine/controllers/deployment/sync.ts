/**
 * sync.go: finding or creating the new ReplicaSet and syncing revisions, scaling (incl. proportional scaling in the
 * middle of a rollout), history cleanup and the status computed from the ReplicaSets.
 */
import type { KObject } from '../../types';
import { clone, deepEqual } from '../../util';
import { withTypeMeta } from '../../runtime/events';
import { ownerReference } from '../shared/pods';
import { AVAILABLE, getCondition, hasProgressDeadline, newCondition, PROGRESSING, Reasons, setCondition } from './conditions';
import { RetryError, updateDeploymentStatus, updateReplicaSet, type SyncContext } from './context';
import {
  activeReplicaSets,
  byCreation,
  byRevision,
  DESIRED_REPLICAS,
  findNewReplicaSet,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  POD_TEMPLATE_HASH,
  podTemplateHash,
  proportion,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  REVISION,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  sumSpec,
  sumStatus,
} from './util';

export interface RSSplit {
  newRS: KObject | undefined;
  oldRSs: KObject[];
}

/** getAllReplicaSetsAndSyncRevision. */
export function getAllReplicaSetsAndSyncRevision(s: SyncContext, d: KObject, rsList: KObject[], create: boolean): RSSplit {
  const found = findNewReplicaSet(d, rsList);
  const oldRSs = rsList.filter((rs) => rs !== found);
  const newRS = getNewReplicaSet(s, d, rsList, oldRSs, create);
  return { newRS, oldRSs };
}

function setDeploymentRevision(d: KObject, revision: string): boolean {
  if (d.metadata.annotations?.[REVISION] === revision) return false;
  d.metadata.annotations = { ...d.metadata.annotations, [REVISION]: revision };
  return true;
}

function getNewReplicaSet(s: SyncContext, d: KObject, rsList: KObject[], oldRSs: KObject[], create: boolean): KObject | undefined {
  const now = s.ctx.clock.timestamp();
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    let rs = clone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rs, newRevision, true);
    const minReadyChanged = (rs.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadyChanged) {
      rs.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
      return updateReplicaSet(s, rs);
    }
    let needsUpdate = setDeploymentRevision(d, rs.metadata.annotations?.[REVISION] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, PROGRESSING)) {
      d.status ??= {};
      setCondition(d.status, newCondition(PROGRESSING, 'True', Reasons.FoundNewRS, `Found new replica set "${rs.metadata.name}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) updateDeploymentStatus(s, d);
    rs = existing;
    return rs;
  }
  if (!create) return undefined;

  const template = clone(d.spec.template);
  const hash = podTemplateHash(template, d.status?.collisionCount);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
  const selector = clone(d.spec.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash };
  const newRS: KObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [ownerReference(d, 'apps/v1', 'Deployment')],
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
  };
  const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = count;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);

  const res = s.ctx.request({ method: 'POST', path: `/apis/apps/v1/namespaces/${d.metadata.namespace}/replicasets`, body: newRS });
  let createdRS: KObject;
  let alreadyExists = false;
  if (res.status === 409 && res.body?.reason === 'AlreadyExists') {
    alreadyExists = true;
    const rs = s.replicaSet(d.metadata.namespace!, newRS.metadata.name!);
    const ref = rs?.metadata.ownerReferences?.find((r) => r.controller);
    if (!rs || ref?.uid !== d.metadata.uid || !equalTemplates(d, rs)) {
      // A hash collision: bump collisionCount so the next sync computes another name.
      d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
      updateDeploymentStatus(s, d);
      throw new RetryError(res.body.message);
    }
    createdRS = rs;
  } else if (res.status >= 300) {
    const msg = `Failed to create new replica set "${newRS.metadata.name}": ${res.body?.message}`;
    if (res.body?.details?.causes?.some((c: any) => c.type === 'NamespaceTerminating')) throw new RetryError(msg);
    if (hasProgressDeadline(d)) {
      d.status ??= {};
      setCondition(d.status, newCondition(PROGRESSING, 'False', Reasons.FailedRSCreate, msg, now));
      try {
        updateDeploymentStatus(s, d);
      } catch {
        /* the bigger problem is reported below */
      }
    }
    s.recorder.event(typed(d), 'Warning', Reasons.FailedRSCreate, msg);
    throw new RetryError(msg);
  } else createdRS = res.body;

  if (!alreadyExists && count > 0) {
    s.recorder.event(typed(d), 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${createdRS.metadata.name} from 0 to ${count}`);
  }
  let needsUpdate = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    d.status ??= {};
    setCondition(d.status, newCondition(PROGRESSING, 'True', Reasons.NewRSCreated, `Created new replica set "${createdRS.metadata.name}"`, now));
    needsUpdate = true;
  }
  if (needsUpdate) updateDeploymentStatus(s, d);
  return createdRS;
}

function equalTemplates(d: KObject, rs: KObject): boolean {
  return findNewReplicaSet(d, [rs]) === rs;
}

export const typed = (d: KObject) => withTypeMeta(d, { group: 'apps', version: 'v1', kind: 'Deployment' });

/** scaleReplicaSet: resize and refresh the replica annotations; the event only when the size changed. */
export function scaleReplicaSet(s: SyncContext, rs: KObject, newScale: number, d: KObject, op: string): [boolean, KObject] {
  const sizeChanged = replicasOf(rs) !== newScale;
  const desired = replicasOf(d);
  const max = desired + maxSurge(d);
  if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, desired, max)) return [false, rs];
  const oldScale = replicasOf(rs);
  const copy = clone(rs);
  copy.spec.replicas = newScale;
  setReplicasAnnotations(copy, desired, max);
  const updated = updateReplicaSet(s, copy);
  if (sizeChanged) {
    s.recorder.event(typed(d), 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`);
  }
  return [sizeChanged, updated];
}

export function scaleReplicaSetAndRecordEvent(s: SyncContext, rs: KObject, newScale: number, d: KObject): [boolean, KObject] {
  if (replicasOf(rs) === newScale) return [false, rs];
  return scaleReplicaSet(s, rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
}

/** FindActiveOrLatest: the one active RS, or the newest when none is active, or nothing when several are. */
function findActiveOrLatest(newRS: KObject | undefined, oldRSs: KObject[]): KObject | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...newestFirst, ...(newRS ? [newRS] : [])]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** scale(): resize the Deployment's ReplicaSets to a new spec.replicas, proportionally during a rollout. */
export function scale(s: SyncContext, d: KObject, newRS: KObject | undefined, oldRSs: KObject[]): void {
  const one = findActiveOrLatest(newRS, oldRSs);
  if (one) {
    if (replicasOf(one) !== replicasOf(d)) scaleReplicaSetAndRecordEvent(s, one, replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(s, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets([...oldRSs, ...(newRS ? [newRS] : [])]);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - sumSpec(all);
  let op = '';
  if (toAdd > 0) {
    // ReplicaSetsBySizeNewer: larger first, newer first among equals.
    all.sort((a, b) => replicasOf(b) - replicasOf(a) || byCreation(b, a));
    op = 'up';
  } else if (toAdd < 0) {
    // ReplicaSetsBySizeOlder: larger first, older first among equals.
    all.sort((a, b) => replicasOf(b) - replicasOf(a) || byCreation(a, b));
    op = 'down';
  }
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return replicasOf(rs);
    const p = proportion(rs, d, toAdd, added);
    added += p;
    return replicasOf(rs) + p;
  });
  all.forEach((rs, i) => {
    // Leftovers go to the first (largest) ReplicaSet.
    if (i === 0 && toAdd !== 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
    scaleReplicaSet(s, rs, sizes[i], d, op);
  });
}

/** isScalingEvent: an active RS was annotated for another spec.replicas than the Deployment's. */
export function isScalingEvent(s: SyncContext, d: KObject, rsList: KObject[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  for (const rs of activeReplicaSets([...oldRSs, ...(newRS ? [newRS] : [])])) {
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
    if (desired === undefined || !/^\d+$/.test(desired)) continue;
    if (Number(desired) !== replicasOf(d)) return true;
  }
  return false;
}

/** cleanupDeployment: delete the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(s: SyncContext, oldRSs: KObject[], d: KObject): void {
  const limit = d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === null) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, diff)) {
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    s.ctx.request({
      method: 'DELETE',
      path: `/apis/apps/v1/namespaces/${rs.metadata.namespace}/replicasets/${rs.metadata.name}`,
      body: { preconditions: { uid: rs.metadata.uid } },
    });
  }
}

/** calculateStatus: counts from the ReplicaSets and the Available condition. */
export function calculateStatus(allRSs: KObject[], newRS: KObject | undefined, d: KObject, now: string): any {
  const available = sumStatus(allRSs, 'availableReplicas');
  const unavailable = Math.max(0, sumSpec(allRSs) - available);
  const raw: Record<string, number | undefined> = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(allRSs, 'replicas'),
    updatedReplicas: newRS ? (newRS.status?.replicas ?? 0) : 0,
    readyReplicas: sumStatus(allRSs, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: unavailable,
  };
  const status: any = {};
  for (const [k, v] of Object.entries(raw)) if (v) status[k] = v;
  const conditions = d.status?.conditions;
  if (conditions?.length) status.conditions = conditions.map((c: any) => ({ ...c }));
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, 'True', Reasons.MinimumAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition(AVAILABLE, 'False', Reasons.MinimumUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return orderStatus(status);
}

/** DeploymentStatus fields in their serialization order. */
export function orderStatus(status: any): any {
  const order = ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'conditions', 'collisionCount'];
  const out: any = {};
  for (const k of order) if (status[k] !== undefined) out[k] = status[k];
  return out;
}

/** syncDeploymentStatus: write the computed status when it differs. */
export function syncDeploymentStatus(s: SyncContext, allRSs: KObject[], newRS: KObject | undefined, d: KObject): void {
  const status = calculateStatus(allRSs, newRS, d, s.ctx.clock.timestamp());
  if (deepEqual(d.status ?? {}, status)) return;
  d.status = status;
  updateDeploymentStatus(s, d);
}

export { RetryError };
