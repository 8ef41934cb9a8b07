/**
 * GET pods/{name}/scheduling: a Kubeplay-only subresource with the scheduler's record of its attempts for the
 * pod (docs/scheduler.md). A pod the scheduler never tried (bound through spec.nodeName, or another scheduler)
 * answers 404 with a Status saying so.
 */
import type { ApiContext } from '../context';
import { StatusError, notFound } from '../errors';
import { resourceKey, type ResourceDef } from '../resources';

export function podSchedulingRecord(ctx: ApiContext, def: ResourceDef, namespace: string, name: string) {
  const entry = ctx.store.get(resourceKey(def), namespace, name);
  if (!entry) throw notFound('', 'pods', name);
  const doc = ctx.podScheduling?.(entry.obj);
  if (!doc) {
    const err = notFound('', 'pods/scheduling', name);
    throw new StatusError({ ...err.status, message: `no scheduling record for pod "${name}": the scheduler has not tried to schedule it` });
  }
  return { status: 200, body: doc };
}
