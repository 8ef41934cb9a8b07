/**
 * InterPodAffinity: required pod affinity / anti-affinity of the incoming pod and required anti-affinity of
 * existing pods filter by topology domain; preferred terms (both ways) and existing pods' required affinity
 * (hardPodAffinityWeight 1) score per domain, normalized min-max to 0-100.
 */
import type { NodeInfo } from '../cache';
import type { CycleState, Plugin } from '../framework';
import { MAX_NODE_SCORE, nodeChanged, unresolvable, unschedulable } from '../framework';
import type { ScoreList } from '../score-buffer';
import { newPodInfo, termMatches, type AffinityTerm, type PodInfo } from '../pod-info';

export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
const HARD_POD_AFFINITY_WEIGHT = 1;

interface FilterState {
  existingAnti: Map<string, number>;
  affinity: Map<string, number>;
  anti: Map<string, number>;
}

const SKIP = { skip: true };
const pair = (key: string, value: string) => `${key}\u0000${value}`;
const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

function preFilter(s: CycleState) {
  const incoming = s.info;
  const hasRequired = incoming.requiredAffinity.length + incoming.requiredAntiAffinity.length > 0;
  if (!hasRequired && s.cache.nodesWithRequiredAntiAffinityPods.size === 0) return SKIP;
  const nsLabels = (ns: string) => s.listers.namespaceLabels(ns);
  const existingAnti = new Map<string, number>();
  const affinity = new Map<string, number>();
  const anti = new Map<string, number>();
  for (const node of s.cache.nodesWithRequiredAntiAffinityPods) {
    if (!node.node) continue;
    for (const existing of node.pods.values()) {
      for (const t of existing.requiredAntiAffinity) {
        const v = node.labels[t.topologyKey];
        if (v !== undefined && termMatches(t, incoming, nsLabels)) bump(existingAnti, pair(t.topologyKey, v));
      }
    }
  }
  if (hasRequired) {
    for (const node of s.cache.nodes()) {
      for (const existing of node.pods.values()) {
        for (const t of incoming.requiredAffinity) {
          const v = node.labels[t.topologyKey];
          if (v !== undefined && termMatches(t, existing, nsLabels)) bump(affinity, pair(t.topologyKey, v));
        }
        for (const t of incoming.requiredAntiAffinity) {
          const v = node.labels[t.topologyKey];
          if (v !== undefined && termMatches(t, existing, nsLabels)) bump(anti, pair(t.topologyKey, v));
        }
      }
    }
  }
  if (!existingAnti.size && !hasRequired) return { skip: true };
  s.data.set('InterPodAffinity/filter', { existingAnti, affinity, anti } satisfies FilterState);
  return undefined;
}

function satisfiesAffinity(s: CycleState, st: FilterState, node: NodeInfo): boolean {
  const terms = s.info.requiredAffinity;
  let podsExist = true;
  for (const t of terms) {
    const v = node.labels[t.topologyKey];
    if (v === undefined) return false;
    if ((st.affinity.get(pair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere its topology keys exist.
  const nsLabels = (ns: string) => s.listers.namespaceLabels(ns);
  return st.affinity.size === 0 && terms.length > 0 && terms.every((t) => termMatches(t, s.info, nsLabels));
}

function filter(s: CycleState, node: NodeInfo) {
  const st = s.data.get('InterPodAffinity/filter') as FilterState;
  if (!satisfiesAffinity(s, st, node)) return unresolvable(ERR_REASON_AFFINITY);
  if (st.anti.size) {
    for (const t of s.info.requiredAntiAffinity) {
      const v = node.labels[t.topologyKey];
      if (v !== undefined && (st.anti.get(pair(t.topologyKey, v)) ?? 0) > 0) return unschedulable(ERR_REASON_ANTI_AFFINITY);
    }
  }
  if (st.existingAnti.size) {
    for (const [k, v] of Object.entries(node.labels)) {
      if ((st.existingAnti.get(pair(k, v)) ?? 0) > 0) return unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY);
    }
  }
  return undefined;
}

function processTerms(
  scores: Map<string, number>,
  terms: (AffinityTerm & { weight?: number })[],
  target: PodInfo,
  node: NodeInfo,
  sign: number,
  nsLabels: (ns: string) => Record<string, string> | undefined,
  weight?: number,
): void {
  for (const t of terms) {
    const v = node.labels[t.topologyKey];
    if (v !== undefined && termMatches(t, target, nsLabels)) bump(scores, pair(t.topologyKey, v), (weight ?? t.weight ?? 0) * sign);
  }
}

function hasLabels(labels: Record<string, string>): boolean {
  for (const _ in labels) return true;
  return false;
}

function preScore(s: CycleState): boolean {
  const incoming = s.info;
  const hasConstraints = incoming.preferredAffinity.length + incoming.preferredAntiAffinity.length > 0;
  if (!hasConstraints && s.cache.nodesWithAffinityPods.size === 0) return false;
  const nsLabels = (ns: string) => s.listers.namespaceLabels(ns);
  const scores = new Map<string, number>();
  // Unless the pod has preferred terms of its own, only nodes hosting pods with affinity matter.
  const candidates = hasConstraints ? s.cache.nodes() : s.cache.nodesWithAffinityPods;
  for (const node of candidates) {
    if (!node.node || !hasLabels(node.labels)) continue;
    for (const existing of node.pods.values()) {
      processTerms(scores, incoming.preferredAffinity, existing, node, 1, nsLabels);
      processTerms(scores, incoming.preferredAntiAffinity, existing, node, -1, nsLabels);
      processTerms(scores, existing.requiredAffinity, incoming, node, 1, nsLabels, HARD_POD_AFFINITY_WEIGHT);
      processTerms(scores, existing.preferredAffinity, incoming, node, 1, nsLabels);
      processTerms(scores, existing.preferredAntiAffinity, incoming, node, -1, nsLabels);
    }
  }
  if (!scores.size) return false;
  s.data.set('InterPodAffinity/score', scores);
  return true;
}

function score(s: CycleState, nodes: NodeInfo[], out: ScoreList): void {
  const scores = s.data.get('InterPodAffinity/score') as Map<string, number>;
  for (let i = 0; i < nodes.length; i++) {
    let total = 0;
    for (const [k, v] of Object.entries(nodes[i].labels)) total += scores.get(pair(k, v)) ?? 0;
    out[i] = total;
  }
}

function normalize(_s: CycleState, scores: ScoreList): void {
  let min = Infinity;
  let max = -Infinity;
  for (const v of scores) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
}

export const interPodAffinity: Plugin = {
  name: 'InterPodAffinity',
  preFilter,
  filter,
  preScore,
  score,
  normalize,
  hint(pod, ev) {
    if (ev.resource === 'Node') return nodeChanged(ev, 'labels');
    if (!ev.obj.spec?.nodeName) return false;
    const incoming = newPodInfo(pod);
    const other = newPodInfo(ev.obj);
    const none = () => undefined;
    // A new or relabelled pod may satisfy affinity; a deleted one may lift anti-affinity (its own or ours).
    if (ev.type === 'Delete') {
      return other.requiredAntiAffinity.length > 0 || incoming.requiredAntiAffinity.some((t) => termMatches(t, other, none));
    }
    return incoming.requiredAffinity.some((t) => termMatches(t, other, none)) || ev.type === 'Update';
  },
};
