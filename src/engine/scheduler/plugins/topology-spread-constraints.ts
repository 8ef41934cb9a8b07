/** PodTopologySpread's constraints: from the pod spec, or the system defaults built from the pod's owners. */
import type { KObject } from '../../types';
import type { NodeInfo } from '../cache';
import type { PodInfo } from '../pod-info';
import type { CycleState } from '../framework';
import {
  compileSelector,
  firstUntoleratedTaint,
  matchesRequiredNodeAffinity,
  selectorMatchesLabels,
  type CompiledSelector,
} from '../match';
import type { Requirement } from '../../api/selectors';
import { deepEqual, intern } from '../../util';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: CompiledSelector;
  /** Cache key of (namespace, selector) for per-node matching-pod counts; interned (caches compare it by identity). */
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

function selectsPod(svc: KObject, labels: Record<string, string> | undefined): boolean {
  const sel: Record<string, string> | undefined = svc.spec?.selector;
  if (!sel) return false;
  let any = false;
  for (const k of Object.keys(sel)) {
    if (labels?.[k] !== sel[k]) return false;
    any = true;
  }
  return any;
}

/** The pod's controlling ReplicaSet or StatefulSet. */
function controllerOf(s: CycleState): KObject | undefined {
  const ns = s.pod.metadata.namespace ?? 'default';
  const owner = (s.pod.metadata.ownerReferences ?? []).find((o) => o.controller);
  if (owner?.apiVersion !== 'apps/v1') return undefined;
  return owner.kind === 'ReplicaSet' ? s.listers.replicaSet(ns, owner.name) : owner.kind === 'StatefulSet' ? s.listers.statefulSet(ns, owner.name) : undefined;
}

/** helper.DefaultSelector: the selectors of Services selecting the pod and of its controlling RS/StatefulSet. */
function defaultSelector(matched: KObject[], controllerSelector: unknown): Requirement[] {
  const merged: Record<string, string> = {};
  for (const svc of matched) Object.assign(merged, svc.spec.selector);
  const reqs: Requirement[] = Object.entries(merged).map(([key, v]) => ({ key, op: '=', values: [v] }));
  const sel = compileSelector(controllerSelector);
  if (sel) reqs.push(...sel.reqs);
  return reqs;
}

interface DefaultsMemo {
  ns: string;
  services: KObject[];
  matched: KObject[];
  controllerSelector: unknown;
  result: { list: SpreadConstraint[]; systemDefaulted: boolean };
}

/**
 * The system defaults depend only on the Services selecting the pod (informer objects are replaced, never changed,
 * on update) and its controller's selector: pods of one workload reuse them.
 */
const defaultsMemo = new WeakMap<object, DefaultsMemo>();

function systemDefaults(s: CycleState): { list: SpreadConstraint[]; systemDefaulted: boolean } {
  const ns = s.pod.metadata.namespace ?? 'default';
  const labels = s.pod.metadata.labels;
  const services = s.listers.services(ns);
  const controllerSelector = controllerOf(s)?.spec?.selector;
  const memo = defaultsMemo.get(s.listers);
  if (memo && memo.ns === ns && memo.services === services && deepEqual(memo.controllerSelector, controllerSelector)) {
    let j = 0;
    let same = true;
    for (const svc of services) {
      if (selectsPod(svc, labels) && memo.matched[j++] !== svc) {
        same = false;
        break;
      }
    }
    if (same && j === memo.matched.length) return memo.result;
  }
  const matched = services.filter((svc) => selectsPod(svc, labels));
  const result = defaultConstraints(ns, defaultSelector(matched, controllerSelector));
  defaultsMemo.set(s.listers, { ns, services, matched, controllerSelector, result });
  return result;
}

function defaultConstraints(ns: string, reqs: Requirement[]): { list: SpreadConstraint[]; systemDefaulted: boolean } {
  if (!reqs.length) return { list: [], systemDefaulted: true };
  const selector = { reqs, key: JSON.stringify(reqs) };
  const countKey = intern(`${ns}\u0000${selector.key}`);
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

/**
 * Constraints for `action`; the system defaults (hostname maxSkew 3, zone maxSkew 5) apply to ScheduleAnyway only.
 * The lists returned are shared: callers must not change them.
 */
export function constraintsFor(s: CycleState, action: 'DoNotSchedule' | 'ScheduleAnyway'): { list: SpreadConstraint[]; systemDefaulted: boolean } {
  if (s.pod.spec?.topologySpreadConstraints?.length) return { list: fromSpec(s.pod, action), systemDefaulted: false };
  if (action === 'DoNotSchedule') return { list: [], systemDefaulted: true };
  return systemDefaults(s);
}

export function hasAllTopologyKeys(node: NodeInfo, constraints: SpreadConstraint[]): boolean {
  for (const c of constraints) if (!(c.topologyKey in node.labels)) return false;
  return true;
}

/** node.labels[key], with the well-known topology labels read from NodeInfo's own copies. */
export function topologyValue(node: NodeInfo, key: string): string | undefined {
  if (key === LABEL_HOSTNAME) return node.hostnameLabel;
  if (key === LABEL_ZONE) return node.zoneLabel;
  return node.labels[key];
}

/** Node inclusion policies: nodeAffinityPolicy Honor (default) and nodeTaintsPolicy Honor (default Ignore). */
export function nodeIncluded(c: SpreadConstraint, pod: KObject, node: NodeInfo): boolean {
  if (c.honorNodeAffinity && !matchesRequiredNodeAffinity(pod, node.node!)) return false;
  if (c.honorNodeTaints && firstUntoleratedTaint(node.taints, pod.spec?.tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')) {
    return false;
  }
  return true;
}

// Not inline in countMatching: a closure there would cost a context allocation on every call, hit or miss.
function matcher(c: SpreadConstraint, namespace: string): (p: PodInfo) => boolean {
  return (p) => !p.pod.metadata.deletionTimestamp && p.namespace === namespace && selectorMatchesLabels(c.selector, p.labels);
}

/** countPodsMatchSelector: pods in the namespace, not terminating, matching; an empty selector counts none. */
export function countMatching(node: NodeInfo, c: SpreadConstraint, namespace: string): number {
  if (!c.selector.reqs.length || node.podCount === 0) return 0;
  const cached = node.cachedCount(c.countKey);
  if (cached !== undefined) return cached;
  const counts = matcher(c, namespace);
  let count = 0;
  for (const p of node.pods.values()) if (counts(p)) count++;
  node.storeCount(c.countKey, count, counts);
  return count;
}
