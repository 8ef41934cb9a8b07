/**
 * The files the kubelet writes into every container: /etc/hosts (the "Kubernetes-managed hosts file"),
 * /etc/hostname and the pod's /etc/resolv.conf (ClusterFirst DNS: the cluster DNS service, the namespace search path,
 * ndots:5). A hostNetwork pod sees the node's own files, which the simulation does not model.
 */
import type { KObject } from '../../types';
import { CLUSTER_DOMAIN, DNS_SERVICE_IP } from '../../network/dns';

export function managedFiles(pod: KObject, podIP: string): Map<string, string> {
  if (pod.spec?.hostNetwork) return new Map();
  const ns = pod.metadata.namespace ?? 'default';
  const hostname: string = pod.spec?.hostname ?? pod.metadata.name ?? '';
  const subdomain: string | undefined = pod.spec?.subdomain;
  const self = subdomain ? `${podIP}\t${hostname}.${subdomain}.${ns}.svc.${CLUSTER_DOMAIN}\t${hostname}` : `${podIP}\t${hostname}`;
  const hosts = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    self,
  ];
  const aliases: any[] = pod.spec?.hostAliases ?? [];
  if (aliases.length) hosts.push('', '# Entries added by HostAliases.', ...aliases.map((a) => `${a.ip}\t${(a.hostnames ?? []).join('\t')}`));
  const dnsPolicy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const resolv =
    dnsPolicy === 'None'
      ? ''
      : `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${DNS_SERVICE_IP}\noptions ndots:5\n`;
  return new Map([
    ['/etc/hosts', `${hosts.join('\n')}\n`],
    ['/etc/hostname', `${hostname}\n`],
    ['/etc/resolv.conf', resolv],
  ]);
}
