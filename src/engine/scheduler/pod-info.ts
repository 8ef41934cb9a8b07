/** What the scheduler precomputes once per pod: requests, host ports, parsed inter-pod affinity terms. */
import type { KObject } from '../types';
import { compileSelector, selectorMatchesLabels, type CompiledSelector } from './match';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, podRequests, type ResourceList } from './resources';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface AffinityTerm {
  selector: CompiledSelector | undefined;
  /** Namespaces named by the term, or the pod's own when neither namespaces nor a namespaceSelector is given. */
  namespaces: Set<string>;
  namespaceSelector: CompiledSelector | undefined;
  topologyKey: string;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

export interface PodInfo {
  key: string;
  pod: KObject;
  namespace: string;
  labels: Record<string, string>;
  requests: ResourceList;
  nonZeroCpu: number;
  nonZeroMemory: number;
  hostPorts: HostPort[];
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
}

export function podKey(pod: KObject): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

function hostPorts(pod: KObject): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

function affinityTerm(namespace: string, t: any): AffinityTerm {
  const namespaces = new Set<string>(t?.namespaces ?? []);
  const namespaceSelector = compileSelector(t?.namespaceSelector);
  if (namespaces.size === 0 && !namespaceSelector) namespaces.add(namespace);
  return { selector: compileSelector(t?.labelSelector), namespaces, namespaceSelector, topologyKey: t?.topologyKey ?? '' };
}

export function newPodInfo(pod: KObject): PodInfo {
  const ns = pod.metadata.namespace ?? 'default';
  const nonZero = podRequests(pod, true);
  const aff = pod.spec?.affinity ?? {};
  const terms = (list: any[] | undefined) => (list ?? []).map((t) => affinityTerm(ns, t));
  const weighted = (list: any[] | undefined) =>
    (list ?? []).map((w) => ({ ...affinityTerm(ns, w.podAffinityTerm), weight: w.weight ?? 0 }));
  return {
    key: podKey(pod),
    pod,
    namespace: ns,
    labels: pod.metadata.labels ?? {},
    requests: podRequests(pod),
    nonZeroCpu: nonZero.get('cpu') ?? DEFAULT_MILLI_CPU_REQUEST,
    nonZeroMemory: nonZero.get('memory') ?? DEFAULT_MEMORY_REQUEST,
    hostPorts: hostPorts(pod),
    requiredAffinity: terms(aff.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinity: terms(aff.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinity: weighted(aff.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: weighted(aff.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and its labels match the selector. */
export function termMatches(
  term: AffinityTerm,
  pod: PodInfo,
  namespaceLabels: (ns: string) => Record<string, string> | undefined,
): boolean {
  const inNamespace =
    term.namespaces.has(pod.namespace) ||
    (term.namespaceSelector !== undefined && selectorMatchesLabels(term.namespaceSelector, namespaceLabels(pod.namespace)));
  return inNamespace && selectorMatchesLabels(term.selector, pod.labels);
}

export function hasAnyAffinity(p: PodInfo): boolean {
  return p.requiredAffinity.length + p.requiredAntiAffinity.length + p.preferredAffinity.length + p.preferredAntiAffinity.length > 0;
}
