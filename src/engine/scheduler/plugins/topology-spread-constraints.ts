/** PodTopologySpread's constraints: from the pod spec, or the system defaults built from the pod's owners. */
import type { KObject } from '../../types';
import type { NodeInfo } from '../cache';
import type { CycleState } from '../framework';
import {
  compileSelector,
  firstUntoleratedTaint,
  matchesRequiredNodeAffinity,
  selectorMatchesLabels,
  type CompiledSelector,
} from '../match';
import type { Requirement } from '../../api/selectors';

/** Count keys are interned so per-node caches compare them by identity. */
const interned = new Map<string, string>();
function intern(key: string): string {
  let k = interned.get(key);
  if (k === undefined) {
    if (interned.size > 10_000) interned.clear();
    interned.set(key, key);
    k = key;
  }
  return k;
}

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: CompiledSelector;
  /** Cache key of (namespace, selector) for per-node matching-pod counts. */
  countKey: string;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorNodeTaints: boolean;
}

function fromSpec(pod: KObject, action: 'DoNotSchedule' | 'ScheduleAnyway'): SpreadConstraint[] {
  const ns = pod.metadata.namespace ?? 'default';
  const labels = pod.metadata.labels ?? {};
  const out: SpreadConstraint[] = [];
  for (const c of pod.spec?.topologySpreadConstraints ?? []) {
    if ((c.whenUnsatisfiable ?? 'DoNotSchedule') !== action) continue;
    const base = compileSelector(c.labelSelector) ?? { reqs: [], key: '[]' };
    const reqs: Requirement[] = [...base.reqs];
    for (const key of c.matchLabelKeys ?? []) if (key in labels) reqs.push({ key, op: 'in', values: [labels[key]] });
    const key = JSON.stringify(reqs);
    out.push({
      maxSkew: c.maxSkew ?? 1,
      topologyKey: c.topologyKey,
      selector: { reqs, key },
      countKey: intern(`${ns}\u0000${key}`),
      minDomains: c.minDomains ?? 1,
      honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
      honorNodeTaints: c.nodeTaintsPolicy === 'Honor',
    });
  }
  return out;
}

/** helper.DefaultSelector: the selectors of Services selecting the pod and of its controlling RS/StatefulSet. */
function defaultSelector(s: CycleState): Requirement[] {
  const pod = s.pod;
  const ns = pod.metadata.namespace ?? 'default';
  const merged: Record<string, string> = {};
  for (const svc of s.listers.services(ns)) {
    const sel: Record<string, string> | undefined = svc.spec?.selector;
    if (!sel || !Object.keys(sel).length) continue;
    if (Object.entries(sel).every(([k, v]) => pod.metadata.labels?.[k] === v)) Object.assign(merged, sel);
  }
  const reqs: Requirement[] = Object.entries(merged).map(([key, v]) => ({ key, op: '=', values: [v] }));
  const owner = (pod.metadata.ownerReferences ?? []).find((o) => o.controller);
  if (owner?.apiVersion === 'apps/v1') {
    const obj =
      owner.kind === 'ReplicaSet' ? s.listers.replicaSet(ns, owner.name) : owner.kind === 'StatefulSet' ? s.listers.statefulSet(ns, owner.name) : undefined;
    const sel = compileSelector(obj?.spec?.selector);
    if (sel) reqs.push(...sel.reqs);
  }
  return reqs;
}

/** Constraints for `action`; the system defaults (hostname maxSkew 3, zone maxSkew 5) apply to ScheduleAnyway only. */
export function constraintsFor(s: CycleState, action: 'DoNotSchedule' | 'ScheduleAnyway'): { list: SpreadConstraint[]; systemDefaulted: boolean } {
  if (s.pod.spec?.topologySpreadConstraints?.length) return { list: fromSpec(s.pod, action), systemDefaulted: false };
  if (action === 'DoNotSchedule') return { list: [], systemDefaulted: true };
  const reqs = defaultSelector(s);
  if (!reqs.length) return { list: [], systemDefaulted: true };
  const selector = { reqs, key: JSON.stringify(reqs) };
  const countKey = intern(`${s.pod.metadata.namespace ?? 'default'}\u0000${selector.key}`);
  const c = (topologyKey: string, maxSkew: number): SpreadConstraint => ({
    maxSkew,
    topologyKey,
    selector,
    countKey,
    minDomains: 1,
    honorNodeAffinity: true,
    honorNodeTaints: false,
  });
  return { list: [c(LABEL_HOSTNAME, 3), c(LABEL_ZONE, 5)], systemDefaulted: true };
}

export function hasAllTopologyKeys(node: NodeInfo, constraints: SpreadConstraint[]): boolean {
  return constraints.every((c) => c.topologyKey in node.labels);
}

/** Node inclusion policies: nodeAffinityPolicy Honor (default) and nodeTaintsPolicy Honor (default Ignore). */
export function nodeIncluded(c: SpreadConstraint, pod: KObject, node: NodeInfo): boolean {
  if (c.honorNodeAffinity && !matchesRequiredNodeAffinity(pod, node.node!)) return false;
  if (c.honorNodeTaints && firstUntoleratedTaint(node.taints, pod.spec?.tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')) {
    return false;
  }
  return true;
}

/** countPodsMatchSelector: pods in the namespace, not terminating, matching; an empty selector counts none. */
export function countMatching(node: NodeInfo, c: SpreadConstraint, namespace: string): number {
  if (!c.selector.reqs.length || node.pods.size === 0) return 0;
  const cached = node.cachedCount(c.countKey);
  if (cached !== undefined) return cached;
  let count = 0;
  for (const p of node.pods.values()) {
    if (p.pod.metadata.deletionTimestamp || p.namespace !== namespace) continue;
    if (selectorMatchesLabels(c.selector, p.labels)) count++;
  }
  node.storeCount(c.countKey, count);
  return count;
}
