/**
 * One scheduling cycle (schedulePod): PreFilter, Filter over the nodes from a rotating start until enough
 * feasible ones are found (percentageOfNodesToScore), PreScore, Score, NormalizeScore, weights, and selectHost
 * with random tie-breaks (reservoir sampling). The result doubles as the learner's scheduling record.
 */
import type { Rng } from '../rng';
import type { NodeInfo } from './cache';
import type { CycleState, Plugin, Status } from './framework';
import { fitErrorMessage, preemptionMessage, type Diagnosis } from './fit-error';
import { PLUGINS, SCORE_WEIGHTS } from './profile';
import type { PreemptionResult } from './preemption/evaluator';
import type { Nominator } from './preemption/nominator';

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
  /** What PostFilter (DefaultPreemption) did after a failed attempt. */
  preemption?: PreemptionResult;
}

/** The PostFilter extension point: given the failed cycle, returns DefaultPreemption's outcome. */
export type PostFilter = (s: CycleState, d: Diagnosis, allNodes: NodeInfo[], filterNode: (n: NodeInfo) => Status | undefined) => PreemptionResult;

function firstRejection(s: CycleState, node: NodeInfo, filters: Plugin[]): Rejection | undefined {
  for (const p of filters) {
    const status = p.filter!(s, node);
    if (status) return { node: node.name, plugin: p.name, status };
  }
  return undefined;
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
  /** PostFilter and the nominated pods the filters must count, installed by the scheduler. */
  postFilter?: PostFilter;
  nominator?: Nominator;
  /** This cycle's filter plugins (those PreFilter did not skip). */
  private cycleFilters: Plugin[] = [];

  constructor(private readonly rng: Rng) {}

  /** The filter plugins on one node, counting nominated pods of equal or higher priority: the first rejection. */
  private runFilters(s: CycleState, node: NodeInfo, filters: Plugin[]): Rejection | undefined {
    if (this.nominator?.size) return this.nominator.filterWithNominated(s.pod, node, () => firstRejection(s, node, filters));
    return firstRejection(s, node, filters);
  }

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
        diagnosis.preFilterCode = r.status.code;
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
    this.cycleFilters = PLUGINS.filter((p) => p.filter && !skipFilter.has(p.name));
    // evaluateNominatedNode: a pod that preempted tries its nominated node first.
    const nominated = s.pod.status?.nominatedNodeName ? nodes.find((n) => n.name === s.pod.status.nominatedNodeName) : undefined;
    if (nominated && !this.runFilters(s, nominated, this.cycleFilters)) {
      attempt.evaluated = 1;
      attempt.feasible.push(nominated);
      attempt.selected = nominated.name;
      return attempt;
    }
    this.filter(s, nodes, allNodes.length, attempt, diagnosis);
    if (!attempt.feasible.length) return this.fail(s, attempt, diagnosis, allNodes);
    if (attempt.feasible.length === 1) {
      attempt.selected = attempt.feasible[0].name;
      return attempt;
    }
    this.score(s, attempt);
    attempt.selected = this.selectHost(attempt);
    return attempt;
  }

  private filter(s: CycleState, nodes: NodeInfo[], numAll: number, attempt: Attempt, d: Diagnosis): void {
    const toFind = numFeasibleNodesToFind(nodes.length);
    const filters = this.cycleFilters;
    let i = 0;
    for (; i < nodes.length && attempt.feasible.length < toFind; i++) {
      const node = nodes[(this.nextStartNodeIndex + i) % nodes.length];
      const rejection = this.runFilters(s, node, filters);
      if (rejection) {
        attempt.rejections.push(rejection);
        d.nodeStatuses.set(node.name, rejection.status);
        attempt.unschedulablePlugins.add(rejection.plugin);
      } else attempt.feasible.push(node);
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
    if (this.postFilter && !d.preFilterMsg) {
      attempt.preemption = this.postFilter(s, d, allNodes, (n) => this.runFilters(s, n, this.cycleFilters)?.status);
      attempt.message = fitErrorMessage(d, attempt.preemption.message);
    } else attempt.message = fitErrorMessage(d, preemptionMessage(s.pod, d, allNodes.map((n) => n.name)));
    return attempt;
  }
}
