/**
 * The cluster's data plane: one kube-proxy per node (iptables mode) programmed from the Service and EndpointSlice
 * informers, the per-node `recent` tables that ClientIP session affinity fills, and the lookups the request router,
 * the DNS resolver and the ingress controller share. Runs as a controller so it sees what kube-proxy would see.
 */
import type { KubeletHost } from '../kubelet/host';
import type { Controller, ControllerContext } from '../runtime/controller-manager';
import type { Informer } from '../runtime/informer';
import type { KObject } from '../types';
import { nodeRules, type NodeRules } from './iptables-rules';
import { servicePorts, type ServicePort } from './service-ports';

export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

export class ClusterNetwork implements Controller {
  readonly name = 'kube-proxy';
  private ctx: ControllerContext | undefined;
  private inf: Record<'services' | 'slices' | 'pods' | 'nodes' | 'ingresses' | 'ingressClasses', Informer> | undefined;
  private ports: ServicePort[] | undefined;
  /** Per node: when its kube-proxy last rewrote its rules (virtual ms). */
  readonly lastSync = new Map<string, number>();
  /** xt_recent lists per node: `node|KUBE-SEP-…|source IP` -> last seen (virtual ms). */
  private readonly recent = new Map<string, number>();
  /** Round-robin position of the ingress controller per upstream (ingress-nginx's default balancer). */
  private readonly roundRobin = new Map<string, number>();

  constructor(private readonly kubelets?: KubeletHost) {}

  start(ctx: ControllerContext): void {
    this.ctx = ctx;
    this.inf = {
      services: ctx.informer('services'),
      slices: ctx.informer('endpointslices', 'discovery.k8s.io'),
      pods: ctx.informer('pods'),
      nodes: ctx.informer('nodes'),
      ingresses: ctx.informer('ingresses', 'networking.k8s.io'),
      ingressClasses: ctx.informer('ingressclasses', 'networking.k8s.io'),
    };
    // Every node's kube-proxy resyncs its rules when a Service or an EndpointSlice changes.
    const changed = () => {
      this.ports = undefined;
      for (const n of this.inf!.nodes.list()) this.lastSync.set(n.metadata.name!, ctx.clock.now());
    };
    this.inf.services.on(changed);
    this.inf.slices.on(changed);
    this.inf.nodes.on((type, node) => {
      if (type === 'DELETED') this.lastSync.delete(node.metadata.name!);
      else if (!this.lastSync.has(node.metadata.name!)) this.lastSync.set(node.metadata.name!, ctx.clock.now());
    });
  }

  private get informers() {
    if (!this.inf) throw new Error('the cluster network is not started');
    return this.inf;
  }

  now(): number {
    return this.ctx?.clock.now() ?? 0;
  }

  /** Wall-clock ms of a virtual instant (for log lines). */
  epochMs(at: number): number {
    return this.ctx?.clock.epochMs(at) ?? at;
  }

  /** A float in [0, 1) from the engine's seeded RNG (iptables' statistic match draws one per rule). */
  random(): number {
    return this.ctx!.rng.next();
  }

  servicePorts(): ServicePort[] {
    return (this.ports ??= servicePorts(this.informers.services.list(), this.informers.slices.list()));
  }

  /** The rules the kube-proxy of `node` has written. */
  rules(node: string): NodeRules {
    return nodeRules(this.servicePorts(), node);
  }

  service(ns: string, name: string): KObject | undefined {
    return this.informers.services.get(`${ns}/${name}`);
  }

  services(): KObject[] {
    return this.informers.services.list();
  }

  pod(ns: string, name: string): KObject | undefined {
    return this.informers.pods.get(`${ns}/${name}`);
  }

  pods(ns?: string): KObject[] {
    return this.informers.pods.list(ns);
  }

  podByIP(ip: string): KObject | undefined {
    return this.informers.pods.list().find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  }

  node(name: string): KObject | undefined {
    return this.informers.nodes.get(name);
  }

  nodes(): KObject[] {
    return [...this.informers.nodes.list()].sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
  }

  nodeByIP(ip: string): KObject | undefined {
    return this.nodes().find((n) => nodeIP(n) === ip);
  }

  endpointSlices(ns: string, service: string): KObject[] {
    return this.informers.slices.list(ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service && s.addressType === 'IPv4');
  }

  ingresses(): KObject[] {
    return this.informers.ingresses.list();
  }

  ingressClasses(): KObject[] {
    return this.informers.ingressClasses.list();
  }

  /** Whether the machine is up (a failed node answers nothing: packets to it time out). */
  nodeAlive(name: string | undefined): boolean {
    if (!name) return false;
    const k = this.kubelets?.kubelet(name);
    return k ? k.alive() : !!this.node(name);
  }

  /** The running container processes of a pod, as its kubelet has them. */
  containerProcesses(pod: KObject) {
    const k = pod.spec?.nodeName ? this.kubelets?.kubelet(pod.spec.nodeName) : undefined;
    const w = k?.alive() ? k.workers.get(pod.metadata.uid!) : undefined;
    return (w?.apps ?? []).map((c) => c.proc).filter((p) => p !== undefined);
  }

  /** xt_recent --rcheck --seconds S --reap: whether `src` was seen by this SEP chain on this node in the last S s. */
  recentCheck(node: string, chain: string, src: string, seconds: number): boolean {
    const key = `${node}|${chain}|${src}`;
    const at = this.recent.get(key);
    if (at === undefined) return false;
    if (this.now() - at > seconds * 1000) {
      this.recent.delete(key);
      return false;
    }
    return true;
  }

  /** xt_recent --set. */
  recentSet(node: string, chain: string, src: string): void {
    this.recent.set(`${node}|${chain}|${src}`, this.now());
  }

  /** The next index of a round robin over `n` upstream servers for `key`. */
  nextRoundRobin(key: string, n: number): number {
    const i = (this.roundRobin.get(key) ?? -1) + 1;
    this.roundRobin.set(key, i % n);
    return i % n;
  }
}

export function nodeIP(node: KObject): string | undefined {
  return node.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address;
}
