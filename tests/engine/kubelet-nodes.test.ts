import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { cluster, container, pod, podEvents, runPod, statusColumn } from './kubelet-helpers';

const lease = (c: ReturnType<typeof cluster>, node: string) =>
  c.request({ method: 'GET', path: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${node}` }).body;
const node = (c: ReturnType<typeof cluster>, name: string) => c.request({ method: 'GET', path: `/api/v1/nodes/${name}` }).body;

describe('kubelet: nodes', { timeout: 30_000 }, () => {
  it('renews each node Lease every 10s and posts Ready node status with nodeInfo and images', () => {
    const c = cluster();
    const l = lease(c, 'worker-2');
    expect(l.spec).toMatchObject({ holderIdentity: 'worker-2', leaseDurationSeconds: 40 });
    expect(l.metadata.ownerReferences[0]).toMatchObject({ kind: 'Node', name: 'worker-2' });
    const first = c.request({ method: 'GET', path: '/api/v1/nodes/worker-2' }).body;
    c.advance(25_000);
    const renew = Date.parse(lease(c, 'worker-2').spec.renewTime) - Date.parse(l.spec.renewTime);
    expect(renew).toBe(20_000);
    const n = node(c, 'worker-2');
    expect(n.status.conditions.find((x: any) => x.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    expect(n.status.nodeInfo).toMatchObject({ kubeletVersion: 'v1.33.4', containerRuntimeVersion: 'containerd://2.1.3', operatingSystem: 'linux' });
    expect(n.status.images.flatMap((i: any) => i.names)).toContain('registry.k8s.io/pause:3.10');
    // Unchanged status is not re-posted within nodeStatusReportFrequency (5m).
    expect(n.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
  });

  it('node fail stops heartbeats and containers; recover restarts the kubelet, which re-syncs its pods', () => {
    const c = cluster();
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] }, 'worker-2');
    c.advance(10_000);
    const before = lease(c, 'worker-2').spec.renewTime;
    expect(c.sim('kubeplay node fail worker-2')).toEqual({ stdout: 'node/worker-2 failed\n', stderr: '', exitCode: 0 });
    c.advance(30_000);
    expect(lease(c, 'worker-2').spec.renewTime).toBe(before);
    expect(c.sim('kubeplay pod crash web').stderr).toBe('error: container "nginx" in pod "web" is not running\n');
    const logs = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/web/log' });
    expect(logs.status).toBe(500);
    expect(logs.body.message).toBe('Get "https://172.18.0.4:10250/containerLogs/default/web/nginx": dial tcp 172.18.0.4:10250: connect: no route to host');
    expect(c.sim('kubeplay node fail worker-2').exitCode).toBe(1);
    expect(c.sim('kubeplay node recover worker-2')).toEqual({ stdout: 'node/worker-2 recovered\n', stderr: '', exitCode: 0 });
    c.advance(5000);
    expect(lease(c, 'worker-2').spec.renewTime).not.toBe(before);
    expect(statusColumn(c, 'web')).toBe('Running');
    const cs = container(c, 'web');
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 255, reason: 'Unknown' });
  });

  it('finishes the deletion of pods deleted while their node was down once it recovers', () => {
    const c = cluster();
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.27' }] }, 'worker-3');
    c.advance(10_000);
    c.sim('kubeplay node fail worker-3');
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/web' });
    c.advance(120_000);
    expect(statusColumn(c, 'web')).toBe('Terminating');
    c.sim('kubeplay node recover worker-3');
    c.advance(1000);
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/web' }).status).toBe(404);
  });

  it('adds a node that gets its own kubelet, pod CIDR and capacity', () => {
    const c = cluster();
    expect(c.sim('kubeplay node add worker-4 --cpu 8 --memory 16Gi --pods 50')).toEqual({ stdout: 'node/worker-4 added\n', stderr: '', exitCode: 0 });
    c.advance(1000);
    const n = node(c, 'worker-4');
    expect(n.spec.podCIDR).toBe('10.244.4.0/24');
    expect(n.status.capacity).toMatchObject({ cpu: '8', memory: '16Gi', pods: '50' });
    expect(n.status.conditions.find((x: any) => x.type === 'Ready').status).toBe('True');
    expect(lease(c, 'worker-4').spec.holderIdentity).toBe('worker-4');
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx' }] }, 'worker-4');
    c.advance(5000);
    expect(pod(c, 'web').status.podIP).toMatch(/^10\.244\.4\.\d+$/);
    expect(c.sim('kubeplay node add worker-4').stderr).toBe('Error from server (AlreadyExists): nodes "worker-4" already exists\n');
    expect(c.sim('kubeplay node fail nosuch').stderr).toBe('Error from server (NotFound): nodes "nosuch" not found\n');
    expect(c.sim('kubeplay pod crash nosuch').stderr).toBe('Error from server (NotFound): pods "nosuch" not found\n');
    expect(c.sim('kubeplay load web 10').exitCode).toBe(1);
  });

  it('runs the control plane static pods as kube-system mirror pods, and re-creates a deleted mirror pod', () => {
    const c = cluster();
    c.advance(30_000);
    const out = c.kubectl('get pods -n kube-system -o wide').stdout;
    for (const name of ['etcd-control-plane', 'kube-apiserver-control-plane', 'kube-controller-manager-control-plane', 'kube-scheduler-control-plane']) {
      expect(out).toMatch(new RegExp(`^${name}\\s+1/1\\s+Running\\s+0\\s+30s\\s+172\\.18\\.0\\.2\\s+control-plane\\s`, 'm'));
    }
    const etcd = c.request({ method: 'GET', path: '/api/v1/namespaces/kube-system/pods/etcd-control-plane' }).body;
    expect(etcd.metadata.annotations['kubernetes.io/config.mirror']).toBe(etcd.metadata.annotations['kubernetes.io/config.hash']);
    expect(etcd.metadata.annotations['kubernetes.io/config.source']).toBe('file');
    expect(etcd.metadata.labels).toEqual({ component: 'etcd', tier: 'control-plane' });
    expect(etcd.metadata.ownerReferences[0]).toMatchObject({ kind: 'Node', name: 'control-plane', controller: true });
    expect(etcd.spec).toMatchObject({ hostNetwork: true, priorityClassName: 'system-node-critical', priority: 2000001000 });
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/kube-system/pods/kube-scheduler-control-plane' });
    c.advance(2000);
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/kube-system/pods/kube-scheduler-control-plane' }).status).toBe(200);
  });

  it('rejects a pod bound with nodeName when the node lacks the CPU (OutOfcpu)', () => {
    const c = cluster();
    runPod(c, 'big', { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '3' } } }] });
    runPod(c, 'bigger', { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '2' } } }] });
    c.advance(1000);
    const p = pod(c, 'bigger');
    expect(p.status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu' });
    // used: the 3 CPUs of `big` plus whatever the node's system pods request.
    expect(p.status.message).toMatch(/^Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 3\d{3}, capacity: 4000$/);
    expect(c.kubectl('get pod bigger --no-headers').stdout).toMatch(/^bigger\s+0\/1\s+OutOfcpu\s+0\s/);
    expect(podEvents(c, 'bigger')[0]).toMatchObject({ type: 'Warning', reason: 'OutOfcpu' });
  });

  it('is deterministic: the same seed and actions give the same objects, byte for byte', () => {
    const run = () => {
      const c = createCluster({ seed: 7 });
      const events: string[] = [];
      c.watch((e) => events.push(`${c.now()} ${e.type} ${e.object.kind} ${e.object.metadata.name} ${JSON.stringify(e.object.status ?? {})}`));
      runPod(c, 'a', { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'db', image: 'postgres:17' }] });
      runPod(c, 'b', { containers: [{ name: 'bad', image: 'ngnix' }] }, 'worker-2');
      c.advance(60_000);
      c.sim('kubeplay pod crash a -c web');
      c.advance(60_000);
      return events.join('\n');
    };
    expect(run()).toBe(run());
  });
});
