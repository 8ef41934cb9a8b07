/** Hosts the controllers: shared informers per resource, each controller's work queue, the API as their only door. */
import type { ApiServer } from '../api/server';
import { RESOURCES, resourceKey, type ResourceDef } from '../api/resources';
import type { Clock } from '../clock';
import type { Rng } from '../rng';
import type { ApiContext } from '../api/context';
import type { ApiRequest, ApiResponse } from '../types';
import { Informer } from './informer';
import { WorkQueue } from './work-queue';
import { EventRecorder, type EventSource } from './events';
import { PodsByNode, PodsByOwner } from '../controllers/shared/pods';

export interface ControllerContext {
  clock: Clock;
  /** The engine's seeded RNG (scheduler tie-breaks, simulated jitter). */
  rng: Rng;
  request(req: ApiRequest): ApiResponse;
  informer(resource: string, group?: string): Informer;
  queue(sync: (key: string) => void): WorkQueue;
  /** The pods informer's index by controller uid, one shared by every controller (kept current before their handlers run). */
  podsByOwner(): PodsByOwner;
  /** The pods informer's index by node, shared likewise. */
  podsByNode(): PodsByNode;
  /** An event recorder reporting as `source` (e.g. { component: 'deployment-controller' }). */
  recorder(source: EventSource): EventRecorder;
  /** Install the handler for GET pods/{name}/log (the kubelets' host does this). */
  servePodLogs(handler: NonNullable<ApiContext['podLogs']>): void;
  /** Install the handler for pods/{name}/exec (the kubelets' host does this). */
  servePodExec?(handler: NonNullable<ApiContext['podExec']>): void;
  /** Install the handler for GET pods/{name}/scheduling (the scheduler does this). */
  serveSchedulingRecords?(handler: NonNullable<ApiContext['podScheduling']>): void;
}

export interface Controller {
  name: string;
  start(ctx: ControllerContext): void;
}

export class ControllerManager {
  private readonly informers = new Map<string, Informer>();
  private byOwner?: PodsByOwner;
  private byNode?: PodsByNode;

  constructor(
    private readonly api: ApiServer,
    private readonly apiContext: ApiContext,
  ) {}

  private get clock(): Clock {
    return this.apiContext.clock;
  }

  private informer(resource: string, group = ''): Informer {
    const def = RESOURCES.find((r) => r.resource === resource && r.group === group);
    if (!def) throw new Error(`no resource ${group}/${resource}`);
    return this.informerFor(def);
  }

  informerFor(def: ResourceDef): Informer {
    const key = resourceKey(def);
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer(this.api, def);
      this.informers.set(key, inf);
    }
    return inf;
  }

  /** A pods index made on first use, updated by a handler registered then (before the asking controller's own). */
  private podIndex<T extends { update: PodsByOwner['update'] }>(make: () => T): T {
    const index = make();
    this.informer('pods').on((type, pod, old) => index.update(type, pod, old));
    return index;
  }

  run(controllers: Controller[]): void {
    const ctx: ControllerContext = {
      clock: this.clock,
      rng: this.apiContext.rng,
      servePodLogs: (handler) => (this.apiContext.podLogs = handler),
      servePodExec: (handler) => (this.apiContext.podExec = handler),
      serveSchedulingRecords: (handler) => (this.apiContext.podScheduling = handler),
      request: (req) => this.api.request(req, true),
      informer: (resource, group) => this.informer(resource, group),
      queue: (sync) => new WorkQueue(this.clock, sync),
      podsByOwner: () => (this.byOwner ??= this.podIndex(() => new PodsByOwner())),
      podsByNode: () => (this.byNode ??= this.podIndex(() => new PodsByNode())),
      recorder: (source) => new EventRecorder((req) => this.api.request(req, true), this.clock, source),
    };
    for (const c of controllers) c.start(ctx);
    for (const inf of this.informers.values()) inf.start();
  }
}
