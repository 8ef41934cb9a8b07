/**
 * One StatefulSet sync (stateful_set_control.go updateStatefulSet): pods inside the ordinal range are replicas,
 * those beyond it are condemned. Replicas are made in ordinal order (claims first), and under OrderedReady the
 * sync stops at the first pod that is not yet Running and Ready; condemned pods go from the highest ordinal, one
 * at a time once all replicas are healthy; then RollingUpdate deletes the highest-ordinal pod (down to the
 * partition) not at the update revision, waiting for each to come back available. Parallel does it all at once.
 */
import type { ControllerContext } from '../../runtime/controller-manager';
import type { EventRecorder } from '../../runtime/events';
import type { KObject } from '../../types';
import { isPodAvailable, isPodReady } from '../shared/pods';
import { claimsFor, newStatefulPod, parentAndOrdinal, revisionOfPod, startOrdinal } from './identity';
import { templateOf, type Revisions } from './history';

export interface SyncDeps {
  ctx: ControllerContext;
  recorder: EventRecorder;
  claim(namespace: string, name: string): KObject | undefined;
}

export interface ReplicaStatus {
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
}

const isCreated = (pod: KObject | undefined): pod is KObject => !!pod?.status?.phase;
const isTerminating = (pod: KObject) => !!pod.metadata.deletionTimestamp;
const isRunningAndReady = (pod: KObject) => pod.status?.phase === 'Running' && isPodReady(pod);

export function statefulSetSync(deps: SyncDeps, set: KObject, revs: Revisions, pods: KObject[]): ReplicaStatus {
  const { ctx } = deps;
  const minReady = set.spec.minReadySeconds ?? 0;
  const now = ctx.clock.now();
  const parse = (ts: string) => ctx.clock.parse(ts);
  const isAvailable = (pod: KObject) => isRunningAndReady(pod) && isPodAvailable(pod, minReady, now, parse);
  const start = startOrdinal(set);
  const count = set.spec.replicas ?? 1;
  const replicas: (KObject | undefined)[] = new Array(count).fill(undefined);
  const condemned: KObject[] = [];
  for (const pod of pods) {
    const { ordinal } = parentAndOrdinal(pod);
    if (ordinal < 0) continue;
    if (ordinal >= start && ordinal < start + count) replicas[ordinal - start] = pod;
    else condemned.push(pod);
  }
  condemned.sort((a, b) => parentAndOrdinal(b).ordinal - parentAndOrdinal(a).ordinal);

  let currentDeleted = 0;
  const status = (): ReplicaStatus => {
    const s = replicaStatus([...replicas.filter(isCreated), ...condemned], revs, isAvailable);
    s.currentReplicas -= currentDeleted;
    return s;
  };
  if (set.metadata.deletionTimestamp) return status();

  const monotonic = set.spec.podManagementPolicy !== 'Parallel';
  const firstUnavailable = [...replicas, ...[...condemned].reverse()].find((p) => !p || !isAvailable(p));

  // processReplica over every ordinal; in monotonic mode the first blocked one ends the sync.
  for (let i = 0; i < count; i++) {
    const ordinal = start + i;
    const pod = replicas[i];
    if (pod && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')) {
      if (!isTerminating(pod)) deletePod(deps, set, pod);
      if (monotonic) return status();
      continue;
    }
    if (!isCreated(pod)) {
      const usesCurrent = set.spec.updateStrategy?.type === 'RollingUpdate' && ordinal < start + (set.spec.updateStrategy?.rollingUpdate?.partition ?? 0);
      const rev = usesCurrent ? revs.current : revs.update;
      createPod(deps, set, newStatefulPod(set, templateOf(rev), rev.metadata.name!, ordinal), ordinal);
      if (monotonic) return status();
      continue;
    }
    if (pod.status?.phase === 'Pending') createMissingClaims(deps, set, pod, ordinal);
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isAvailable(pod))) return status();
  }

  // processCondemned: from the highest ordinal; monotonic mode waits for each to go and for health first.
  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return status();
      continue;
    }
    if (monotonic && !isAvailable(pod) && pod !== firstUnavailable) return status();
    releaseClaimsOnScaleDown(deps, set, pod);
    deletePod(deps, set, pod);
    if (monotonic) return status();
  }

  if (set.spec.updateStrategy?.type === 'OnDelete') return status();
  const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let target = count - 1; target >= partition; target--) {
    const pod = replicas[target]!;
    if (revisionOfPod(pod) !== revs.update.metadata.name && !isTerminating(pod)) {
      deletePod(deps, set, pod);
      currentDeleted++;
      return status();
    }
    if (!isAvailable(pod)) return status();
  }
  return status();
}

function replicaStatus(pods: KObject[], revs: Revisions, isAvailable: (p: KObject) => boolean): ReplicaStatus {
  const s: ReplicaStatus = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const pod of pods) {
    if (!isCreated(pod)) continue;
    s.replicas++;
    if (isRunningAndReady(pod)) {
      s.readyReplicas++;
      if (isAvailable(pod)) s.availableReplicas++;
    }
    if (isTerminating(pod)) continue;
    const rev = revisionOfPod(pod);
    if (rev === revs.current.metadata.name) s.currentReplicas++;
    if (rev === revs.update.metadata.name) s.updatedReplicas++;
  }
  return s;
}

function podEvent(deps: SyncDeps, set: KObject, verb: string, pod: string, error?: string): void {
  const reason = `${error ? 'Failed' : 'Successful'}${verb[0].toUpperCase()}${verb.slice(1)}`;
  if (error) deps.recorder.event(set, 'Warning', reason, `${verb} Pod ${pod} in StatefulSet ${set.metadata.name} failed error: ${error}`);
  else deps.recorder.event(set, 'Normal', reason, `${verb} Pod ${pod} in StatefulSet ${set.metadata.name} successful`);
}

function claimEvent(deps: SyncDeps, set: KObject, verb: string, claim: string, pod: string, error?: string): void {
  const reason = `${error ? 'Failed' : 'Successful'}${verb[0].toUpperCase()}${verb.slice(1)}`;
  const name = set.metadata.name;
  if (error) deps.recorder.event(set, 'Warning', reason, `${verb} Claim ${claim} for Pod ${pod} in StatefulSet ${name} failed error: ${error}`);
  else deps.recorder.event(set, 'Normal', reason, `${verb} Claim ${claim} Pod ${pod} in StatefulSet ${name} success`);
}

/** createPersistentVolumeClaims: every missing claim of the pod; false when one could not be made. */
function createMissingClaims(deps: SyncDeps, set: KObject, pod: KObject, ordinal: number): boolean {
  const ns = set.metadata.namespace!;
  let ok = true;
  for (const claim of claimsFor(set, ordinal).values()) {
    const existing = deps.claim(ns, claim.metadata.name!);
    if (existing) {
      if (existing.metadata.deletionTimestamp) ok = false;
      continue;
    }
    if (set.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete') {
      claim.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name!, uid: set.metadata.uid! }];
    }
    const res = deps.ctx.request({ method: 'POST', path: `/api/v1/namespaces/${ns}/persistentvolumeclaims`, body: claim });
    if (res.status < 300) claimEvent(deps, set, 'create', claim.metadata.name!, pod.metadata.name!);
    else if (res.status !== 409) {
      ok = false;
      claimEvent(deps, set, 'create', claim.metadata.name!, pod.metadata.name!, res.body?.message);
    }
  }
  return ok;
}

/** CreateStatefulPod: the claims, then the pod. */
function createPod(deps: SyncDeps, set: KObject, pod: KObject, ordinal: number): void {
  if (!createMissingClaims(deps, set, pod, ordinal)) return;
  const res = deps.ctx.request({ method: 'POST', path: `/api/v1/namespaces/${set.metadata.namespace}/pods`, body: pod });
  if (res.status === 409) return;
  podEvent(deps, set, 'create', pod.metadata.name!, res.status < 300 ? undefined : res.body?.message);
}

function deletePod(deps: SyncDeps, set: KObject, pod: KObject): void {
  const res = deps.ctx.request({ method: 'DELETE', path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}` });
  if (res.status === 404) return;
  podEvent(deps, set, 'delete', pod.metadata.name!, res.status < 300 ? undefined : res.body?.message);
}

/** whenScaled: Delete hands a condemned pod's claims to the pod, so the garbage collector removes them with it. */
function releaseClaimsOnScaleDown(deps: SyncDeps, set: KObject, pod: KObject): void {
  if (set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
  const ns = set.metadata.namespace!;
  for (const claim of claimsFor(set, parentAndOrdinal(pod).ordinal).values()) {
    const existing = deps.claim(ns, claim.metadata.name!);
    if (!existing || (existing.metadata.ownerReferences ?? []).some((r: any) => r.uid === pod.metadata.uid)) continue;
    // The set's own reference goes (whenDeleted: Delete put it there), or the claim would outlive the pod.
    const kept = (existing.metadata.ownerReferences ?? []).filter((r: any) => r.uid !== set.metadata.uid);
    const refs = [...kept, { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name!, uid: pod.metadata.uid! }];
    deps.ctx.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${ns}/persistentvolumeclaims/${claim.metadata.name}`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { ownerReferences: refs } },
    });
  }
}
