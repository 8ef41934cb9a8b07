/**
 * The taint-eviction controller (pkg/controller/tainteviction): a pod on a node with NoExecute taints is deleted at
 * once when it does not tolerate one of them, after the smallest tolerationSeconds of the tolerations it uses
 * (counted from when the controller saw the taints), and never when those tolerations have no seconds.
 */
import type { KObject } from '../../types';
import type { TimerHandle } from '../../clock';
import type { Controller } from '../../runtime/controller-manager';
import { withTypeMeta } from '../../runtime/events';
import { objectKey } from '../../runtime/informer';
import { isPodTerminal} from '../shared/pods';
import { toleratesTaint, type Taint, type Toleration } from '../shared/scheduling-predicates';

const POD_DEF = { group: '', version: 'v1', kind: 'Pod' };

interface Scheduled {
  createdAt: number;
  fireAt: number;
  timer: TimerHandle;
}

/** -1: tolerated forever; 0: now; otherwise ms. getMinTolerationTime over the tolerations that match a taint. */
function tolerationDelayMs(tolerations: Toleration[], taints: Taint[]): number {
  let min = Infinity;
  for (const taint of taints) {
    const used = tolerations.filter((t) => toleratesTaint(t, taint));
    if (!used.length) return 0;
    for (const t of used) {
      if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
      if (t.tolerationSeconds <= 0) return 0;
      min = Math.min(min, t.tolerationSeconds * 1000);
    }
  }
  return min === Infinity ? -1 : min;
}

export const taintEvictionController: Controller = {
  name: 'taint-eviction-controller',
  start(ctx) {
    const nodes = ctx.informer('nodes');
    const pods = ctx.informer('pods');
    const onNode = ctx.podsByNode();
    const scheduled = new Map<string, Scheduled>();
    const recorder = ctx.recorder({ component: 'taint-eviction-controller' });

    const cancel = (key: string, pod?: KObject) => {
      const s = scheduled.get(key);
      if (!s) return;
      s.timer.cancel();
      scheduled.delete(key);
      if (pod) recorder.event(withTypeMeta(pod, POD_DEF), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
    };

    const evict = (key: string) => {
      scheduled.delete(key);
      const pod = pods.get(key);
      if (!pod || pod.metadata.deletionTimestamp) return;
      const ns = pod.metadata.namespace;
      recorder.event(withTypeMeta(pod, POD_DEF), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
      const conditions = [
        ...(pod.status?.conditions ?? []).filter((c: any) => c.type !== 'DisruptionTarget'),
        {
          type: 'DisruptionTarget',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: ctx.clock.timestamp(),
          reason: 'DeletionByTaintManager',
          message: 'Taint manager: deleting due to NoExecute taint',
        },
      ];
      ctx.request({
        method: 'PATCH',
        path: `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}/status`,
        contentType: 'application/merge-patch+json',
        body: { status: { conditions } },
      });
      ctx.request({ method: 'DELETE', path: `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}` });
    };

    const processPod = (pod: KObject, node: KObject | undefined) => {
      const key = objectKey(pod);
      if (pod.metadata.deletionTimestamp || isPodTerminal(pod)) return cancel(key);
      const taints: Taint[] = (node?.spec?.taints ?? []).filter((t: Taint) => t.effect === 'NoExecute');
      if (!taints.length) return cancel(key, pod);
      const delay = tolerationDelayMs(pod.spec?.tolerations ?? [], taints);
      if (delay < 0) return cancel(key, pod);
      const now = ctx.clock.now();
      const prior = scheduled.get(key);
      const start = prior?.createdAt ?? now;
      if (prior && prior.fireAt <= start + delay) return;
      prior?.timer.cancel();
      const fireAt = start + delay;
      scheduled.set(key, { createdAt: start, fireAt, timer: ctx.clock.schedule(fireAt - now, () => evict(key)) });
    };

    nodes.on((type, node, old) => {
      const noExec = (n?: KObject) => JSON.stringify((n?.spec?.taints ?? []).filter((t: Taint) => t.effect === 'NoExecute').map((t: Taint) => [t.key, t.value]));
      if (type === 'MODIFIED' && noExec(node) === noExec(old)) return;
      for (const pod of onNode.on(node.metadata.name!)) processPod(pod, type === 'DELETED' ? undefined : node);
    });
    pods.on((type, pod, old) => {
      if (type === 'DELETED') return cancel(objectKey(pod));
      const name = pod.spec?.nodeName;
      if (!name) return;
      if (type === 'MODIFIED' && old?.spec?.nodeName === name && !scheduled.has(objectKey(pod)) && !pod.metadata.deletionTimestamp) {
        // Tolerations only grow and the node did not change: nothing new unless the node is tainted.
        const node = nodes.get(name);
        if (!(node?.spec?.taints ?? []).some((t: Taint) => t.effect === 'NoExecute')) return;
      }
      processPod(pod, nodes.get(name));
    });
  },
};
