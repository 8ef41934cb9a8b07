/** Batches object changes between two posts to the UI: the latest state of each changed object, and removals. */
import type { KObject, WatchEventType } from '../engine/types';
import { objectKey, type MirrorObject } from '../protocol/messages';

/** Not mirrored: node leases renew every 10 s per node and nothing in the UI draws them. */
export function isMirrored(obj: KObject): boolean {
  return !(obj.kind === 'Lease' && obj.metadata.namespace === 'kube-node-lease');
}

/** The object as the UI holds it: managedFields are bulky and only `kubectl get -o yaml` shows them. */
export function toMirror(obj: KObject): MirrorObject {
  if (!obj.metadata.managedFields) return obj;
  const { managedFields: _drop, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

export class MirrorDiff {
  private changed = new Map<string, KObject | null>();

  note(type: WatchEventType, obj: KObject): void {
    if (!isMirrored(obj)) return;
    this.changed.set(objectKey(obj), type === 'DELETED' ? null : obj);
  }

  get empty(): boolean {
    return this.changed.size === 0;
  }

  /**
   * The oldest `limit` changes (all by default); `complete` when none are left. The rest wait for the next post, and
   * a newer change to one of them replaces it there.
   */
  take(limit = Infinity): { upserted: MirrorObject[]; removed: string[]; complete: boolean } {
    const upserted: MirrorObject[] = [];
    const removed: string[] = [];
    for (const [key, obj] of this.changed) {
      if (upserted.length + removed.length >= limit) break;
      if (obj) upserted.push(toMirror(obj));
      else removed.push(key);
      this.changed.delete(key);
    }
    return { upserted, removed, complete: this.changed.size === 0 };
  }

  clear(): void {
    this.changed = new Map();
  }
}
