/** Server-set metadata on create and update, the same for every kind. */
import type { KObject } from '../types';
import type { ApiContext } from './context';

const SERVER_OWNED = ['uid', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const;

export function setCreateMetadata(obj: KObject, ctx: ApiContext): void {
  const m = obj.metadata;
  m.uid = ctx.rng.uuid();
  m.creationTimestamp = ctx.clock.timestamp();
  m.generation = 1;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
}

/** Fields a client cannot change on update: taken from the stored object. */
export function keepServerMetadata(obj: KObject, old: KObject): void {
  for (const k of SERVER_OWNED) {
    const v = (old.metadata as any)[k];
    if (v === undefined) delete (obj.metadata as any)[k];
    else (obj.metadata as any)[k] = v;
  }
  // managedFields a request leaves out are kept; ones it sends replace them (as the real field manager does).
  if (obj.metadata.managedFields === undefined && old.metadata.managedFields !== undefined) {
    obj.metadata.managedFields = old.metadata.managedFields;
  }
  delete obj.metadata.selfLink;
}

/** By default the generation counts changes of everything but metadata and status. */
export function specChanged(obj: KObject, old: KObject): boolean {
  const strip = (o: KObject) => {
    const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
    return JSON.stringify(sortKeys(rest));
  };
  return strip(obj) !== strip(old);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as any)[k]);
    return out;
  }
  return v;
}
