/** The default cluster of DESIGN 3.2, created through the API server like everything else. */
import { SYSTEM_PRIORITY_CLASSES } from '../api/strategies/priority-class';
import type { ApiRequest, ApiResponse, KObject } from '../types';
import { bootstrapApiServerEndpoints } from './apiserver-endpoints';
import { bootstrapKubeSystem } from './kube-system';
import { bootstrapStorageClass } from './storage-class';

export interface TopologyOptions {
  workers: number;
}

export const NODE_VERSION = 'v1.33.4';

/**
 * The /24 pod range of the node with this index: 10.244.0.0/16 holds 256 nodes (DESIGN 3.2); larger simulated
 * clusters continue into 10.245.0.0/16 and on, as a wider --cluster-cidr would.
 */
export function podCidrFor(index: number): string {
  return `10.${244 + Math.floor(index / 256)}.${index % 256}.0/24`;
}

/** The node index a pod range belongs to, or -1. */
export function nodeIndexOfCidr(cidr: string | undefined): number {
  const m = /^10\.(\d+)\.(\d+)\.0\/24$/.exec(cidr ?? '');
  return m && Number(m[1]) >= 244 ? (Number(m[1]) - 244) * 256 + Number(m[2]) : -1;
}

function nodeIp(index: number): string {
  const n = index + 2;
  return `172.18.${Math.floor(n / 256)}.${n % 256}`;
}

export function nodeObject(name: string, index: number, opts: { cpu: string; memory: string; pods: string; controlPlane?: boolean }): KObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (opts.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const ip = nodeIp(index);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: podCidrFor(index),
      podCIDRs: [podCidrFor(index)],
      ...(opts.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      capacity: { cpu: opts.cpu, 'ephemeral-storage': '102400Mi', 'hugepages-2Mi': '0', memory: opts.memory, pods: opts.pods },
      allocatable: { cpu: opts.cpu, 'ephemeral-storage': '102400Mi', 'hugepages-2Mi': '0', memory: opts.memory, pods: opts.pods },
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://2.1.3',
        kernelVersion: '6.8.0-kubeplay',
        kubeProxyVersion: NODE_VERSION,
        kubeletVersion: NODE_VERSION,
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: '',
      },
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}

function must(res: ApiResponse, what: string): void {
  if (res.status >= 300) throw new Error(`bootstrap: ${what}: ${res.body?.message ?? res.status}`);
}

export function bootstrapDefaultCluster(request: (req: ApiRequest) => ApiResponse, opts: TopologyOptions): void {
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    must(request({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } }), ns);
  }
  const nodes = [nodeObject('control-plane', 0, { cpu: '2', memory: '4Gi', pods: '110', controlPlane: true })];
  for (let i = 1; i <= opts.workers; i++) nodes.push(nodeObject(`worker-${i}`, i, { cpu: '4', memory: '8Gi', pods: '110' }));
  for (const node of nodes) {
    const status = node.status;
    must(request({ method: 'POST', path: '/api/v1/nodes', body: node }), node.metadata.name!);
    const conditions = readyConditions();
    must(
      request({
        method: 'PATCH',
        path: `/api/v1/nodes/${node.metadata.name}/status`,
        contentType: 'application/merge-patch+json',
        body: { status: { ...status, conditions } },
      }),
      `${node.metadata.name} status`,
    );
  }
  must(
    request({
      method: 'POST',
      path: '/api/v1/namespaces/default/services',
      body: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
      },
    }),
    'kubernetes service',
  );
  bootstrapApiServerEndpoints(request, nodes[0].status!.addresses[0].address);
  // The API server creates the two system PriorityClasses at start-up.
  for (const pc of SYSTEM_PRIORITY_CLASSES) {
    const body = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: pc.name }, value: pc.value, description: pc.description };
    must(request({ method: 'POST', path: '/apis/scheduling.k8s.io/v1/priorityclasses', body }), pc.name);
  }
  bootstrapKubeSystem(request);
  bootstrapStorageClass(request);
}

function readyConditions() {
  const t = '2026-01-01T00:00:00Z';
  const c = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: t,
    lastTransitionTime: t,
    reason,
    message,
  });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}
