/**
 * Kubeplay's addition to `kubectl describe pod` (real kubectl has no such section): the scheduler's latest
 * attempt for the pod, read from the Kubeplay-only pods/{name}/scheduling subresource. Written only when the
 * scheduler has a record, so pods it never saw describe exactly as real kubectl prints them.
 */
import type { KObject } from '../../types';
import type { DescribeContext } from './context';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

const MAX_ROWS = 20;

interface NodeRow {
  name: string;
  feasible: boolean;
  filter?: { plugin: string; reasons: string[] };
  scores?: { plugin: string; normalized: number; weight: number }[];
  total?: number;
  selected?: boolean;
}

function rowsToShow(nodes: NodeRow[]): NodeRow[] {
  if (nodes.length <= MAX_ROWS) return nodes;
  const feasible = nodes.filter((n) => n.feasible).sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  return [...feasible, ...nodes.filter((n) => !n.feasible)].slice(0, MAX_ROWS);
}

export function describeSchedulingRecord(w: PrefixWriter, ctx: DescribeContext, pod: KObject): void {
  const path = `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/scheduling`;
  const res = ctx.client.send({ method: 'GET', path });
  const latest = res.status === 200 ? res.body?.history?.at(-1) : undefined;
  if (!latest) return;
  w.flush();
  w.write(LEVEL_0, 'Kubeplay Scheduling Record (simulator explanation, not printed by real kubectl):\n');
  w.write(LEVEL_1, `Attempts:\t${res.body.attempts} (latest at ${latest.time})\n`);
  if (latest.result === 'Scheduled') w.write(LEVEL_1, `Result:\tScheduled on ${latest.node}\n`);
  else w.write(LEVEL_1, `Result:\t${latest.result}: ${latest.message ?? ''}\n`);
  w.write(LEVEL_1, `Nodes:\t${latest.nodesTotal} total, ${latest.nodesEvaluated} filtered, ${latest.feasibleNodes} feasible\n`);
  if (latest.preemption) {
    const { nominatedNode, victims } = latest.preemption;
    w.write(LEVEL_1, `Preemption:\tnominated ${nominatedNode}, preempting ${victims.join(', ')}\n`);
  }
  if (latest.scoring) w.write(LEVEL_1, `Scoring:\t${latest.scoring}\n`);
  w.flush();
  const nodes: NodeRow[] = latest.nodes ?? [];
  const rows = rowsToShow(nodes);
  if (rows.length) {
    w.write(LEVEL_1, 'Node\tFilter\tScore\tWeighted scores by plugin\n');
    w.write(LEVEL_1, '----\t------\t-----\t-------------------------\n');
    for (const n of rows) {
      const filter = n.feasible ? (n.selected ? 'passed (selected)' : 'passed') : `${n.filter!.plugin}: ${n.filter!.reasons.join(', ')}`;
      const total = n.total === undefined ? '-' : String(n.total);
      const parts = (n.scores ?? []).map((s) => `${s.plugin} ${s.normalized}x${s.weight}`).join(', ');
      w.write(LEVEL_1, `${n.name}\t${filter}\t${total}\t${parts || '-'}\n`);
    }
  }
  if (rows.length < nodes.length) w.write(LEVEL_1, `(${nodes.length - rows.length} more nodes: kubectl get --raw ${path})\n`);
  w.flush();
}
