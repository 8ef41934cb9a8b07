/** A shared informer: a cache of one resource kept current by a watch through the API server, with handlers. */
import type { ApiServer } from '../api/server';
import { resourcePath } from '../api/paths';
import type { ResourceDef } from '../api/resources';
import type { KObject, WatchEvent } from '../types';

export type InformerHandler = (type: WatchEvent['type'], obj: KObject, old?: KObject) => void;

export function objectKey(o: KObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!;
}

export class Informer {
  private readonly cache = new Map<string, KObject>();
  private readonly handlers: InformerHandler[] = [];
  private started = false;

  constructor(
    private readonly api: ApiServer,
    readonly def: ResourceDef,
  ) {}

  on(handler: InformerHandler): void {
    this.handlers.push(handler);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    // Cached objects are the store's own: handlers and listers must treat them as read-only.
    const res = this.api.watch({ method: 'GET', path: resourcePath(this.def) }, (e) => this.handle(e), true);
    if (res.response.status !== 200) throw new Error(`informer for ${this.def.resource}: ${res.response.body?.message}`);
  }

  get(key: string): KObject | undefined {
    return this.cache.get(key);
  }

  list(namespace?: string): KObject[] {
    const all = [...this.cache.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  private handle(e: WatchEvent): void {
    const key = objectKey(e.object);
    const old = this.cache.get(key);
    if (e.type === 'DELETED') this.cache.delete(key);
    else this.cache.set(key, e.object);
    for (const h of this.handlers) h(e.type, e.object, old);
  }
}
