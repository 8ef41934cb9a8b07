/** The pod subresources other parts act through: binding (the scheduler), eviction (drain), log (kubelets). */
import type { KObject } from '../../types';
import { isPlainObject } from '../../util';
import type { ApiContext } from '../context';
import { badRequest, conflict, notFound } from '../errors';
import { statusSuccess } from '../errors';
import { resourceKey, type ResourceDef } from '../resources';
import { deleteObject, deleteOptionsFrom } from './delete';

function livePod(ctx: ApiContext, def: ResourceDef, namespace: string, name: string): KObject {
  const entry = ctx.store.get(resourceKey(def), namespace, name);
  if (!entry) throw notFound('', 'pods', name);
  return entry.obj;
}

/** POST pods/{name}/binding: assign the pod to a node, as the scheduler's bind does. */
export function bindPod(ctx: ApiContext, def: ResourceDef, namespace: string, name: string, body: unknown) {
  if (!isPlainObject(body) || !isPlainObject(body.target) || !body.target.name) {
    throw badRequest('Binding.target.name: Required value');
  }
  const pod = livePod(ctx, def, namespace, name);
  if (pod.metadata.deletionTimestamp) {
    throw conflict('', 'pods/binding', name, `pod ${name} is being deleted, cannot be assigned to a host`);
  }
  if (pod.spec?.nodeName) {
    throw conflict('', 'pods/binding', name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  }
  const next: KObject = { ...pod, metadata: { ...pod.metadata }, spec: { ...pod.spec, nodeName: body.target.name } };
  const annotations = body.metadata?.annotations;
  if (annotations) next.metadata.annotations = { ...next.metadata.annotations, ...annotations };
  const now = ctx.clock.timestamp();
  const conditions = (next.status?.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled');
  next.status = {
    ...next.status,
    conditions: [...conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now }],
  };
  ctx.store.update(resourceKey(def), next);
  return { status: 201, body: { ...statusSuccess(), code: 201 } };
}

/** POST pods/{name}/eviction: with no PodDisruptionBudgets in this cluster, an eviction is a delete. */
export function evictPod(ctx: ApiContext, def: ResourceDef, namespace: string, name: string, body: unknown) {
  livePod(ctx, def, namespace, name);
  const options = isPlainObject(body) && isPlainObject(body.deleteOptions) ? body.deleteOptions : {};
  deleteObject(ctx, def, namespace, name, deleteOptionsFrom(options, {}));
  return { status: 201, body: { ...statusSuccess(), code: 201 } };
}

/** GET pods/{name}/log: answered by the node's kubelet when one runs, else as a pod that never started. */
export function podLog(
  ctx: ApiContext,
  def: ResourceDef,
  namespace: string,
  name: string,
  query: Record<string, string | undefined>,
) {
  const pod = livePod(ctx, def, namespace, name);
  if (ctx.podLogs) return ctx.podLogs(pod, query);
  const containers: string[] = (pod.spec?.containers ?? []).map((c: any) => c.name);
  const container = query.container ?? (containers.length === 1 ? containers[0] : undefined);
  if (!container) {
    throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
  }
  throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ContainerCreating`);
}
