/**
 * The garbage collector: objects whose owners are gone are deleted (background propagation), owners deleted in the
 * foreground wait for their dependents (finalizer `foregroundDeletion`), and orphaning owners release their
 * dependents (finalizer `orphan`) before they go. It tracks owner references across every resource.
 */
import { resourcePath } from '../api/paths';
import { RESOURCES, type ResourceDef } from '../api/resources';
import type { KObject } from '../types';
import type { Controller, ControllerContext } from '../runtime/controller-manager';

interface Node {
  def: ResourceDef;
  obj: KObject;
}

/** kube-controller-manager's DefaultIgnoredResources: the graph builder does not watch Events. */
const IGNORED_RESOURCES = new Set(['events']);

export const garbageCollector: Controller = {
  name: 'garbage-collector',
  start(ctx: ControllerContext) {
    const byUid = new Map<string, Node>();
    const dependents = new Map<string, Set<string>>();
    const queue = ctx.queue((uid) => sync(ctx, uid, byUid, dependents, (ms) => queue.addAfter(uid, ms)));

    const link = (obj: KObject, add: boolean) => {
      for (const ref of obj.metadata.ownerReferences ?? []) {
        let set = dependents.get(ref.uid);
        if (!set) dependents.set(ref.uid, (set = new Set()));
        if (add) set.add(obj.metadata.uid!);
        else set.delete(obj.metadata.uid!);
      }
    };

    for (const def of RESOURCES) {
      if (IGNORED_RESOURCES.has(def.resource)) continue;
      const inf = ctx.informer(def.resource, def.group);
      inf.on((type, obj, old) => {
        const uid = obj.metadata.uid!;
        if (type === 'DELETED') {
          if (old) link(old, false);
          byUid.delete(uid);
          for (const dep of dependents.get(uid) ?? []) queue.add(dep);
          for (const ref of obj.metadata.ownerReferences ?? []) queue.add(ref.uid);
          return;
        }
        const node = byUid.get(uid);
        if (node && node.def === def) node.obj = obj;
        else byUid.set(uid, { def, obj });
        // As the graph builder: a dependent is linked and checked when it appears or its owner references change,
        // not on every status write (an owner's deletion queues its dependents above).
        if (!sameOwners(old, obj)) {
          if (old) link(old, false);
          link(obj, true);
          if (obj.metadata.ownerReferences?.length) queue.add(uid);
        }
        const fins = obj.metadata.finalizers ?? [];
        if (obj.metadata.deletionTimestamp && (fins.includes('foregroundDeletion') || fins.includes('orphan'))) queue.add(uid);
      });
    }
  },
};

function sync(
  ctx: ControllerContext,
  uid: string,
  byUid: Map<string, Node>,
  dependents: Map<string, Set<string>>,
  retry: (ms: number) => void,
): void {
  const node = byUid.get(uid);
  if (!node) return;
  const { obj } = node;
  // Only a deleting owner needs its dependents: an owner with thousands of pods is updated often.
  const dependentNodes = () => [...(dependents.get(uid) ?? [])].map((d) => byUid.get(d)).filter((d): d is Node => !!d);
  const fins = obj.metadata.finalizers ?? [];

  if (obj.metadata.deletionTimestamp && fins.includes('orphan')) {
    for (const dep of dependentNodes()) {
      const refs = (dep.obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      patchMeta(ctx, dep, { ownerReferences: refs.length ? refs : null });
    }
    removeFinalizer(ctx, node, 'orphan');
    return;
  }
  if (obj.metadata.deletionTimestamp && fins.includes('foregroundDeletion')) {
    const deps = dependentNodes();
    if (deps.length === 0) {
      removeFinalizer(ctx, node, 'foregroundDeletion');
      return;
    }
    for (const dep of deps) {
      if (dep.obj.metadata.deletionTimestamp) continue;
      const blocking = dep.obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion);
      del(ctx, dep, blocking ? 'Foreground' : 'Background');
    }
    retry(1000);
    return;
  }
  // A dependent: delete it when none of its owners exist anymore; drop references to owners that are gone.
  const refs = obj.metadata.ownerReferences ?? [];
  if (!refs.length || obj.metadata.deletionTimestamp) return;
  const absent = refs.filter((r) => !ownerExists(byUid, r, obj));
  if (absent.length === 0) {
    const foregroundOwner = refs.some((r) => {
      const owner = byUid.get(r.uid)!;
      return owner.obj.metadata.deletionTimestamp && owner.obj.metadata.finalizers?.includes('foregroundDeletion') && r.blockOwnerDeletion;
    });
    if (foregroundOwner) del(ctx, node, 'Foreground');
    return;
  }
  if (absent.length === refs.length) del(ctx, node, 'Background');
  else patchMeta(ctx, node, { ownerReferences: refs.filter((r) => !absent.includes(r)) });
}

function sameOwners(old: KObject | undefined, obj: KObject): boolean {
  if (!old) return false;
  const a = old.metadata.ownerReferences ?? [];
  const b = obj.metadata.ownerReferences ?? [];
  if (a.length !== b.length) return false;
  return a.every((r, i) => r.uid === b[i].uid && r.kind === b[i].kind && r.blockOwnerDeletion === b[i].blockOwnerDeletion);
}

function ownerExists(byUid: Map<string, Node>, ref: { uid: string; kind: string }, dependent: KObject): boolean {
  const owner = byUid.get(ref.uid);
  if (!owner || owner.obj.kind !== ref.kind) return false;
  // A namespaced dependent can only be owned by an object in its namespace or a cluster-scoped one.
  return !owner.def.namespaced || owner.obj.metadata.namespace === dependent.metadata.namespace;
}

function del(ctx: ControllerContext, node: Node, policy: 'Foreground' | 'Background'): void {
  const res = ctx.request({
    method: 'DELETE',
    path: resourcePath(node.def, node.obj.metadata.namespace, node.obj.metadata.name),
    body: { propagationPolicy: policy, preconditions: { uid: node.obj.metadata.uid } },
  });
  if (res.status >= 500) throw new Error(res.body?.message);
}

function patchMeta(ctx: ControllerContext, node: Node, metadata: Record<string, unknown>): void {
  ctx.request({
    method: 'PATCH',
    path: resourcePath(node.def, node.obj.metadata.namespace, node.obj.metadata.name),
    contentType: 'application/merge-patch+json',
    body: { metadata: { ...metadata, uid: node.obj.metadata.uid } },
  });
}

function removeFinalizer(ctx: ControllerContext, node: Node, finalizer: string): void {
  const rest = (node.obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  const res = ctx.request({
    method: 'PATCH',
    path: resourcePath(node.def, node.obj.metadata.namespace, node.obj.metadata.name),
    contentType: 'application/merge-patch+json',
    body: { metadata: { finalizers: rest.length ? rest : null, resourceVersion: node.obj.metadata.resourceVersion } },
  });
  if (res.status === 409) throw new Error('conflict: retry');
}
