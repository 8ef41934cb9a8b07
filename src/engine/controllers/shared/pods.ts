/** Pod facts the workload controllers share (controller_utils.go and podutil). */
import type { KObject } from '../../types';

export function podCondition(pod: KObject, type: string): any | undefined {
  return (pod.status?.conditions ?? []).find((c: any) => c.type === type);
}

export function isPodReady(pod: KObject): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isPodAvailable(pod: KObject, minReadySeconds: number, now: number, parse: (ts: string) => number): boolean {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  return !!c.lastTransitionTime && parse(c.lastTransitionTime) + minReadySeconds * 1000 <= now;
}

export function isPodTerminal(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: KObject): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

export function controllerRef(obj: KObject): { uid: string; kind: string; name: string } | undefined {
  return (obj.metadata.ownerReferences ?? []).find((r: any) => r.controller);
}

export function ownerReference(owner: KObject, apiVersion: string, kind: string) {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/**
 * Controller-side index of pods by their controller's uid, kept current from the pods informer, so that a sync
 * reads its own pods without scanning all of them.
 */
export class PodsByOwner {
  private readonly byOwner = new Map<string, Map<string, KObject>>();

  update(type: string, pod: KObject, old?: KObject): void {
    const key = pod.metadata.uid!;
    const oldOwner = old ? controllerRef(old)?.uid : undefined;
    const owner = controllerRef(pod)?.uid;
    if (oldOwner && oldOwner !== owner) this.byOwner.get(oldOwner)?.delete(key);
    if (!owner) return;
    let set = this.byOwner.get(owner);
    if (type === 'DELETED') {
      set?.delete(key);
      if (set && set.size === 0) this.byOwner.delete(owner);
      return;
    }
    if (!set) this.byOwner.set(owner, (set = new Map()));
    set.set(key, pod);
  }

  of(uid: string | undefined): KObject[] {
    return uid ? [...(this.byOwner.get(uid)?.values() ?? [])] : [];
  }
}

/** Index of pods by the node they are bound to, kept current from the pods informer. */
export class PodsByNode {
  private readonly byNode = new Map<string, Map<string, KObject>>();

  update(type: string, pod: KObject, old?: KObject): void {
    const key = pod.metadata.uid!;
    const was = old?.spec?.nodeName;
    const node = pod.spec?.nodeName;
    if (was && was !== node) this.byNode.get(was)?.delete(key);
    if (!node) return;
    let set = this.byNode.get(node);
    if (type === 'DELETED') {
      set?.delete(key);
      return;
    }
    if (!set) this.byNode.set(node, (set = new Map()));
    set.set(key, pod);
  }

  on(node: string): KObject[] {
    return [...(this.byNode.get(node)?.values() ?? [])];
  }
}
