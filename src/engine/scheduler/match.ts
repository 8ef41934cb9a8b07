/** Matching rules the plugins share: tolerations against taints, node selector terms, label selectors. */
import { matchesRequirements, requirementsOf, type Requirement } from '../api/selectors';
import type { KObject } from '../types';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/** Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** The first taint passing `filter` that no toleration tolerates (FindMatchingUntoleratedTaint). */
export function firstUntoleratedTaint(
  taints: Taint[] | undefined,
  tolerations: Toleration[] | undefined,
  filter: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!filter(taint)) continue;
    if (!(tolerations ?? []).some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

export const isNoScheduleOrNoExecute = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function matchesNodeRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined;
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(value);
    case 'NotIn':
      return !has || !values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0])) return false;
      return r.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default:
      return false;
  }
}

/** One NodeSelectorTerm: all expressions and fields match; a term with neither matches nothing. */
export function matchesNodeSelectorTerm(term: NodeSelectorTerm | undefined, node: KObject): boolean {
  if (!term) return false;
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata.labels ?? {};
  for (const r of exprs) if (!matchesNodeRequirement(r, labels[r.key])) return false;
  for (const r of fields) {
    if (r.key !== 'metadata.name') return false;
    if (!matchesNodeRequirement(r, node.metadata.name)) return false;
  }
  return true;
}

/** RequiredNodeAffinity.Match: the nodeSelector and any of the required terms. */
export function matchesRequiredNodeAffinity(pod: KObject, node: KObject): boolean {
  const selector: Record<string, string> | undefined = pod.spec?.nodeSelector;
  if (selector) {
    const labels = node.metadata.labels ?? {};
    for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  }
  const terms: NodeSelectorTerm[] | undefined =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => matchesNodeSelectorTerm(t, node));
}

/** A compiled LabelSelector object; `undefined` selectors match nothing, empty ones everything. */
export interface CompiledSelector {
  reqs: Requirement[];
  /** A stable key for caches. */
  key: string;
}

export function compileSelector(sel: any): CompiledSelector | undefined {
  if (!sel) return undefined;
  const reqs = requirementsOf(sel);
  return { reqs, key: JSON.stringify(reqs) };
}

export function selectorMatchesLabels(sel: CompiledSelector | undefined, labels: Record<string, string> | undefined): boolean {
  return sel !== undefined && matchesRequirements(sel.reqs, labels);
}

export function nodeTaints(node: KObject | undefined): Taint[] {
  return node?.spec?.taints ?? [];
}
