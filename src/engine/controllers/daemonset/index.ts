/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node, created with the node pinned through
 * node affinity so the scheduler binds it; failed pods and pods on nodes that no longer qualify are deleted;
 * RollingUpdate replaces old pods within maxUnavailable / maxSurge; status counts what runs where.
 */
import type { KObject } from '../../types';
import { deepEqual } from '../../util';
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import { withTypeMeta } from '../../runtime/events';
import { objectKey } from '../../runtime/informer';
import { computeHash } from '../shared/hash';
import { controllerRef, isPodAvailable, isPodTerminal} from '../shared/pods';
import { cleanupHistory, constructHistory, type History } from './history';
import { REVISION_HASH_LABEL, daemonPod, daemonTolerations, nodeShouldRunDaemonPod, targetNodeName, templateGeneration, type Placement } from './daemon-pods';
import { rollingUpdate } from './rolling-update';
import { daemonSetStatus } from './status';

const DS_DEF = { group: 'apps', version: 'v1', kind: 'DaemonSet' };

export interface NodePods {
  node: KObject;
  placement: Placement;
  /** Daemon pods meant for the node (terminating ones included), oldest first. */
  pods: KObject[];
}

export const daemonSetController: Controller = {
  name: 'daemonset-controller',
  start(ctx: ControllerContext) {
    const daemonSets = ctx.informer('daemonsets', 'apps');
    const nodes = ctx.informer('nodes');
    const pods = ctx.informer('pods');
    const owned = ctx.podsByOwner();
    const recorder = ctx.recorder({ component: 'daemonset-controller' });
    const placements = new PlacementCache();
    const revisions = ctx.informer('controllerrevisions', 'apps');
    const queue = ctx.queue((key) => {
      const ds = daemonSets.get(key);
      if (!ds || ds.metadata.deletionTimestamp) return;
      const history = constructHistory(ctx, withTypeMeta(ds, DS_DEF), controlledBy(revisions.list(ds.metadata.namespace), ds.metadata.uid!));
      if (!history) return;
      const placed = placements.of(ds, nodes.list());
      sync(ctx, withTypeMeta(ds, DS_DEF), placed, owned.of(ds.metadata.uid), recorder, (ms) => queue.addAfter(key, ms), history);
    });
    revisions.on((_type, cr) => {
      const ref = (cr.metadata.ownerReferences ?? []).find((r: any) => r.controller);
      if (ref?.kind === 'DaemonSet') queue.add(`${cr.metadata.namespace}/${ref.name}`);
    });
    const enqueueAll = () => {
      for (const ds of daemonSets.list()) queue.add(objectKey(ds));
    };
    daemonSets.on((type, ds) => {
      if (type !== 'DELETED') queue.add(objectKey(ds));
    });
    nodes.on((type, node, old) => {
      const relevant =
        type !== 'MODIFIED' ||
        JSON.stringify(node.metadata.labels) !== JSON.stringify(old?.metadata.labels) ||
        JSON.stringify(node.spec?.taints) !== JSON.stringify(old?.spec?.taints);
      if (relevant) enqueueAll();
    });
    pods.on((_type, pod) => {
      const ref = controllerRef(pod);
      if (ref?.kind === 'DaemonSet') queue.add(`${pod.metadata.namespace}/${ref.name}`);
    });
  },
};

/**
 * nodeShouldRunDaemonPod per (DaemonSet generation, node resourceVersion): a busy DaemonSet syncs on every pod
 * event, and re-evaluating the predicates on every node each time would make large clusters slow.
 */
class PlacementCache {
  private readonly byDs = new Map<string, { generation: number; byNode: Map<string, { rv: string; placement: Placement }> }>();

  of(ds: KObject, nodeList: KObject[]): { node: KObject; placement: Placement }[] {
    let entry = this.byDs.get(ds.metadata.uid!);
    if (!entry || entry.generation !== ds.metadata.generation) {
      entry = { generation: ds.metadata.generation ?? 0, byNode: new Map() };
      this.byDs.set(ds.metadata.uid!, entry);
    }
    const tolerations = daemonTolerations(ds.spec.template.spec);
    return nodeList.map((node) => {
      const cached = entry.byNode.get(node.metadata.name!);
      if (cached && cached.rv === node.metadata.resourceVersion) return { node, placement: cached.placement };
      const placement = nodeShouldRunDaemonPod(ds, node, tolerations);
      entry.byNode.set(node.metadata.name!, { rv: node.metadata.resourceVersion!, placement });
      return { node, placement };
    });
  }
}

function sync(
  ctx: ControllerContext,
  ds: KObject,
  placed: { node: KObject; placement: Placement }[],
  ownedPods: KObject[],
  recorder: ReturnType<ControllerContext['recorder']>,
  requeueAfter: (ms: number) => void,
  history: History,
): void {
  const ns = ds.metadata.namespace!;
  const hash: string = history.cur.metadata.labels?.[REVISION_HASH_LABEL] ?? computeHash(ds.spec.template, ds.status?.collisionCount);
  const byNode = new Map<string, KObject[]>();
  for (const pod of ownedPods) {
    // getNodesToDaemonPods leaves out only pods both deleted and finished: a terminating pod still holds its node.
    if (pod.metadata.deletionTimestamp && isPodTerminal(pod)) continue;
    const node = targetNodeName(pod);
    if (!node) continue;
    const list = byNode.get(node) ?? [];
    list.push(pod);
    byNode.set(node, list);
  }
  const nodesPods: NodePods[] = placed.map(({ node, placement }) => {
    const pods = byNode.get(node.metadata.name!);
    return { node, placement, pods: pods ? pods.sort(byCreation) : [] };
  });

  const create = (nodeName: string) => {
    acted = true;
    const res = ctx.request({ method: 'POST', path: `/api/v1/namespaces/${ns}/pods`, body: daemonPod(ds, nodeName, hash) });
    if (res.status < 300) recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${res.body.metadata.name}`);
    else recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${res.body?.message}`);
  };
  let acted = false;
  const remove = (pod: KObject) => {
    acted = true;
    const res = ctx.request({ method: 'DELETE', path: `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}` });
    if (res.status < 300) recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
  };

  // manage(): podsShouldBeOnNode for every node.
  const surge = ds.spec.updateStrategy?.type === 'RollingUpdate' && hasSurge(ds);
  for (const { node, placement, pods } of nodesPods) {
    const name = node.metadata.name!;
    if (placement.shouldRun && pods.length === 0) {
      create(name);
      continue;
    }
    if (!placement.shouldContinueRunning) {
      for (const pod of pods) remove(pod);
      continue;
    }
    const running: KObject[] = [];
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      if (pod.status?.phase === 'Failed') {
        recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${ns}/${pod.metadata.name} on node ${name}, will try to kill it`);
        remove(pod);
      } else if (pod.status?.phase === 'Succeeded') remove(pod);
      else running.push(pod);
    }
    // Without surge only one daemon pod may run on a node: the oldest stays.
    if (!surge && running.length > 1) for (const extra of running.slice(1)) remove(extra);
  }

  // As with the real controller's expectations, the rolling update waits until what manage() did is observed.
  if (!acted && ds.spec.updateStrategy?.type === 'RollingUpdate') {
    const now = ctx.clock.now();
    const available = (pod: KObject) => isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, now, (ts) => ctx.clock.parse(ts));
    const plan = rollingUpdate(ds, nodesPods, hash, available);
    for (const pod of plan.deletePods) remove(pod);
    for (const node of plan.createOnNodes) create(node);
  }
  cleanupHistory(ctx, ds, history.old, ownedPods);

  const status = daemonSetStatus(ds, nodesPods, hash, templateGeneration(ds), ctx.clock.now(), (ts) => ctx.clock.parse(ts));
  const waitMs = status.nextAvailableInMs;
  delete status.nextAvailableInMs;
  const stored: Record<string, any> = { ...(ds.status ?? {}) };
  delete stored.conditions;
  delete stored.collisionCount;
  if (!deepEqual(stored, status)) {
    const cleared = Object.fromEntries(Object.keys(stored).filter((k) => !(k in status)).map((k) => [k, null]));
    ctx.request({
      method: 'PATCH',
      path: `/apis/apps/v1/namespaces/${ns}/daemonsets/${ds.metadata.name}/status`,
      contentType: 'application/merge-patch+json',
      body: { status: { ...cleared, ...status } },
    });
  }
  if (waitMs !== undefined) requeueAfter(waitMs);
}

function controlledBy(objs: KObject[], uid: string): KObject[] {
  return objs.filter((o) => (o.metadata.ownerReferences ?? []).some((r: any) => r.controller && r.uid === uid));
}

function hasSurge(ds: KObject): boolean {
  const s = ds.spec.updateStrategy?.rollingUpdate?.maxSurge;
  return s !== undefined && s !== 0 && s !== '0%' && s !== '0';
}

function byCreation(a: KObject, b: KObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name! < b.metadata.name! ? -1 : 1;
}
