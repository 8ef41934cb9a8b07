/**
 * One TCP connection through the data plane: the node it enters, that node's kube-proxy rules (cluster IP, node
 * port, load-balancer IP; REJECT and DROP where the rules have them), the statistic and recent matches drawn with the
 * engine's seeded RNG, then the pod at the chosen endpoint (a failed machine never answers).
 */
import type { KObject } from '../types';
import { SERVICE_CIDR } from '../api/strategies/service-allocators';
import { parseIPv4 } from '../api/validation/common';
import { CONTROL_PLANE_LABEL, nodeIP, type ClusterNetwork } from './cluster-network';
import { categorize, type Endpoint, type ServicePort } from './service-ports';

/** Where a client outside the cluster connects from (TEST-NET-2, a documentation range). */
export const OUTSIDE_CLIENT_IP = '198.51.100.7';

export type Dialed =
  | { ok: true; ip: string; port: number; pod?: KObject; servicePort?: ServicePort; via?: string }
  | { ok: false; error: 'refused' | 'timeout' };

export interface Source {
  /** The client's address (a pod IP, or OUTSIDE_CLIENT_IP). */
  ip: string;
  /** The node the client runs on (undefined outside the cluster). */
  node?: string;
}

const refused = { ok: false, error: 'refused' } as const;
const timeout = { ok: false, error: 'timeout' } as const;

const inCidr = (ip: string, cidr: string) => {
  const [base, bits] = cidr.split('/');
  const a = parseIPv4(ip);
  const b = parseIPv4(base);
  if (a === undefined || b === undefined) return false;
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
};

const isPodIP = (ip: string) => inCidr(ip, '10.0.0.0/8') && !inCidr(ip, SERVICE_CIDR);

/** Open a connection from `src` to dst:port. */
export function dial(net: ClusterNetwork, src: Source, dst: string, port: number): Dialed {
  const node = net.nodeByIP(dst);
  if (node) return dialNode(net, src, node, port);
  const sp = net.servicePorts().find((p) => p.port === port && (p.loadBalancerIPs.includes(dst) || p.externalIPs.includes(dst)));
  if (sp) {
    // From inside, kube-proxy short-circuits the load-balancer IP on the client's node; from outside the cloud
    // load balancer hands the connection to one of its healthy nodes.
    const entry = src.node ?? pickLoadBalancerNode(net, sp);
    if (!entry) return timeout;
    return connectEndpoint(net, external(net, sp, entry, src), entry);
  }
  if (!src.node) return timeout;
  const svc = net.servicePorts().find((p) => p.clusterIP === dst && p.port === port);
  if (svc) return connectEndpoint(net, internal(net, svc, src.node, src), src.node);
  if (inCidr(dst, SERVICE_CIDR)) return timeout;
  const pod = net.podByIP(dst);
  if (pod) return connectPod(net, pod, dst, port);
  return isPodIP(dst) ? refused : timeout;
}

/** A connection to a node's own address: a node port, or nothing listening there. */
function dialNode(net: ClusterNetwork, src: Source, node: KObject, port: number): Dialed {
  const name = node.metadata.name!;
  if (!net.nodeAlive(name)) return timeout;
  const sp = net.servicePorts().find((p) => p.nodePort === port);
  if (!sp) return refused;
  return connectEndpoint(net, external(net, sp, name, src), name);
}

type Pick = { endpoint: Endpoint; sp: ServicePort } | 'refused' | 'timeout';

/** Cluster-IP traffic: KUBE-SERVICES -> KUBE-SVC (or KUBE-SVL with internalTrafficPolicy Local). */
function internal(net: ClusterNetwork, sp: ServicePort, node: string, src: Source): Pick {
  const { cluster, local, any } = categorize(sp, node);
  if (!any) return 'refused';
  if (sp.internalPolicyLocal) return local.length ? choose(net, sp, node, local, src.ip) : 'timeout';
  return choose(net, sp, node, cluster, src.ip);
}

/** Node-port and load-balancer traffic: KUBE-EXT, then KUBE-SVC, or KUBE-SVL when externalTrafficPolicy is Local. */
function external(net: ClusterNetwork, sp: ServicePort, node: string, src: Source): Pick {
  const { cluster, local, any } = categorize(sp, node);
  if (!any) return 'refused';
  if (!sp.externalPolicyLocal) return choose(net, sp, node, cluster, src.ip);
  // Pods and the node itself are exempt from the Local policy (the "pod traffic" / "LOCAL traffic" rules).
  if (src.node) return choose(net, sp, node, cluster, src.ip);
  return local.length ? choose(net, sp, node, local, src.ip) : 'timeout';
}

/** writeServiceToEndpointRules at packet time: a live affinity entry wins, else 1/n, 1/(n-1) ... */
function choose(net: ClusterNetwork, sp: ServicePort, node: string, eps: Endpoint[], srcIP: string): Pick {
  let picked: Endpoint | undefined;
  if (sp.affinitySeconds !== undefined) picked = eps.find((e) => net.recentCheck(node, e.chain, srcIP, sp.affinitySeconds!));
  for (let i = 0; !picked && i < eps.length; i++) {
    if (i === eps.length - 1 || net.random() < 1 / (eps.length - i)) picked = eps[i];
  }
  if (sp.affinitySeconds !== undefined) net.recentSet(node, picked!.chain, srcIP);
  return { endpoint: picked!, sp };
}

function connectEndpoint(net: ClusterNetwork, pick: Pick, via: string): Dialed {
  if (pick === 'refused') return refused;
  if (pick === 'timeout') return timeout;
  const { endpoint: e, sp } = pick;
  const pod = e.pod ? net.pod(e.pod.namespace, e.pod.name) : (net.podByIP(e.ip) ?? hostNetworkPod(net, e.ip, e.port));
  if (!pod || (pod.status?.podIP !== e.ip && !pod.spec?.hostNetwork)) return timeout;
  const res = connectPod(net, pod, e.ip, e.port);
  return res.ok ? { ...res, servicePort: sp, via } : res;
}

function connectPod(net: ClusterNetwork, pod: KObject, ip: string, port: number): Dialed {
  if (!net.nodeAlive(pod.spec?.nodeName)) return timeout;
  const listening = net.containerProcesses(pod).some((p) => p.listens(port));
  return listening ? { ok: true, ip, port, pod } : refused;
}

/** A host-network pod (the API server, say) listening on a node's address: what an endpoint at a node IP reaches. */
function hostNetworkPod(net: ClusterNetwork, ip: string, port: number): KObject | undefined {
  const node = net.nodeByIP(ip);
  if (!node) return undefined;
  return net
    .pods()
    .find((p) => p.spec?.hostNetwork && p.spec.nodeName === node.metadata.name && net.containerProcesses(p).some((c) => c.listens(port)));
}

/** The nodes a cloud load balancer sends to: Ready, not excluded, and (Local policy) passing the health check. */
function pickLoadBalancerNode(net: ClusterNetwork, sp: ServicePort): string | undefined {
  const eligible = net.nodes().filter((n) => {
    const labels = n.metadata.labels ?? {};
    if ('node.kubernetes.io/exclude-from-external-load-balancers' in labels || CONTROL_PLANE_LABEL in labels) return false;
    if (!nodeIP(n) || !net.nodeAlive(n.metadata.name)) return false;
    return !sp.externalPolicyLocal || categorize(sp, n.metadata.name!).local.length > 0;
  });
  if (!eligible.length) return undefined;
  return eligible[Math.floor(net.random() * eligible.length)].metadata.name;
}
