/**
 * The FailedScheduling message (FitError.Error): `0/N nodes are available: <sorted histogram>.` then the
 * PostFilter (DefaultPreemption) message `preemption: 0/N nodes are available: <histogram>.`
 */
import type { KObject } from '../types';
import type { Status } from './framework';

export interface Diagnosis {
  numAllNodes: number;
  /** Status of each node that was filtered out. */
  nodeStatuses: Map<string, Status>;
  /** Status of nodes PreFilter excluded (not in nodeStatuses). */
  absentStatus?: Status;
  /** Set when a PreFilter plugin rejected the pod outright. */
  preFilterMsg?: string;
  /** That rejection's code: UnschedulableAndUnresolvable means preemption cannot help. */
  preFilterCode?: Status['code'];
}

function histogram(counts: Map<string, number>): string {
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}

function filterHistogram(d: Diagnosis): string {
  const counts = new Map<string, number>();
  for (const status of d.nodeStatuses.values()) for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const absent = d.numAllNodes - d.nodeStatuses.size;
  if (absent > 0 && d.absentStatus) for (const r of d.absentStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
  return histogram(counts);
}

/** What DefaultPreemption reports after a PreFilter rejection, where the engine does not try preemption. */
export function preemptionMessage(pod: KObject, d: Diagnosis, nodeNames: string[]): string {
  if (pod.spec?.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
  const counts = new Map<string, number>();
  for (const name of nodeNames) {
    const status = d.preFilterMsg ? undefined : (d.nodeStatuses.get(name) ?? d.absentStatus);
    const helpful = d.preFilterMsg ? d.preFilterCode !== 'UnschedulableAndUnresolvable' : status?.code === 'Unschedulable';
    const reason = helpful ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return `preemption: 0/${d.numAllNodes} nodes are available: ${histogram(counts)}.`;
}

export function fitErrorMessage(d: Diagnosis, postFilterMsg: string): string {
  let msg = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilterMsg) msg += ` ${d.preFilterMsg}.`;
  else {
    const h = filterHistogram(d);
    if (h) msg += ` ${h}.`;
  }
  // SeparatorFormat " %v.": the PostFilter message ends in "." itself, so real messages end in "..".
  if (postFilterMsg) msg += ` ${postFilterMsg}.`;
  return msg;
}
