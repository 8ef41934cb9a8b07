/**
 * The scheduling queue (PriorityQueue): activeQ ordered by priority then arrival, backoffQ for pods waiting out
 * their back-off (1s doubling to 10s per attempt), and unschedulablePods waiting for a cluster event a rejecting
 * plugin's queueing hint says may help, or for the 5-minute leftover flush. Timers mirror the real flush loops:
 * backoffQ is flushed on whole seconds, leftovers on 30-second ticks.
 */
import type { Clock } from '../clock';
import type { KObject } from '../types';
import type { ClusterEvent } from './framework';
import { PLUGIN_BY_NAME } from './profile';

export const POD_INITIAL_BACKOFF_MS = 1000;
export const POD_MAX_BACKOFF_MS = 10_000;
export const POD_MAX_IN_UNSCHEDULABLE_MS = 5 * 60 * 1000;
const BACKOFF_FLUSH_MS = 1000;
const LEFTOVER_FLUSH_MS = 30_000;

export interface QueuedPod {
  key: string;
  pod: KObject;
  /** When the pod was last added to a queue (arrival order in activeQ, start of back-off). */
  timestamp: number;
  attempts: number;
  unschedulablePlugins: Set<string>;
  /** Bumped on every move, so stale timers do nothing. */
  epoch: number;
}

type Where = 'active' | 'backoff' | 'unschedulable' | 'gated';

const priorityOf = (p: QueuedPod) => p.pod.spec?.priority ?? 0;

/** PrioritySort: higher priority first, then earlier timestamp. */
function before(a: QueuedPod, b: QueuedPod): boolean {
  const pa = priorityOf(a);
  const pb = priorityOf(b);
  return pa > pb || (pa === pb && a.timestamp < b.timestamp);
}

export class SchedulingQueue {
  /** activeQ, kept sorted (priority, then arrival): pods mostly arrive in order, so inserts land at the end. */
  private readonly heap: QueuedPod[] = [];
  private readonly where = new Map<string, Where>();
  private readonly pods = new Map<string, QueuedPod>();
  /** unschedulablePods, kept apart so cluster events only walk the pods waiting for one. */
  private readonly unschedulable = new Map<string, QueuedPod>();

  constructor(
    private readonly clock: Clock,
    private readonly onActive: () => void,
  ) {}

  private place(qp: QueuedPod, at: Where | undefined): void {
    if (at === undefined) this.where.delete(qp.key);
    else this.where.set(qp.key, at);
    if (at === 'unschedulable') this.unschedulable.set(qp.key, qp);
    else this.unschedulable.delete(qp.key);
  }

  has(key: string): boolean {
    return this.pods.has(key);
  }

  /** A new pending pod. */
  add(pod: KObject, key: string): void {
    if (this.pods.has(key)) return this.update(pod, key);
    const qp: QueuedPod = { key, pod, timestamp: this.clock.now(), attempts: 0, unschedulablePlugins: new Set(), epoch: 0 };
    this.pods.set(key, qp);
    if (pod.spec?.schedulingGates?.length) this.place(qp, 'gated');
    else this.pushActive(qp);
  }

  /** The pending pod changed; an unschedulable or gated pod whose scheduling properties changed is retried. */
  update(pod: KObject, key: string): void {
    const qp = this.pods.get(key);
    if (!qp) return this.add(pod, key);
    const old = qp.pod;
    qp.pod = pod;
    const at = this.where.get(key);
    if (at === 'gated') {
      if (!pod.spec?.schedulingGates?.length) {
        qp.timestamp = this.clock.now();
        this.pushActive(qp);
      }
      return;
    }
    if (at === 'unschedulable' && schedulingPropertiesChanged(old, pod)) this.moveToActiveOrBackoff(qp);
  }

  delete(key: string): void {
    const qp = this.pods.get(key);
    if (!qp) return;
    qp.epoch++;
    if (this.where.get(key) === 'active') {
      const i = this.heap.indexOf(qp);
      if (i >= 0) this.heap.splice(i, 1);
    }
    this.place(qp, undefined);
    this.pods.delete(key);
  }

  /** Take the next pod to schedule (it leaves the queue until it fails or is deleted). */
  pop(): QueuedPod | undefined {
    const qp = this.heap.shift();
    if (!qp) return undefined;
    this.place(qp, undefined);
    this.pods.delete(qp.key);
    qp.attempts++;
    return qp;
  }

  /** AddUnschedulableIfNotPresent: back in after a failed attempt. */
  addUnschedulable(qp: QueuedPod, plugins: Set<string>): void {
    qp.timestamp = this.clock.now();
    qp.unschedulablePlugins = plugins;
    qp.epoch++;
    this.pods.set(qp.key, qp);
    if (!plugins.size) return this.toBackoff(qp);
    this.place(qp, 'unschedulable');
    const epoch = qp.epoch;
    // flushUnschedulablePodsLeftover runs every 30s and moves pods waiting longer than 5 minutes.
    const due = (Math.floor((qp.timestamp + POD_MAX_IN_UNSCHEDULABLE_MS) / LEFTOVER_FLUSH_MS) + 1) * LEFTOVER_FLUSH_MS;
    this.clock.schedule(due - this.clock.now(), () => {
      if (qp.epoch === epoch && this.where.get(qp.key) === 'unschedulable') this.moveToActiveOrBackoff(qp);
    });
  }

  /** MoveAllToActiveOrBackoffQueue for one event, asking the rejecting plugins' queueing hints. */
  onClusterEvent(ev: ClusterEvent): void {
    if (!this.unschedulable.size) return;
    for (const qp of [...this.unschedulable.values()]) {
      if (this.worthRequeuing(qp, ev)) this.moveToActiveOrBackoff(qp);
    }
  }

  private worthRequeuing(qp: QueuedPod, ev: ClusterEvent): boolean {
    if (!qp.unschedulablePlugins.size) return true;
    for (const name of qp.unschedulablePlugins) {
      const plugin = PLUGIN_BY_NAME.get(name);
      if (!(plugin?.events ?? ['Node', 'Pod']).includes(ev.resource)) continue;
      const hint = plugin?.hint;
      if (!hint || hint(qp.pod, ev)) return true;
    }
    return false;
  }

  /** calculateBackoffDuration: 1s doubling per attempt, capped at 10s. */
  private backoffExpiry(qp: QueuedPod): number {
    let d = POD_INITIAL_BACKOFF_MS;
    for (let i = 1; i < qp.attempts && d < POD_MAX_BACKOFF_MS; i++) d = Math.min(d * 2, POD_MAX_BACKOFF_MS);
    return qp.timestamp + (qp.attempts === 0 ? 0 : d);
  }

  private moveToActiveOrBackoff(qp: QueuedPod): void {
    qp.epoch++;
    if (this.backoffExpiry(qp) > this.clock.now()) this.toBackoff(qp);
    else this.pushActive(qp);
  }

  private toBackoff(qp: QueuedPod): void {
    this.place(qp, 'backoff');
    const epoch = qp.epoch;
    const due = Math.ceil(this.backoffExpiry(qp) / BACKOFF_FLUSH_MS) * BACKOFF_FLUSH_MS;
    this.clock.schedule(due - this.clock.now(), () => {
      if (qp.epoch === epoch && this.where.get(qp.key) === 'backoff') this.pushActive(qp);
    });
  }

  private pushActive(qp: QueuedPod): void {
    qp.epoch++;
    this.place(qp, 'active');
    // Insert after every pod that does not sort after it, so equal ones stay first-in first-out.
    let lo = 0;
    let hi = this.heap.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (!before(qp, this.heap[mid])) lo = mid + 1;
      else hi = mid;
    }
    this.heap.splice(lo, 0, qp);
    this.onActive();
  }
}

/** PodSchedulingPropertiesChange: labels, tolerations, node selection, affinity, spread, resources or gates. */
function schedulingPropertiesChanged(a: KObject, b: KObject): boolean {
  const pick = (p: KObject) =>
    JSON.stringify([
      p.metadata.labels,
      p.spec?.tolerations,
      p.spec?.nodeSelector,
      p.spec?.affinity,
      p.spec?.topologySpreadConstraints,
      p.spec?.schedulingGates,
      (p.spec?.containers ?? []).map((c: any) => c.resources),
      (p.spec?.initContainers ?? []).map((c: any) => c.resources),
    ]);
  return pick(a) !== pick(b);
}
