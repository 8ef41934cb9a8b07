/**
 * A controller-side index from pods to the Services selecting them, kept current from the pods and services
 * informers. A pod event costs one lookup per pod label (Services are indexed by one of their selector pairs), and a
 * sync reads the Service's member pods without scanning the namespace.
 */
import type { KObject } from '../../types';
import { objectKey } from '../../runtime/informer';
import { podEndpointsChanged, sameLabels, serviceSelector } from './pod-endpoints';

type Labels = Record<string, string>;

interface IndexedService {
  ns: string;
  pair: string;
  selector: Labels;
}

/** The empty answer, shared: callers only read what these methods return. */
const NONE: string[] = [];

const pairKey = (k: string, v: string) => `${k}\u0000${v}`;

function matches(selector: Labels, labels: Labels | undefined): boolean {
  if (!labels) return false;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

function sameSelector(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

export class ServicePods {
  /** namespace -> selector pair -> keys of the Services indexed under it. */
  private readonly byPair = new Map<string, Map<string, Set<string>>>();
  private readonly services = new Map<string, IndexedService>();
  private readonly podsByNamespace = new Map<string, Map<string, KObject>>();
  /** Service key -> its selected pods (latest object) by pod key. */
  private readonly members = new Map<string, Map<string, KObject>>();

  /** Track a Service's selector; a new or changed selector recomputes its members from the namespace's pods. */
  updateService(type: string, svc: KObject): void {
    const key = objectKey(svc);
    const prev = this.services.get(key);
    const selector = type === 'DELETED' ? undefined : serviceSelector(svc);
    if (prev && selector && sameSelector(prev.selector, selector)) return;
    if (prev) {
      this.byPair.get(prev.ns)?.get(prev.pair)?.delete(key);
      this.services.delete(key);
      this.members.delete(key);
    }
    if (!selector) return;
    const ns = svc.metadata.namespace!;
    const first = Object.keys(selector).sort()[0];
    const pair = pairKey(first, selector[first]);
    let pairs = this.byPair.get(ns);
    if (!pairs) this.byPair.set(ns, (pairs = new Map()));
    let set = pairs.get(pair);
    if (!set) pairs.set(pair, (set = new Set()));
    set.add(key);
    this.services.set(key, { ns, pair, selector: { ...selector } });
    const members = new Map<string, KObject>();
    for (const [podKey, pod] of this.podsByNamespace.get(ns) ?? []) if (matches(selector, pod.metadata.labels)) members.set(podKey, pod);
    this.members.set(key, members);
  }

  /** Keys of the Services in `ns` whose selector matches `labels`. */
  servicesFor(ns: string, labels: Labels | undefined): string[] {
    const pairs = this.byPair.get(ns);
    if (!pairs || !labels) return NONE;
    const out: string[] = [];
    for (const k in labels) {
      const set = pairs.get(pairKey(k, labels[k]));
      if (!set) continue;
      for (const svcKey of set) if (matches(this.services.get(svcKey)!.selector, labels)) out.push(svcKey);
    }
    return out;
  }

  /** The pods a Service selects, in the order they were first seen. */
  podsOf(svcKey: string): KObject[] {
    return [...(this.members.get(svcKey)?.values() ?? [])];
  }

  /**
   * Apply a pod event and return the Services whose endpoints it may change (GetServicesToUpdateOnPodChange): on
   * add or delete the ones selecting the pod; on update only when readiness, IPs, deletion or labels changed.
   */
  podEvent(type: string, pod: KObject, old: KObject | undefined): string[] {
    const ns = pod.metadata.namespace!;
    // Keyed by uid (stable for an object's life, unlike a name, and not built per event).
    const podKey = pod.metadata.uid ?? objectKey(pod);
    let pods = this.podsByNamespace.get(ns);
    if (type === 'DELETED') {
      pods?.delete(podKey);
      const before = this.servicesFor(ns, (old ?? pod).metadata.labels);
      for (const s of before) this.members.get(s)?.delete(podKey);
      return before;
    }
    if (!pods) this.podsByNamespace.set(ns, (pods = new Map()));
    pods.set(podKey, pod);
    const after = this.servicesFor(ns, pod.metadata.labels);
    const before = old ? (sameLabels(old.metadata.labels, pod.metadata.labels) ? after : this.servicesFor(ns, old.metadata.labels)) : NONE;
    for (const s of before) if (!after.includes(s)) this.members.get(s)?.delete(podKey);
    for (const s of after) this.members.get(s)?.set(podKey, pod);
    if (type === 'ADDED' || !old) return after;
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return NONE;
    if (before.length === 0 && after.length === 0) return NONE;
    const { podChanged, labelsChanged } = podEndpointsChanged(old, pod);
    if (!labelsChanged) return podChanged ? after : NONE;
    if (podChanged) return [...new Set([...before, ...after])];
    return [...before.filter((s) => !after.includes(s)), ...after.filter((s) => !before.includes(s))];
  }
}
