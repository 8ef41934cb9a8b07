/**
 * The ReplicaSet controller's view of pods, kept current from the pods informer so that a sync costs O(1) per pod
 * event rather than a scan of every pod: pods by controlling ReplicaSet, orphans by namespace, and per ReplicaSet
 * running counts of matching, fully labeled and ready active pods, plus the owned pods that stopped matching.
 */
import { matchesRequirements, requirementsOf, type Requirement } from '../api/selectors';
import type { KObject } from '../types';
import { objectKey } from '../runtime/informer';
import { controllerRef, isPodActive, isPodReady } from './shared/pods';

export interface PodCounts {
  matched: number;
  fullyLabeled: number;
  ready: number;
  /** Owned active pods whose labels no longer match the selector: to be released. */
  mismatched: Map<string, KObject>;
}

interface Stats extends PodCounts {
  reqs: Requirement[];
  templateLabels: [string, string][];
}

export class ReplicaSetPods {
  private readonly owned = new Map<string, Map<string, KObject>>();
  private readonly orphans = new Map<string, Map<string, KObject>>();
  private readonly stats = new Map<string, Stats>();

  /** Apply one pods-informer event. */
  update(type: string, pod: KObject, old?: KObject): void {
    const key = objectKey(pod);
    const oldOwner = old ? controllerRef(old)?.uid : undefined;
    const owner = type === 'DELETED' ? undefined : controllerRef(pod)?.uid;
    if (old && oldOwner) {
      this.count(oldOwner, key, old, -1);
      if (oldOwner !== owner) this.owned.get(oldOwner)?.delete(key);
    }
    if (type === 'DELETED' && !old && (pod.metadata.ownerReferences ?? []).length) {
      const uid = controllerRef(pod)?.uid;
      if (uid) {
        this.count(uid, key, pod, -1);
        this.owned.get(uid)?.delete(key);
      }
    }
    const ns = pod.metadata.namespace!;
    let orphans = this.orphans.get(ns);
    if (type !== 'DELETED' && !controllerRef(pod)) {
      if (!orphans) this.orphans.set(ns, (orphans = new Map()));
      orphans.set(key, pod);
    } else orphans?.delete(key);
    if (!owner) return;
    let pods = this.owned.get(owner);
    if (!pods) this.owned.set(owner, (pods = new Map()));
    pods.set(key, pod);
    this.count(owner, key, pod, 1);
  }

  /** Forget the counts of a ReplicaSet whose selector or template labels changed (or that is gone). */
  invalidate(uid: string | undefined): void {
    if (uid) this.stats.delete(uid);
  }

  ownedPods(uid: string | undefined): KObject[] {
    return uid ? [...(this.owned.get(uid)?.values() ?? [])] : [];
  }

  orphansIn(namespace: string): KObject[] {
    return [...(this.orphans.get(namespace)?.values() ?? [])];
  }

  /** Active owned pods matching the ReplicaSet's selector. */
  matchingPods(rs: KObject): KObject[] {
    const s = this.statsFor(rs);
    return this.ownedPods(rs.metadata.uid).filter((p) => isPodActive(p) && matchesRequirements(s.reqs, p.metadata.labels));
  }

  counts(rs: KObject): PodCounts {
    const s = this.statsFor(rs);
    return { matched: s.matched, fullyLabeled: s.fullyLabeled, ready: s.ready, mismatched: new Map(s.mismatched) };
  }

  private statsFor(rs: KObject): Stats {
    const uid = rs.metadata.uid!;
    let s = this.stats.get(uid);
    if (s) return s;
    s = {
      reqs: rs.spec?.selector ? requirementsOf(rs.spec.selector) : [],
      templateLabels: Object.entries(rs.spec?.template?.metadata?.labels ?? {}),
      matched: 0,
      fullyLabeled: 0,
      ready: 0,
      mismatched: new Map(),
    };
    this.stats.set(uid, s);
    for (const [key, pod] of this.owned.get(uid) ?? []) this.count(uid, key, pod, 1);
    return s;
  }

  private count(uid: string, key: string, pod: KObject, sign: 1 | -1): void {
    const s = this.stats.get(uid);
    if (!s || !isPodActive(pod)) return;
    const labels = pod.metadata.labels ?? {};
    if (!matchesRequirements(s.reqs, labels)) {
      if (sign > 0) s.mismatched.set(key, pod);
      else s.mismatched.delete(key);
      return;
    }
    s.matched += sign;
    if (s.templateLabels.every(([k, v]) => labels[k] === v)) s.fullyLabeled += sign;
    if (isPodReady(pod)) s.ready += sign;
  }
}
