/**
 * Steady simulated traffic into Services (`kubeplay load SERVICE RPS`). Each Service's requests per second are
 * spread over its ready endpoints as kube-proxy's iptables rules spread them: endpoint i of n is picked with
 * probability 1/(n-i) after the ones before it were not, so each endpoint gets 1/n; the expected share is used,
 * which keeps runs deterministic. Only endpoints with `ready` receive traffic; when none is ready, the serving
 * terminating ones do; when there is none either, the requests are refused and no pod serves them.
 */
import type { Clock } from '../clock';
import type { Informer } from '../runtime/informer';
import type { Controller, ControllerContext } from '../runtime/controller-manager';

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export class TrafficLoad implements Controller {
  readonly name = 'traffic-load';
  /** "ns/service" -> requests per second. */
  private readonly loads = new Map<string, number>();
  /** "ns/pod" -> requests per second it serves now. */
  private rates = new Map<string, number>();
  /** "ns/pod" -> requests served up to `countedAt` (the rates are steady in between, so this integrates exactly). */
  private readonly served = new Map<string, number>();
  private countedAt = 0;
  private readonly listeners: ((now: number) => void)[] = [];
  private slices: Informer | undefined;
  private clock: Clock | undefined;

  start(ctx: ControllerContext): void {
    this.clock = ctx.clock;
    this.slices = ctx.informer('endpointslices', 'discovery.k8s.io');
    this.slices.on(() => this.recompute());
  }

  /** `fn(now)` runs just before the per-pod rates change, so use up to now is counted at the old rates. */
  onBeforeChange(fn: (now: number) => void): void {
    this.listeners.push(fn);
  }

  /** Set (or with 0, stop) the steady load on a Service. */
  setLoad(namespace: string, service: string, rps: number): void {
    const key = `${namespace}/${service}`;
    if (rps > 0) this.loads.set(key, rps);
    else this.loads.delete(key);
    this.recompute();
  }

  load(namespace: string, service: string): number {
    return this.loads.get(`${namespace}/${service}`) ?? 0;
  }

  /** Requests per second the pod serves now. */
  podRate(namespace: string, pod: string): number {
    return this.rates.get(`${namespace}/${pod}`) ?? 0;
  }

  /** Requests the pod has served under `kubeplay load` so far (whole requests). */
  podServed(namespace: string, pod: string): number {
    const key = `${namespace}/${pod}`;
    const now = this.clock?.now() ?? this.countedAt;
    return Math.floor((this.served.get(key) ?? 0) + ((this.rates.get(key) ?? 0) * (now - this.countedAt)) / 1000);
  }

  /**
   * The endpoints that receive a Service's traffic now (ready ones, else serving terminating ones): pod names,
   * or `address:<ip>` for endpoints that are not pods (the `kubernetes` Service's API server).
   */
  receivingEndpoints(namespace: string, service: string): string[] {
    const ready = new Set<string>();
    const fallback = new Set<string>();
    for (const slice of this.slices?.list(namespace) ?? []) {
      if (slice.metadata.labels?.[SERVICE_NAME_LABEL] !== service) continue;
      for (const ep of slice.endpoints ?? []) {
        const id = ep.targetRef?.kind === 'Pod' ? ep.targetRef.name : ep.addresses?.[0] ? `address:${ep.addresses[0]}` : undefined;
        if (!id) continue;
        const c = ep.conditions ?? {};
        // A nil `ready` means ready (discovery/v1 API comment).
        if (c.ready !== false) ready.add(id);
        else if (c.serving !== false && c.terminating) fallback.add(id);
      }
    }
    return [...(ready.size ? ready : fallback)].sort();
  }

  private recompute(): void {
    const rates = new Map<string, number>();
    for (const [key, rps] of this.loads) {
      const [ns, svc] = key.split('/');
      const endpoints = this.receivingEndpoints(ns, svc);
      for (const id of endpoints) rates.set(`${ns}/${id}`, (rates.get(`${ns}/${id}`) ?? 0) + rps / endpoints.length);
    }
    if (sameRates(rates, this.rates)) return;
    const now = this.clock?.now() ?? 0;
    for (const fn of this.listeners) fn(now);
    for (const [key, rate] of this.rates) this.served.set(key, (this.served.get(key) ?? 0) + (rate * (now - this.countedAt)) / 1000);
    this.countedAt = now;
    this.rates = rates;
  }
}

function sameRates(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
