import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/engine';
import { events, podsPath } from './daemonset-test-helpers';

const node = (c: Cluster, name: string) => c.request({ method: 'GET', path: `/api/v1/nodes/${name}` }).body;
const ready = (c: Cluster, name: string) => node(c, name).status.conditions.find((x: any) => x.type === 'Ready');
const pod = (c: Cluster, name: string) => c.request({ method: 'GET', path: `${podsPath()}/${name}` }).body;
const podReady = (c: Cluster, name: string) => pod(c, name).status.conditions?.find((x: any) => x.type === 'Ready')?.status;
const EPOCH = Date.UTC(2026, 0, 1);

function runPod(c: Cluster, name: string, nodeName: string, tolerations?: any[]) {
  const body = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: { nodeName, containers: [{ name: 'web', image: 'nginx:1.27' }], ...(tolerations ? { tolerations } : {}) },
  };
  expect(c.request({ method: 'POST', path: podsPath(), body }).status).toBe(201);
}

/** Kill the node's machine and return the virtual time of its last Lease renewal. */
function failNode(c: Cluster, name: string): number {
  expect(c.sim(`kubeplay node fail ${name}`).exitCode).toBe(0);
  const lease = c.request({ method: 'GET', path: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${name}` }).body;
  return Date.parse(lease.spec.renewTime) - EPOCH;
}

const at = (c: Cluster, t: number) => c.advance(t - c.now());

describe('node lifecycle', () => {
  it('registers the nodes', () => {
    const c = createCluster();
    const reg = events(c).filter((e) => e.reason === 'RegisteredNode');
    expect(reg.map((e) => e.message)).toContain('Node worker-2 event: Registered Node worker-2 in Controller');
    expect(reg).toHaveLength(4);
    expect(reg[0].source).toEqual({ component: 'node-controller' });
  });

  it('marks a dead node Unknown 50s after its last heartbeat, taints it, and evicts pods after their 300s tolerations', () => {
    const c = createCluster();
    runPod(c, 'web', 'worker-2');
    runPod(c, 'fast', 'worker-2', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]);
    runPod(c, 'agent', 'worker-2', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }]);
    runPod(c, 'other', 'worker-1');
    expect(pod(c, 'web').spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    c.advance(95_000);
    expect(podReady(c, 'web')).toBe('True');
    const last = failNode(c, 'worker-2');

    at(c, last + 49_999);
    expect(ready(c, 'worker-2').status).toBe('True');
    expect(node(c, 'worker-2').spec.taints).toBeUndefined();
    at(c, last + 50_000);
    const n = node(c, 'worker-2');
    const unknown = ['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'];
    expect(n.status.conditions.map((x: any) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['MemoryPressure', ...unknown],
      ['DiskPressure', ...unknown],
      ['PIDPressure', ...unknown],
      ['Ready', ...unknown],
    ]);
    const stamp = new Date(EPOCH + last + 50_000).toISOString().replace('.000Z', 'Z');
    expect(ready(c, 'worker-2').lastTransitionTime).toBe(stamp);
    expect(n.spec.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: stamp },
    ]);
    expect(ready(c, 'worker-1').status).toBe('True');
    expect(c.kubectl('get nodes').stdout).toMatch(/\nworker-2\s+NotReady\s+<none>/);
    const ev = events(c).map((e) => `${e.involvedObject.kind}/${e.involvedObject.name} ${e.type} ${e.reason} ${e.message} (${e.source.component})`);
    expect(ev).toContain('Node/worker-2 Normal NodeNotReady Node worker-2 status is now: NodeNotReady (node-controller)');
    expect(ev).toContain('Pod/web Warning NodeNotReady Node is not ready (node-controller)');
    expect(podReady(c, 'web')).toBe('False');
    expect(podReady(c, 'other')).toBe('True');

    at(c, last + 109_999);
    expect(pod(c, 'fast').metadata.deletionTimestamp).toBeUndefined();
    at(c, last + 110_000);
    expect(pod(c, 'fast').metadata.deletionTimestamp).toBeDefined();

    at(c, last + 349_999);
    expect(pod(c, 'web').metadata.deletionTimestamp).toBeUndefined();
    at(c, last + 350_000);
    const web = pod(c, 'web');
    expect(web.metadata.deletionTimestamp).toBeDefined();
    expect(web.status.conditions.find((x: any) => x.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    const eviction = events(c).find((e) => e.reason === 'TaintManagerEviction' && e.involvedObject.name === 'web');
    expect(eviction).toMatchObject({ type: 'Normal', message: 'Marking for deletion Pod default/web', source: { component: 'taint-eviction-controller' } });
    // Nobody on the dead node confirms the deletion: the pod stays Terminating. A pod tolerating forever stays.
    c.advance(600_000);
    expect(c.kubectl('get pod web').stdout).toMatch(/\nweb\s+1\/1\s+Terminating\s/);
    expect(pod(c, 'agent').metadata.deletionTimestamp).toBeUndefined();
    expect(pod(c, 'other').metadata.deletionTimestamp).toBeUndefined();
  });

  it('removes the taints when the node is back, and cancels pending evictions', () => {
    const c = createCluster();
    runPod(c, 'web', 'worker-3');
    c.advance(20_000);
    const last = failNode(c, 'worker-3');
    at(c, last + 50_000);
    expect(ready(c, 'worker-3').status).toBe('Unknown');
    c.advance(60_000);
    expect(c.sim('kubeplay node recover worker-3').exitCode).toBe(0);
    c.advance(1000);
    expect(ready(c, 'worker-3').status).toBe('True');
    expect(node(c, 'worker-3').spec.taints).toBeUndefined();
    expect(c.kubectl('get nodes worker-3').stdout).toMatch(/\nworker-3\s+Ready\s/);
    const cancelled = events(c).find((e) => e.reason === 'TaintManagerEviction' && e.involvedObject.name === 'web');
    expect(cancelled?.message).toBe('Cancelling deletion of Pod default/web');
    c.advance(600_000);
    expect(pod(c, 'web').metadata.deletionTimestamp).toBeUndefined();
    expect(ready(c, 'worker-3').status).toBe('True');
  });

  it('taints a node that reports Ready=False with not-ready; tolerationSeconds 0 means eviction at once', () => {
    const c = createCluster();
    runPod(c, 'strict', 'worker-1', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }]);
    runPod(c, 'patient', 'worker-1');
    c.advance(20_000);
    failNode(c, 'worker-1');
    // The kubelet's last word before it died: NotReady.
    const hb = new Date(EPOCH + c.now()).toISOString().replace('.000Z', 'Z');
    const conditions = node(c, 'worker-1').status.conditions.map((x: any) =>
      x.type === 'Ready' ? { ...x, status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down', lastHeartbeatTime: hb, lastTransitionTime: hb } : x,
    );
    c.request({ method: 'PATCH', path: '/api/v1/nodes/worker-1/status', contentType: 'application/merge-patch+json', body: { status: { conditions } } });
    c.advance(0);
    const t = c.now();
    expect(node(c, 'worker-1').spec.taints.map((x: any) => `${x.key}:${x.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoSchedule',
      'node.kubernetes.io/not-ready:NoExecute',
    ]);
    expect(pod(c, 'strict').metadata.deletionTimestamp).toBeDefined();
    expect(pod(c, 'patient').metadata.deletionTimestamp).toBeUndefined();
    at(c, t + 299_999);
    expect(pod(c, 'patient').metadata.deletionTimestamp).toBeUndefined();
    at(c, t + 300_000);
    expect(pod(c, 'patient').metadata.deletionTimestamp).toBeDefined();
  });
});
