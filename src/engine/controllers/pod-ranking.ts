/**
 * Which pods a ReplicaSet deletes first when it scales down: ActivePodsWithRanks.Less from controller_utils.go with
 * PodDeletionCost and LogarithmicScaleDown on (both default in 1.33). The rank of a pod is the number of active
 * related pods (pods of every ReplicaSet of the same Deployment) on its node.
 */
import type { KObject } from '../types';
import { isPodActive, isPodReady, podCondition } from './shared/pods';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
export const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** The facts Less compares, read once per pod object (a scale-down ranks every pod of the ReplicaSet). */
interface Facts {
  pod: KObject;
  unassigned: boolean;
  node: string;
  phase: number;
  ready: boolean;
  cost: number;
  readyAt: number | undefined;
  restarts: number;
  createdAt: number | undefined;
  uid: string;
}

interface Ranked {
  f: Facts;
  rank: number;
  /** floor(log2(ns since ready)), -1 when not in the past; undefined without a ready time. */
  readyBucket: number | undefined;
  createdBucket: number | undefined;
}

/** getPodsToDelete: the first `diff` pods in deletion order. */
export function podsToDelete(pods: KObject[], related: KObject[], diff: number, now: number, parse: (ts: string) => number): KObject[] {
  if (diff >= pods.length) return pods;
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const bucket = (t: number | undefined) => {
    if (t === undefined) return undefined;
    const d = (now - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  const ranked: Ranked[] = pods.map((pod) => {
    const f = factsOf(pod, parse);
    return { f, rank: onNode.get(f.node) ?? 0, readyBucket: bucket(f.readyAt), createdBucket: bucket(f.createdAt) };
  });
  // A few victims out of many (the usual rolling-update step): pick them by linear scans, as a stable sort would.
  if (diff <= SELECT_LIMIT) {
    const out: KObject[] = [];
    for (let k = 0; k < diff; k++) {
      let best = 0;
      for (let i = 1; i < ranked.length; i++) if (less(ranked[i], ranked[best])) best = i;
      out.push(ranked[best].f.pod);
      ranked.splice(best, 1);
    }
    return out;
  }
  ranked.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.f.pod);
}

const SELECT_LIMIT = 8;

/** Informer objects are immutable: a pod's facts are read once. */
const factsCache = new WeakMap<KObject, Facts>();

function factsOf(pod: KObject, parse: (ts: string) => number): Facts {
  let f = factsCache.get(pod);
  if (f) return f;
  const node = pod.spec?.nodeName ?? '';
  const ready = isPodReady(pod);
  const readyTs = ready ? podCondition(pod, 'Ready')?.lastTransitionTime : undefined;
  f = {
    pod,
    unassigned: !node,
    node,
    phase: PHASE_ORDINAL[pod.status?.phase] ?? 0,
    ready,
    cost: deletionCost(pod),
    readyAt: readyTs ? parse(readyTs) : undefined,
    restarts: maxRestarts(pod),
    createdAt: pod.metadata.creationTimestamp ? parse(pod.metadata.creationTimestamp) : undefined,
    uid: pod.metadata.uid ?? '',
  };
  factsCache.set(pod, f);
  return f;
}

function deletionCost(pod: KObject): number {
  const v = pod.metadata.annotations?.[DELETION_COST_ANNOTATION];
  const n = v === undefined ? 0 : parseInt(v, 10);
  return Number.isFinite(n) ? n : 0;
}

function maxRestarts(pod: KObject): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0);
  return max;
}

/** Newer (or zero) first, by logarithmic bucket; equal buckets fall back to UID order. */
function newerFirst(a: Ranked, b: Ranked, ta: number | undefined, tb: number | undefined, ba: number | undefined, bb: number | undefined): boolean | undefined {
  if (ta === tb) return undefined;
  if (ta === undefined || tb === undefined) return ta === undefined;
  if (ba === bb) return a.f.uid < b.f.uid;
  return ba! < bb!;
}

/** Less(i, j): whether a is deleted before b. */
function less(x: Ranked, y: Ranked): boolean {
  const a = x.f;
  const b = y.f;
  if (a.node !== b.node && (a.unassigned || b.unassigned)) return a.unassigned;
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ready !== b.ready) return !a.ready;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (x.rank !== y.rank) return x.rank > y.rank;
  if (a.ready && b.ready) {
    const byReady = newerFirst(x, y, a.readyAt, b.readyAt, x.readyBucket, y.readyBucket);
    if (byReady !== undefined) return byReady;
  }
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  return newerFirst(x, y, a.createdAt, b.createdAt, x.createdBucket, y.createdBucket) ?? false;
}
