/**
 * The scheduler cache: a NodeInfo per node with the pods assigned to it (requests, ports, affinity counts), the
 * node order of the real NodeTree (zones interleaved), and image states for ImageLocality.
 */
import type { KObject } from '../types';
import { nodeAllocatable, type ResourceList } from './resources';
import { hasAnyAffinity, type HostPort, type PodInfo } from './pod-info';
import type { Taint } from './match';
import { LABEL_HOSTNAME, LABEL_ZONE } from './plugins/topology-spread-constraints';

/** Shared by every node without taints (read-only), so the filters' first look at a node touches one object less. */
const NO_TAINTS: Taint[] = [];

interface CountEntry {
  gen: number;
  n: number;
  /** Whether a pod counts, to keep n current as pods come and go. */
  counts: (p: PodInfo) => boolean;
}

export class NodeInfo {
  // The fields every filter reads for every node come first, so they share a cache line.
  unschedulable = false;
  taints: Taint[] = NO_TAINTS;
  /** pods.size, without touching the map. */
  podCount = 0;
  allocPods = 0;
  /** Hot-path copies of allocatable and requested cpu (millicores), memory and ephemeral-storage (bytes). */
  allocCpu = 0;
  reqCpu = 0;
  allocMemory = 0;
  reqMemory = 0;
  allocEphemeral = 0;
  reqEphemeral = 0;
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  /** Copies of the labels PodTopologySpread reads for every node. */
  hostnameLabel: string | undefined;
  zoneLabel: string | undefined;
  /** Bumped on every change: keys per-node caches such as matching-pod counts. */
  generation = 0;
  private lastCountKey = '';
  private lastCountGen = -1;
  private lastCount = 0;
  node: KObject | undefined;
  allocatable: ResourceList = new Map();
  labels: Record<string, string> = {};
  readonly pods = new Map<string, PodInfo>();
  readonly requested: ResourceList = new Map();
  readonly usedPorts: HostPort[] = [];
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  /** Image name -> size in bytes, from status.images. */
  images = new Map<string, number>();
  private readonly counts = new Map<string, CountEntry>();

  constructor(readonly name: string) {}

  setNode(node: KObject): void {
    this.node = node;
    this.allocatable = nodeAllocatable(node);
    this.allocCpu = this.allocatable.get('cpu') ?? 0;
    this.allocMemory = this.allocatable.get('memory') ?? 0;
    this.allocEphemeral = this.allocatable.get('ephemeral-storage') ?? 0;
    this.allocPods = this.allocatable.get('pods') ?? 0;
    this.taints = node.spec?.taints ?? NO_TAINTS;
    this.labels = node.metadata.labels ?? {};
    this.hostnameLabel = this.labels[LABEL_HOSTNAME];
    this.zoneLabel = this.labels[LABEL_ZONE];
    this.unschedulable = !!node.spec?.unschedulable;
    this.generation++;
  }

  addPod(p: PodInfo): void {
    this.pods.set(p.key, p);
    this.podCount = this.pods.size;
    this.account(p, 1);
  }

  removePod(key: string): void {
    const p = this.pods.get(key);
    if (!p) return;
    this.pods.delete(key);
    this.podCount = this.pods.size;
    this.account(p, -1);
  }

  /**
   * A count over this node's pods cached under `key` (pass the same key string each time) until the node object
   * changes; pods added and removed update it.
   */
  cachedCount(key: string): number | undefined {
    // Pods of one workload share a key, so a one-entry cache in front of the map catches nearly every call.
    if (key === this.lastCountKey && this.lastCountGen === this.generation) return this.lastCount;
    const hit = this.counts.get(key);
    return hit !== undefined && hit.gen === this.generation ? hit.n : undefined;
  }

  storeCount(key: string, n: number, counts: (p: PodInfo) => boolean): void {
    this.lastCountKey = key;
    this.lastCountGen = this.generation;
    this.lastCount = n;
    const hit = this.counts.get(key);
    if (hit !== undefined) {
      hit.gen = this.generation;
      hit.n = n;
      hit.counts = counts;
    } else this.counts.set(key, { gen: this.generation, n, counts });
  }

  /** After a pod was added (sign 1) or removed (-1): counts that were current stay current, stale ones go. */
  private updateCounts(p: PodInfo, sign: 1 | -1, before: number): void {
    for (const [key, e] of this.counts) {
      if (e.gen !== before) {
        this.counts.delete(key);
        continue;
      }
      if (e.counts(p)) e.n += sign;
      e.gen = this.generation;
    }
    if (this.lastCountGen === before) {
      const e = this.counts.get(this.lastCountKey)!;
      this.lastCount = e.n;
      this.lastCountGen = this.generation;
    }
  }

  private account(p: PodInfo, sign: 1 | -1): void {
    for (const [r, v] of p.requests) this.requested.set(r, (this.requested.get(r) ?? 0) + sign * v);
    this.reqCpu = this.requested.get('cpu') ?? 0;
    this.reqMemory = this.requested.get('memory') ?? 0;
    this.reqEphemeral = this.requested.get('ephemeral-storage') ?? 0;
    this.nonZeroCpu += sign * p.nonZeroCpu;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      if (sign > 0) this.usedPorts.push(hp);
      else {
        const i = this.usedPorts.findIndex((u) => u.ip === hp.ip && u.protocol === hp.protocol && u.port === hp.port);
        if (i >= 0) this.usedPorts.splice(i, 1);
      }
    }
    if (hasAnyAffinity(p)) this.podsWithAffinity += sign;
    if (p.requiredAntiAffinity.length) this.podsWithRequiredAntiAffinity += sign;
    this.generation++;
    if (this.counts.size) this.updateCounts(p, sign, this.generation - 1);
  }
}

function zoneOf(node: KObject): string {
  const l = node.metadata.labels ?? {};
  return `${l['topology.kubernetes.io/region'] ?? ''}:\u0000:${l['topology.kubernetes.io/zone'] ?? ''}`;
}

export class SchedulerCache {
  private readonly infos = new Map<string, NodeInfo>();
  private readonly podNode = new Map<string, string>();
  /** Zone -> node names in the order they were added (NodeTree). */
  private readonly zones = new Map<string, string[]>();
  private readonly nodeZone = new Map<string, string>();
  private list: NodeInfo[] | undefined;
  /** Image name -> number of nodes that have it. */
  readonly imageNodes = new Map<string, number>();
  /** Nodes hosting pods with any inter-pod affinity term / with required anti-affinity (HavePodsWith*List). */
  readonly nodesWithAffinityPods = new Set<NodeInfo>();
  readonly nodesWithRequiredAntiAffinityPods = new Set<NodeInfo>();

  /** Nodes in NodeTree order: one node from each zone in turn. */
  nodes(): NodeInfo[] {
    if (this.list) return this.list;
    const out: NodeInfo[] = [];
    const lists = [...this.zones.values()];
    for (let i = 0, added = true; added; i++) {
      added = false;
      for (const names of lists) {
        if (i < names.length) {
          out.push(this.infos.get(names[i])!);
          added = true;
        }
      }
    }
    this.list = out;
    return out;
  }

  node(name: string): NodeInfo | undefined {
    const info = this.infos.get(name);
    return info?.node ? info : undefined;
  }

  private info(name: string): NodeInfo {
    let info = this.infos.get(name);
    if (!info) {
      info = new NodeInfo(name);
      this.infos.set(name, info);
    }
    return info;
  }

  upsertNode(node: KObject): void {
    const name = node.metadata.name!;
    const info = this.info(name);
    const zone = zoneOf(node);
    const prevZone = this.nodeZone.get(name);
    if (prevZone !== zone) {
      if (prevZone !== undefined) this.removeFromZone(name, prevZone);
      if (!this.zones.has(zone)) this.zones.set(zone, []);
      this.zones.get(zone)!.push(name);
      this.nodeZone.set(name, zone);
      this.list = undefined;
    }
    this.setImages(info, node);
    info.setNode(node);
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info) return;
    const zone = this.nodeZone.get(name);
    if (zone !== undefined) this.removeFromZone(name, zone);
    this.nodeZone.delete(name);
    this.setImages(info, undefined);
    info.node = undefined;
    // Pods still bound to a deleted node stay accounted on an imaginary node, as the real cache keeps them.
    if (info.pods.size === 0) this.infos.delete(name);
    this.list = undefined;
  }

  private removeFromZone(name: string, zone: string): void {
    const names = this.zones.get(zone)!;
    names.splice(names.indexOf(name), 1);
    if (!names.length) this.zones.delete(zone);
  }

  private setImages(info: NodeInfo, node: KObject | undefined): void {
    for (const name of info.images.keys()) {
      const n = (this.imageNodes.get(name) ?? 1) - 1;
      if (n <= 0) this.imageNodes.delete(name);
      else this.imageNodes.set(name, n);
    }
    info.images = new Map();
    for (const img of node?.status?.images ?? []) {
      for (const name of img.names ?? []) {
        if (info.images.has(name)) continue;
        info.images.set(name, img.sizeBytes ?? 0);
        this.imageNodes.set(name, (this.imageNodes.get(name) ?? 0) + 1);
      }
    }
  }

  /** Add or move an assigned pod; returns the NodeInfo it is now on. */
  upsertPod(p: PodInfo, nodeName: string): void {
    this.removePod(p.key);
    const info = this.info(nodeName);
    info.addPod(p);
    this.podNode.set(p.key, nodeName);
    this.trackAffinity(info);
  }

  private trackAffinity(info: NodeInfo): void {
    if (info.podsWithAffinity > 0) this.nodesWithAffinityPods.add(info);
    else this.nodesWithAffinityPods.delete(info);
    if (info.podsWithRequiredAntiAffinity > 0) this.nodesWithRequiredAntiAffinityPods.add(info);
    else this.nodesWithRequiredAntiAffinityPods.delete(info);
  }

  removePod(key: string): PodInfo | undefined {
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) return undefined;
    this.podNode.delete(key);
    const info = this.infos.get(nodeName)!;
    const p = info.pods.get(key);
    info.removePod(key);
    this.trackAffinity(info);
    if (!info.node && info.pods.size === 0) this.infos.delete(nodeName);
    return p;
  }

  assignedPod(key: string): PodInfo | undefined {
    const nodeName = this.podNode.get(key);
    return nodeName === undefined ? undefined : this.infos.get(nodeName)?.pods.get(key);
  }
}
