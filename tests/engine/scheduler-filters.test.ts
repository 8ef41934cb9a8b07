import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import {
  CONTROL_PLANE_TAINT,
  createPod,
  failedSchedulingMessage,
  getPod,
  nodeOf,
  placement,
  podBody,
  schedulingEvents,
} from './scheduler-helpers';

const preemption = (notHelpful: number, noVictims: number) => {
  const parts = [];
  if (notHelpful) parts.push(`${notHelpful} Preemption is not helpful for scheduling`);
  if (noVictims) parts.push(`${noVictims} No preemption victims found for incoming pod`);
  return `preemption: 0/4 nodes are available: ${parts.sort().join(', ')}..`;
};

describe('scheduler: filters and the FailedScheduling message', () => {
  it('binds a pod to a worker with the Scheduled event, never to the tainted control plane', () => {
    const c = createCluster({ seed: 7 });
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const n of names) createPod(c, podBody(n));
    c.advance(0);
    for (const n of names) expect(nodeOf(c, n)).toMatch(/^worker-[123]$/);
    const node = nodeOf(c, 'a');
    const ev = schedulingEvents(c, 'a', 'Scheduled');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: 'Normal', source: { component: 'default-scheduler' }, message: `Successfully assigned default/a to ${node}` });
    const cond = getPod(c, 'a').status.conditions.find((x: any) => x.type === 'PodScheduled');
    expect(cond.status).toBe('True');
  });

  it('reports insufficient cpu with the exact real message, condition and event', () => {
    const c = createCluster();
    createPod(c, podBody('big', { requests: { cpu: '5' } }));
    c.advance(0);
    const msg = `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 Insufficient cpu. ${preemption(1, 3)}`;
    expect(msg).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..',
    );
    expect(failedSchedulingMessage(c, 'big')).toBe(msg);
    const ev = schedulingEvents(c, 'big', 'FailedScheduling')[0];
    expect(ev).toMatchObject({ type: 'Warning', source: { component: 'default-scheduler' } });
    const pod = getPod(c, 'big');
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg }),
    );
    expect(c.kubectl('get pod big').stdout).toMatch(/^big\s+0\/1\s+Pending\s+0\s+/m);
    expect(c.kubectl('describe pod big').stdout).toContain(`Warning  FailedScheduling  0s    default-scheduler  ${msg}`);
  });

  it('reports insufficient memory, and both resources sorted as strings', () => {
    const c = createCluster();
    createPod(c, podBody('mem', { requests: { memory: '9Gi' } }));
    createPod(c, podBody('both', { requests: { cpu: '5', memory: '9Gi' } }));
    c.advance(0);
    expect(failedSchedulingMessage(c, 'mem')).toBe(`0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 Insufficient memory. ${preemption(1, 3)}`);
    expect(failedSchedulingMessage(c, 'both')).toBe(
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 Insufficient cpu, 3 Insufficient memory. ${preemption(1, 3)}`,
    );
  });

  it('counts requests of pods already on a node, including pods bound through spec.nodeName', () => {
    const c = createCluster();
    createPod(c, podBody('pinned', { nodeName: 'worker-1', requests: { cpu: '3500m' } }));
    createPod(c, podBody('w2', { nodeName: 'worker-2', requests: { cpu: '3500m' } }));
    createPod(c, podBody('one', { requests: { cpu: '1' } }));
    c.advance(0);
    expect(nodeOf(c, 'one')).toBe('worker-3');
    createPod(c, podBody('two', { requests: { cpu: '3500m' } }));
    c.advance(0);
    expect(nodeOf(c, 'two')).toBeUndefined();
    expect(failedSchedulingMessage(c, 'two')).toContain('3 Insufficient cpu');
  });

  it('honours nodeSelector, and retries when a node gets the label', () => {
    const c = createCluster();
    createPod(c, podBody('ssd', { nodeSelector: { disktype: 'ssd' } }));
    c.advance(0);
    expect(failedSchedulingMessage(c, 'ssd')).toBe(
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match Pod's node affinity/selector. ${preemption(4, 0)}`,
    );
    expect(c.kubectl('label node worker-2 disktype=ssd').stdout).toBe('node/worker-2 labeled\n');
    c.advance(1000);
    expect(nodeOf(c, 'ssd')).toBe('worker-2');
  });

  it('places a pod on the control plane only when it tolerates the taint', () => {
    const c = createCluster();
    const onCp = { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } };
    createPod(c, podBody('no-toleration', onCp));
    createPod(
      c,
      podBody('tolerates', { ...onCp, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }),
    );
    c.advance(0);
    expect(nodeOf(c, 'tolerates')).toBe('control-plane');
    expect(nodeOf(c, 'no-toleration')).toBeUndefined();
    expect(failedSchedulingMessage(c, 'no-toleration')).toBe(
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match Pod's node affinity/selector. ${preemption(4, 0)}`,
    );
  });

  it('reports the first untolerated taint with its value, and NoSchedule taints added by kubectl taint', () => {
    const c = createCluster();
    for (const n of ['worker-1', 'worker-2']) expect(c.kubectl(`taint nodes ${n} dedicated=gpu:NoSchedule`).exitCode).toBe(0);
    expect(c.kubectl('taint nodes worker-3 maintenance:NoExecute').exitCode).toBe(0);
    createPod(c, podBody('p'));
    c.advance(0);
    expect(failedSchedulingMessage(c, 'p')).toBe(
      `0/4 nodes are available: 1 node(s) had untolerated taint {maintenance: }, 1 ${CONTROL_PLANE_TAINT}, 2 node(s) had untolerated taint {dedicated: gpu}. ${preemption(4, 0)}`,
    );
    createPod(c, podBody('gpu', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
    c.advance(0);
    expect(nodeOf(c, 'gpu')).toMatch(/^worker-[12]$/);
    expect(c.kubectl('taint nodes worker-3 maintenance:NoExecute-').exitCode).toBe(0);
    c.advance(1000);
    expect(nodeOf(c, 'p')).toBe('worker-3');
  });

  it('keeps cordoned nodes out', () => {
    const c = createCluster();
    for (const n of ['worker-1', 'worker-2', 'worker-3']) expect(c.kubectl(`cordon ${n}`).exitCode).toBe(0);
    createPod(c, podBody('p'));
    c.advance(0);
    expect(failedSchedulingMessage(c, 'p')).toBe(`0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) were unschedulable. ${preemption(4, 0)}`);
    c.kubectl('uncordon worker-3');
    c.advance(1000);
    expect(nodeOf(c, 'p')).toBe('worker-3');
  });

  it('honours required node affinity', () => {
    const c = createCluster();
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-3'] }] }],
        },
      },
    };
    for (const n of ['a', 'b', 'c']) createPod(c, podBody(n, { affinity }));
    c.advance(0);
    expect(placement(c, ['a', 'b', 'c'])).toEqual({ 'worker-3': 3 });
  });

  it('narrows a DaemonSet-style pod to its node in PreFilter, as the real message shows', () => {
    const c = createCluster();
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }],
        },
      },
    };
    createPod(c, podBody('ds-big', { affinity, requests: { cpu: '5' } }));
    createPod(c, podBody('ds-ok', { affinity }));
    c.advance(0);
    expect(nodeOf(c, 'ds-ok')).toBe('worker-1');
    expect(failedSchedulingMessage(c, 'ds-big')).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling..",
    );
  });

  it('gives each hostPort user its own node', () => {
    const c = createCluster();
    const withPort = (name: string) => {
      const body = podBody(name, {}, { app: 'proxy' });
      body.spec.containers[0].ports = [{ containerPort: 80, hostPort: 8080 }];
      return body;
    };
    for (const n of ['p1', 'p2', 'p3', 'p4']) createPod(c, withPort(n));
    c.advance(0);
    expect(placement(c, ['p1', 'p2', 'p3'])).toEqual({ 'worker-1': 1, 'worker-2': 1, 'worker-3': 1 });
    expect(nodeOf(c, 'p4')).toBeUndefined();
    expect(failedSchedulingMessage(c, 'p4')).toBe(
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't have free ports for the requested pod ports. ${preemption(1, 3)}`,
    );
  });

  it('keeps required anti-affinity replicas apart and co-locates required affinity', () => {
    const c = createCluster();
    const anti = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }],
      },
    };
    for (const n of ['db-0', 'db-1', 'db-2', 'db-3']) createPod(c, podBody(n, { affinity: anti }, { app: 'db' }));
    c.advance(0);
    expect(placement(c, ['db-0', 'db-1', 'db-2'])).toEqual({ 'worker-1': 1, 'worker-2': 1, 'worker-3': 1 });
    expect(failedSchedulingMessage(c, 'db-3')).toBe(
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match pod anti-affinity rules. ${preemption(1, 3)}`,
    );
    // A pod without anti-affinity of its own is kept away by the existing pods' rules.
    createPod(c, podBody('intruder', {}, { app: 'db' }));
    c.advance(0);
    expect(failedSchedulingMessage(c, 'intruder')).toBe(
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't satisfy existing pods anti-affinity rules. ${preemption(1, 3)}`,
    );
    const near = {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }],
      },
    };
    createPod(c, podBody('cache', { affinity: near }, { app: 'cache' }));
    createPod(c, podBody('orphan', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'none' } }, topologyKey: 'kubernetes.io/hostname' }] } } }));
    c.advance(0);
    expect(nodeOf(c, 'cache')).toMatch(/^worker-[123]$/);
    expect(failedSchedulingMessage(c, 'orphan')).toBe(
      `0/4 nodes are available: 1 ${CONTROL_PLANE_TAINT}, 3 node(s) didn't match pod affinity rules. ${preemption(4, 0)}`,
    );
  });

  it('enforces DoNotSchedule topology spread constraints', () => {
    const c = createCluster();
    const spread = {
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } },
      ],
    };
    // worker-1 already runs two web pods: the next ones must go to the other workers first.
    createPod(c, podBody('w-a', { nodeName: 'worker-1' }, { app: 'web' }));
    createPod(c, podBody('w-b', { nodeName: 'worker-1' }, { app: 'web' }));
    for (const n of ['s1', 's2']) createPod(c, podBody(n, spread, { app: 'web' }));
    c.advance(0);
    expect(placement(c, ['s1', 's2'])).toEqual({ 'worker-2': 1, 'worker-3': 1 });
    // Pinned to worker-1: with the default nodeAffinityPolicy Honor only worker-1 counts as a domain, so it fits.
    const pinned = { ...spread, nodeSelector: { 'kubernetes.io/hostname': 'worker-1' } };
    createPod(c, podBody('s3', pinned, { app: 'web' }));
    c.advance(0);
    expect(nodeOf(c, 's3')).toBe('worker-1');
    // With nodeAffinityPolicy Ignore every worker is a domain: worker-1 would be 3 against a minimum of 1.
    const ignore = { ...pinned, topologySpreadConstraints: [{ ...spread.topologySpreadConstraints[0], nodeAffinityPolicy: 'Ignore' }] };
    createPod(c, podBody('s4', ignore, { app: 'web' }));
    c.advance(0);
    expect(failedSchedulingMessage(c, 's4')).toBe(
      `0/4 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 ${CONTROL_PLANE_TAINT}, 2 node(s) didn't match Pod's node affinity/selector. ${preemption(3, 1)}`,
    );
  });

  it('leaves pods for other schedulers and pods being deleted alone', () => {
    const c = createCluster();
    createPod(c, podBody('custom', { schedulerName: 'my-scheduler' }));
    c.advance(0);
    expect(nodeOf(c, 'custom')).toBeUndefined();
    expect(schedulingEvents(c, 'custom', 'FailedScheduling')).toEqual([]);
    expect(schedulingRecordStatus(c, 'custom')).toBe(404);
  });
});

function schedulingRecordStatus(c: ReturnType<typeof createCluster>, name: string): number {
  return c.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${name}/scheduling` }).status;
}
