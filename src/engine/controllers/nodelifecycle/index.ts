/**
 * The node lifecycle controller: watches node status and the kubelets' Leases in kube-node-lease; a node silent
 * for node-monitor-grace-period gets all kubelet conditions set to Unknown (a timer per node, reset by every
 * heartbeat, instead of the real 5s monitor loop), its pods marked not Ready, and the condition taints
 * node.kubernetes.io/unreachable or not-ready (NoSchedule and NoExecute), removed again when it is Ready; a cordoned
 * node gets node.kubernetes.io/unschedulable:NoSchedule (TaintNodesByCondition).
 */
import type { KObject } from '../../types';
import type { TimerHandle } from '../../clock';
import type { Controller } from '../../runtime/controller-manager';
import { withTypeMeta } from '../../runtime/events';
import { deepEqual } from '../../util';
import { conditionTaints, NODE_MONITOR_GRACE_MS, NODE_STARTUP_GRACE_MS, readyCondition, unknownConditions } from './node-health';

const NODE_DEF = { group: '', version: 'v1', kind: 'Node' };
const POD_DEF = { group: '', version: 'v1', kind: 'Pod' };

interface Health {
  probeAt: number;
  heartbeat?: string;
  renewTime?: string;
  timer?: TimerHandle;
}

export const nodeLifecycleController: Controller = {
  name: 'node-lifecycle-controller',
  start(ctx) {
    const nodes = ctx.informer('nodes');
    const leases = ctx.informer('leases', 'coordination.k8s.io');
    const onNode = ctx.podsByNode();
    const health = new Map<string, Health>();
    const recorder = ctx.recorder({ component: 'node-controller' });

    const watchdog = (name: string, h: Health, node?: KObject) => {
      h.timer?.cancel();
      const grace = node && !readyCondition(node) ? NODE_STARTUP_GRACE_MS : NODE_MONITOR_GRACE_MS;
      h.timer = ctx.clock.schedule(h.probeAt + grace - ctx.clock.now(), () => queue.add(name));
    };
    const heard = (name: string, node?: KObject) => {
      const h = health.get(name);
      if (!h) return;
      h.probeAt = ctx.clock.now();
      watchdog(name, h, node);
    };

    const queue = ctx.queue((name) => {
      const node = nodes.get(name);
      const h = health.get(name);
      if (!node || !h) return;
      const now = ctx.clock.now();
      const ts = ctx.clock.timestamp();
      const grace = readyCondition(node) ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
      let current = node;
      const ready = readyCondition(node);
      if (now >= h.probeAt + grace && ready?.status !== 'Unknown') {
        const conditions = unknownConditions(node, ts);
        const res = ctx.request({
          method: 'PATCH',
          path: `/api/v1/nodes/${name}/status`,
          contentType: 'application/merge-patch+json',
          body: { status: { conditions } },
        });
        if (res.status >= 300) throw new Error(res.body?.message);
        current = res.body;
        if (ready?.status === 'True') {
          recorder.event(withTypeMeta(node, NODE_DEF), 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
          markPodsNotReady(name, ts);
        }
      }
      const taints = conditionTaints(current, ts);
      if (!deepEqual(taints, current.spec?.taints ?? [])) {
        ctx.request({
          method: 'PATCH',
          path: `/api/v1/nodes/${name}`,
          contentType: 'application/merge-patch+json',
          body: { spec: { taints: taints.length ? taints : null } },
        });
      }
    });

    /** controllerutil.MarkPodsNotReady: the node's pods lose their Ready condition. */
    const markPodsNotReady = (name: string, ts: string) => {
      for (const pod of onNode.on(name)) {
        const conds: any[] = pod.status?.conditions ?? [];
        if (!conds.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
        const conditions = conds.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: ts } : c));
        const res = ctx.request({
          method: 'PATCH',
          path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`,
          contentType: 'application/merge-patch+json',
          body: { status: { conditions } },
        });
        if (res.status < 300) recorder.event(withTypeMeta(pod, POD_DEF), 'Warning', 'NodeNotReady', 'Node is not ready');
      }
    };

    nodes.on((type, node, old) => {
      const name = node.metadata.name!;
      if (type === 'DELETED') {
        health.get(name)?.timer?.cancel();
        health.delete(name);
        return;
      }
      const heartbeat = readyCondition(node)?.lastHeartbeatTime;
      let h = health.get(name);
      if (!h) {
        h = { probeAt: ctx.clock.now(), heartbeat };
        health.set(name, h);
        recorder.event(withTypeMeta(node, NODE_DEF), 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
        watchdog(name, h, node);
      } else if (heartbeat !== h.heartbeat) {
        h.heartbeat = heartbeat;
        heard(name, node);
      }
      if (readyCondition(node)?.status !== readyCondition(old ?? node)?.status || type === 'ADDED' || !deepEqual(node.spec?.taints, old?.spec?.taints) || !!node.spec?.unschedulable !== !!old?.spec?.unschedulable) {
        queue.add(name);
      }
    });
    leases.on((type, lease) => {
      if (type === 'DELETED' || lease.metadata.namespace !== 'kube-node-lease') return;
      const h = health.get(lease.metadata.name!);
      if (!h || lease.spec?.renewTime === h.renewTime) return;
      h.renewTime = lease.spec?.renewTime;
      heard(lease.metadata.name!, nodes.get(lease.metadata.name!));
    });
  },
};
