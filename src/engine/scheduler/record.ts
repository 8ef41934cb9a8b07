/**
 * Scheduling records a learner can read: for each attempt, per node the filter that rejected it (and why) or
 * its scores by plugin (raw, normalized, weighted) and total, and the outcome. Served as the Kubeplay-only
 * subresource GET /api/v1/namespaces/{ns}/pods/{name}/scheduling (format in docs/scheduler.md).
 * Memory is bounded: the last ATTEMPTS_KEPT attempts per pod, for the PODS_KEPT pods scheduled most recently.
 */
import type { Clock } from '../clock';
import type { KObject } from '../types';
import { scoreAt } from './score-buffer';
import { feasibleNames, type Attempt } from './schedule-one';
import { SCHEDULER_NAME, SCORE_WEIGHTS } from './profile';

export const RECORD_API_VERSION = 'kubeplay.dev/v1alpha1';
export const RECORD_KIND = 'PodSchedulingRecord';
const ATTEMPTS_KEPT = 5;
const PODS_KEPT = 500;

export type Outcome = 'Scheduled' | 'Unschedulable' | 'BindingFailed';

interface StoredAttempt {
  number: number;
  attempt: Attempt;
  outcome: Outcome;
  message?: string;
}

interface PodRecord {
  uid: string;
  attempts: number;
  history: StoredAttempt[];
}

export class SchedulingRecords {
  private readonly byPod = new Map<string, PodRecord>();

  constructor(private readonly clock: Clock) {}

  add(pod: KObject, key: string, attempt: Attempt, outcome: Outcome, message?: string): void {
    const uid = pod.metadata.uid ?? '';
    let rec = this.byPod.get(key);
    if (!rec || rec.uid !== uid) rec = { uid, attempts: 0, history: [] };
    this.byPod.delete(key);
    this.byPod.set(key, rec);
    rec.attempts++;
    rec.history.push({ number: rec.attempts, attempt, outcome, message });
    if (rec.history.length > ATTEMPTS_KEPT) rec.history.shift();
    if (this.byPod.size > PODS_KEPT) this.byPod.delete(this.byPod.keys().next().value!);
  }

  forget(key: string): void {
    this.byPod.delete(key);
  }

  /** The JSON document for a pod, or undefined when the scheduler has no record of it. */
  document(pod: KObject): Record<string, unknown> | undefined {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const rec = this.byPod.get(key);
    if (!rec || rec.uid !== (pod.metadata.uid ?? '')) return undefined;
    return {
      apiVersion: RECORD_API_VERSION,
      kind: RECORD_KIND,
      metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
      schedulerName: SCHEDULER_NAME,
      weights: SCORE_WEIGHTS,
      attempts: rec.attempts,
      history: rec.history.map((h) => this.renderAttempt(h)),
    };
  }

  private renderAttempt(h: StoredAttempt): Record<string, unknown> {
    const a = h.attempt;
    const nodes: Record<string, unknown>[] = [];
    for (const r of a.rejections) {
      nodes.push({ name: r.node, feasible: false, filter: { plugin: r.plugin, code: r.status.code, reasons: r.status.reasons } });
    }
    feasibleNames(a).forEach((name, i) => {
      const entry: Record<string, unknown> = { name, feasible: true };
      if (a.scored) {
        let total = 0;
        entry.scores = a.scores.map((p) => {
          const normalized = scoreAt(p.normalized, i);
          total += normalized * p.weight;
          return { plugin: p.name, raw: scoreAt(p.raw, i), normalized, weight: p.weight, weighted: normalized * p.weight };
        });
        // The same sum, in the same order, as the totals selectHost compared.
        entry.total = total;
      }
      if (name === a.selected) entry.selected = true;
      nodes.push(entry);
    });
    nodes.sort((x, y) => ((x.name as string) < (y.name as string) ? -1 : 1));
    const out: Record<string, unknown> = {
      attempt: h.number,
      time: this.clock.timestamp(a.at),
      result: h.outcome,
    };
    if (a.selected && h.outcome === 'Scheduled') out.node = a.selected;
    if (h.message) out.message = h.message;
    out.nodesTotal = a.numAllNodes;
    out.nodesEvaluated = a.evaluated;
    out.feasibleNodes = a.feasible.count;
    if (a.preFilterRejection) {
      out.preFilter = { plugin: a.preFilterRejection.plugin, code: a.preFilterRejection.status.code, reasons: a.preFilterRejection.status.reasons };
    }
    if (a.preemption?.preempted) out.preemption = { nominatedNode: a.preemption.preempted.node, victims: a.preemption.preempted.victims };
    if (a.prefiltered) out.prefiltered = { nodes: a.prefiltered.count, reasons: a.prefiltered.status.reasons };
    if (a.feasible.count === 1) out.scoring = 'skipped: only one node passed the filters';
    else if (a.feasible.count > 1) out.skippedScorePlugins = a.skippedScorePlugins;
    out.nodes = nodes;
    return out;
  }
}
