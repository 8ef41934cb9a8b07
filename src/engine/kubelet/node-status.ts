/**
 * Node heartbeats as the kubelet sends them (k8s-semantics 4.1): the Lease in kube-node-lease renewed every 10s,
 * node status computed every nodeStatusUpdateFrequency (10s) and posted when it changed or every
 * nodeStatusReportFrequency (5m) otherwise.
 */
import type { KObject } from '../types';
import { NODE_VERSION } from '../scenarios/default-cluster';
import type { Kubelet } from './kubelet';

const LEASE_RENEW_MS = 10_000;
const LEASE_DURATION_S = 40;
const STATUS_UPDATE_MS = 10_000;
const STATUS_REPORT_MS = 5 * 60_000;

const CONDITIONS: [string, string, string, string][] = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

const DEFAULT_CAPACITY = { cpu: '4', 'ephemeral-storage': '102400Mi', 'hugepages-2Mi': '0', memory: '8Gi', pods: '110' };

export class NodeHeartbeat {
  private lastReported = -Infinity;
  private lastImagesVersion = -1;
  private lastSignature = '';

  constructor(private readonly k: Kubelet) {}

  start(): void {
    this.lastReported = -Infinity;
    this.lastSignature = '';
    this.k.schedule(0, () => {
      this.renewLease();
      this.updateStatus();
    });
  }

  private leasePath(): string {
    return `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${this.k.nodeName}`;
  }

  private renewLease(): void {
    const k = this.k;
    k.schedule(LEASE_RENEW_MS, () => this.renewLease());
    const renewTime = k.clock.microTimestamp();
    const res = k.request({
      method: 'PATCH',
      path: this.leasePath(),
      contentType: 'application/merge-patch+json',
      body: { spec: { holderIdentity: k.nodeName, leaseDurationSeconds: LEASE_DURATION_S, renewTime } },
    });
    if (res.status !== 404) return;
    k.request({
      method: 'POST',
      path: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases',
      body: {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: k.nodeName,
          namespace: 'kube-node-lease',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: k.nodeName, uid: k.node.metadata.uid }],
        },
        spec: { holderIdentity: k.nodeName, leaseDurationSeconds: LEASE_DURATION_S, renewTime },
      },
    });
  }

  private updateStatus(): void {
    const k = this.k;
    k.schedule(STATUS_UPDATE_MS, () => this.updateStatus());
    const node = k.node;
    const now = k.clock.now();
    const st = node.status ?? {};
    const existing = new Map<string, any>((st.conditions ?? []).map((c: any) => [c.type, c]));
    const signature = JSON.stringify([
      CONDITIONS.map(([type, status]) => existing.get(type)?.status === status),
      k.images.version,
    ]);
    const due = now - this.lastReported >= STATUS_REPORT_MS;
    if (signature === this.lastSignature && !due && this.lastImagesVersion === k.images.version) return;
    const ts = k.clock.timestamp(now);
    const conditions = CONDITIONS.map(([type, status, reason, message]) => {
      const prior = existing.get(type);
      return {
        lastHeartbeatTime: ts,
        lastTransitionTime: prior?.status === status ? prior.lastTransitionTime : ts,
        message,
        reason,
        status,
        type,
      };
    });
    const status: Record<string, unknown> = { conditions, images: k.images.nodeImages(), nodeInfo: nodeInfo(node) };
    if (!st.capacity) status.capacity = DEFAULT_CAPACITY;
    if (!st.allocatable) status.allocatable = st.capacity ?? DEFAULT_CAPACITY;
    if (!st.addresses) status.addresses = [{ type: 'Hostname', address: k.nodeName }];
    if (!st.daemonEndpoints) status.daemonEndpoints = { kubeletEndpoint: { Port: 10250 } };
    const res = k.request({
      method: 'PATCH',
      path: `/api/v1/nodes/${k.nodeName}/status`,
      contentType: 'application/merge-patch+json',
      body: { status },
    });
    if (res.status < 300) {
      this.lastReported = now;
      this.lastImagesVersion = k.images.version;
      this.lastSignature = JSON.stringify([CONDITIONS.map(() => true), k.images.version]);
    }
  }
}

function nodeInfo(node: KObject): Record<string, string> {
  const info = node.status?.nodeInfo ?? {};
  return {
    architecture: 'amd64',
    bootID: info.bootID || '',
    containerRuntimeVersion: 'containerd://2.1.3',
    kernelVersion: '6.8.0-kubeplay',
    kubeProxyVersion: NODE_VERSION,
    kubeletVersion: NODE_VERSION,
    machineID: info.machineID || '',
    operatingSystem: 'linux',
    osImage: 'Debian GNU/Linux 12 (bookworm)',
    systemUUID: info.systemUUID || '',
    ...info,
  };
}
