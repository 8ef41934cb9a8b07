/**
 * The iptables rules kube-proxy (iptables mode) writes on one node for the service ports it knows, in the form
 * `iptables-save` prints them back (address matches first, quoted comments, probabilities as the kernel stores them).
 * Mirrors syncProxyRules and writeServiceToEndpointRules in pkg/proxy/iptables/proxier.go.
 */
import { savedProbability } from './chain-names';
import { categorize, type Endpoint, type ServicePort } from './service-ports';

export const POD_CIDR = '10.244.0.0/16';

/** Rules by chain, chains in the order they are first written. */
export class Table {
  readonly chains = new Map<string, string[]>();

  chain(name: string): string[] {
    let rules = this.chains.get(name);
    if (!rules) this.chains.set(name, (rules = []));
    return rules;
  }

  add(chain: string, rule: string): void {
    this.chain(chain).push(`-A ${chain} ${rule}`);
  }
}

export interface NodeRules {
  filter: Table;
  nat: Table;
}

/** xtables_save_string: bare when only [A-Za-z0-9_-], else double-quoted. */
const comment = (text: string) => `-m comment --comment ${/^[\w-]+$/.test(text) ? text : `"${text}"`}`;
const recentName = (chain: string) => `--name ${chain} --mask 255.255.255.255 --rsource`;

export function nodeRules(ports: ServicePort[], node: string): NodeRules {
  const filter = new Table();
  const nat = new Table();
  filter.chain('KUBE-EXTERNAL-SERVICES');
  filter.chain('KUBE-SERVICES');
  nat.chain('KUBE-SERVICES');
  nat.chain('KUBE-NODEPORTS');
  nat.add('KUBE-MARK-MASQ', '-j MARK --set-xmark 0x4000/0x4000');
  nat.add('KUBE-POSTROUTING', '-m mark ! --mark 0x4000/0x4000 -j RETURN');
  nat.add('KUBE-POSTROUTING', '-j MARK --set-xmark 0x4000/0x0');
  nat.add('KUBE-POSTROUTING', `${comment('kubernetes service traffic requiring SNAT')} -j MASQUERADE --random-fully`);
  for (const sp of ports) servicePortRules(sp, node, filter, nat);
  nat.add('KUBE-SERVICES', `${comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain')} -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`);
  return { filter, nat };
}

function servicePortRules(sp: ServicePort, node: string, filter: Table, nat: Table): void {
  const { cluster, local, any } = categorize(sp, node);
  const p = sp.protocol;
  const internalEndpoints = sp.internalPolicyLocal ? local : cluster;
  const externalEndpoints = sp.externalPolicyLocal ? local : cluster;
  const external = sp.nodePort > 0 || sp.loadBalancerIPs.length > 0 || sp.externalIPs.length > 0;
  const internalChain = sp.internalPolicyLocal ? sp.chains.svl : sp.chains.svc;
  const externalPolicyChain = sp.externalPolicyLocal ? sp.chains.svl : sp.chains.svc;
  const dst = (ip: string) => `-d ${ip}/32 -p ${p}`;
  const dport = (port: number) => `-m ${p} --dport ${port}`;

  // The cluster IP.
  if (internalEndpoints.length) {
    nat.add('KUBE-SERVICES', `${dst(sp.clusterIP)} ${comment(`${sp.spn} cluster IP`)} ${dport(sp.port)} -j ${internalChain}`);
  } else {
    const [why, target] = any && sp.internalPolicyLocal ? ['has no local endpoints', 'DROP'] : ['has no endpoints', 'REJECT --reject-with icmp-port-unreachable'];
    filter.add('KUBE-SERVICES', `${dst(sp.clusterIP)} ${comment(`${sp.spn} ${why}`)} ${dport(sp.port)} -j ${target}`);
  }
  // Load-balancer and external IPs.
  for (const ip of [...sp.externalIPs, ...sp.loadBalancerIPs]) {
    const kind = sp.loadBalancerIPs.includes(ip) ? 'loadbalancer IP' : 'external IP';
    if (any) nat.add('KUBE-SERVICES', `${dst(ip)} ${comment(`${sp.spn} ${kind}`)} ${dport(sp.port)} -j ${sp.chains.ext}`);
    if (!externalEndpoints.length) {
      const [why, target] = any ? ['has no local endpoints', 'DROP'] : ['has no endpoints', 'REJECT --reject-with icmp-port-unreachable'];
      filter.add('KUBE-EXTERNAL-SERVICES', `${dst(ip)} ${comment(`${sp.spn} ${why}`)} ${dport(sp.port)} -j ${target}`);
    }
  }
  // The node port.
  if (sp.nodePort) {
    if (any) nat.add('KUBE-NODEPORTS', `-p ${p} ${comment(sp.spn)} ${dport(sp.nodePort)} -j ${sp.chains.ext}`);
    if (!externalEndpoints.length) {
      const [why, target] = any ? ['has no local endpoints', 'DROP'] : ['has no endpoints', 'REJECT --reject-with icmp-port-unreachable'];
      filter.add('KUBE-EXTERNAL-SERVICES', `-p ${p} ${comment(`${sp.spn} ${why}`)} -m addrtype --dst-type LOCAL ${dport(sp.nodePort)} -j ${target}`);
    }
  }
  if (!any) return;

  // KUBE-SVC: masquerade off-cluster clients of the cluster IP, then pick an endpoint.
  if (cluster.length) {
    nat.add(sp.chains.svc, `! -s ${POD_CIDR} ${dst(sp.clusterIP)} ${comment(`${sp.spn} cluster IP`)} ${dport(sp.port)} -j KUBE-MARK-MASQ`);
    endpointRules(nat, sp, sp.chains.svc, cluster);
  }
  if ((sp.externalPolicyLocal || sp.internalPolicyLocal) && local.length) endpointRules(nat, sp, sp.chains.svl, local);
  if (external) {
    const ext = sp.chains.ext;
    if (!sp.externalPolicyLocal) {
      nat.add(ext, `${comment(`masquerade traffic for ${sp.spn} external destinations`)} -j KUBE-MARK-MASQ`);
    } else {
      nat.add(ext, `-s ${POD_CIDR} ${comment(`pod traffic for ${sp.spn} external destinations`)} -j ${sp.chains.svc}`);
      nat.add(ext, `${comment(`masquerade LOCAL traffic for ${sp.spn} external destinations`)} -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`);
      nat.add(ext, `${comment(`route LOCAL traffic for ${sp.spn} external destinations`)} -m addrtype --src-type LOCAL -j ${sp.chains.svc}`);
    }
    if (externalEndpoints.length) nat.add(ext, `-j ${externalPolicyChain}`);
  }
  // KUBE-SEP: one chain per endpoint in use, DNAT to it.
  const used = new Map<string, Endpoint>();
  for (const e of [...cluster, ...local]) used.set(e.chain, e);
  for (const e of used.values()) {
    nat.add(e.chain, `-s ${e.ip}/32 ${comment(sp.spn)} -j KUBE-MARK-MASQ`);
    const recent = sp.affinitySeconds !== undefined ? ` -m recent --set ${recentName(e.chain)}` : '';
    nat.add(e.chain, `-p ${p} ${comment(sp.spn)}${recent} -m ${p} -j DNAT --to-destination ${e.hostPort}`);
  }
}

/** writeServiceToEndpointRules: affinity checks first, then 1/n, 1/(n-1) ... with the last rule unconditional. */
function endpointRules(nat: Table, sp: ServicePort, chain: string, eps: Endpoint[]): void {
  if (sp.affinitySeconds !== undefined) {
    for (const e of eps) {
      nat.add(chain, `${comment(`${sp.spn} -> ${e.hostPort}`)} -m recent --rcheck --seconds ${sp.affinitySeconds} --reap ${recentName(e.chain)} -j ${e.chain}`);
    }
  }
  eps.forEach((e, i) => {
    const stat = i < eps.length - 1 ? ` -m statistic --mode random --probability ${savedProbability(eps.length - i)}` : '';
    nat.add(chain, `${comment(`${sp.spn} -> ${e.hostPort}`)}${stat} -j ${e.chain}`);
  });
}
