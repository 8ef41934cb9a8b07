/**
 * The ControllerRefManager of kube-controller-manager: a controller claims the objects its selector matches.
 * Orphans that match are adopted (a controllerRef is added); objects it controls that stopped matching are released
 * (the controllerRef is removed); objects controlled by someone else are never touched.
 */
import type { KObject } from '../types';
import type { ControllerContext } from '../runtime/controller-manager';
import { controllerRef, ownerReference } from './shared/pods';

export interface ClaimOptions {
  owner: KObject;
  ownerApiVersion: string;
  ownerKind: string;
  matches: (obj: KObject) => boolean;
  /** API path of one candidate, for the adopt/release patch. */
  pathOf: (obj: KObject) => string;
}

/** The candidates this owner controls after adopting and releasing; objects it failed to patch are left out. */
export function claimObjects(ctx: ControllerContext, candidates: KObject[], o: ClaimOptions): KObject[] {
  const uid = o.owner.metadata.uid;
  const ownerDeleting = !!o.owner.metadata.deletionTimestamp;
  const claimed: KObject[] = [];
  for (const obj of candidates) {
    const ref = controllerRef(obj);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (o.matches(obj)) {
        claimed.push(obj);
        continue;
      }
      // An owner being deleted neither releases nor claims what it still controls.
      if (ownerDeleting) continue;
      release(ctx, obj, uid!, o.pathOf(obj));
      continue;
    }
    if (ownerDeleting || obj.metadata.deletionTimestamp || !o.matches(obj)) continue;
    const adopted = adopt(ctx, obj, ownerReference(o.owner, o.ownerApiVersion, o.ownerKind), o.pathOf(obj));
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function adopt(ctx: ControllerContext, obj: KObject, ref: Record<string, unknown>, path: string): KObject | undefined {
  const refs = [...(obj.metadata.ownerReferences ?? []), ref];
  const res = ctx.request({
    method: 'PATCH',
    path,
    contentType: 'application/merge-patch+json',
    body: { metadata: { ownerReferences: refs, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion } },
  });
  return res.status < 300 ? (res.body as KObject) : undefined;
}

function release(ctx: ControllerContext, obj: KObject, ownerUid: string, path: string): void {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  ctx.request({
    method: 'PATCH',
    path,
    contentType: 'application/merge-patch+json',
    body: { metadata: { ownerReferences: refs.length ? refs : null, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion } },
  });
}
