import type { KObject, WatchEventType } from '../types';
import { flatten } from '../util';
import { shareUnchanged } from './share-unchanged';

/** One stored object with its etcd revisions. Stored objects are never mutated: every write stores a new one. */
export interface Entry {
  obj: KObject;
  createRevision: number;
  modRevision: number;
}

export interface StoreEvent {
  revision: number;
  type: Exclude<WatchEventType, 'BOOKMARK' | 'ERROR'>;
  /** group/resource, e.g. "apps/deployments" or "/pods" for the core group. */
  resource: string;
  namespace: string;
  obj: KObject;
}

export type StoreListener = (event: StoreEvent) => void;

export class TooOldResourceVersionError extends Error {
  constructor(
    readonly requested: number,
    readonly oldest: number,
  ) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

/**
 * The etcd model: one global revision raised by every write, objects keyed by resource, namespace and name,
 * a bounded event history for watches that start from a revision, and compaction.
 */
export class Store {
  private rev = 1;
  private compactedRev = 0;
  private readonly data = new Map<string, Map<string, Entry>>();
  private history: StoreEvent[] = [];
  /** The object created last, per resource. */
  private readonly lastCreated = new Map<string, KObject>();
  private readonly listeners = new Set<StoreListener>();
  private readonly resourceListeners = new Map<string, Set<StoreListener>>();

  revision(): number {
    return this.rev;
  }

  compactedRevision(): number {
    return this.compactedRev;
  }

  get(resource: string, namespace: string, name: string): Entry | undefined {
    return this.data.get(resource)?.get(this.key(namespace, name));
  }

  /** The last key built: a write looks its object up, then stores it, under the same key. */
  private lastKey = { namespace: '', name: '', key: '/' };

  private key(namespace: string, name: string): string {
    const last = this.lastKey;
    if (last.name === name && last.namespace === namespace) return last.key;
    last.namespace = namespace;
    last.name = name;
    return (last.key = flatten(key(namespace, name)));
  }

  /** Every entry of a resource (in one namespace when given), sorted by namespace then name as etcd keys sort. */
  list(resource: string, namespace?: string): Entry[] {
    const bucket = this.data.get(resource);
    if (!bucket) return [];
    const out: Entry[] = [];
    for (const [k, e] of bucket) if (namespace === undefined || k.startsWith(namespace + '/')) out.push(e);
    return out.sort((a, b) => compareKeys(a.obj, b.obj));
  }

  /** Every stored object of every resource, with the revision they were read at. */
  all(): { revision: number; objects: KObject[] } {
    const objects: KObject[] = [];
    for (const byKey of this.data.values()) for (const e of byKey.values()) objects.push(e.obj);
    return { revision: this.rev, objects };
  }

  count(resource: string): number {
    return this.data.get(resource)?.size ?? 0;
  }

  /** Writes a new object; `obj.metadata.resourceVersion` is set to the new revision. */
  create(resource: string, obj: KObject): Entry {
    const revision = ++this.rev;
    obj.metadata.resourceVersion = String(revision);
    // Objects created one after another are often alike (a ReplicaSet's pods, one kubelet's events).
    const last = this.lastCreated.get(resource);
    if (last) shareUnchanged(obj, last);
    this.lastCreated.set(resource, obj);
    deepFreeze(obj);
    const entry: Entry = { obj, createRevision: revision, modRevision: revision };
    let bucket = this.data.get(resource);
    if (!bucket) this.data.set(resource, (bucket = new Map()));
    bucket.set(this.key(obj.metadata.namespace ?? '', obj.metadata.name!), entry);
    this.emit({ revision, type: 'ADDED', resource, namespace: obj.metadata.namespace ?? '', obj });
    return entry;
  }

  update(resource: string, obj: KObject): Entry {
    const ns = obj.metadata.namespace ?? '';
    const bucket = this.data.get(resource)!;
    const k = this.key(ns, obj.metadata.name!);
    const old = bucket.get(k)!;
    const revision = ++this.rev;
    obj.metadata.resourceVersion = String(revision);
    shareUnchanged(obj, old.obj);
    deepFreeze(obj);
    const entry: Entry = { obj, createRevision: old.createRevision, modRevision: revision };
    bucket.set(k, entry);
    this.emit({ revision, type: 'MODIFIED', resource, namespace: ns, obj });
    return entry;
  }

  /** Removes an object; the DELETED event carries the last state with the deletion's revision. */
  delete(resource: string, namespace: string, name: string): KObject | undefined {
    const bucket = this.data.get(resource);
    const k = this.key(namespace, name);
    const old = bucket?.get(k);
    if (!bucket || !old) return undefined;
    bucket.delete(k);
    const revision = ++this.rev;
    const obj = { ...old.obj, metadata: { ...old.obj.metadata, resourceVersion: String(revision) } };
    this.emit({ revision, type: 'DELETED', resource, namespace, obj });
    return obj;
  }

  /** Listen to every write from now on, or only to those of one resource. */
  subscribe(fn: StoreListener, resource?: string): () => void {
    let set = this.listeners;
    if (resource !== undefined) {
      set = this.resourceListeners.get(resource) ?? new Set();
      this.resourceListeners.set(resource, set);
    }
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Events after `revision` (exclusive) still in history; throws when that revision was compacted away. */
  eventsSince(revision: number): StoreEvent[] {
    if (revision < this.compactedRev) throw new TooOldResourceVersionError(revision, this.compactedRev);
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].revision <= revision) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  /** Forget history up to and including `revision`, as etcd compaction does. */
  compact(revision: number): void {
    if (revision <= this.compactedRev) return;
    this.compactedRev = Math.min(revision, this.rev);
    const firstKept = this.history.findIndex((e) => e.revision > this.compactedRev);
    this.history = firstKept < 0 ? [] : this.history.slice(firstKept);
  }

  private emit(event: StoreEvent): void {
    this.history.push(event);
    for (const fn of this.listeners) fn(event);
    const own = this.resourceListeners.get(event.resource);
    if (own) for (const fn of own) fn(event);
  }
}

function key(namespace: string, name: string): string {
  return namespace + '/' + name;
}

function compareKeys(a: KObject, b: KObject): number {
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const ma = a.metadata.name!;
  const mb = b.metadata.name!;
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

/** Freezes `v` and everything below it not frozen yet (a write shares its unchanged parts, frozen, with the old object). */
function deepFreeze(v: object): void {
  Object.freeze(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) deepFreeze(x);
      else if (typeof x === 'string') flatten(x);
    }
    return;
  }
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) deepFreeze(x);
    else if (typeof x === 'string') flatten(x);
  }
}
