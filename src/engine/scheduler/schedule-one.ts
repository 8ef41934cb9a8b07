/**
 * One scheduling cycle (schedulePod): PreFilter, Filter over the nodes from a rotating start until enough
 * feasible ones are found (percentageOfNodesToScore), PreScore, Score, NormalizeScore, weights, and selectHost
 * with random tie-breaks (reservoir sampling). The result doubles as the learner's scheduling record.
 */
import type { Rng } from '../rng';
import type { NodeInfo } from './cache';
import type { CycleState, Status } from './framework';
import { fitErrorMessage, preemptionMessage, type Diagnosis } from './fit-error';
import { PLUGINS, SCORE_WEIGHTS } from './profile';

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export interface Rejection {
  node: string;
  plugin: string;
  status: Status;
}

export interface PluginScores {
  name: string;
  weight: number;
  raw: number[];
  normalized: number[];
}

export interface Attempt {
  at: number;
  numAllNodes: number;
  /** Nodes whose filters ran, in order. */
  evaluated: number;
  rejections: Rejection[];
  /** Nodes PreFilter ruled out without running filters. */
  prefiltered?: { count: number; status: Status };
  preFilterRejection?: { plugin: string; status: Status };
  feasible: NodeInfo[];
  scores: PluginScores[];
  /** Score plugins whose PreScore returned Skip for this pod. */
  skippedScorePlugins: string[];
  totals: number[];
  selected?: string;
  message?: string;
  unschedulablePlugins: Set<string>;
}

/** numFeasibleNodesToFind with the adaptive default (percentageOfNodesToScore 0). */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) return numAllNodes;
  let pct = percentage;
  if (pct === 0) pct = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((numAllNodes * pct) / 100));
}

export class Algorithm {
  private nextStartNodeIndex = 0;

  constructor(private readonly rng: Rng) {}

  schedule(s: CycleState, now: number): Attempt {
    const allNodes = s.cache.nodes();
    const attempt: Attempt = {
      at: now,
      numAllNodes: allNodes.length,
      evaluated: 0,
      rejections: [],
      feasible: [],
      scores: [],
      skippedScorePlugins: [],
      totals: [],
      unschedulablePlugins: new Set(),
    };
    const diagnosis: Diagnosis = { numAllNodes: allNodes.length, nodeStatuses: new Map() };
    if (!allNodes.length) {
      attempt.message = 'no nodes available to schedule pods';
      return attempt;
    }
    const skipFilter = new Set<string>();
    let restrictTo: Set<string> | undefined;
    const restrictedBy: string[] = [];
    for (const p of PLUGINS) {
      if (!p.preFilter) continue;
      const r = p.preFilter(s);
      if (!r) continue;
      if (r.skip) skipFilter.add(p.name);
      if (r.status) {
        attempt.preFilterRejection = { plugin: p.name, status: r.status };
        attempt.unschedulablePlugins.add(p.name);
        diagnosis.preFilterMsg = r.status.reasons.join(', ');
        return this.fail(s, attempt, diagnosis, allNodes);
      }
      if (r.nodeNames) {
        restrictedBy.push(p.name);
        restrictTo = restrictTo ? new Set([...restrictTo].filter((n) => r.nodeNames!.has(n))) : r.nodeNames;
        if (!restrictTo.size) {
          const msg =
            restrictedBy.length === 1
              ? `node(s) didn't satisfy plugin ${restrictedBy[0]}`
              : `node(s) didn't satisfy plugin(s) [${restrictedBy.join(' ')}] simultaneously`;
          attempt.preFilterRejection = { plugin: p.name, status: { code: 'Unschedulable', reasons: [msg] } };
          restrictedBy.forEach((n) => attempt.unschedulablePlugins.add(n));
          diagnosis.preFilterMsg = msg;
          return this.fail(s, attempt, diagnosis, allNodes);
        }
      }
    }
    let nodes = allNodes;
    if (restrictTo) {
      nodes = allNodes.filter((n) => restrictTo!.has(n.name));
      const status: Status = { code: 'UnschedulableAndUnresolvable', reasons: [`node(s) didn't satisfy plugin(s) [${[...restrictedBy].sort().join(' ')}]`] };
      diagnosis.absentStatus = status;
      attempt.prefiltered = { count: allNodes.length - nodes.length, status };
      restrictedBy.forEach((n) => attempt.unschedulablePlugins.add(n));
    }
    this.filter(s, nodes, allNodes.length, attempt, diagnosis, skipFilter);
    if (!attempt.feasible.length) return this.fail(s, attempt, diagnosis, allNodes);
    if (attempt.feasible.length === 1) {
      attempt.selected = attempt.feasible[0].name;
      return attempt;
    }
    this.score(s, attempt);
    attempt.selected = this.selectHost(attempt);
    return attempt;
  }

  private filter(s: CycleState, nodes: NodeInfo[], numAll: number, attempt: Attempt, d: Diagnosis, skip: Set<string>): void {
    const toFind = numFeasibleNodesToFind(nodes.length);
    const filters = PLUGINS.filter((p) => p.filter && !skip.has(p.name));
    let i = 0;
    for (; i < nodes.length && attempt.feasible.length < toFind; i++) {
      const node = nodes[(this.nextStartNodeIndex + i) % nodes.length];
      let rejected = false;
      for (const p of filters) {
        const status = p.filter!(s, node);
        if (!status) continue;
        attempt.rejections.push({ node: node.name, plugin: p.name, status });
        d.nodeStatuses.set(node.name, status);
        attempt.unschedulablePlugins.add(p.name);
        rejected = true;
        break;
      }
      if (!rejected) attempt.feasible.push(node);
    }
    attempt.evaluated = i;
    this.nextStartNodeIndex = (this.nextStartNodeIndex + i) % numAll;
  }

  private score(s: CycleState, attempt: Attempt): void {
    const nodes = attempt.feasible;
    const totals = new Array<number>(nodes.length).fill(0);
    for (const p of PLUGINS) {
      if (!p.score) continue;
      if (p.preScore && !p.preScore(s, nodes)) {
        attempt.skippedScorePlugins.push(p.name);
        continue;
      }
      const raw = new Array<number>(nodes.length);
      p.score(s, nodes, raw);
      const normalized = p.normalize ? raw.slice() : raw;
      p.normalize?.(s, normalized, nodes);
      const weight = SCORE_WEIGHTS[p.name] ?? 1;
      for (let i = 0; i < nodes.length; i++) totals[i] += normalized[i] * weight;
      attempt.scores.push({ name: p.name, weight, raw, normalized });
    }
    attempt.totals = totals;
  }

  /** The highest total wins; among equal totals each later one replaces the pick with probability 1/count. */
  private selectHost(attempt: Attempt): string {
    const { feasible, totals } = attempt;
    let best = 0;
    let count = 1;
    for (let i = 1; i < feasible.length; i++) {
      if (totals[i] > totals[best]) {
        best = i;
        count = 1;
      } else if (totals[i] === totals[best]) {
        count++;
        if (this.rng.int(count) === 0) best = i;
      }
    }
    return feasible[best].name;
  }

  private fail(s: CycleState, attempt: Attempt, d: Diagnosis, allNodes: NodeInfo[]): Attempt {
    attempt.message = fitErrorMessage(d, preemptionMessage(s.pod, d, allNodes.map((n) => n.name)));
    return attempt;
  }
}
