/**
 * kube-scheduler: watches pods and nodes, keeps its cache and queue, schedules one pod at a time (all at the
 * same virtual instant), binds through pods/binding, and reports FailedScheduling / Scheduled like the real one.
 */
import type { Controller, ControllerContext } from '../runtime/controller-manager';
import type { EventRecorder } from '../runtime/events';
import { withTypeMeta } from '../runtime/events';
import type { Informer } from '../runtime/informer';
import type { KObject } from '../types';
import { SchedulerCache } from './cache';
import type { ClusterEvent, CycleState, Listers } from './framework';
import { newPodInfo, podKey, type PodInfo } from './pod-info';
import { SCHEDULER_NAME } from './profile';
import { SchedulingQueue, type QueuedPod } from './queue';
import { SchedulingRecords } from './record';
import { Algorithm } from './schedule-one';
import { podScheduledFalse } from './pod-condition';
import { deepEqual } from '../util';
import { Nominator } from './preemption/nominator';
import { preempt } from './preemption/evaluator';
import { VOLUME_BIND_POLL_MS, VOLUME_BIND_TIMEOUT_MS, volumeBindingListers, volumeBindingsDone } from './plugins/volume-binding';
import { PLUGINS } from './profile';

const isTerminal = (pod: KObject) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const POD_DEF = { group: '', version: 'v1', kind: 'Pod' };

/** Whether two versions of an assigned pod differ in anything the cache accounts. */
function assignedPodChanged(a: KObject, b: KObject): boolean {
  return (
    a.spec?.nodeName !== b.spec?.nodeName ||
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp ||
    !deepEqual(a.metadata.labels, b.metadata.labels) ||
    !deepEqual(a.spec?.containers, b.spec?.containers)
  );
}

/** Whether a node update changes anything the scheduler reads. */
function nodeChanged(a: KObject, b: KObject): boolean {
  return (
    !deepEqual(a.metadata.labels, b.metadata.labels) ||
    !deepEqual(a.spec?.taints, b.spec?.taints) ||
    !!a.spec?.unschedulable !== !!b.spec?.unschedulable ||
    !deepEqual(a.status?.allocatable, b.status?.allocatable) ||
    !deepEqual(a.status?.images, b.status?.images)
  );
}

class Scheduler {
  private readonly cache = new SchedulerCache();
  private readonly queue: SchedulingQueue;
  private readonly algorithm: Algorithm;
  private readonly records: SchedulingRecords;
  private readonly recorder: EventRecorder;
  private readonly pods: Informer;
  private readonly listers: Listers;
  private inFlight: string | undefined;
  /** Pods assumed on a node while PreBind waits for their volumes to bind (not queued meanwhile). */
  private readonly waitingForVolumes = new Set<string>();
  /** The PodInfo of the pod being bound, reused when the binding comes back through the informer (assume). */
  private assumed: PodInfo | undefined;
  private drainScheduled = false;
  private readonly nominator = new Nominator();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new SchedulingQueue(ctx.clock, () => this.scheduleDrain());
    this.algorithm = new Algorithm(ctx.rng);
    this.records = new SchedulingRecords(ctx.clock);
    this.recorder = ctx.recorder({ component: SCHEDULER_NAME });
    this.algorithm.nominator = this.nominator;
    const deps = { clock: ctx.clock, rng: ctx.rng, request: ctx.request, recorder: this.recorder, nominator: this.nominator };
    this.algorithm.postFilter = (s, d, allNodes, filterNode) => preempt(deps, s.pod, d, allNodes, filterNode);
    this.pods = ctx.informer('pods');
    const namespaces = ctx.informer('namespaces');
    const services = ctx.informer('services');
    // Listed for every pod (default spread constraints): kept until a Service changes. Callers must not change it.
    const servicesByNamespace = new Map<string, KObject[]>();
    services.on(() => servicesByNamespace.clear());
    const replicaSets = ctx.informer('replicasets', 'apps');
    const statefulSets = ctx.informer('statefulsets', 'apps');
    this.listers = {
      namespaceLabels: (ns) => namespaces.get(ns)?.metadata.labels,
      services: (ns) => {
        let list = servicesByNamespace.get(ns);
        if (!list) servicesByNamespace.set(ns, (list = services.list(ns)));
        return list;
      },
      replicaSet: (ns, name) => replicaSets.get(`${ns}/${name}`),
      statefulSet: (ns, name) => statefulSets.get(`${ns}/${name}`),
      ...volumeBindingListers(ctx, (ev) => this.event(ev)),
    };
    ctx.informer('nodes').on((type, obj, old) => this.onNode(type, obj, old));
    this.pods.on((type, obj, old) => this.onPod(type, obj, old));
    ctx.serveSchedulingRecords?.((pod) => this.records.document(pod));
  }

  private event(ev: ClusterEvent): void {
    this.queue.onClusterEvent(ev);
  }

  private onNode(type: string, node: KObject, old?: KObject): void {
    if (type === 'DELETED') {
      this.cache.removeNode(node.metadata.name!);
      this.event({ resource: 'Node', type: 'Delete', obj: node });
      return;
    }
    const known = this.cache.node(node.metadata.name!);
    if (known && old && type === 'MODIFIED' && !nodeChanged(old, node)) {
      known.node = node;
      return;
    }
    this.cache.upsertNode(node);
    this.event({ resource: 'Node', type: old ? 'Update' : 'Add', obj: node, old });
  }

  private onPod(type: string, pod: KObject, old?: KObject): void {
    const key = podKey(pod);
    if (type === 'DELETED') this.nominator.remove(key);
    else this.nominator.update(pod);
    if (type === 'DELETED' || isTerminal(pod)) {
      this.queue.delete(key);
      if (type === 'DELETED') this.records.forget(key);
      if (this.cache.removePod(key)) this.event({ resource: 'Pod', type: 'Delete', obj: pod });
      return;
    }
    const nodeName: string | undefined = pod.spec?.nodeName;
    if (nodeName) {
      this.queue.delete(key);
      const had = this.cache.assignedPod(key);
      if (had && !assignedPodChanged(had.pod, pod)) {
        had.pod = pod;
        return;
      }
      const assumed = this.assumed;
      const info = assumed && assumed.key === key && assumed.pod.metadata.uid === pod.metadata.uid ? { ...assumed, pod } : newPodInfo(pod);
      this.cache.upsertPod(info, nodeName);
      this.event({ resource: 'Pod', type: had ? 'Update' : 'Add', obj: pod, old });
      return;
    }
    if ((pod.spec?.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME || pod.metadata.deletionTimestamp) {
      this.queue.delete(key);
      return;
    }
    if (key === this.inFlight || this.waitingForVolumes.has(key)) return;
    this.queue.add(pod, key);
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    this.ctx.clock.schedule(0, () => {
      this.drainScheduled = false;
      for (let qp = this.queue.pop(); qp; qp = this.queue.pop()) this.scheduleOne(qp);
    });
  }

  private scheduleOne(qp: QueuedPod): void {
    const pod = this.pods.get(qp.key);
    // skipPodSchedule: gone, bound meanwhile, or being deleted.
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
    this.inFlight = qp.key;
    try {
      const state: CycleState = { pod, info: newPodInfo(pod), cache: this.cache, listers: this.listers, data: new Map() };
      this.assumed = state.info;
      const attempt = this.algorithm.schedule(state, this.ctx.clock.now());
      // PreBind plugins (VolumeBinding) write what the binding needs before the pod is bound.
      const preBindError = attempt.selected ? this.preBind(state, attempt.selected) : undefined;
      if (preBindError) {
        const message = `running PreBind plugin "VolumeBinding": ${preBindError}`;
        this.fail(qp, pod, message, new Set(), 'SchedulerError', () => this.records.add(pod, qp.key, attempt, 'BindingFailed', message));
      } else if (attempt.selected && volumeBindingsDone(state) !== true) this.waitForVolumes(qp, pod, attempt, state);
      else if (attempt.selected) this.bind(qp, pod, attempt);
      else {
        // No nodes at all is a scheduler error (reason SchedulerError, retried after back-off), not a FitError.
        const reason = attempt.numAllNodes === 0 ? 'SchedulerError' : 'Unschedulable';
        this.fail(
          qp,
          pod,
          attempt.message!,
          attempt.unschedulablePlugins,
          reason,
          () => this.records.add(pod, qp.key, attempt, 'Unschedulable', attempt.message),
          attempt.preemption?.nominatedNodeName,
        );
      }
    } finally {
      this.inFlight = undefined;
      this.assumed = undefined;
    }
  }

  /** Every PreBind plugin in turn; the first error. */
  private preBind(state: CycleState, node: string): string | undefined {
    let error: string | undefined;
    for (const p of PLUGINS) {
      const e = p.preBind?.(state, node, this.ctx.request);
      if (!error && e) error = e;
    }
    return error;
  }

  /**
   * VolumeBinding's PreBind wait: the pod is assumed on its node (its resources count there) and bound only once
   * its claims are; a failure or the 10-minute timeout sends it back to the queue.
   */
  private waitForVolumes(qp: QueuedPod, pod: KObject, attempt: ReturnType<Algorithm['schedule']>, state: CycleState): void {
    const key = qp.key;
    this.cache.upsertPod(state.info, attempt.selected!);
    this.waitingForVolumes.add(key);
    const started = this.ctx.clock.now();
    const check = () => {
      const latest = this.pods.get(key);
      if (!latest || latest.metadata.uid !== pod.metadata.uid || latest.metadata.deletionTimestamp) {
        this.waitingForVolumes.delete(key);
        if (!latest?.spec?.nodeName) this.cache.removePod(key);
        return;
      }
      const done = volumeBindingsDone(state);
      const timedOut = done === false && this.ctx.clock.now() - started >= VOLUME_BIND_TIMEOUT_MS;
      if (done === false && !timedOut) return this.ctx.clock.schedule(VOLUME_BIND_POLL_MS, check);
      this.waitingForVolumes.delete(key);
      if (done === true) {
        this.bind(qp, latest, attempt);
        // A refused binding leaves the pod unassigned: forget the assumption (the informer re-adds a bound pod).
        if (!this.pods.get(key)?.spec?.nodeName) this.cache.removePod(key);
        return;
      }
      this.cache.removePod(key);
      const message = `running PreBind plugin "VolumeBinding": binding volumes: ${timedOut ? 'context deadline exceeded' : done}`;
      this.fail(qp, latest, message, new Set(), 'SchedulerError', () => this.records.add(latest, key, attempt, 'BindingFailed', message));
    };
    this.ctx.clock.schedule(VOLUME_BIND_POLL_MS, check);
  }

  private bind(qp: QueuedPod, pod: KObject, attempt: ReturnType<Algorithm['schedule']>): void {
    const node = attempt.selected!;
    const { namespace, name } = pod.metadata;
    const res = this.ctx.request({
      method: 'POST',
      path: `/api/v1/namespaces/${namespace}/pods/${name}/binding`,
      body: {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name, namespace, uid: pod.metadata.uid },
        target: { apiVersion: 'v1', kind: 'Node', name: node },
      },
    });
    if (res.status < 300) {
      this.records.add(pod, qp.key, attempt, 'Scheduled');
      this.recorder.event(withTypeMeta(pod, POD_DEF), 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${node}`);
      return;
    }
    const message = `binding rejected: running Bind plugin "DefaultBinder": ${res.body?.message ?? res.status}`;
    this.fail(qp, pod, message, new Set(), 'SchedulerError', () => this.records.add(pod, qp.key, attempt, 'BindingFailed', message));
  }

  /** handleSchedulingFailure: back to the queue, the FailedScheduling event, then PodScheduled=False. */
  private fail(qp: QueuedPod, pod: KObject, message: string, plugins: Set<string>, reason: string, record: () => void, nominate?: string): void {
    record();
    const latest = this.pods.get(qp.key);
    if (!latest || latest.spec?.nodeName || latest.metadata.deletionTimestamp) return;
    qp.pod = latest;
    this.inFlight = undefined;
    this.queue.addUnschedulable(qp, plugins);
    this.recorder.event(withTypeMeta(latest, POD_DEF), 'Warning', 'FailedScheduling', message);
    let patch = podScheduledFalse(latest, reason, message, this.ctx.clock.timestamp());
    // updatePod: the nominated node (set by preemption, or cleared) goes in the same status patch.
    if (nominate !== undefined && nominate !== (latest.status?.nominatedNodeName ?? '')) {
      if (nominate) this.nominator.set(latest, nominate);
      else this.nominator.remove(qp.key);
      patch = { status: { ...((patch?.status as object) ?? {}), nominatedNodeName: nominate || null } };
    }
    if (patch) {
      this.ctx.request({
        method: 'PATCH',
        path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`,
        contentType: 'application/strategic-merge-patch+json',
        body: patch,
      });
    }
  }
}

export const scheduler: Controller = {
  name: SCHEDULER_NAME,
  start(ctx) {
    new Scheduler(ctx);
  },
};
