/** Admission checks that need the store: the namespace exists and is not terminating. */
import type { KObject } from '../types';
import type { ApiContext } from './context';
import { forbidden, notFound } from './errors';
import type { ResourceDef } from './resources';

export function admitNamespace(def: ResourceDef, obj: KObject, ctx: ApiContext): void {
  if (!def.namespaced) return;
  const ns = obj.metadata.namespace!;
  const entry = ctx.store.get('/namespaces', '', ns);
  if (!entry) throw notFound('', 'namespaces', ns);
  if (entry.obj.metadata.deletionTimestamp) {
    throw forbidden(def.group, def.resource, obj.metadata.name ?? '', `unable to create new content in namespace ${ns} because it is being terminated`);
  }
}
