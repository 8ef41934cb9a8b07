/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods matching the selector,
 * creating them from the template in slow-start batches (1, 2, 4, ... at most burstReplicas per sync), deleting the
 * lowest-ranked first, adopting orphans and releasing pods that stopped matching, and reporting status through the
 * status subresource.
 */
import { resourcePath } from '../api/paths';
import { findResource } from '../api/resources';
import { selectorMatches } from '../api/selectors';
import type { KObject } from '../types';
import type { Controller, ControllerContext } from '../runtime/controller-manager';
import { withTypeMeta, type EventRecorder } from '../runtime/events';
import { objectKey } from '../runtime/informer';
import { claimObjects } from './controller-ref';
import { Expectations } from './expectations';
import { createPod, deletePod, podFromTemplate } from './pod-control';
import { podsToDelete } from './pod-ranking';
import { ReplicaSetPods, type PodCounts } from './replicaset-pods';
import { controllerRef, isPodActive, isPodAvailable, isPodReady, ownerReference } from './shared/pods';

export const BURST_REPLICAS = 500;
const SLOW_START_INITIAL_BATCH = 1;

const podsDef = findResource('', 'v1', 'pods')!;

interface State {
  ctx: ControllerContext;
  recorder: EventRecorder;
  expectations: Expectations;
  pods: ReplicaSetPods;
  /** ReplicaSet keys by the uid of their controller (a Deployment), to rank pods by their siblings. */
  rsByController: Map<string, Set<string>>;
  replicaSets: { get(key: string): KObject | undefined; list(ns?: string): KObject[] };
}

export const replicaSetController: Controller = {
  name: 'replicaset',
  start(ctx) {
    const rsInformer = ctx.informer('replicasets', 'apps');
    const pods = ctx.informer('pods');
    const st: State = {
      ctx,
      recorder: ctx.recorder({ component: 'replicaset-controller' }),
      expectations: new Expectations(() => ctx.clock.now()),
      pods: new ReplicaSetPods(),
      rsByController: new Map(),
      replicaSets: rsInformer,
    };
    const queue = ctx.queue((key) => {
      const requeueAfter = syncReplicaSet(st, key);
      queue.forget(key);
      if (requeueAfter !== undefined) queue.addAfter(key, requeueAfter);
    });

    rsInformer.on((type, rs, old) => {
      const key = objectKey(rs);
      const oldOwner = old && controllerRef(old)?.uid;
      if (oldOwner) st.rsByController.get(oldOwner)?.delete(key);
      const owner = controllerRef(rs)?.uid;
      const sig = (o: KObject | undefined) => JSON.stringify([o?.spec?.selector, o?.spec?.template?.metadata?.labels]);
      if (type === 'DELETED' || (old && sig(old) !== sig(rs))) st.pods.invalidate(rs.metadata.uid);
      if (owner && type !== 'DELETED') {
        let set = st.rsByController.get(owner);
        if (!set) st.rsByController.set(owner, (set = new Set()));
        set.add(key);
      }
      if (type === 'DELETED') st.expectations.forget(key);
      queue.add(key);
    });

    /** The ReplicaSet a controllerRef points at, when it is one of ours. */
    const resolve = (ns: string, ref: { kind: string; name: string; uid: string } | undefined): string | undefined => {
      if (!ref || ref.kind !== 'ReplicaSet') return undefined;
      const key = `${ns}/${ref.name}`;
      return rsInformer.get(key)?.metadata.uid === ref.uid ? key : undefined;
    };
    const enqueueMatching = (pod: KObject) => {
      for (const rs of rsInformer.list(pod.metadata.namespace)) {
        if (selectorMatches(rs.spec?.selector, pod.metadata.labels)) queue.add(objectKey(rs));
      }
    };

    pods.on((type, pod, old) => {
      st.pods.update(type, pod, old);
      const ns = pod.metadata.namespace!;
      const podKey = objectKey(pod);
      const ref = controllerRef(pod);
      const rsKey = resolve(ns, ref);
      if (type === 'ADDED') {
        if (rsKey) {
          if (pod.metadata.deletionTimestamp) st.expectations.deletionObserved(rsKey, podKey);
          else st.expectations.creationObserved(rsKey);
          queue.add(rsKey);
        } else if (!ref) enqueueMatching(pod);
        return;
      }
      if (type === 'DELETED') {
        if (rsKey) {
          st.expectations.deletionObserved(rsKey, podKey);
          queue.add(rsKey);
        }
        return;
      }
      const oldRef = old && controllerRef(old);
      const oldKey = old && oldRef?.uid !== ref?.uid ? resolve(ns, oldRef) : undefined;
      if (oldKey) queue.add(oldKey);
      if (pod.metadata.deletionTimestamp && !old?.metadata.deletionTimestamp && rsKey) st.expectations.deletionObserved(rsKey, podKey);
      if (rsKey) {
        queue.add(rsKey);
        const minReady = rsInformer.get(rsKey)?.spec?.minReadySeconds ?? 0;
        if (minReady > 0 && old && isPodReady(old) !== isPodReady(pod)) queue.addAfter(rsKey, (minReady + 1) * 1000);
        return;
      }
      const labelsChanged = JSON.stringify(old?.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {});
      if (!ref && (labelsChanged || oldRef)) enqueueMatching(pod);
    });
  },
};

/** One sync; returns a delay after which the ReplicaSet must be looked at again (minReadySeconds), if any. */
function syncReplicaSet(st: State, key: string): number | undefined {
  const { ctx } = st;
  const cached = st.replicaSets.get(key);
  if (!cached) {
    st.expectations.forget(key);
    return undefined;
  }
  const rs = withTypeMeta(cached, { group: 'apps', version: 'v1', kind: 'ReplicaSet' });
  const needsSync = st.expectations.satisfied(key);
  const ns = rs.metadata.namespace!;
  // Release owned pods that stopped matching, adopt matching orphans (counts follow through the informer).
  claimObjects(ctx, [...st.pods.counts(rs).mismatched.values(), ...st.pods.orphansIn(ns).filter(isPodActive)], {
    owner: rs,
    ownerApiVersion: 'apps/v1',
    ownerKind: 'ReplicaSet',
    matches: (p) => selectorMatches(rs.spec?.selector, p.metadata.labels),
    pathOf: (p) => resourcePath(podsDef, ns, p.metadata.name),
  });
  // Status reports the pods as they were before this sync's creates and deletes, as upstream's does.
  const counts = st.pods.counts(rs);
  let manageError: string | undefined;
  if (needsSync && !rs.metadata.deletionTimestamp) manageError = manageReplicas(st, key, rs, counts.matched);
  const status = calculateStatus(ctx, st, rs, counts, manageError);
  const written = writeStatus(ctx, rs, status);
  if (manageError) throw new Error(manageError);
  const replicas = written.spec?.replicas ?? 0;
  const minReady = written.spec?.minReadySeconds ?? 0;
  if (minReady > 0 && (written.status?.readyReplicas ?? 0) === replicas && (written.status?.availableReplicas ?? 0) !== replicas) {
    return minReady * 1000;
  }
  return undefined;
}

/** Create or delete pods toward spec.replicas; returns the first API error's message, if any. */
function manageReplicas(st: State, key: string, rs: KObject, current: number): string | undefined {
  const { ctx, recorder } = st;
  const want = rs.spec?.replicas ?? 1;
  let diff = current - want;
  if (diff < 0) {
    diff = Math.min(-diff, BURST_REPLICAS);
    st.expectations.expectCreations(key, diff);
    const ref = ownerReference(rs, 'apps/v1', 'ReplicaSet');
    let created = 0;
    let error: string | undefined;
    let remaining = diff;
    for (let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH); batch > 0; batch = Math.min(2 * batch, remaining)) {
      for (let i = 0; i < batch; i++) {
        const res = createPod(ctx, recorder, rs, podFromTemplate(rs.spec?.template, rs, ref));
        if (res.status < 300 || namespaceTerminating(res.body)) created++;
        else error ??= res.body?.message ?? 'unknown error';
      }
      if (error) break;
      remaining -= batch;
    }
    // Creates that were never sent will never be observed.
    for (let skipped = diff - created; skipped > 0; skipped--) st.expectations.creationObserved(key);
    return error;
  }
  if (diff > 0) {
    diff = Math.min(diff, BURST_REPLICAS);
    const victims = podsToDelete(st.pods.matchingEntries(rs), relatedPodsOnNodes(st, rs), diff, ctx.clock.now(), (ts) => ctx.clock.parse(ts));
    st.expectations.expectDeletions(key, victims.map(objectKey));
    let error: string | undefined;
    for (const pod of victims) {
      const res = deletePod(ctx, recorder, rs, pod);
      if (res.status >= 300) {
        st.expectations.deletionObserved(key, objectKey(pod));
        if (res.status !== 404) error ??= res.body?.message ?? 'unknown error';
      }
    }
    return error;
  }
  return undefined;
}

function namespaceTerminating(body: any): boolean {
  return !!body?.details?.causes?.some((c: any) => c.type === 'NamespaceTerminating');
}

/**
 * The active pods per node among getIndirectlyRelatedPods (the pods of every ReplicaSet with the same controller as
 * this one): the ranks of a scale-down.
 */
function relatedPodsOnNodes(st: State, rs: KObject): Map<string, number> {
  const out = new Map<string, number>();
  const owner = controllerRef(rs)?.uid;
  if (!owner) st.pods.addActiveByNode(rs.metadata.uid, out);
  else for (const key of st.rsByController.get(owner) ?? []) st.pods.addActiveByNode(st.replicaSets.get(key)?.metadata.uid, out);
  return out;
}

function calculateStatus(ctx: ControllerContext, st: State, rs: KObject, counts: PodCounts, manageError: string | undefined): any {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const now = ctx.clock.now();
  let available = counts.ready;
  if (minReady > 0) {
    const parse = (ts: string) => ctx.clock.parse(ts);
    available = st.pods.matchingPods(rs).filter((p) => isPodAvailable(p, minReady, now, parse)).length;
  }
  const { fullyLabeled, ready } = counts;
  const want = rs.spec?.replicas ?? 1;
  let conditions: any[] = (rs.status?.conditions ?? []).filter((c: any) => c.type !== 'ReplicaFailure');
  const failure = (rs.status?.conditions ?? []).find((c: any) => c.type === 'ReplicaFailure');
  if (manageError && !failure) {
    const reason = counts.matched < want ? 'FailedCreate' : counts.matched > want ? 'FailedDelete' : '';
    conditions = [...conditions, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: ctx.clock.timestamp(), reason, message: manageError }];
  } else if (manageError && failure) conditions = rs.status.conditions;
  const status: any = { replicas: counts.matched };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  status.observedGeneration = rs.metadata.generation;
  if (conditions.length) status.conditions = conditions;
  return status;
}

function writeStatus(ctx: ControllerContext, rs: KObject, status: any): KObject {
  if (JSON.stringify(status) === JSON.stringify(rs.status ?? {})) return rs;
  const res = ctx.request({
    method: 'PUT',
    path: `/apis/apps/v1/namespaces/${rs.metadata.namespace}/replicasets/${rs.metadata.name}/status`,
    body: { ...rs, status },
  });
  if (res.status === 409) throw new Error('conflict: retry');
  return res.status < 300 ? res.body : rs;
}
