/** Shared loop of controllers that keep one named object in every active namespace. */
import type { KObject } from '../types';
import type { ControllerContext } from '../runtime/controller-manager';

export function ensureInEveryNamespace(
  ctx: ControllerContext,
  resource: string,
  name: string,
  build: (namespace: string) => KObject,
): void {
  const namespaces = ctx.informer('namespaces');
  const objects = ctx.informer(resource);
  const queue = ctx.queue((ns) => {
    const namespace = namespaces.get(ns);
    if (!namespace || namespace.metadata.deletionTimestamp) return;
    if (objects.get(`${ns}/${name}`)) return;
    const res = ctx.request({ method: 'POST', path: `/api/v1/namespaces/${ns}/${resource}`, body: build(ns) });
    if (res.status >= 500) throw new Error(res.body?.message);
  });
  namespaces.on((type, ns) => {
    if (type !== 'DELETED') queue.add(ns.metadata.name!);
  });
  objects.on((type, obj) => {
    if (type === 'DELETED' && obj.metadata.name === name) queue.add(obj.metadata.namespace!);
  });
}
