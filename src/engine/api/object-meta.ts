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
  const same = prototypeKeys() ? UNSURE : sameJSON(obj, old, NOT_SPEC);
  if (same !== UNSURE) return same === DIFFERENT;
  const strip = (o: KObject) => {
    const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
    return JSON.stringify(sortKeys(rest));
  };
  return strip(obj) !== strip(old);
}

const NOT_SPEC: ReadonlySet<string> = new Set(['metadata', 'status', 'apiVersion', 'kind']);

const DIFFERENT = 0;
const SAME = 1;
/** A value JSON.stringify treats specially (non-finite number, function, bigint, class instance...). */
const UNSURE = 2;
type Verdict = typeof DIFFERENT | typeof SAME | typeof UNSURE;

/**
 * Whether a and b serialize to the same JSON with sorted keys, compared in place: keys with undefined values are
 * left out of objects as JSON leaves them out, and stand for null in arrays. Keys in `skip` are not compared.
 */
function sameJSON(a: unknown, b: unknown, skip?: ReadonlySet<string>): Verdict {
  if (a === b && skip === undefined) return typeof a === 'object' || plainScalar(a) ? SAME : UNSURE;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    if (!plainScalar(a) || !plainScalar(b)) return UNSURE;
    return a === b ? SAME : DIFFERENT;
  }
  const aArr = Array.isArray(a);
  if (aArr !== Array.isArray(b)) return plainContainer(a) && plainContainer(b) ? DIFFERENT : UNSURE;
  if (aArr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return DIFFERENT;
    let verdict: Verdict = SAME;
    for (let i = 0; i < x.length; i++) {
      const v = sameJSON(x[i] === undefined ? null : x[i], y[i] === undefined ? null : y[i]);
      if (v === UNSURE) return UNSURE;
      if (v === DIFFERENT) verdict = DIFFERENT;
    }
    return verdict;
  }
  if (!plainContainer(a) || !plainContainer(b)) return UNSURE;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let verdict: Verdict = SAME;
  let count = 0;
  // for-in visits the own keys Object.keys gives: the prototype is Object.prototype (or none) and adds no keys.
  for (const k in x) {
    const v = x[k];
    if (v === undefined || (skip !== undefined && skip.has(k))) continue;
    count++;
    const w = Object.prototype.propertyIsEnumerable.call(y, k) ? y[k] : undefined;
    if (w === undefined) {
      if (!plainValue(v)) return UNSURE;
      verdict = DIFFERENT;
      continue;
    }
    const r = sameJSON(v, w);
    if (r === UNSURE) return UNSURE;
    if (r === DIFFERENT) verdict = DIFFERENT;
  }
  for (const k in y) {
    const w = y[k];
    if (w === undefined || (skip !== undefined && skip.has(k))) continue;
    if (typeof w === 'function' || typeof w === 'symbol') return UNSURE;
    count--;
  }
  return count !== 0 && verdict === SAME ? DIFFERENT : verdict;
}

const NO_KEYS = {};

/** Whether Object.prototype has enumerable keys (which for-in would visit too). */
function prototypeKeys(): boolean {
  for (const _ in NO_KEYS) return true;
  return false;
}

function plainScalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function plainContainer(v: object): boolean {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

function plainValue(v: unknown): boolean {
  return typeof v === 'object' && v !== null ? plainContainer(v) : plainScalar(v);
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
