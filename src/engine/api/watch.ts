/** Watches: from a resourceVersion (replaying history, 410 when compacted) or from now with the current state. */
import type { Store, StoreEvent } from '../store/store';
import { TooOldResourceVersionError } from '../store/store';
import type { KObject, WatchEvent } from '../types';
import { clone } from '../util';
import { gone } from './errors';
import { resourceKey, type ResourceDef } from './resources';

export interface WatchTarget {
  def: ResourceDef;
  namespace?: string;
  name?: string;
  /** A label or field selector; without one every object in scope matches. */
  match?: (o: KObject) => boolean;
}

/**
 * Start a watch. Without a resourceVersion (or "0") it first sends ADDED for every matching object; with one it
 * replays what happened after it. Objects that stop matching a selector arrive as DELETED, as the real watch cache
 * sends them. Throws a 410 StatusError when the revision was compacted.
 */
export function startWatch(
  store: Store,
  target: WatchTarget,
  resourceVersion: string | undefined,
  onEvent: (e: WatchEvent) => void,
  /** In-engine informers read the stored (never mutated) objects directly instead of copies. */
  shareObjects = false,
): () => void {
  const copy = shareObjects ? (o: KObject) => o : clone;
  const key = resourceKey(target.def);
  const selector = target.match;
  const match = selector ?? (() => true);
  const inScope = (ev: StoreEvent) =>
    ev.resource === key &&
    (target.namespace === undefined || ev.namespace === target.namespace) &&
    (target.name === undefined || ev.obj.metadata.name === target.name);
  const matching = new Set<string>();
  const id = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

  const deliver = (ev: StoreEvent) => {
    if (!inScope(ev)) return;
    // Without a selector nothing can stop matching: every event passes as it is.
    if (!selector) return onEvent({ type: ev.type, object: copy(ev.obj) });
    const matches = ev.type !== 'DELETED' && selector(ev.obj);
    const was = matching.has(id(ev.obj));
    if (ev.type === 'DELETED') {
      if (was) {
        matching.delete(id(ev.obj));
        onEvent({ type: 'DELETED', object: copy(ev.obj) });
      }
    } else if (matches) {
      matching.add(id(ev.obj));
      onEvent({ type: was ? 'MODIFIED' : 'ADDED', object: copy(ev.obj) });
    } else if (was) {
      matching.delete(id(ev.obj));
      onEvent({ type: 'DELETED', object: copy(ev.obj) });
    }
  };

  if (!resourceVersion || resourceVersion === '0') {
    for (const e of store.list(key, target.namespace)) {
      if (target.name !== undefined && e.obj.metadata.name !== target.name) continue;
      if (!match(e.obj)) continue;
      if (selector) matching.add(id(e.obj));
      onEvent({ type: 'ADDED', object: copy(e.obj) });
    }
  } else {
    const rv = parseInt(resourceVersion, 10);
    let history: StoreEvent[];
    try {
      history = store.eventsSince(rv);
    } catch (e) {
      if (e instanceof TooOldResourceVersionError) throw gone(e.message);
      throw e;
    }
    // An object first seen in history without its ADDED existed at rv: whether it matched then is judged by its
    // labels as the event shows them.
    const seen = new Set<string>();
    for (const e of store.list(key, target.namespace)) {
      if (selector && e.createRevision <= rv && selector(e.obj)) matching.add(id(e.obj));
    }
    for (const ev of history) {
      if (!inScope(ev)) continue;
      const k = id(ev.obj);
      if (selector && !seen.has(k)) {
        seen.add(k);
        if (ev.type !== 'ADDED' && selector(ev.obj)) matching.add(k);
      }
      deliver(ev);
    }
  }
  return store.subscribe(deliver, key);
}
