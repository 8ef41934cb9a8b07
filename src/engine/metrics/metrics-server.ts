/**
 * The simulated metrics-server: every 15 s (the --metric-resolution its manifests set) it scrapes each Ready node's
 * kubelet for cumulative CPU time and working-set memory of the node and of each running container, and keeps the
 * last two scrapes. CPU usage is the rate between them, over a window of their distance, so a pod has metrics from
 * its second scrape on, or from its first when its containers started 10-15 s before it (metrics-server then takes
 * the start as the earlier point, at zero CPU). Pods that are not Running have no metrics.
 *
 * Between scrapes the containers' cumulative CPU is integrated exactly: the traffic's per-pod rates only change at
 * known instants, and the integration is brought up to date just before each change.
 */
import type { Clock } from '../clock';
import type { Controller, ControllerContext } from '../runtime/controller-manager';
import type { Informer } from '../runtime/informer';
import type { TrafficLoad } from '../traffic/load';
import type { KObject } from '../types';
import type { MetricsReader, NodeSample, PodSample } from './metrics-api';
import { containerProfile, cpuMillicores, memoryBytes, NODE_SYSTEM_CPU_MILLICORES, NODE_SYSTEM_MEMORY_BYTES, type ContainerProfile } from './usage';

/** --metric-resolution=15s, as the metrics-server manifests and Helm chart run it. */
export const METRIC_RESOLUTION_MS = 15_000;
/** A kubelet renews its Lease every 10 s: one silent for longer is taken as unreachable. */
const KUBELET_SILENT_MS = 12_000;
/** metrics-server's freshContainerMinMetricsResolution. */
const FRESH_CONTAINER_MIN_MS = 10_000;

interface Point {
  start: number;
  at: number;
  /** Cumulative CPU time in millicore-milliseconds. */
  cpu: number;
  memory: number;
}

type PodPoints = Map<string, Point>;

export class MetricsServer implements Controller, MetricsReader {
  readonly name = 'metrics-server';
  private clock: Clock | undefined;
  private pods: Informer | undefined;
  private nodes: Informer | undefined;
  private leases: Informer | undefined;
  private readonly profiles = new Map<string, ContainerProfile>();
  /** Cumulative CPU per container instance ("podUID/container/startedAt") and of the pods on each node. */
  private containerCpu = new Map<string, { cpu: number; at: number }>();
  private readonly nodePodsCpu = new Map<string, number>();
  private integratedAt = 0;
  private last = new Map<string, PodPoints>();
  private prev = new Map<string, PodPoints>();
  private nodeLast = new Map<string, Point>();
  private nodePrev = new Map<string, Point>();

  constructor(private readonly traffic: TrafficLoad) {
    traffic.onBeforeChange((now) => this.integrate(now));
  }

  start(ctx: ControllerContext): void {
    this.clock = ctx.clock;
    this.pods = ctx.informer('pods');
    this.nodes = ctx.informer('nodes');
    this.leases = ctx.informer('leases', 'coordination.k8s.io');
    const tick = () => {
      this.scrape();
      ctx.clock.schedule(METRIC_RESOLUTION_MS, tick);
    };
    ctx.clock.schedule(METRIC_RESOLUTION_MS, tick);
  }

  pod(namespace: string, name: string): PodSample | undefined {
    const last = this.last.get(`${namespace}/${name}`);
    const prev = this.prev.get(`${namespace}/${name}`);
    if (!last || !prev) return undefined;
    const containers: PodSample['containers'] = [];
    let timestamp = Infinity;
    let windowMs = 0;
    for (const [c, l] of last) {
      const p = prev.get(c);
      if (!p) return undefined;
      containers.push({ name: c, cpuNanocores: rate(l, p), memoryBytes: l.memory });
      if (l.at < timestamp) {
        timestamp = l.at;
        windowMs = l.at - p.at;
      }
    }
    return { timestamp, windowMs, containers };
  }

  node(name: string): NodeSample | undefined {
    const l = this.nodeLast.get(name);
    const p = this.nodePrev.get(name);
    if (!l || !p) return undefined;
    return { timestamp: l.at, windowMs: l.at - p.at, cpuNanocores: rate(l, p), memoryBytes: l.memory };
  }

  /** Bring every running container's cumulative CPU up to `now` at the rates of the period just ended. */
  private integrate(now: number): void {
    const clock = this.clock;
    if (!clock || !this.pods) return;
    const seen = new Set<string>();
    for (const pod of this.pods.list()) {
      const nodeName = pod.spec?.nodeName;
      if (pod.status?.phase !== 'Running' || !nodeName || !this.nodeScrapable(nodeName)) continue;
      const rps = this.traffic.podRate(pod.metadata.namespace!, pod.metadata.name!);
      const serving = servingContainer(pod);
      for (const { spec, started, key } of runningContainers(pod, clock)) {
        seen.add(key);
        const acc = this.containerCpu.get(key) ?? { cpu: 0, at: started };
        const dt = now - Math.max(acc.at, started, this.integratedAt);
        if (dt > 0) {
          const used = cpuMillicores(this.profile(spec), spec.name === serving ? rps : 0) * dt;
          acc.cpu += used;
          this.nodePodsCpu.set(nodeName, (this.nodePodsCpu.get(nodeName) ?? 0) + used);
        }
        acc.at = now;
        this.containerCpu.set(key, acc);
      }
    }
    for (const key of this.containerCpu.keys()) if (!seen.has(key)) this.containerCpu.delete(key);
    this.integratedAt = now;
  }

  /** A node answers the scrape when it is Ready and its kubelet renewed its Lease lately (a dead machine does not). */
  private nodeScrapable(name: string): boolean {
    const node = this.nodes?.get(name);
    if (!node || !(node.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')) return false;
    const renewed = this.leases?.get(`kube-node-lease/${name}`)?.spec?.renewTime;
    return !renewed || this.clock!.now() - this.clock!.parse(renewed) <= KUBELET_SILENT_MS;
  }

  /** The container's use profile, by what it depends on (image and CPU limit). */
  private profile(spec: any): ContainerProfile {
    const key = `${spec.image}|${spec.resources?.limits?.cpu ?? ''}`;
    let p = this.profiles.get(key);
    if (!p) this.profiles.set(key, (p = containerProfile(spec)));
    return p;
  }

  private scrape(): void {
    const clock = this.clock!;
    const now = clock.now();
    this.integrate(now);
    const last = new Map<string, PodPoints>();
    const prev = new Map<string, PodPoints>();
    const nodeMemory = new Map<string, number>();
    for (const pod of this.pods!.list()) {
      const nodeName = pod.spec?.nodeName;
      if (pod.status?.phase !== 'Running' || !nodeName || !this.nodeScrapable(nodeName)) continue;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const rps = this.traffic.podRate(pod.metadata.namespace!, pod.metadata.name!);
      const serving = servingContainer(pod);
      const newLast: PodPoints = new Map();
      const newPrev: PodPoints = new Map();
      for (const { spec, started, key: ckey } of runningContainers(pod, clock)) {
        const memory = memoryBytes(this.profile(spec), spec.name === serving ? rps : 0);
        nodeMemory.set(nodeName, (nodeMemory.get(nodeName) ?? 0) + memory);
        const point: Point = { start: started, at: now, cpu: this.containerCpu.get(ckey)?.cpu ?? 0, memory };
        newLast.set(spec.name, point);
        const earlier = this.earlierPoint(point, this.last.get(key)?.get(spec.name), this.prev.get(key)?.get(spec.name));
        if (earlier) newPrev.set(spec.name, earlier);
      }
      last.set(key, newLast);
      if (newPrev.size) prev.set(key, newPrev);
    }
    this.last = last;
    this.prev = prev;
    this.scrapeNodes(now, nodeMemory);
  }

  /** podStorage.Store: which earlier point a new one is compared with. */
  private earlierPoint(point: Point, last: Point | undefined, prev: Point | undefined): Point | undefined {
    const age = point.at - point.start;
    if (point.start < point.at && age < METRIC_RESOLUTION_MS && age >= FRESH_CONTAINER_MIN_MS) {
      return { ...point, at: point.start, cpu: 0 };
    }
    if (last && point.start < last.at) {
      if (point.at > last.at) return last;
      if (prev && prev.at < point.at) return prev;
    }
    return undefined;
  }

  private scrapeNodes(now: number, podMemory: Map<string, number>): void {
    const last = new Map<string, Point>();
    const prev = new Map<string, Point>();
    for (const node of this.nodes!.list()) {
      const name = node.metadata.name!;
      if (!this.nodeScrapable(name)) continue;
      const start = this.clock!.parse(node.metadata.creationTimestamp!);
      const point: Point = {
        start,
        at: now,
        cpu: (this.nodePodsCpu.get(name) ?? 0) + NODE_SYSTEM_CPU_MILLICORES * (now - start),
        memory: NODE_SYSTEM_MEMORY_BYTES + (podMemory.get(name) ?? 0),
      };
      last.set(name, point);
      const earlier = this.earlierPoint(point, this.nodeLast.get(name), this.nodePrev.get(name));
      if (earlier) prev.set(name, earlier);
    }
    this.nodeLast = last;
    this.nodePrev = prev;
  }
}

/** CPU use in nanocores between two cumulative points (metrics-server truncates to a whole nanocore). */
function rate(l: Point, p: Point): number {
  const ms = l.at - p.at;
  return ms > 0 ? Math.max(0, Math.floor(((l.cpu - p.cpu) / ms) * 1e6)) : 0;
}

/** The container that serves the pod's Service traffic: the first that declares a port, else the first. */
function servingContainer(pod: KObject): string | undefined {
  const containers: any[] = pod.spec?.containers ?? [];
  return (containers.find((c) => c.ports?.length) ?? containers[0])?.name;
}

function runningContainers(pod: KObject, clock: Clock): { spec: any; started: number; key: string }[] {
  const out: { spec: any; started: number; key: string }[] = [];
  for (const cs of pod.status?.containerStatuses ?? []) {
    const startedAt = cs.state?.running?.startedAt;
    const spec = (pod.spec?.containers ?? []).find((c: any) => c.name === cs.name);
    if (!startedAt || !spec) continue;
    out.push({ spec, started: clock.parse(startedAt), key: `${pod.metadata.uid}/${cs.name}/${startedAt}` });
  }
  return out;
}
