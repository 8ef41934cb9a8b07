/**
 * The kubelet of one node: admits the pods bound to it (resource fit, as the kubelet's admit handlers do), runs a
 * pod worker for each, owns the node's images, pod IPs and crash back-off, heartbeats, and can die and come back.
 */
import type { KObject } from '../types';
import type { ControllerContext } from '../runtime/controller-manager';
import type { EventRecorder } from '../runtime/events';
import { parseQuantity } from '../api/quantity';
import { Backoff } from './backoff';
import type { ConfigLookup } from './env';
import { ImageStore, PRELOADED } from './images/image-store';
import { parseImage, resolvePull } from './images/reference';
import type { NodeRuntime } from './node-runtime';
import { NodeHeartbeat } from './node-status';
import { PodWorker } from './pod-worker';
import { ensureStaticPods, isMirrorPod } from './static-pods';

export class Kubelet implements NodeRuntime {
  readonly images: ImageStore;
  readonly backoff: Backoff;
  readonly recorder: EventRecorder;
  readonly workers = new Map<string, PodWorker>();
  /** Latest pod objects seen while the kubelet was down. */
  private readonly pending = new Map<string, KObject>();
  private epoch = 0;
  private running = false;
  private readonly usedIPs = new Set<string>();
  private nextIP = 2;
  private readonly heartbeat: NodeHeartbeat;
  node: KObject;
  failedAt: number | undefined;
  private lastFailedAt: number | undefined;
  /** podRequests of each worker's pod object, read again only when the pod object changes. */
  private readonly requestsCache = new Map<string, { pod: KObject; r: { cpu: number; memory: number } }>();

  constructor(
    private readonly ctx: ControllerContext,
    node: KObject,
    readonly config: ConfigLookup,
  ) {
    this.node = node;
    this.recorder = ctx.recorder({ component: 'kubelet', host: this.nodeName });
    this.backoff = new Backoff(() => ctx.clock.now());
    this.images = new ImageStore(ctx.rng, () => ctx.clock.now(), (ms, fn) => this.schedule(ms, fn));
    for (const raw of PRELOADED) {
      const p = parseImage(raw);
      if ('ref' in p) {
        const a = resolvePull(p.ref);
        if (a.ok) this.images.add(p.ref, a.digest, a.sizeBytes, a.image);
      }
    }
    this.heartbeat = new NodeHeartbeat(this);
  }

  get nodeName(): string {
    return this.node.metadata.name!;
  }

  get clock() {
    return this.ctx.clock;
  }

  readonly processHost = {
    schedule: (ms: number, fn: () => void) => this.schedule(ms, fn),
    now: () => this.ctx.clock.now(),
    epochMs: (at?: number) => this.ctx.clock.epochMs(at),
  };

  request = (req: Parameters<ControllerContext['request']>[0]) => this.ctx.request(req);

  alive(): boolean {
    return this.running;
  }

  schedule(ms: number, fn: () => void): void {
    const epoch = this.epoch;
    this.ctx.clock.schedule(ms, () => {
      if (this.running && epoch === this.epoch) fn();
    });
  }

  hostIP(): string {
    return this.node.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address ?? '';
  }

  private cidrBase(): string {
    const cidr: string = this.node.spec?.podCIDR ?? '10.244.0.0/24';
    return cidr.split('/')[0].split('.').slice(0, 3).join('.');
  }

  gatewayIP(): string {
    return `${this.cidrBase()}.1`;
  }

  /** host-local IPAM: the next free address after the last one handed out, wrapping at the end of the /24. */
  allocateIP(): string {
    for (let i = 0; i < 253; i++) {
      const n = this.nextIP;
      this.nextIP = n >= 254 ? 2 : n + 1;
      const ip = `${this.cidrBase()}.${n}`;
      if (!this.usedIPs.has(ip)) {
        this.usedIPs.add(ip);
        return ip;
      }
    }
    return '';
  }

  releaseIP(ip: string): void {
    this.usedIPs.delete(ip);
  }

  start(): void {
    this.running = true;
    this.failedAt = undefined;
    this.heartbeat.start();
    if (this.node.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) {
      this.schedule(0, () => ensureStaticPods(this));
    }
    for (const pod of this.pending.values()) this.schedule(0, () => this.podChanged('ADDED', pod));
    this.pending.clear();
  }

  /** The machine died: no more heartbeats, status writes or container activity. */
  fail(): void {
    if (!this.running) return;
    this.running = false;
    this.epoch++;
    this.failedAt = this.ctx.clock.now();
    this.lastFailedAt = this.failedAt;
    this.images.reset();
    for (const w of this.workers.values()) this.pending.set(w.uid, w.pod);
    for (const w of this.workers.values()) {
      w.gone = true;
      w.probes.stop();
    }
    this.workers.clear();
    this.requestsCache.clear();
    this.usedIPs.clear();
  }

  /** The machine is back: the kubelet starts again and re-syncs its pods (their containers start anew). */
  recover(): void {
    if (this.running) return;
    this.start();
  }

  nodeUpdated(node: KObject): void {
    this.node = node;
  }

  podChanged(type: 'ADDED' | 'MODIFIED' | 'DELETED', pod: KObject): void {
    const uid = pod.metadata.uid!;
    if (!this.running) {
      if (type === 'DELETED') this.pending.delete(uid);
      else this.pending.set(uid, pod);
      return;
    }
    let w = this.workers.get(uid);
    if (type === 'DELETED') {
      if (w) {
        w.remove();
        this.workers.delete(uid);
        this.requestsCache.delete(uid);
        this.backoff.forgetPrefix(uid);
      }
      if (isMirrorPod(pod)) this.schedule(1000, () => ensureStaticPods(this));
      return;
    }
    if (w) return w.update(pod);
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    if (pod.metadata.deletionTimestamp) {
      w = new PodWorker(this, pod);
      this.workers.set(uid, w);
      w.terminate();
      return;
    }
    const rejection = this.admit(pod);
    if (rejection) return this.reject(pod, rejection);
    w = new PodWorker(this, pod);
    if (type === 'ADDED' && pod.status?.containerStatuses) w.adoptAfterReboot(pod, this.lastFailedAt ?? this.ctx.clock.now());
    this.workers.set(uid, w);
    w.start();
  }

  private admit(pod: KObject): { reason: string; message: string } | undefined {
    const alloc = this.node.status?.allocatable ?? {};
    const want = podRequests(pod);
    const used = { cpu: 0, memory: 0, pods: 0 };
    for (const w of this.workers.values()) {
      if (w.terminal()) continue;
      const r = this.requestsOf(w);
      used.cpu += r.cpu;
      used.memory += r.memory;
      used.pods++;
    }
    const cap = { cpu: Math.round((parseQuantity(alloc.cpu) ?? Infinity) * 1000), memory: parseQuantity(alloc.memory) ?? Infinity, pods: parseQuantity(alloc.pods) ?? 110 };
    if (used.pods + 1 > cap.pods) return { reason: 'OutOfpods', message: `Node didn't have enough resource: pods, requested: 1, used: ${used.pods}, capacity: ${cap.pods}` };
    for (const r of ['cpu', 'memory'] as const) {
      if (want[r] > 0 && used[r] + want[r] > cap[r]) {
        return { reason: `OutOf${r}`, message: `Node didn't have enough resource: ${r}, requested: ${want[r]}, used: ${used[r]}, capacity: ${cap[r]}` };
      }
    }
    return undefined;
  }

  private requestsOf(w: PodWorker): { cpu: number; memory: number } {
    let c = this.requestsCache.get(w.uid);
    if (!c || c.pod !== w.pod) this.requestsCache.set(w.uid, (c = { pod: w.pod, r: podRequests(w.pod) }));
    return c.r;
  }

  private reject(pod: KObject, r: { reason: string; message: string }): void {
    this.recorder.event(pod, 'Warning', r.reason, r.message);
    this.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`,
      contentType: 'application/merge-patch+json',
      body: { status: { phase: 'Failed', reason: r.reason, message: `Pod was rejected: ${r.message}`, startTime: this.ctx.clock.timestamp() } },
    });
  }
}

/** The pod's effective requests: the larger of the sum over app containers and the largest init container. */
export function podRequests(pod: KObject): { cpu: number; memory: number } {
  const req = (c: any, r: string) => parseQuantity(c.resources?.requests?.[r] ?? c.resources?.limits?.[r]) ?? 0;
  const sum = (r: string) => (pod.spec?.containers ?? []).reduce((a: number, c: any) => a + req(c, r), 0);
  const init = (r: string) => (pod.spec?.initContainers ?? []).reduce((a: number, c: any) => Math.max(a, req(c, r)), 0);
  const overhead = (r: string) => parseQuantity(pod.spec?.overhead?.[r]) ?? 0;
  return {
    cpu: Math.round((Math.max(sum('cpu'), init('cpu')) + overhead('cpu')) * 1000),
    memory: Math.max(sum('memory'), init('memory')) + overhead('memory'),
  };
}
