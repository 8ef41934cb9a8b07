/**
 * PodTopologySpread: DoNotSchedule constraints filter on skew (matching pods in the node's domain, plus the pod
 * if it matches, minus the global minimum, must not exceed maxSkew); ScheduleAnyway constraints (and the system
 * defaults) score: cnt * log(domains + 2) + (maxSkew - 1) per constraint, normalized so fewer matching pods win.
 */
import type { NodeInfo } from '../cache';
import type { CycleState, Plugin } from '../framework';
import { MAX_NODE_SCORE, nodeChanged, unresolvable, unschedulable } from '../framework';
import type { ScoreList } from '../score-buffer';
import { compileSelector, selectorMatchesLabels } from '../match';
import {
  LABEL_HOSTNAME,
  constraintsFor,
  countMatching,
  hasAllTopologyKeys,
  nodeIncluded,
  topologyValue,
  type SpreadConstraint,
} from './topology-spread-constraints';

export const ERR_REASON_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL = `${ERR_REASON_CONSTRAINTS} (missing required label)`;

/** Matching pods per topology domain: topology key -> value -> count (the real TopologyPair map, without string keys). */
type DomainCounts = Map<string, Map<string, number>>;

interface FilterState {
  constraints: SpreadConstraint[];
  counts: DomainCounts;
  /** Per constraint: the global minimum it compares with (0 below minDomains), and 1 if the pod matches its own selector. */
  minMatch: number[];
  self: number[];
}

interface ScoreState {
  constraints: SpreadConstraint[];
  ignored: Set<string>;
  counts: DomainCounts;
  weights: number[];
}

function domainsOf(counts: DomainCounts, key: string): Map<string, number> {
  let m = counts.get(key);
  if (!m) counts.set(key, (m = new Map()));
  return m;
}

function preFilter(s: CycleState) {
  const { list } = constraintsFor(s, 'DoNotSchedule');
  if (!list.length) return { skip: true };
  const counts: DomainCounts = new Map();
  for (const node of s.cache.nodes()) {
    if (!hasAllTopologyKeys(node, list)) continue;
    for (const c of list) {
      if (!nodeIncluded(c, s.pod, node)) continue;
      const domains = domainsOf(counts, c.topologyKey);
      const value = topologyValue(node, c.topologyKey)!;
      domains.set(value, (domains.get(value) ?? 0) + countMatching(node, c, s.info.namespace));
    }
  }
  const minMatch = list.map((c) => {
    const domains = counts.get(c.topologyKey);
    if (!domains || domains.size < c.minDomains) return 0;
    let min = Infinity;
    for (const n of domains.values()) min = Math.min(min, n);
    return min;
  });
  const self = list.map((c) => (selectorMatchesLabels(c.selector, s.info.labels) ? 1 : 0));
  s.data.set('PodTopologySpread/filter', { constraints: list, counts, minMatch, self } satisfies FilterState);
  return undefined;
}

function filter(s: CycleState, node: NodeInfo) {
  const st = s.data.get('PodTopologySpread/filter') as FilterState;
  for (let i = 0; i < st.constraints.length; i++) {
    const c = st.constraints[i];
    const value = topologyValue(node, c.topologyKey);
    if (value === undefined) return unresolvable(ERR_REASON_NODE_LABEL);
    const skew = (st.counts.get(c.topologyKey)?.get(value) ?? 0) + st.self[i] - st.minMatch[i];
    if (skew > c.maxSkew) return unschedulable(ERR_REASON_CONSTRAINTS);
  }
  return undefined;
}

function preScore(s: CycleState, nodes: NodeInfo[]): boolean {
  const { list, systemDefaulted } = constraintsFor(s, 'ScheduleAnyway');
  if (!list.length) return false;
  const requireAll = !systemDefaulted;
  const ignored = new Set<string>();
  const counts: DomainCounts = new Map();
  let pairs = 0;
  const sizes = list.map(() => 0);
  const others = list.filter((c) => c.topologyKey !== LABEL_HOSTNAME);
  if (requireAll || others.length) {
    for (const node of nodes) {
      if (requireAll && !hasAllTopologyKeys(node, list)) {
        ignored.add(node.name);
        continue;
      }
      for (let i = 0; i < list.length; i++) {
        const c = list[i];
        if (c.topologyKey === LABEL_HOSTNAME) continue;
        const value = topologyValue(node, c.topologyKey);
        if (value === undefined) continue;
        const domains = domainsOf(counts, c.topologyKey);
        if (!domains.has(value)) {
          domains.set(value, 0);
          pairs++;
          sizes[i]++;
        }
      }
    }
  }
  if (pairs) {
    for (const node of s.cache.nodes()) {
      if (requireAll && !hasAllTopologyKeys(node, list)) continue;
      for (const c of others) {
        const value = topologyValue(node, c.topologyKey);
        if (value === undefined) continue;
        const domains = counts.get(c.topologyKey);
        const cur = domains?.get(value);
        if (cur === undefined || !nodeIncluded(c, s.pod, node)) continue;
        domains!.set(value, cur + countMatching(node, c, s.info.namespace));
      }
    }
  }
  const weights = list.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? nodes.length - ignored.size : sizes[i]) + 2));
  s.data.set('PodTopologySpread/score', { constraints: list, ignored, counts, weights } satisfies ScoreState);
  return true;
}

function score(s: CycleState, nodes: NodeInfo[], out: ScoreList): void {
  const st = s.data.get('PodTopologySpread/score') as ScoreState;
  const ns = s.info.namespace;
  const { constraints, weights, ignored } = st;
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n];
    if (ignored.size && ignored.has(node.name)) {
      out[n] = 0;
      continue;
    }
    let total = 0;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      let cnt: number;
      if (c.topologyKey === LABEL_HOSTNAME) {
        if (node.hostnameLabel === undefined) continue;
        cnt = countMatching(node, c, ns);
      } else {
        const value = topologyValue(node, c.topologyKey);
        if (value === undefined) continue;
        cnt = st.counts.get(c.topologyKey)?.get(value) ?? 0;
      }
      total += cnt * weights[i] + (c.maxSkew - 1);
    }
    out[n] = Math.round(total);
  }
}

function normalize(s: CycleState, scores: ScoreList, nodes: NodeInfo[]): void {
  const { ignored } = s.data.get('PodTopologySpread/score') as ScoreState;
  const skip = (i: number) => ignored.size > 0 && ignored.has(nodes[i].name);
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < nodes.length; i++) {
    if (skip(i)) continue;
    min = Math.min(min, scores[i]);
    max = Math.max(max, scores[i]);
  }
  for (let i = 0; i < nodes.length; i++) {
    if (skip(i)) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
  }
}

export const podTopologySpread: Plugin = {
  name: 'PodTopologySpread',
  preFilter,
  filter,
  preScore,
  score,
  normalize,
  hint(pod, ev) {
    if (ev.resource === 'Node') return ev.type === 'Delete' || nodeChanged(ev, 'labels') || nodeChanged(ev, 'taints');
    const other = ev.obj;
    if (other.metadata.namespace !== pod.metadata.namespace) return false;
    return (pod.spec?.topologySpreadConstraints ?? []).some((c: any) => {
      const sel = compileSelector(c.labelSelector);
      return selectorMatchesLabels(sel, other.metadata.labels) || (!!ev.old && selectorMatchesLabels(sel, ev.old.metadata.labels));
    });
  },
};
