/**
 * The Deployment controller (pkg/controller/deployment): claims the ReplicaSets its selector matches, then either
 * only resizes them (paused, or spec.replicas changed) or rolls out with the RollingUpdate or Recreate strategy,
 * and reports status and conditions.
 */
import { selectorMatches } from '../../api/selectors';
import type { KObject } from '../../types';
import { clone } from '../../util';
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import { objectKey } from '../../runtime/informer';
import { claimObjects } from '../controller-ref';
import { controllerRef} from '../shared/pods';
import { getCondition, hasProgressDeadline, newCondition, PROGRESSING, Reasons, setCondition } from './conditions';
import { updateDeploymentStatus, type SyncContext } from './context';
import { rolloutRecreate } from './recreate';
import { rolloutRolling } from './rolling';
import {
  cleanupDeployment,
  getAllReplicaSetsAndSyncRevision,
  isScalingEvent,
  scale,
  syncDeploymentStatus,
  typed,
} from './sync';

export const deploymentController: Controller = {
  name: 'deployment',
  start(ctx) {
    const deployments = ctx.informer('deployments', 'apps');
    const replicaSets = ctx.informer('replicasets', 'apps');
    const pods = ctx.informer('pods');
    const podsByOwner = ctx.podsByOwner();
    const queue = ctx.queue((key) => {
      syncDeployment(s, deployments.get(key), (ns) => replicaSets.list(ns));
      queue.forget(key);
    });
    const s: SyncContext = {
      ctx,
      recorder: ctx.recorder({ component: 'deployment-controller' }),
      replicaSet: (ns, name) => replicaSets.get(`${ns}/${name}`),
      podsOf: (rss) => rss.flatMap((rs) => podsByOwner.of(rs.metadata.uid)),
      enqueueAfter: (d, ms) => queue.addAfter(objectKey(d), ms),
    };

    const deploymentOf = (ns: string, ref: { kind: string; name: string; uid: string } | undefined): string | undefined => {
      if (!ref || ref.kind !== 'Deployment') return undefined;
      const key = `${ns}/${ref.name}`;
      return deployments.get(key)?.metadata.uid === ref.uid ? key : undefined;
    };
    const enqueueMatching = (rs: KObject) => {
      for (const d of deployments.list(rs.metadata.namespace)) {
        if (selectorMatches(d.spec?.selector, rs.metadata.labels)) queue.add(objectKey(d));
      }
    };

    deployments.on((_type, d) => queue.add(objectKey(d)));
    replicaSets.on((type, rs, old) => {
      const ns = rs.metadata.namespace!;
      const ref = controllerRef(rs);
      const key = deploymentOf(ns, ref);
      const oldRef = old && controllerRef(old);
      if (oldRef && oldRef.uid !== ref?.uid) {
        const oldKey = deploymentOf(ns, oldRef);
        if (oldKey) queue.add(oldKey);
      }
      if (key) queue.add(key);
      else if (!ref && type !== 'DELETED') {
        const labelsChanged = JSON.stringify(old?.metadata.labels ?? {}) !== JSON.stringify(rs.metadata.labels ?? {});
        if (type === 'ADDED' || labelsChanged || oldRef) enqueueMatching(rs);
      }
    });
    pods.on((type, pod) => {
      if (type !== 'DELETED') return;
      // Recreate waits for the old pods to be gone.
      const rsRef = controllerRef(pod);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const rs = replicaSets.get(`${pod.metadata.namespace}/${rsRef.name}`);
      const key = rs && deploymentOf(rs.metadata.namespace!, controllerRef(rs));
      if (key && deployments.get(key)?.spec?.strategy?.type === 'Recreate') queue.add(key);
    });
  },
};

function syncDeployment(s: SyncContext, cached: KObject | undefined, listRS: (ns: string) => KObject[]): void {
  if (!cached) return;
  const d = clone(typed(cached));
  const selector = d.spec?.selector;
  if (selector && !Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length) {
    s.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      d.status = { ...d.status, observedGeneration: d.metadata.generation };
      updateDeploymentStatus(s, d);
    }
    return;
  }
  const rsList = replicaSetsFor(s.ctx, d, listRS(d.metadata.namespace!));
  if (d.metadata.deletionTimestamp) {
    const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
    return syncDeploymentStatus(s, withNew(oldRSs, newRS), newRS, d);
  }
  checkPausedConditions(s, d);
  if (d.spec.paused || isScalingEvent(s, d, rsList)) return sync(s, d, rsList);
  if (d.spec.strategy?.type === 'Recreate') return rolloutRecreate(s, d, rsList);
  return rolloutRolling(s, d, rsList);
}

const withNew = (oldRSs: KObject[], newRS: KObject | undefined) => [...oldRSs, ...(newRS ? [newRS] : [])];

/** getReplicaSetsForDeployment: adopt matching orphans, release what stopped matching. */
function replicaSetsFor(ctx: ControllerContext, d: KObject, inNamespace: KObject[]): KObject[] {
  return claimObjects(ctx, inNamespace, {
    owner: d,
    ownerApiVersion: 'apps/v1',
    ownerKind: 'Deployment',
    matches: (rs) => selectorMatches(d.spec?.selector, rs.metadata.labels),
    pathOf: (rs) => `/apis/apps/v1/namespaces/${rs.metadata.namespace}/replicasets/${rs.metadata.name}`,
  });
}

/** sync(): resize only, for paused Deployments and scaling events; a paused one also trims its history. */
function sync(s: SyncContext, d: KObject, rsList: KObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  scale(s, d, newRS, oldRSs);
  if (d.spec.paused) cleanupDeployment(s, oldRSs, d);
  syncDeploymentStatus(s, withNew(oldRSs, newRS), newRS, d);
}

/** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed, unless it already timed out. */
function checkPausedConditions(s: SyncContext, d: KObject): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, PROGRESSING);
  if (cond?.reason === Reasons.TimedOut) return;
  const pausedCond = cond?.reason === Reasons.Paused;
  const now = s.ctx.clock.timestamp();
  d.status ??= {};
  if (d.spec.paused && !pausedCond) {
    setCondition(d.status, newCondition(PROGRESSING, 'Unknown', Reasons.Paused, 'Deployment is paused', now));
  } else if (!d.spec.paused && pausedCond) {
    setCondition(d.status, newCondition(PROGRESSING, 'Unknown', Reasons.Resumed, 'Deployment is resumed', now));
  } else return;
  updateDeploymentStatus(s, d);
}
