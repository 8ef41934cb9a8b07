/**
 * Cluster DNS as CoreDNS's kubernetes plugin answers it (zone cluster.local), and a pod's resolv.conf search path
 * (`<ns>.svc.cluster.local svc.cluster.local cluster.local`, ndots:5):
 * - `<svc>.<ns>.svc.cluster.local`: the cluster IP; for a headless Service the IPs of its ready endpoints;
 *   an ExternalName Service is a CNAME to its external name;
 * - `<hostname>.<svc>.<ns>.svc.cluster.local`: the endpoint of a headless Service with that hostname (StatefulSet pods,
 *   or pods with hostname + subdomain);
 * - `<a-b-c-d>.<ns>.pod.cluster.local`: a.b.c.d;
 * anything else in the zone is NXDOMAIN. Names outside the cluster do not resolve: the simulation has no Internet.
 */
import type { ClusterNetwork } from './cluster-network';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_SERVICE_IP = '10.96.0.10';

export type DnsAnswer = { name: string; ips: string[]; cname?: string } | { nxdomain: true; name: string };

const isIPv4 = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);

/** Resolve `name` as a client in `namespace` would (undefined namespace: a client outside the cluster). */
export function resolve(net: ClusterNetwork, name: string, namespace?: string): DnsAnswer {
  const lower = name.toLowerCase();
  if (isIPv4(lower)) return { name, ips: [lower] };
  if (namespace === undefined) return { nxdomain: true, name };
  const absolute = lower.endsWith('.');
  const bare = absolute ? lower.slice(0, -1) : lower;
  const candidates: string[] = [];
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  const dots = bare.split('.').length - 1;
  if (!absolute && dots < 5) for (const s of search) candidates.push(`${bare}.${s}`);
  candidates.push(bare);
  for (const fqdn of candidates) {
    const found = lookup(net, fqdn);
    if (found) return found;
  }
  return { nxdomain: true, name: candidates[0] };
}

/** One query for an absolute name in the cluster zone. */
export function lookup(net: ClusterNetwork, fqdn: string): DnsAnswer | undefined {
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const labels = fqdn.slice(0, -suffix.length).split('.');
  if (labels.length === 3 && labels[2] === 'pod') {
    const ip = labels[0].replace(/-/g, '.');
    return isIPv4(ip) && net.nodes().length ? { name: fqdn, ips: [ip] } : undefined;
  }
  if (labels[labels.length - 1] !== 'svc') return undefined;
  if (labels.length === 3) {
    const [svcName, ns] = labels;
    const svc = net.service(ns, svcName);
    if (!svc) return undefined;
    if (svc.spec?.type === 'ExternalName') return { name: fqdn, ips: [], cname: svc.spec.externalName };
    if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return { name: fqdn, ips: [svc.spec.clusterIP] };
    const ips = headlessEndpoints(net, ns, svcName).map((e) => e.ip);
    return ips.length ? { name: fqdn, ips: rotate(net, ips) } : undefined;
  }
  if (labels.length === 4) {
    const [host, svcName, ns] = labels;
    const ep = headlessEndpoints(net, ns, svcName).find((e) => e.hostname === host);
    return ep ? { name: fqdn, ips: [ep.ip] } : undefined;
  }
  return undefined;
}

/** The ready endpoints of a Service's IPv4 slices (CoreDNS does not care for ports: each address once). */
function headlessEndpoints(net: ClusterNetwork, ns: string, svcName: string): { ip: string; hostname?: string }[] {
  const svc = net.service(ns, svcName);
  if (!svc) return [];
  const seen = new Map<string, { ip: string; hostname?: string }>();
  for (const s of net.endpointSlices(ns, svcName)) {
    for (const e of s.endpoints ?? []) {
      const ip = e.addresses?.[0];
      if (ip && e.conditions?.ready !== false && !seen.has(ip)) seen.set(ip, { ip, hostname: e.hostname });
    }
  }
  return [...seen.values()].sort((a, b) => (a.ip < b.ip ? -1 : 1));
}

/** CoreDNS's loadbalance plugin shuffles A records; the first one is what a client uses. */
function rotate(net: ClusterNetwork, ips: string[]): string[] {
  const k = Math.floor(net.random() * ips.length);
  return [...ips.slice(k), ...ips.slice(0, k)];
}

/** busybox nslookup's output for a name asked from a pod in `namespace`. */
export function nslookup(net: ClusterNetwork, name: string, namespace: string): { stdout: string; exitCode: number } {
  const head = `Server:\t\t${DNS_SERVICE_IP}\nAddress:\t${DNS_SERVICE_IP}:53\n\n`;
  const ans = resolve(net, name, namespace);
  if ('nxdomain' in ans) return { stdout: `${head}** server can't find ${ans.name}: NXDOMAIN\n\n`, exitCode: 1 };
  if (ans.cname) return { stdout: `${head}${ans.name}\tcanonical name = ${ans.cname}\n\n`, exitCode: 0 };
  return { stdout: `${head}${ans.ips.map((ip) => `Name:\t${ans.name}\nAddress: ${ip}\n`).join('')}\n`, exitCode: 0 };
}
