/**
 * The namespace controller: a namespace being deleted has all its content deleted, its status conditions report
 * progress, and once empty its `kubernetes` finalizer is removed through /finalize, which lets it go.
 */
import { resourcePath } from '../api/paths';
import { RESOURCES } from '../api/resources';
import type { KObject } from '../types';
import type { Controller, ControllerContext } from '../runtime/controller-manager';

const RETRY_MS = 1000;

export const namespaceController: Controller = {
  name: 'namespace',
  start(ctx: ControllerContext) {
    const namespaces = ctx.informer('namespaces');
    const queue = ctx.queue((name) => sync(ctx, namespaces.get(name), (ms) => queue.addAfter(name, ms)));
    namespaces.on((type, ns) => {
      if (type !== 'DELETED' && ns.metadata.deletionTimestamp) queue.add(ns.metadata.name!);
    });
  },
};

function sync(ctx: ControllerContext, ns: KObject | undefined, retry: (ms: number) => void): void {
  if (!ns?.metadata.deletionTimestamp) return;
  const name = ns.metadata.name!;
  const remaining = new Map<string, number>();
  let waitMs = 0;
  for (const def of RESOURCES.filter((r) => r.namespaced)) {
    const list = ctx.request({ method: 'GET', path: resourcePath(def, name) });
    if (list.status !== 200) continue;
    for (const obj of list.body.items as KObject[]) {
      if (!obj.metadata.deletionTimestamp) {
        const res = ctx.request({
          method: 'DELETE',
          path: resourcePath(def, name, obj.metadata.name),
          body: { propagationPolicy: 'Background' },
        });
        if (res.status === 200 && !res.body?.metadata?.deletionTimestamp) continue;
      }
      // The real controller names core resources with a trailing dot: `pods. has 1 resource instances`.
      const label = `${def.resource}.${def.group}`;
      remaining.set(label, (remaining.get(label) ?? 0) + 1);
      const grace = (obj.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
      waitMs = Math.max(waitMs, grace);
    }
  }
  writeConditions(ctx, ns, remaining);
  if (remaining.size) {
    retry(Math.max(RETRY_MS, waitMs));
    return;
  }
  ctx.request({
    method: 'PUT',
    path: `/api/v1/namespaces/${name}/finalize`,
    body: { ...ns, spec: { ...ns.spec, finalizers: (ns.spec?.finalizers ?? []).filter((f: string) => f !== 'kubernetes') } },
  });
}

function writeConditions(ctx: ControllerContext, ns: KObject, remaining: Map<string, number>): void {
  const now = ctx.clock.timestamp();
  const previous = new Map<string, any>((ns.status?.conditions ?? []).map((c: any) => [c.type, c]));
  const cond = (type: string, status: string, reason: string, message: string) => {
    const old = previous.get(type);
    const lastTransitionTime = old && old.status === status ? old.lastTransitionTime : now;
    return { type, status, lastTransitionTime, reason, message };
  };
  const counts = [...remaining.entries()].map(([r, n]) => `${r} has ${n} resource instances`).join(', ');
  const conditions = [
    cond('NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'),
    cond('NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
    cond('NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
    remaining.size
      ? cond('NamespaceContentRemaining', 'True', 'SomeResourcesRemain', `Some resources are remaining: ${counts}`)
      : cond('NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'),
    cond('NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
  ];
  ctx.request({
    method: 'PATCH',
    path: `/api/v1/namespaces/${ns.metadata.name}/status`,
    contentType: 'application/merge-patch+json',
    body: { status: { conditions } },
  });
}
