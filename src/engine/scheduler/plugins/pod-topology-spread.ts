/**
 * PodTopologySpread: DoNotSchedule constraints filter on skew (matching pods in the node's domain, plus the pod
 * if it matches, minus the global minimum, must not exceed maxSkew); ScheduleAnyway constraints (and the system
 * defaults) score: cnt * log(domains + 2) + (maxSkew - 1) per constraint, normalized so fewer matching pods win.
 */
import type { NodeInfo } from '../cache';
import type { CycleState, Plugin } from '../framework';
import { MAX_NODE_SCORE, nodeChanged, unresolvable, unschedulable } from '../framework';
import { compileSelector, selectorMatchesLabels } from '../match';
import {
  LABEL_HOSTNAME,
  constraintsFor,
  countMatching,
  hasAllTopologyKeys,
  nodeIncluded,
  type SpreadConstraint,
} from './topology-spread-constraints';

export const ERR_REASON_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL = `${ERR_REASON_CONSTRAINTS} (missing required label)`;

interface FilterState {
  constraints: SpreadConstraint[];
  /** `key\0value` -> matching pods. */
  pairCounts: Map<string, number>;
  /** topology key -> [domains, minimum]. */
  minByKey: Map<string, { domains: number; min: number }>;
}

interface ScoreState {
  constraints: SpreadConstraint[];
  ignored: Set<string>;
  pairCounts: Map<string, number>;
  weights: number[];
}

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

function preFilter(s: CycleState) {
  const { list } = constraintsFor(s, 'DoNotSchedule');
  if (!list.length) return { skip: true };
  const pairCounts = new Map<string, number>();
  for (const node of s.cache.nodes()) {
    if (!hasAllTopologyKeys(node, list)) continue;
    for (const c of list) {
      if (!nodeIncluded(c, s.pod, node)) continue;
      const k = pairKey(c.topologyKey, node.labels[c.topologyKey]);
      pairCounts.set(k, (pairCounts.get(k) ?? 0) + countMatching(node, c, s.info.namespace));
    }
  }
  const minByKey = new Map<string, { domains: number; min: number }>();
  for (const [k, n] of pairCounts) {
    const key = k.slice(0, k.indexOf('\u0000'));
    const cur = minByKey.get(key);
    if (!cur) minByKey.set(key, { domains: 1, min: n });
    else {
      cur.domains++;
      cur.min = Math.min(cur.min, n);
    }
  }
  s.data.set('PodTopologySpread/filter', { constraints: list, pairCounts, minByKey } satisfies FilterState);
  return undefined;
}

function filter(s: CycleState, node: NodeInfo) {
  const st = s.data.get('PodTopologySpread/filter') as FilterState;
  for (const c of st.constraints) {
    const value = node.labels[c.topologyKey];
    if (value === undefined) return unresolvable(ERR_REASON_NODE_LABEL);
    const m = st.minByKey.get(c.topologyKey);
    const minMatch = !m || m.domains < c.minDomains ? 0 : m.min;
    const self = selectorMatchesLabels(c.selector, s.info.labels) ? 1 : 0;
    const skew = (st.pairCounts.get(pairKey(c.topologyKey, value)) ?? 0) + self - minMatch;
    if (skew > c.maxSkew) return unschedulable(ERR_REASON_CONSTRAINTS);
  }
  return undefined;
}

function preScore(s: CycleState, nodes: NodeInfo[]): boolean {
  const { list, systemDefaulted } = constraintsFor(s, 'ScheduleAnyway');
  if (!list.length) return false;
  const requireAll = !systemDefaulted;
  const ignored = new Set<string>();
  const pairCounts = new Map<string, number>();
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
        const value = node.labels[c.topologyKey];
        if (value === undefined) continue;
        const k = pairKey(c.topologyKey, value);
        if (!pairCounts.has(k)) {
          pairCounts.set(k, 0);
          sizes[i]++;
        }
      }
    }
  }
  if (pairCounts.size) {
    for (const node of s.cache.nodes()) {
      if (requireAll && !hasAllTopologyKeys(node, list)) continue;
      for (const c of others) {
        const value = node.labels[c.topologyKey];
        if (value === undefined) continue;
        const k = pairKey(c.topologyKey, value);
        const cur = pairCounts.get(k);
        if (cur === undefined || !nodeIncluded(c, s.pod, node)) continue;
        pairCounts.set(k, cur + countMatching(node, c, s.info.namespace));
      }
    }
  }
  const weights = list.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? nodes.length - ignored.size : sizes[i]) + 2));
  s.data.set('PodTopologySpread/score', { constraints: list, ignored, pairCounts, weights } satisfies ScoreState);
  return true;
}

function score(s: CycleState, nodes: NodeInfo[], out: number[]): void {
  const st = s.data.get('PodTopologySpread/score') as ScoreState;
  const ns = s.info.namespace;
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n];
    if (st.ignored.size && st.ignored.has(node.name)) {
      out[n] = 0;
      continue;
    }
    let total = 0;
    for (let i = 0; i < st.constraints.length; i++) {
      const c = st.constraints[i];
      const value = node.labels[c.topologyKey];
      if (value === undefined) continue;
      const cnt = c.topologyKey === LABEL_HOSTNAME ? countMatching(node, c, ns) : (st.pairCounts.get(pairKey(c.topologyKey, value)) ?? 0);
      total += cnt * st.weights[i] + (c.maxSkew - 1);
    }
    out[n] = Math.round(total);
  }
}

function normalize(s: CycleState, scores: number[], nodes: NodeInfo[]): void {
  const st = s.data.get('PodTopologySpread/score') as ScoreState;
  let min = Infinity;
  let max = 0;
  nodes.forEach((n, i) => {
    if (st.ignored.has(n.name)) return;
    min = Math.min(min, scores[i]);
    max = Math.max(max, scores[i]);
  });
  nodes.forEach((n, i) => {
    if (st.ignored.has(n.name)) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
  });
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
