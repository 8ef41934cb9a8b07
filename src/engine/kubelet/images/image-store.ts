/**
 * A node's images: the local cache (reported in Node status.images, which the scheduler's ImageLocality reads)
 * and the puller. Pulls are serialized per node, as the kubelet's default serializeImagePulls does, so a pull's
 * "including waiting" time counts the queue. A pull takes time from the image size, with seeded jitter.
 */
import type { Rng } from '../../rng';
import type { CatalogImage } from './catalog';
import { resolvePull, type ImageRef } from './reference';

export interface CachedImage {
  repo: string;
  tags: Set<string>;
  digest: string;
  sizeBytes: number;
  image: CatalogImage | undefined;
}

export type PullResult =
  | { ok: true; cached: CachedImage; pullMs: number; totalMs: number }
  | { ok: false; error: string };

interface PendingPull {
  ref: ImageRef;
  requestedAt: number[];
  callbacks: ((r: PullResult) => void)[];
}

/** Images every kind node image ships with (kubeadm's pre-pulled control-plane and add-on images). */
export const PRELOADED = [
  'registry.k8s.io/pause:3.10',
  'registry.k8s.io/kube-proxy:v1.33.4',
  'registry.k8s.io/coredns/coredns:v1.12.0',
  'registry.k8s.io/etcd:3.5.21-0',
  'registry.k8s.io/kube-apiserver:v1.33.4',
  'registry.k8s.io/kube-controller-manager:v1.33.4',
  'registry.k8s.io/kube-scheduler:v1.33.4',
];

export class ImageStore {
  private readonly images = new Map<string, CachedImage>();
  private readonly queue: PendingPull[] = [];
  private readonly inFlight = new Map<string, PendingPull>();
  private pulling = false;
  /** Bumped whenever the cache changes, so node status knows to report it. */
  version = 0;

  constructor(
    private readonly rng: Rng,
    private readonly now: () => number,
    private readonly schedule: (ms: number, fn: () => void) => void,
  ) {}

  has(ref: ImageRef): CachedImage | undefined {
    return this.images.get(ref.full);
  }

  add(ref: ImageRef, digest: string, sizeBytes: number, image: CatalogImage | undefined): CachedImage {
    let c = this.images.get(ref.full);
    if (!c) {
      c = { repo: ref.repo, tags: new Set(), digest, sizeBytes, image };
      this.images.set(ref.full, c);
    }
    if (!ref.digest) c.tags.add(ref.tag);
    this.version++;
    return c;
  }

  pull(ref: ImageRef, done: (r: PullResult) => void): void {
    const pending = this.inFlight.get(ref.full);
    if (pending) {
      pending.callbacks.push(done);
      pending.requestedAt.push(this.now());
      return;
    }
    const p: PendingPull = { ref, requestedAt: [this.now()], callbacks: [done] };
    this.inFlight.set(ref.full, p);
    this.queue.push(p);
    this.next();
  }

  /** Forget queued work (the machine died). */
  reset(): void {
    this.queue.length = 0;
    this.inFlight.clear();
    this.pulling = false;
  }

  private next(): void {
    if (this.pulling) return;
    const p = this.queue.shift();
    if (!p) return;
    this.pulling = true;
    const answer = resolvePull(p.ref);
    const start = this.now();
    const jitter = 0.85 + 0.3 * this.rng.next();
    const ms = Math.round(answer.ok ? (400 + (answer.sizeBytes / 1e6) * 25) * jitter : 300 + 900 * this.rng.next());
    this.schedule(ms, () => {
      if (this.inFlight.get(p.ref.full) !== p) return;
      this.inFlight.delete(p.ref.full);
      this.pulling = false;
      const end = this.now();
      if (answer.ok) {
        const cached = this.add(p.ref, answer.digest, answer.sizeBytes, answer.image);
        p.callbacks.forEach((cb, i) => cb({ ok: true, cached, pullMs: end - start, totalMs: end - p.requestedAt[i] }));
      } else {
        p.callbacks.forEach((cb) => cb({ ok: false, error: answer.error }));
      }
      this.next();
    });
  }

  /** Node status.images: largest first, at most 50 (nodeStatusMaxImages). */
  nodeImages(): { names: string[]; sizeBytes: number }[] {
    return [...this.images.values()]
      .sort((a, b) => b.sizeBytes - a.sizeBytes || (a.repo < b.repo ? -1 : 1))
      .slice(0, 50)
      .map((c) => ({ names: [`${c.repo}@${c.digest}`, ...[...c.tags].sort().map((t) => `${c.repo}:${t}`)], sizeBytes: c.sizeBytes }));
  }
}
