/**
 * The StatefulSet controller (pkg/controller/statefulset): stable pod names and claims, ordered or parallel pod
 * management, rolling updates by revision (ControllerRevisions), and the set's status.
 */
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import { withTypeMeta } from '../../runtime/events';
import { objectKey } from '../../runtime/informer';
import type { KObject } from '../../types';
import { controllerRef} from '../shared/pods';
import { statefulSetRevisions, truncateHistory } from './history';
import { parentAndOrdinal } from './identity';
import { statefulSetSync, type ReplicaStatus } from './sync';

const STS_DEF = { group: 'apps', version: 'v1', kind: 'StatefulSet' };

export const statefulSetController: Controller = {
  name: 'statefulset-controller',
  start(ctx: ControllerContext) {
    const sets = ctx.informer('statefulsets', 'apps');
    const pods = ctx.informer('pods');
    const claims = ctx.informer('persistentvolumeclaims');
    const revisions = ctx.informer('controllerrevisions', 'apps');
    const owned = ctx.podsByOwner();
    const recorder = ctx.recorder({ component: 'statefulset-controller' });
    const deps = { ctx, recorder, claim: (ns: string, name: string) => claims.get(`${ns}/${name}`) };
    const queue = ctx.queue((key) => {
      const cached = sets.get(key);
      if (!cached) return;
      const set = withTypeMeta(cached, STS_DEF);
      const mine = owned.of(set.metadata.uid).filter((p) => parentAndOrdinal(p).parent === set.metadata.name);
      const history = revisions.list(set.metadata.namespace).filter((cr) => controllerRef(cr)?.uid === set.metadata.uid);
      const revs = statefulSetRevisions(ctx, set, history);
      if (!revs) {
        queue.addAfter(key, 1000);
        return;
      }
      const counts = statefulSetSync(deps, set, revs, mine);
      writeStatus(ctx, set, counts, revs.current.metadata.name!, revs.update.metadata.name!, revs.collisionCount);
      truncateHistory(ctx, set, mine, revs);
      const minReady = set.spec.minReadySeconds ?? 0;
      if (minReady > 0 && counts.readyReplicas !== counts.availableReplicas) queue.addAfter(key, minReady * 1000);
    });
    sets.on((type, set) => {
      if (type !== 'DELETED') queue.add(objectKey(set));
    });
    pods.on((_type, pod) => {
      const ref = controllerRef(pod);
      if (ref?.kind === 'StatefulSet') queue.add(`${pod.metadata.namespace}/${ref.name}`);
    });
    revisions.on((_type, cr) => {
      const ref = controllerRef(cr);
      if (ref?.kind === 'StatefulSet') queue.add(`${cr.metadata.namespace}/${ref.name}`);
    });
  },
};

/** updateStatefulSetStatus with completeRollingUpdate: written only when it changed. */
function writeStatus(ctx: ControllerContext, set: KObject, counts: ReplicaStatus, current: string, update: string, collisionCount: number): void {
  let currentRevision = current;
  let currentReplicas = counts.currentReplicas;
  if (set.spec.updateStrategy?.type === 'RollingUpdate' && counts.updatedReplicas === counts.replicas && counts.readyReplicas === counts.replicas) {
    currentRevision = update;
    currentReplicas = counts.updatedReplicas;
  }
  // StatefulSetStatus: replicas and availableReplicas are always written; the other counters are omitempty.
  const status: Record<string, unknown> = {
    observedGeneration: set.metadata.generation,
    replicas: counts.replicas,
    readyReplicas: counts.readyReplicas || null,
    currentReplicas: currentReplicas || null,
    updatedReplicas: counts.updatedReplicas || null,
    currentRevision,
    updateRevision: update,
    collisionCount,
    availableReplicas: counts.availableReplicas,
  };
  const have = set.status ?? {};
  const same = Object.entries(status).every(([k, v]) => (have[k] ?? null) === v);
  if (same) return;
  ctx.request({
    method: 'PATCH',
    path: `/apis/apps/v1/namespaces/${set.metadata.namespace}/statefulsets/${set.metadata.name}/status`,
    contentType: 'application/merge-patch+json',
    body: { status },
  });
}
