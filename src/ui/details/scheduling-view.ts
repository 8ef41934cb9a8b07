/**
 * The scheduler's record of a pod (GET pods/{name}/scheduling, format in docs/scheduler.md) turned into what the
 * Scheduling section shows: one row per node with its filter verdict or its scores, the winner, and a summary.
 */

export interface RecordScore {
  plugin: string;
  raw: number;
  normalized: number;
  weight: number;
  weighted: number;
}

export interface RecordNode {
  name: string;
  feasible: boolean;
  selected?: boolean;
  filter?: { plugin: string; code: string; reasons: string[] };
  scores?: RecordScore[];
  total?: number;
}

export interface RecordAttempt {
  attempt: number;
  time: string;
  result: 'Scheduled' | 'Unschedulable' | 'BindingFailed' | string;
  node?: string;
  message?: string;
  nodesTotal: number;
  nodesEvaluated: number;
  feasibleNodes: number;
  preFilter?: { plugin: string; code: string; reasons: string[] };
  prefiltered?: { nodes: number; reasons: string[] };
  preemption?: { nominatedNode: string; victims: string[] };
  scoring?: string;
  skippedScorePlugins?: string[];
  nodes: RecordNode[];
}

export interface SchedulingRecord {
  kind: 'PodSchedulingRecord';
  schedulerName: string;
  weights: Record<string, number>;
  attempts: number;
  history: RecordAttempt[];
}

export type Verdict = 'selected' | 'feasible' | 'rejected';

export interface ScoreCell {
  weighted: number;
  /** e.g. "93×1": the normalized score times the plugin's weight. */
  detail: string;
}

export interface NodeRow {
  node: string;
  verdict: Verdict;
  /** For a rejected node: the filter plugin that rejected it, its status code and reasons. */
  plugin?: string;
  code?: string;
  reasons: string[];
  /** Weighted score per plugin column (undefined for rejected nodes). */
  scores: Record<string, ScoreCell | undefined>;
  total: number | undefined;
}

export interface AttemptView {
  attempt: number;
  attempts: number;
  time: string;
  result: string;
  /** One sentence: where the pod went and why, or why it is pending. */
  headline: string;
  /** "4 nodes: 4 evaluated, 3 passed the filters" */
  counts: string;
  message?: string;
  notes: string[];
  /** Score plugins that ran, in record order: the table's score columns. */
  plugins: string[];
  rows: NodeRow[];
  preemption?: { nominatedNode: string; victims: string[] };
}

export function isSchedulingRecord(body: unknown): body is SchedulingRecord {
  const b = body as Partial<SchedulingRecord> | undefined;
  return !!b && b.kind === 'PodSchedulingRecord' && Array.isArray(b.history);
}

function rowOf(n: RecordNode, plugins: string[]): NodeRow {
  const scores: Record<string, ScoreCell | undefined> = {};
  for (const p of plugins) {
    const s = n.scores?.find((x) => x.plugin === p);
    scores[p] = s ? { weighted: s.weighted, detail: `${s.normalized}×${s.weight}` } : undefined;
  }
  if (!n.feasible) {
    return { node: n.name, verdict: 'rejected', plugin: n.filter?.plugin, code: n.filter?.code, reasons: n.filter?.reasons ?? [], scores, total: undefined };
  }
  return { node: n.name, verdict: n.selected ? 'selected' : 'feasible', reasons: [], scores, total: n.total };
}

function headlineOf(a: RecordAttempt, rows: NodeRow[]): string {
  if (a.result === 'Scheduled') {
    const winner = rows.find((r) => r.verdict === 'selected');
    if (a.feasibleNodes === 1) return `Scheduled on ${a.node}: the only node that passed the filters.`;
    const others = rows.filter((r) => r.verdict === 'feasible' && r.total !== undefined).map((r) => r.total!);
    if (winner?.total !== undefined && others.length) {
      const best = Math.max(...others);
      const tied = others.filter((t) => t === winner.total).length;
      const how =
        best === winner.total
          ? `tied at ${winner.total} with ${tied === 1 ? 'another node' : `${tied} other nodes`}; the scheduler picked one at random`
          : `highest total score ${winner.total} (next best ${best})`;
      return `Scheduled on ${a.node}: ${how}.`;
    }
    return `Scheduled on ${a.node}.`;
  }
  if (a.result === 'BindingFailed') return 'Binding failed: the pod will be retried after a back-off.';
  if (a.preemption) return `Pending: no node fits now; preempting ${a.preemption.victims.length} pod(s) on ${a.preemption.nominatedNode}.`;
  return 'Pending: no node fits this pod.';
}

/** The view of one attempt (default: the latest) of a record. */
export function attemptView(record: SchedulingRecord, index = record.history.length - 1): AttemptView | undefined {
  const a = record.history[index];
  if (!a) return undefined;
  const plugins: string[] = [];
  for (const n of a.nodes) for (const s of n.scores ?? []) if (!plugins.includes(s.plugin)) plugins.push(s.plugin);
  const rows = a.nodes.map((n) => rowOf(n, plugins));
  const notes: string[] = [];
  if (a.preFilter) notes.push(`PreFilter ${a.preFilter.plugin} rejected the pod before any node was tried: ${a.preFilter.reasons.join(', ')}`);
  if (a.prefiltered) notes.push(`${a.prefiltered.nodes} node(s) left out by PreFilter: ${a.prefiltered.reasons.join(', ')}`);
  if (a.scoring) notes.push(`Scoring ${a.scoring}.`);
  if (a.skippedScorePlugins?.length) notes.push(`Score plugins skipped for this pod (add 0): ${a.skippedScorePlugins.join(', ')}.`);
  if (a.nodesEvaluated < a.nodesTotal) notes.push(`The filters stopped after ${a.nodesEvaluated} of ${a.nodesTotal} nodes: enough feasible nodes were found.`);
  return {
    attempt: a.attempt,
    attempts: record.attempts,
    time: a.time,
    result: a.result,
    headline: headlineOf(a, rows),
    counts: `${a.nodesTotal} node(s): ${a.nodesEvaluated} evaluated, ${a.feasibleNodes} passed the filters`,
    message: a.message,
    notes,
    plugins,
    rows,
    preemption: a.preemption,
  };
}
