/**
 * deployment/util/deployment_util.go: the annotations, revisions, surge/unavailable fenceposts, the new/old
 * ReplicaSet split and the replica sums the Deployment controller is built from.
 */
import type { KObject } from '../../types';
import { deepEqual } from '../../util';
import { computeHash } from '../shared/hash';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH = 'pod-template-hash';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const DEPRECATED_ROLLBACK_TO = 'deprecated.deployment.rollback.to';
const ANNOTATIONS_TO_SKIP = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, DEPRECATED_ROLLBACK_TO]);
/** maxRevHistoryLengthInChars of the controller. */
const MAX_REVISION_HISTORY_CHARS = 2000;

export const replicasOf = (o: KObject | undefined): number => o?.spec?.replicas ?? 0;
export const sumSpec = (rss: KObject[]) => rss.reduce((n, rs) => n + replicasOf(rs), 0);
export const sumStatus = (rss: KObject[], field: string) => rss.reduce((n, rs) => n + (rs?.status?.[field] ?? 0), 0);
export const activeReplicaSets = (rss: KObject[]) => rss.filter((rs) => replicasOf(rs) > 0);

const isPercent = (v: unknown): v is string => typeof v === 'string' && /^-?\d+%$/.test(v);

/** intstr.GetScaledValueFromIntOrPercent. */
function scaled(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (isPercent(v)) {
    const x = (parseInt(v, 10) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  const n = parseInt(String(v ?? 0), 10);
  return Number.isFinite(n) ? n : 0;
}

export const isRollingUpdate = (d: KObject) => d.spec?.strategy?.type === 'RollingUpdate';

/** ResolveFenceposts: surge rounds up, unavailable rounds down, and both 0 means unavailable 1. */
export function resolveFenceposts(d: KObject): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const replicas = replicasOf(d);
  const surge = scaled(ru.maxSurge ?? '25%', replicas, true);
  let unavailable = scaled(ru.maxUnavailable ?? '25%', replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxUnavailable(d: KObject): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, replicas);
}

export function maxSurge(d: KObject): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = canonical((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** controller.ComputeHash of the pod template: only [4-9bcdf], deterministic for a template and collisionCount. */
export function podTemplateHash(template: unknown, collisionCount?: number): string {
  return computeHash(canonical(template), collisionCount);
}

function labelsEqualIgnoreHash(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {}).filter((k) => k !== POD_TEMPLATE_HASH);
  const kb = Object.keys(b ?? {}).filter((k) => k !== POD_TEMPLATE_HASH);
  return ka.length === kb.length && ka.every((k) => a![k] === b?.[k]);
}

/** Whether two objects are deep-equal, comparing `key` with `same` instead (without cloning: this runs every sync). */
function equalExcept(a: any, b: any, key: string, same: (x: any, y: any) => boolean): boolean {
  const oa = a ?? {};
  const ob = b ?? {};
  const keys = new Set([...Object.keys(oa), ...Object.keys(ob)]);
  for (const k of keys) {
    if (k === key ? !same(oa[k], ob[k]) : !deepEqual(oa[k], ob[k])) return false;
  }
  return true;
}

/** EqualIgnoreHash: pod templates equal once the pod-template-hash label is ignored. */
export function equalIgnoreHash(a: any, b: any): boolean {
  return equalExcept(a, b, 'metadata', (ma, mb) => equalExcept(ma, mb, 'labels', labelsEqualIgnoreHash));
}

const created = (o: KObject) => o.metadata.creationTimestamp ?? '';

/** ReplicaSetsByCreationTimestamp: oldest first, ties by name. */
export function byCreation(a: KObject, b: KObject): number {
  if (created(a) !== created(b)) return created(a) < created(b) ? -1 : 1;
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's, hash label aside. */
export function findNewReplicaSet(d: KObject, rss: KObject[]): KObject | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export function revisionOf(o: KObject | undefined): number {
  const v = o?.metadata.annotations?.[REVISION];
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) ? n : 0;
}

export function maxRevision(rss: KObject[]): number {
  return rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/** ReplicaSetsByRevision: lowest revision first, ties by creation. */
export function byRevision(a: KObject, b: KObject): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  return ra !== rb ? ra - rb : byCreation(a, b);
}

/** copyDeploymentAnnotationsToReplicaSet: all but the skipped keys; returns whether anything changed. */
function copyAnnotations(d: KObject, rs: KObject): boolean {
  let changed = false;
  const target = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; returns whether they changed. */
export function setReplicasAnnotations(rs: KObject, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  const want = { [DESIRED_REPLICAS]: String(desired), [MAX_REPLICAS]: String(max) };
  let changed = false;
  for (const [k, v] of Object.entries(want)) {
    if (a[k] !== v) {
      a[k] = v;
      changed = true;
    }
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KObject, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise (never lower) the revision, keep the
 * revisions an RS served before in revision-history, and on a new RS the replica annotations.
 */
export function setNewReplicaSetAnnotations(d: KObject, rs: KObject, newRevision: number, exists: boolean): boolean {
  let changed = copyAnnotations(d, rs);
  const a = (rs.metadata.annotations ??= {});
  const had = a[REVISION] !== undefined;
  const oldRevisionText = a[REVISION] ?? '';
  const oldRevision = oldRevisionText === '' ? 0 : Number(oldRevisionText);
  if (!Number.isInteger(oldRevision)) return false;
  if (oldRevision < newRevision) {
    a[REVISION] = String(newRevision);
    changed = true;
    if (had) {
      const history = a[REVISION_HISTORY] ?? '';
      let old = history === '' ? [] : history.split(',');
      let total = history.length + oldRevisionText.length + 1;
      while (old.length && history !== '' && total > MAX_REVISION_HISTORY_CHARS) {
        total -= old[0].length + 1;
        old = old.slice(1);
      }
      if (total <= MAX_REVISION_HISTORY_CHARS) a[REVISION_HISTORY] = [...old, oldRevisionText].join(',');
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** IsSaturated: the new RS runs all desired replicas, all available, annotated with the current size. */
export function isSaturated(d: KObject, rs: KObject | undefined): boolean {
  if (!rs) return false;
  const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS]);
  return replicasOf(rs) === replicasOf(d) && desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/** NewRSNewReplicas: how large the new RS may become now. */
export function newRSNewReplicas(d: KObject, allRSs: KObject[], newRS: KObject): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const maxTotal = replicasOf(d) + maxSurge(d);
  const current = sumSpec(allRSs);
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS));
}

/** GetProportion / getReplicaSetFraction: this RS's share of a resize in the middle of a rollout. */
export function proportion(rs: KObject, d: KObject, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: KObject, d: KObject): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const maxNow = replicasOf(d) + maxSurge(d);
  let before = Number(rs.metadata.annotations?.[MAX_REPLICAS]);
  if (!Number.isInteger(before) || before === 0) {
    before = d.status?.replicas ?? 0;
    if (before === 0) return 0;
  }
  return Math.round((replicasOf(rs) * maxNow) / before) - replicasOf(rs);
}

/** DeploymentComplete. */
export function deploymentComplete(d: KObject, status: any): boolean {
  const want = replicasOf(d);
  return (
    (status.updatedReplicas ?? 0) === want &&
    (status.replicas ?? 0) === want &&
    (status.availableReplicas ?? 0) === want &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}
