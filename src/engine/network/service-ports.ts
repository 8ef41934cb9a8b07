/**
 * kube-proxy's view of the cluster (ServicePortMap + EndpointsMap from its Service and EndpointSlice informers): one
 * entry per service port with a cluster IP, its endpoints in the order kube-proxy keeps them, and which of them it
 * uses for cluster-wide and node-local traffic (CategorizeEndpoints, pkg/proxy/topology.go).
 */
import type { KObject } from '../types';
import { endpointChain, serviceChains, servicePortName } from './chain-names';

export interface Endpoint {
  ip: string;
  port: number;
  /** `ip:port`, as the DNAT target and comments print it. */
  hostPort: string;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The pod behind the endpoint, when the slice names one. */
  pod?: { namespace: string; name: string };
  hostname?: string;
  chain: string;
}

export interface ServicePort {
  svc: KObject;
  namespace: string;
  name: string;
  portName: string;
  /** `ns/name` or `ns/name:port`. */
  spn: string;
  /** Lowercase, as kube-proxy writes `-p tcp`. */
  protocol: string;
  port: number;
  nodePort: number;
  clusterIP: string;
  loadBalancerIPs: string[];
  externalIPs: string[];
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  /** sessionAffinity ClientIP: the stickiness window in seconds; undefined without affinity. */
  affinitySeconds?: number;
  chains: ReturnType<typeof serviceChains>;
  endpoints: Endpoint[];
}

/** Services that kube-proxy programs: not headless, not ExternalName, not opted out through service-proxy-name. */
export function isProxied(svc: KObject): boolean {
  const ip = svc.spec?.clusterIP;
  if (!ip || ip === 'None' || svc.spec?.type === 'ExternalName') return false;
  return !svc.metadata.labels?.['service.kubernetes.io/service-proxy-name'];
}

export function servicePorts(services: KObject[], slices: KObject[]): ServicePort[] {
  const slicesBySvc = new Map<string, KObject[]>();
  for (const s of slices) {
    const svcName = s.metadata.labels?.['kubernetes.io/service-name'];
    if (!svcName || s.addressType !== 'IPv4') continue;
    const key = `${s.metadata.namespace}/${svcName}`;
    const list = slicesBySvc.get(key) ?? [];
    list.push(s);
    slicesBySvc.set(key, list);
  }
  const out: ServicePort[] = [];
  const sorted = [...services].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  for (const svc of sorted) {
    if (!isProxied(svc)) continue;
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    const svcSlices = (slicesBySvc.get(`${ns}/${name}`) ?? []).sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
    for (const p of svc.spec?.ports ?? []) {
      const portName: string = p.name ?? '';
      const protocol = String(p.protocol ?? 'TCP').toLowerCase();
      const spn = servicePortName(ns, name, portName);
      const external = svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer';
      const affinity = svc.spec.sessionAffinity === 'ClientIP';
      out.push({
        svc,
        namespace: ns,
        name,
        portName,
        spn,
        protocol,
        port: p.port,
        nodePort: p.nodePort ?? 0,
        clusterIP: svc.spec.clusterIP,
        loadBalancerIPs: svc.spec.type === 'LoadBalancer' ? (svc.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip).filter(Boolean) : [],
        externalIPs: svc.spec.externalIPs ?? [],
        externalPolicyLocal: external && svc.spec.externalTrafficPolicy === 'Local',
        internalPolicyLocal: svc.spec.internalTrafficPolicy === 'Local',
        affinitySeconds: affinity ? (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : undefined,
        chains: serviceChains(spn, protocol),
        endpoints: endpointsFor(svcSlices, portName, p.protocol ?? 'TCP', spn, protocol),
      });
    }
  }
  return out;
}

const keyOf = (o: KObject) => `${o.metadata.namespace}/${o.metadata.name}`;

/** The endpoints of one port across the slices, deduplicated by address and sorted by `ip:port` (as kube-proxy sorts). */
function endpointsFor(slices: KObject[], portName: string, apiProtocol: string, spn: string, protocol: string): Endpoint[] {
  const byAddr = new Map<string, Endpoint>();
  for (const s of slices) {
    const sp = (s.ports ?? []).find((p: any) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === apiProtocol);
    if (!sp?.port) continue;
    for (const e of s.endpoints ?? []) {
      const ip = e.addresses?.[0];
      if (!ip) continue;
      const hostPort = `${ip}:${sp.port}`;
      if (byAddr.has(hostPort)) continue;
      const c = e.conditions ?? {};
      const ready = c.ready !== false;
      byAddr.set(hostPort, {
        ip,
        port: sp.port,
        hostPort,
        nodeName: e.nodeName,
        ready,
        serving: c.serving ?? ready,
        terminating: !!c.terminating,
        pod: e.targetRef?.kind === 'Pod' ? { namespace: e.targetRef.namespace ?? s.metadata.namespace, name: e.targetRef.name } : undefined,
        hostname: e.hostname,
        chain: endpointChain(spn, protocol, hostPort),
      });
    }
  }
  return [...byAddr.values()].sort((a, b) => (a.hostPort < b.hostPort ? -1 : a.hostPort > b.hostPort ? 1 : 0));
}

/** Ready endpoints, or (only when none is ready) the serving-and-terminating ones. */
function usable(eps: Endpoint[]): Endpoint[] {
  const ready = eps.filter((e) => e.ready);
  return ready.length ? ready : eps.filter((e) => e.serving && e.terminating);
}

/** CategorizeEndpoints: the endpoints cluster traffic uses and those node-local traffic uses on `node`. */
export function categorize(sp: ServicePort, node: string): { cluster: Endpoint[]; local: Endpoint[]; any: boolean } {
  return {
    cluster: usable(sp.endpoints),
    local: usable(sp.endpoints.filter((e) => e.nodeName === node)),
    any: usable(sp.endpoints).length > 0,
  };
}
