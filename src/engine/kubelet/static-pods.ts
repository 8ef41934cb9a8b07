/**
 * The control-plane node's static pods (kubeadm's manifests in /etc/kubernetes/manifests) and their mirror pods in
 * kube-system, which the kubelet creates and re-creates if they are deleted.
 */
import type { KObject } from '../types';
import { NODE_VERSION } from '../scenarios/default-cluster';
import { hash32 } from './images/reference';
import type { Kubelet } from './kubelet';

const MIRROR = 'kubernetes.io/config.mirror';

export function isMirrorPod(pod: KObject): boolean {
  return !!pod.metadata.annotations?.[MIRROR];
}

const probe = (path: string, port: number, host: string, scheme: string, extra: Record<string, number>) => ({
  failureThreshold: 8,
  httpGet: { host, path, port, scheme },
  initialDelaySeconds: 10,
  periodSeconds: 10,
  timeoutSeconds: 15,
  ...extra,
});

function manifests(ip: string): { component: string; image: string; command: string[]; cpu: string; memory?: string; probes: Record<string, unknown>; mounts: [string, string][]; annotations?: Record<string, string> }[] {
  return [
    {
      component: 'etcd',
      image: 'registry.k8s.io/etcd:3.5.21-0',
      command: [
        'etcd', `--advertise-client-urls=https://${ip}:2379`, '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd', '--experimental-initial-corrupt-check=true', '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`, `--initial-cluster=control-plane=https://${ip}:2380`,
        '--key-file=/etc/kubernetes/pki/etcd/server.key', `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${ip}:2380`, '--name=control-plane',
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-client-cert-auth=true', '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt', '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      ],
      cpu: '100m',
      memory: '100Mi',
      probes: {
        livenessProbe: probe('/livez', 2381, '127.0.0.1', 'HTTP', {}),
        readinessProbe: probe('/readyz', 2381, '127.0.0.1', 'HTTP', { failureThreshold: 3, initialDelaySeconds: 0, periodSeconds: 1 }),
        startupProbe: probe('/readyz', 2381, '127.0.0.1', 'HTTP', { failureThreshold: 24 }),
      },
      mounts: [['etcd-certs', '/etc/kubernetes/pki/etcd'], ['etcd-data', '/var/lib/etcd']],
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
    },
    {
      component: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${NODE_VERSION}`,
      command: [
        'kube-apiserver', `--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true',
        '--etcd-servers=https://127.0.0.1:2379', '--secure-port=6443', '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file=/etc/kubernetes/pki/sa.pub', '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
        '--service-cluster-ip-range=10.96.0.0/16', '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ],
      cpu: '250m',
      probes: {
        livenessProbe: probe('/livez', 6443, ip, 'HTTPS', {}),
        readinessProbe: probe('/readyz', 6443, ip, 'HTTPS', { failureThreshold: 3, initialDelaySeconds: 0, periodSeconds: 1 }),
        startupProbe: probe('/livez', 6443, ip, 'HTTPS', { failureThreshold: 24 }),
      },
      mounts: [['ca-certs', '/etc/ssl/certs'], ['k8s-certs', '/etc/kubernetes/pki']],
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
    },
    {
      component: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${NODE_VERSION}`,
      command: [
        'kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-cidr=10.244.0.0/16', '--cluster-name=kubeplay', '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', '--service-cluster-ip-range=10.96.0.0/16',
        '--use-service-account-credentials=true',
      ],
      cpu: '200m',
      probes: {
        livenessProbe: probe('/healthz', 10257, '127.0.0.1', 'HTTPS', {}),
        startupProbe: probe('/healthz', 10257, '127.0.0.1', 'HTTPS', { failureThreshold: 24 }),
      },
      mounts: [['ca-certs', '/etc/ssl/certs'], ['k8s-certs', '/etc/kubernetes/pki'], ['kubeconfig', '/etc/kubernetes/controller-manager.conf']],
    },
    {
      component: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${NODE_VERSION}`,
      command: ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
      cpu: '100m',
      probes: {
        livenessProbe: probe('/livez', 10259, '127.0.0.1', 'HTTPS', {}),
        readinessProbe: probe('/readyz', 10259, '127.0.0.1', 'HTTPS', { failureThreshold: 3, initialDelaySeconds: 0, periodSeconds: 1 }),
        startupProbe: probe('/livez', 10259, '127.0.0.1', 'HTTPS', { failureThreshold: 24 }),
      },
      mounts: [['kubeconfig', '/etc/kubernetes/scheduler.conf']],
    },
  ];
}

export function staticPodManifests(k: Kubelet): KObject[] {
  const ip = k.hostIP();
  const seen = k.clock.microTimestamp().replace(/Z$/, '000Z');
  return manifests(ip).map((m) => {
    const hash = hash32(`${m.component}/${m.image}/${ip}`).toString(16).padStart(8, '0').repeat(4);
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${m.component}-${k.nodeName}`,
        namespace: 'kube-system',
        labels: { component: m.component, tier: 'control-plane' },
        annotations: {
          ...m.annotations,
          'kubernetes.io/config.hash': hash,
          [MIRROR]: hash,
          'kubernetes.io/config.seen': seen,
          'kubernetes.io/config.source': 'file',
        },
        ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: k.nodeName, uid: k.node.metadata.uid! }],
      },
      spec: {
        containers: [
          {
            name: m.component,
            image: m.image,
            imagePullPolicy: 'IfNotPresent',
            command: m.command,
            ...m.probes,
            resources: { requests: { cpu: m.cpu, ...(m.memory ? { memory: m.memory } : {}) } },
            volumeMounts: m.mounts.map(([name, mountPath]) => (name.startsWith('etcd-') ? { mountPath, name } : { mountPath, name, readOnly: true })),
          },
        ],
        hostNetwork: true,
        nodeName: k.nodeName,
        priorityClassName: 'system-node-critical',
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
        volumes: m.mounts.map(([name, path]) => ({ hostPath: { path, type: name === 'kubeconfig' ? 'FileOrCreate' : 'DirectoryOrCreate' }, name })),
      },
    };
  });
}

/** Create any missing mirror pod. */
export function ensureStaticPods(k: Kubelet): void {
  for (const pod of staticPodManifests(k)) {
    const path = `/api/v1/namespaces/kube-system/pods`;
    const got = k.request({ method: 'GET', path: `${path}/${pod.metadata.name}` });
    if (got.status === 200) continue;
    k.request({ method: 'POST', path, body: pod });
  }
}
