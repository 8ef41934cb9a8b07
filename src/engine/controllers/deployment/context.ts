/** What one Deployment sync works with: the API, the recorder, the ReplicaSet cache and its own queue. */
import type { KObject } from '../../types';
import type { ControllerContext } from '../../runtime/controller-manager';
import type { EventRecorder } from '../../runtime/events';

export interface SyncContext {
  ctx: ControllerContext;
  recorder: EventRecorder;
  replicaSet(namespace: string, name: string): KObject | undefined;
  /** Pods of the given ReplicaSets (for Recreate, which waits for old pods to go). */
  podsOf(rss: KObject[]): KObject[];
  enqueueAfter(d: KObject, ms: number): void;
}

export class RetryError extends Error {}

const base = (d: KObject) => `/apis/apps/v1/namespaces/${d.metadata.namespace}`;

/** UpdateStatus of the Deployment (annotations ride along); keeps `d` current so later writes don't conflict. */
export function updateDeploymentStatus(s: SyncContext, d: KObject): void {
  const res = s.ctx.request({ method: 'PUT', path: `${base(d)}/deployments/${d.metadata.name}/status`, body: d });
  if (res.status >= 300) throw new RetryError(res.body?.message ?? 'status update failed');
  d.metadata.resourceVersion = res.body.metadata.resourceVersion;
}

/** Update of a ReplicaSet (PUT); returns the stored result. */
export function updateReplicaSet(s: SyncContext, rs: KObject): KObject {
  const res = s.ctx.request({ method: 'PUT', path: `${base(rs)}/replicasets/${rs.metadata.name}`, body: rs });
  if (res.status >= 300) throw new RetryError(res.body?.message ?? 'replica set update failed');
  return res.body as KObject;
}
