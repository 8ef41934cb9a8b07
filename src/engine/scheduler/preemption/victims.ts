/**
 * DefaultPreemption's SelectVictimsOnNode and pickOneNodeForPreemption. Victims are found on the live NodeInfo
 * (pods are taken off and put back before returning), as the real plugin does on a snapshot copy: remove every
 * lower-priority pod, check the preemptor fits, then reprieve victims from the most important down while it still
 * fits. Without PodDisruptionBudgets every candidate violates none, so the PDB criteria never decide.
 */
import type { KObject } from '../../types';
import type { NodeInfo } from '../cache';
import type { Status } from '../framework';
import type { PodInfo } from '../pod-info';
import { podPriority } from './nominator';

export interface Candidate {
  node: string;
  /** Most important first. */
  victims: KObject[];
}

/** util.GetPodStartTime: status.startTime, or "now" for a pod that has none. */
function startTime(pod: KObject, now: number, parse: (ts: string) => number): number {
  const ts = pod.status?.startTime;
  return ts ? parse(ts) : now;
}

/** util.MoreImportantPod: higher priority, then the one that started earlier. */
export function moreImportant(a: KObject, b: KObject, now: number, parse: (ts: string) => number): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  return startTime(a, now, parse) < startTime(b, now, parse);
}

/** Runs the filter plugins on the node: the rejecting status, or undefined when the pod fits. */
export type NodeFilter = (node: NodeInfo) => Status | undefined;

export function selectVictimsOnNode(
  pod: KObject,
  node: NodeInfo,
  filterNode: NodeFilter,
  now: number,
  parse: (ts: string) => number,
): { victims: KObject[]; status?: undefined } | { victims?: undefined; status: Status } {
  const priority = podPriority(pod);
  const potential: PodInfo[] = [];
  for (const p of node.pods.values()) if (podPriority(p.pod) < priority) potential.push(p);
  if (!potential.length) return { status: { code: 'UnschedulableAndUnresolvable', reasons: ['No preemption victims found for incoming pod'] } };
  for (const p of potential) node.removePod(p.key);
  const removed = new Set(potential);
  try {
    const status = filterNode(node);
    if (status) return { status };
    potential.sort((a, b) => (moreImportant(a.pod, b.pod, now, parse) ? -1 : moreImportant(b.pod, a.pod, now, parse) ? 1 : 0));
    const victims: KObject[] = [];
    for (const p of potential) {
      node.addPod(p);
      removed.delete(p);
      if (filterNode(node)) {
        // Still rejected with it back: it stays a victim.
        node.removePod(p.key);
        removed.add(p);
        victims.push(p.pod);
      }
    }
    return { victims };
  } finally {
    for (const p of removed) node.addPod(p);
  }
}

/** GetEarliestPodStartTime: the earliest start among the victims of the highest priority. */
function earliestStartOfTopVictims(victims: KObject[], now: number, parse: (ts: string) => number): number {
  const top = podPriority(victims[0]);
  let earliest = Infinity;
  for (const v of victims) if (podPriority(v) === top) earliest = Math.min(earliest, startTime(v, now, parse));
  return earliest;
}

/**
 * pickOneNodeForPreemption: the lowest highest-priority victim, then the smallest sum of priorities, then the
 * fewest victims, then the latest start of the top victims. The real code then takes the first of a Go map's
 * keys, an unspecified order: here a seeded random pick among the remaining ties.
 */
export function pickOneNodeForPreemption(
  candidates: Candidate[],
  now: number,
  parse: (ts: string) => number,
  randomIndex: (n: number) => number,
): Candidate {
  const scoreFuncs: ((c: Candidate) => number)[] = [
    (c) => -podPriority(c.victims[0]),
    (c) => -c.victims.reduce((sum, v) => sum + podPriority(v) + 2147483648, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfTopVictims(c.victims, now, parse),
  ];
  let remaining = candidates;
  for (const f of scoreFuncs) {
    let best = -Infinity;
    let selected: Candidate[] = [];
    for (const c of remaining) {
      const score = f(c);
      if (score > best) {
        best = score;
        selected = [];
      }
      if (score === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    remaining = selected;
  }
  return remaining.length === 1 ? remaining[0] : remaining[randomIndex(remaining.length)];
}
