/**
 * "Until quiet": the cluster is quiet once a stretch of virtual time passes with no change but heartbeats
 * (node leases, node status refreshes that change no condition or spec).
 */
import type { KObject, WatchEventType } from '../engine/types';

/** How long nothing but heartbeats must happen for the cluster to count as quiet. */
export const QUIET_MS = 30_000;
/** The most virtual time one "until quiet" may run (a crash-looping pod is never quiet). */
export const QUIET_LIMIT_MS = 15 * 60_000;

export class QuietWatch {
  /** Virtual time of the last change that was not a heartbeat. */
  lastChangeAt = 0;
  private readonly nodeShape = new Map<string, string>();

  note(type: WatchEventType, obj: KObject, now: number): void {
    if (obj.kind === 'Lease' && obj.metadata.namespace === 'kube-node-lease') return;
    if (obj.kind === 'Node' && type === 'MODIFIED') {
      const node = obj as KObject & { spec?: unknown; status?: { conditions?: { type: string; status: string }[] } };
      const shape = JSON.stringify([node.spec ?? {}, (node.status?.conditions ?? []).map((c) => c.type + '=' + c.status)]);
      const before = this.nodeShape.get(obj.metadata.name!);
      this.nodeShape.set(obj.metadata.name!, shape);
      if (before === shape) return;
    }
    this.lastChangeAt = now;
  }
}
