/** DELETE: graceful deletion for pods, finalizers, propagation policies, namespaces that terminate. */
import type { KObject } from '../../types';
import { isPlainObject } from '../../util';
import type { ApiContext } from '../context';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { resourceKey, type ResourceDef } from '../resources';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun: boolean;
}

export function deleteOptionsFrom(body: unknown, query: Record<string, string | undefined>): DeleteOptions {
  const b = isPlainObject(body) ? body : {};
  const grace = query.gracePeriodSeconds ?? b.gracePeriodSeconds;
  const policy = query.propagationPolicy ?? b.propagationPolicy ?? (query.orphanDependents === 'true' ? 'Orphan' : undefined);
  if (policy !== undefined && !['Orphan', 'Background', 'Foreground'].includes(policy)) {
    throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  return {
    gracePeriodSeconds: grace === undefined ? undefined : Number(grace),
    propagationPolicy: policy,
    preconditions: b.preconditions,
    dryRun: query.dryRun === 'All' || (Array.isArray(b.dryRun) && b.dryRun.includes('All')),
  };
}

const UNDELETABLE_NAMESPACES = ['default', 'kube-system', 'kube-public'];

/** Remove an object that is being deleted once no finalizers hold it; returns the removed object. */
export function finalizeIfDone(ctx: ApiContext, def: ResourceDef, obj: KObject): KObject | undefined {
  if (!obj.metadata.deletionTimestamp || (obj.metadata.finalizers?.length ?? 0) > 0) return undefined;
  if (def.kind === 'Namespace' && (obj.spec?.finalizers?.length ?? 0) > 0) return undefined;
  if (def.kind === 'Pod' && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0) return undefined;
  return ctx.store.delete(resourceKey(def), obj.metadata.namespace ?? '', obj.metadata.name!);
}

export function deleteObject(
  ctx: ApiContext,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
  opts: DeleteOptions,
): { status: number; body: any } {
  const key = resourceKey(def);
  const ns = def.namespaced ? (namespace ?? '') : '';
  const entry = ctx.store.get(key, ns, name);
  if (!entry) throw notFound(def.group, def.resource, name);
  const old = entry.obj;
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== old.metadata.uid) {
    throw conflict(def.group, def.resource, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(def.group, def.resource, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
  }
  if (def.kind === 'Namespace' && UNDELETABLE_NAMESPACES.includes(name)) {
    throw forbidden('', 'namespaces', name, 'this namespace may not be deleted');
  }
  const obj: KObject = { ...old, metadata: { ...old.metadata } };
  const now = ctx.clock.timestamp();
  const finalizers = new Set(obj.metadata.finalizers ?? []);
  const policy = opts.propagationPolicy ?? defaultPolicy(def);
  if (policy === 'Orphan') finalizers.add('orphan');
  if (policy === 'Foreground') finalizers.add('foregroundDeletion');

  if (def.kind === 'Namespace') {
    if (opts.dryRun) return { status: 200, body: obj };
    if (!obj.metadata.deletionTimestamp) {
      obj.metadata.deletionTimestamp = now;
      obj.status = { ...obj.status, phase: 'Terminating' };
      if (finalizers.size) obj.metadata.finalizers = [...finalizers];
      return { status: 200, body: ctx.store.update(key, obj).obj };
    }
    return { status: 200, body: old };
  }

  const grace = def.kind === 'Pod' ? podGracePeriod(obj, opts) : 0;
  const alreadyDeleting = !!obj.metadata.deletionTimestamp;
  if (grace === 0 && finalizers.size === 0) {
    if (opts.dryRun) return { status: 200, body: obj };
    return { status: 200, body: ctx.store.delete(key, ns, name)! };
  }
  if (alreadyDeleting && grace >= (obj.metadata.deletionGracePeriodSeconds ?? 0) && !finalizersAdded(old, finalizers)) {
    return { status: 200, body: old };
  }
  const deadline = ctx.clock.now() + grace * 1000;
  if (!alreadyDeleting || grace < (obj.metadata.deletionGracePeriodSeconds ?? 0)) {
    obj.metadata.deletionTimestamp = ctx.clock.timestamp(deadline);
    obj.metadata.deletionGracePeriodSeconds = grace;
  }
  if (finalizers.size) obj.metadata.finalizers = [...finalizers];
  if (opts.dryRun) return { status: 200, body: obj };
  const removed = finalizeIfDone(ctx, def, obj);
  if (removed) return { status: 200, body: removed };
  return { status: 200, body: ctx.store.update(key, obj).obj };
}

function finalizersAdded(old: KObject, next: Set<string>): boolean {
  const had = new Set(old.metadata.finalizers ?? []);
  return [...next].some((f) => !had.has(f));
}

function defaultPolicy(_def: ResourceDef): DeleteOptions['propagationPolicy'] {
  return 'Background';
}

/** A pod that never ran on a node, or has finished, goes at once; a running one gets its grace period. */
function podGracePeriod(pod: KObject, opts: DeleteOptions): number {
  if (!pod.spec?.nodeName) return 0;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
  if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds >= 0) return opts.gracePeriodSeconds;
  return pod.spec?.terminationGracePeriodSeconds ?? 30;
}
