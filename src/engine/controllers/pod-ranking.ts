/**
 * Which pods a ReplicaSet deletes first when it scales down: ActivePodsWithRanks.Less from controller_utils.go with
 * PodDeletionCost and LogarithmicScaleDown on (both default in 1.33). The rank of a pod is the number of active
 * related pods (pods of every ReplicaSet of the same Deployment) on its node.
 */
import type { KObject } from '../types';
import { isPodReady, podCondition } from './shared/pods';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
export const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/**
 * A pod's place in the deletion order: the facts Less compares, read once per pod object (a scale-down ranks every
 * pod of the ReplicaSet), and this scale-down's rank and time buckets, flat so that comparing reads no pointers.
 */
export class Ranked {
  readonly unassigned: boolean;
  readonly node: string;
  readonly phase: number;
  readonly ready: boolean;
  readonly cost: number;
  readonly readyAt: number | undefined;
  readonly restarts: number;
  readonly createdAt: number | undefined;
  readonly uid: string;
  rank = 0;
  /** floor(log2(ns since ready)), -1 when not in the past; undefined without a ready time. */
  readyBucket: number | undefined;
  createdBucket: number | undefined;
  /**
   * The first five steps of Less packed into one number (lower is deleted first), when the cost and rank fit;
   * equal keys mean those steps tie.
   */
  key: number | undefined;

  constructor(
    readonly pod: KObject,
    parse: (ts: string) => number,
  ) {
    const node = pod.spec?.nodeName ?? '';
    const ready = isPodReady(pod);
    const readyTs = ready ? podCondition(pod, 'Ready')?.lastTransitionTime : undefined;
    this.unassigned = !node;
    this.node = node;
    this.phase = PHASE_ORDINAL[pod.status?.phase] ?? 0;
    this.ready = ready;
    this.cost = deletionCost(pod);
    this.readyAt = readyTs ? parse(readyTs) : undefined;
    this.restarts = maxRestarts(pod);
    this.createdAt = pod.metadata.creationTimestamp ? parse(pod.metadata.creationTimestamp) : undefined;
    this.uid = pod.metadata.uid ?? '';
  }

  private placedAt: number | undefined;

  /** Rank and buckets for one scale-down (unchanged when asked again at the same instant with the same rank). */
  place(rank: number, now: number): void {
    if (this.placedAt === now && this.rank === rank) return;
    this.placedAt = now;
    this.rank = rank;
    this.readyBucket = bucket(now, this.readyAt);
    this.createdBucket = bucket(now, this.createdAt);
    const cost = this.cost;
    this.key =
      Number.isInteger(cost) && cost >= -(2 ** 31) && cost < 2 ** 31 && rank >= 0 && rank < 2 ** 16
        ? (((this.unassigned ? 0 : 1) * 4 + this.phase) * 2 + (this.ready ? 1 : 0)) * 2 ** 48 + (cost + 2 ** 31) * 2 ** 16 + (2 ** 16 - 1 - rank)
        : undefined;
  }
}

function bucket(now: number, t: number | undefined): number | undefined {
  if (t === undefined) return undefined;
  const d = (now - t) * 1e6;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/** A pod to rank, with a place to keep its Ranked for as long as the pod object stays the same. */
export interface RankEntry {
  readonly pod: KObject;
  ranked?: Ranked;
}

/**
 * getPodsToDelete: the first `diff` pods in deletion order; `onNode` counts the active related pods per node.
 */
export function podsToDelete(pods: RankEntry[], onNode: Map<string, number>, diff: number, now: number, parse: (ts: string) => number): KObject[] {
  if (diff >= pods.length) return pods.map((e) => e.pod);
  const ranked: Ranked[] = new Array(pods.length);
  for (let i = 0; i < pods.length; i++) {
    const e = pods[i];
    const r = (e.ranked ??= new Ranked(e.pod, parse));
    r.place(onNode.get(r.node) ?? 0, now);
    ranked[i] = r;
  }
  // A few victims out of many (the usual rolling-update step): one pass keeping the first `diff` in the order a
  // stable sort gives (a later pod equal to the last kept one sorts after it, so it is not taken).
  if (diff <= SELECT_LIMIT) {
    const kept: Ranked[] = [];
    for (const r of ranked) {
      if (kept.length === diff && compare(r, kept[diff - 1]) >= 0) continue;
      let at = kept.length;
      while (at > 0 && compare(r, kept[at - 1]) < 0) at--;
      kept.splice(at, 0, r);
      if (kept.length > diff) kept.pop();
    }
    return kept.map((r) => r.pod);
  }
  ranked.sort(compare);
  const out: KObject[] = new Array(diff);
  for (let i = 0; i < diff; i++) out[i] = ranked[i].pod;
  return out;
}

const SELECT_LIMIT = 64;

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

/**
 * Less(a, b) and Less(b, a) in one pass: -1 when a is deleted before b, 1 when b is deleted before a, 0 when
 * neither (every step of Less is antisymmetric, so the first step that decides one direction decides the other).
 */
function compare(a: Ranked, b: Ranked): number {
  const ka = a.key;
  const kb = b.key;
  if (ka !== undefined && kb !== undefined) {
    if (ka !== kb) return ka < kb ? -1 : 1;
    return compareTail(a, b);
  }
  if (a.unassigned !== b.unassigned) return a.unassigned ? -1 : 1;
  if (a.phase !== b.phase) return a.phase < b.phase ? -1 : 1;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  if (a.cost !== b.cost) return a.cost < b.cost ? -1 : 1;
  if (a.rank !== b.rank) return a.rank > b.rank ? -1 : 1;
  return compareTail(a, b);
}

/** The steps of Less after the rank: ready time, restarts, creation time. */
function compareTail(a: Ranked, b: Ranked): number {
  if (a.ready && b.ready) {
    const byReady = newerFirst(a, b, a.readyAt, b.readyAt, a.readyBucket, b.readyBucket);
    if (byReady !== 0) return byReady;
  }
  if (a.restarts !== b.restarts) return a.restarts > b.restarts ? -1 : 1;
  return newerFirst(a, b, a.createdAt, b.createdAt, a.createdBucket, b.createdBucket);
}

/** Newer (or zero) first, by logarithmic bucket; equal buckets fall back to UID order; 0 for equal times. */
function newerFirst(a: Ranked, b: Ranked, ta: number | undefined, tb: number | undefined, ba: number | undefined, bb: number | undefined): number {
  if (ta === tb) return 0;
  if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
  if (ba === bb) return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
  return ba! < bb! ? -1 : 1;
}
