/**
 * The ReplicaSet controller's view of pods, kept current from the pods informer so that a sync costs O(1) per pod
 * event rather than a scan of every pod: pods by controlling ReplicaSet, orphans by namespace, and per ReplicaSet
 * running counts of matching, fully labeled and ready active pods, plus the owned pods that stopped matching, the
 * matching active pods themselves (in the order they became owned) and active owned pods per node (deletion ranks).
 */
import { matchesRequirements, requirementsOf, type Requirement } from '../api/selectors';
import type { KObject } from '../types';
import type { RankEntry } from './pod-ranking';
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
  /** Active owned pods matching the selector, in the owned map's order (with their deletion ranking, once read). */
  matching: Map<string, RankEntry>;
  /** A pod started matching again in place: `matching` must be rebuilt in the owned map's order. */
  reorder: boolean;
}

export class ReplicaSetPods {
  private readonly owned = new Map<string, Map<string, KObject>>();
  private readonly orphans = new Map<string, Map<string, KObject>>();
  private readonly stats = new Map<string, Stats>();
  /** Active owned pods per node name ('' when unassigned), by owner uid. */
  private readonly activeByNode = new Map<string, Map<string, number>>();

  /** Apply one pods-informer event. */
  update(type: string, pod: KObject, old?: KObject): void {
    const key = objectKey(pod);
    const oldOwner = old ? controllerRef(old)?.uid : undefined;
    const owner = type === 'DELETED' ? undefined : controllerRef(pod)?.uid;
    if (old && oldOwner) {
      this.count(oldOwner, key, old, -1);
      if (oldOwner !== owner) {
        this.setOwned(oldOwner, key, undefined);
        this.syncMatching(oldOwner, key, false);
      }
    }
    if (type === 'DELETED' && !old && (pod.metadata.ownerReferences ?? []).length) {
      const uid = controllerRef(pod)?.uid;
      if (uid) {
        this.count(uid, key, pod, -1);
        this.setOwned(uid, key, undefined);
        this.syncMatching(uid, key, false);
      }
    }
    const ns = pod.metadata.namespace!;
    let orphans = this.orphans.get(ns);
    if (type !== 'DELETED' && !controllerRef(pod)) {
      if (!orphans) this.orphans.set(ns, (orphans = new Map()));
      orphans.set(key, pod);
    } else orphans?.delete(key);
    if (!owner) return;
    const appended = this.setOwned(owner, key, pod);
    this.count(owner, key, pod, 1);
    this.syncMatching(owner, key, appended);
  }

  /**
   * Keeps `matching` equal to the active matching owned pods in the owned map's order: an updated pod keeps its
   * place; one that starts matching without being new to the owned map would not, so the order is rebuilt on read.
   */
  private syncMatching(uid: string, key: string, appended: boolean): void {
    const s = this.stats.get(uid);
    if (!s) return;
    const pod = this.owned.get(uid)?.get(key);
    if (pod && isPodActive(pod) && matchesRequirements(s.reqs, pod.metadata.labels)) {
      const entry = s.matching.get(key);
      if (!appended && !entry) s.reorder = true;
      if (entry?.pod !== pod) s.matching.set(key, { pod });
    } else s.matching.delete(key);
  }

  /** Set or remove one owned pod, keeping the per-node counts; true when the key is new (appended last). */
  private setOwned(uid: string, key: string, pod: KObject | undefined): boolean {
    let pods = this.owned.get(uid);
    const prev = pods?.get(key);
    if (prev && isPodActive(prev)) this.countOnNode(uid, prev, -1);
    if (!pod) {
      pods?.delete(key);
      return false;
    }
    if (!pods) this.owned.set(uid, (pods = new Map()));
    pods.set(key, pod);
    if (isPodActive(pod)) this.countOnNode(uid, pod, 1);
    return !prev;
  }

  private countOnNode(uid: string, pod: KObject, sign: 1 | -1): void {
    let byNode = this.activeByNode.get(uid);
    if (!byNode) this.activeByNode.set(uid, (byNode = new Map()));
    const node = pod.spec?.nodeName ?? '';
    const n = (byNode.get(node) ?? 0) + sign;
    if (n) byNode.set(node, n);
    else byNode.delete(node);
  }

  /** Adds the active owned pods per node of the ReplicaSet with this uid to `into`. */
  addActiveByNode(uid: string | undefined, into: Map<string, number>): void {
    for (const [node, n] of (uid && this.activeByNode.get(uid)) || []) into.set(node, (into.get(node) ?? 0) + n);
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
    return this.matchingEntries(rs).map((e) => e.pod);
  }

  /** matchingPods with a place for each pod's deletion ranking. */
  matchingEntries(rs: KObject): RankEntry[] {
    const s = this.statsFor(rs);
    if (s.reorder) {
      const entries = new Map(s.matching);
      s.matching.clear();
      for (const [key, pod] of this.owned.get(rs.metadata.uid!) ?? []) {
        if (!isPodActive(pod) || !matchesRequirements(s.reqs, pod.metadata.labels)) continue;
        const entry = entries.get(key);
        s.matching.set(key, entry?.pod === pod ? entry : { pod });
      }
      s.reorder = false;
    }
    return [...s.matching.values()];
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
      matching: new Map(),
      reorder: false,
    };
    this.stats.set(uid, s);
    for (const [key, pod] of this.owned.get(uid) ?? []) {
      this.count(uid, key, pod, 1);
      this.syncMatching(uid, key, true);
    }
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
