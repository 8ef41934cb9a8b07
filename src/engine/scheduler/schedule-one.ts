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
import { ScoreBuffer, type ScoreColumn } from './score-buffer';

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

const NO_FEASIBLE: NodeInfo[] = [];

/** A cycle's filter plugins by the set of plugins whose PreFilter returned Skip (a bit each): read-only lists. */
const filtersBySkipped = new Map<number, Plugin[]>();

function cycleFilters(skipped: number): Plugin[] {
  let filters = filtersBySkipped.get(skipped);
  if (!filters) filtersBySkipped.set(skipped, (filters = PLUGINS.filter((p, i) => p.filter && !(skipped & (1 << i)))));
  return filters;
}

/** The nodes that passed the filters: of the `evaluated` nodes from nodeList[start] on (wrapping), those not rejected. */
export interface Feasible {
  count: number;
  start: number;
}

/** The names of an attempt's feasible nodes, in order. */
export function feasibleNames(a: Attempt): string[] {
  const { nodeList, rejections } = a;
  const names: string[] = [];
  let r = 0;
  for (let i = 0; names.length < a.feasible.count; i++) {
    const name = nodeList[(a.feasible.start + i) % nodeList.length].name;
    if (r < rejections.length && rejections[r].node === name) r++;
    else names.push(name);
  }
  return names;
}

export interface Rejection {
  node: string;
  plugin: string;
  status: Status;
}

export interface PluginScores {
  name: string;
  weight: number;
  raw: ScoreColumn;
  /** The same column as raw when the plugin has no NormalizeScore. */
  normalized: ScoreColumn;
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
  /** The nodes the filters ran over: the cache's node list (never changed in place) or PreFilter's subset of it. */
  nodeList: NodeInfo[];
  feasible: Feasible;
  scores: PluginScores[];
  /** Score plugins whose PreScore returned Skip for this pod. */
  skippedScorePlugins: string[];
  /** Whether scoring ran (with at least two feasible nodes); a node's total is the sum of its weighted scores. */
  scored: boolean;
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
  private readonly scoreBuffer = new ScoreBuffer();
  private readonly feasibleNodes: NodeInfo[] = [];

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
      nodeList: allNodes,
      feasible: { count: 0, start: 0 },
      scored: false,
      scores: [],
      skippedScorePlugins: [],
      unschedulablePlugins: new Set(),
    };
    const diagnosis: Diagnosis = { numAllNodes: allNodes.length, nodeStatuses: new Map() };
    if (!allNodes.length) {
      attempt.message = 'no nodes available to schedule pods';
      return attempt;
    }
    // Bit i set: PLUGINS[i]'s PreFilter returned Skip, so its Filter does not run this cycle.
    let skipped = 0;
    let restrictTo: Set<string> | undefined;
    const restrictedBy: string[] = [];
    for (let i = 0; i < PLUGINS.length; i++) {
      const p = PLUGINS[i];
      if (!p.preFilter) continue;
      const r = p.preFilter(s);
      if (!r) continue;
      if (r.skip) skipped |= 1 << i;
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
    attempt.nodeList = nodes;
    this.cycleFilters = cycleFilters(skipped);
    // evaluateNominatedNode: a pod that preempted tries its nominated node first.
    const nominatedName: string | undefined = s.pod.status?.nominatedNodeName;
    const nominated = nominatedName ? nodes.findIndex((n) => n.name === nominatedName) : -1;
    if (nominated >= 0 && !this.runFilters(s, nodes[nominated], this.cycleFilters)) {
      attempt.evaluated = 1;
      attempt.feasible = { count: 1, start: nominated };
      attempt.selected = nodes[nominated].name;
      return attempt;
    }
    const feasible = this.filter(s, nodes, allNodes.length, attempt, diagnosis);
    if (!feasible.length) return this.fail(s, attempt, diagnosis, allNodes);
    if (feasible.length === 1) {
      attempt.selected = feasible[0].name;
      return attempt;
    }
    this.score(s, attempt, feasible);
    attempt.selected = this.selectHost(feasible);
    return attempt;
  }

  /** Records the feasible nodes in the attempt; returns them in this.feasibleNodes (reused: valid until the next cycle). */
  private filter(s: CycleState, nodes: NodeInfo[], numAll: number, attempt: Attempt, d: Diagnosis): NodeInfo[] {
    const toFind = numFeasibleNodesToFind(nodes.length);
    const filters = this.cycleFilters;
    const feasible = this.feasibleNodes;
    let found = 0;
    let i = 0;
    for (; i < nodes.length && found < toFind; i++) {
      const node = nodes[(this.nextStartNodeIndex + i) % nodes.length];
      const rejection = this.runFilters(s, node, filters);
      if (rejection) {
        attempt.rejections.push(rejection);
        d.nodeStatuses.set(node.name, rejection.status);
        attempt.unschedulablePlugins.add(rejection.plugin);
      } else feasible[found++] = node;
    }
    attempt.feasible = { count: found, start: this.nextStartNodeIndex % nodes.length };
    // Shrinking to zero would free the array's storage; a failed cycle never reads it.
    if (found && feasible.length !== found) feasible.length = found;
    attempt.evaluated = i;
    this.nextStartNodeIndex = (this.nextStartNodeIndex + i) % numAll;
    return found ? feasible : NO_FEASIBLE;
  }

  private score(s: CycleState, attempt: Attempt, nodes: NodeInfo[]): void {
    const n = nodes.length;
    // Layout: totals, then per scored plugin its raw scores and, if it normalizes, the normalized ones.
    const buf = this.scoreBuffer.scratch(n * (2 * PLUGINS.length + 1));
    buf.fill(0, 0, n);
    let used = n;
    for (const p of PLUGINS) {
      if (!p.score) continue;
      if (p.preScore && !p.preScore(s, nodes)) {
        attempt.skippedScorePlugins.push(p.name);
        continue;
      }
      const rawAt = used;
      p.score(s, nodes, buf.subarray(rawAt, rawAt + n));
      used += n;
      let normAt = rawAt;
      if (p.normalize) {
        normAt = used;
        buf.copyWithin(normAt, rawAt, rawAt + n);
        p.normalize(s, buf.subarray(normAt, normAt + n), nodes);
        used += n;
      }
      const weight = SCORE_WEIGHTS[p.name] ?? 1;
      for (let i = 0; i < n; i++) buf[i] += buf[normAt + i] * weight;
      const raw = this.scoreBuffer.column(rawAt, n);
      attempt.scores.push({ name: p.name, weight, raw, normalized: normAt === rawAt ? raw : this.scoreBuffer.column(normAt, n) });
    }
    attempt.scored = true;
  }

  /** The highest total wins; among equal totals each later one replaces the pick with probability 1/count. */
  private selectHost(feasible: NodeInfo[]): string {
    // The totals, still in the scratch buffer at 0 (see score).
    const totals = this.scoreBuffer.scratch(0);
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
