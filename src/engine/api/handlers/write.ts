/** create, update (PUT), patch, and the status and scale subresources. */
import type { KObject } from '../../types';
import { clone, deepEqual, isPlainObject } from '../../util';
import { admitNamespace } from '../admission';
import type { ApiContext, StrategyLookup } from '../context';
import { decodeObject, decodePatched, mediaType } from '../decode';
import { alreadyExists, badRequest, conflict, invalid, notFound, OPTIMISTIC_LOCK_MSG, type StatusError } from '../errors';
import { keepServerMetadata, setCreateMetadata, specChanged } from '../object-meta';
import { applyPatch, isApplyPatch, serverSideApply } from '../patch';
import { resourceKey, type ResourceDef } from '../resources';
import { finalizeIfDone } from './delete';

export interface WriteOptions {
  dryRun: boolean;
  /** fieldManager and force query parameters (server-side apply). */
  fieldManager?: string;
  force?: boolean;
  /** The request's fieldValidation query parameter (absent: Warn). */
  fieldValidation?: string;
  /** The request comes from an in-engine component (its status writes decode only the status). */
  internal?: boolean;
}

type WriteResult = { status: number; body: KObject; warnings?: string[] };

/** Attach the decoder's `unknown field` warnings (Warn mode) to a handler result. */
function withWarnings(result: WriteResult, warnings: string[]): WriteResult {
  return warnings.length ? { ...result, warnings: [...(result.warnings ?? []), ...warnings] } : result;
}

export function create(
  ctx: ApiContext,
  strategies: StrategyLookup,
  def: ResourceDef,
  namespace: string | undefined,
  body: unknown,
  opts: WriteOptions,
): WriteResult {
  const warnings: string[] = [];
  const obj = decodeObject(def, body, { fieldValidation: opts.fieldValidation, operation: 'create', warnings });
  if (def.namespaced) {
    const ns = obj.metadata.namespace ?? namespace;
    if (namespace !== undefined && obj.metadata.namespace && obj.metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = ns ?? 'default';
  } else {
    delete obj.metadata.namespace;
  }
  if (obj.metadata.resourceVersion) {
    throw badRequest('resourceVersion should not be set on objects to be created');
  }
  if (!obj.metadata.name && obj.metadata.generateName) {
    obj.metadata.name = obj.metadata.generateName + ctx.rng.nameSuffix(5);
  }
  const strategy = strategies(def);
  setCreateMetadata(obj, ctx);
  strategy.prepareForCreate?.(obj, ctx);
  strategy.defaults?.(obj, ctx);
  const errs = strategy.validate?.(obj, ctx) ?? [];
  if (errs.length) throw invalid(def.group, def.kind, obj.metadata.name ?? '', errs);
  admitNamespace(def, obj, ctx);
  const key = resourceKey(def);
  if (ctx.store.get(key, obj.metadata.namespace ?? '', obj.metadata.name!)) {
    throw alreadyExists(def.group, def.resource, obj.metadata.name!);
  }
  if (opts.dryRun) return withWarnings({ status: 201, body: obj }, warnings);
  return withWarnings({ status: 201, body: ctx.store.create(key, obj).obj }, warnings);
}

function existing(ctx: ApiContext, def: ResourceDef, namespace: string | undefined, name: string): KObject {
  const entry = ctx.store.get(resourceKey(def), def.namespaced ? (namespace ?? '') : '', name);
  if (!entry) throw notFound(def.group, def.resource, name);
  return entry.obj;
}

function checkResourceVersion(def: ResourceDef, obj: KObject, old: KObject): void {
  const rv = obj.metadata.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) {
    throw conflict(def.group, def.resource, old.metadata.name!, OPTIMISTIC_LOCK_MSG);
  }
}

/** Validate, bump the generation and store an updated main object; a no-op writes nothing. */
function commitUpdate(
  ctx: ApiContext,
  strategies: StrategyLookup,
  def: ResourceDef,
  obj: KObject,
  old: KObject,
  opts: WriteOptions,
): { status: number; body: KObject } {
  const strategy = strategies(def);
  keepServerMetadata(obj, old);
  if (def.subresources.includes('status') || def.kind === 'Namespace') {
    if (old.status === undefined) delete obj.status;
    else obj.status = clone(old.status);
  }
  strategy.prepareForUpdate?.(obj, old, ctx);
  strategy.defaults?.(obj, ctx);
  const errs = [...(strategy.validate?.(obj, ctx) ?? []), ...(strategy.validateUpdate?.(obj, old, ctx) ?? [])];
  if (errs.length) throw invalid(def.group, def.kind, obj.metadata.name ?? '', errs);
  const bump = strategy.bumpsGeneration ? strategy.bumpsGeneration(obj, old) : specChanged(obj, old);
  if (bump) obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
  return store(ctx, def, obj, old, opts);
}

function store(ctx: ApiContext, def: ResourceDef, obj: KObject, old: KObject, opts: WriteOptions) {
  obj.metadata.resourceVersion = old.metadata.resourceVersion;
  if (deepEqual(obj, old)) return { status: 200, body: old };
  if (opts.dryRun) return { status: 200, body: obj };
  const finalized = finalizeIfDone(ctx, def, obj);
  if (finalized) return { status: 200, body: finalized };
  return { status: 200, body: ctx.store.update(resourceKey(def), obj).obj };
}

export function update(
  ctx: ApiContext,
  strategies: StrategyLookup,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
  body: unknown,
  opts: WriteOptions,
): WriteResult {
  const warnings: string[] = [];
  const obj = decodeObject(def, body, { fieldValidation: opts.fieldValidation, operation: 'update', warnings });
  if (obj.metadata.name !== name) {
    throw badRequest(`the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${name})`);
  }
  if (def.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = namespace;
  }
  const old = existing(ctx, def, namespace, name);
  checkResourceVersion(def, obj, old);
  return withWarnings(commitUpdate(ctx, strategies, def, obj, old, opts), warnings);
}

export function patch(
  ctx: ApiContext,
  strategies: StrategyLookup,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
  body: unknown,
  contentType: string,
  opts: WriteOptions,
  subresource?: string,
): WriteResult {
  const apply = isApplyPatch(contentType) && !subresource;
  const applyReq = { manager: opts.fieldManager, force: !!opts.force, time: ctx.clock.timestamp() };
  if (apply && !ctx.store.get(resourceKey(def), def.namespaced ? (namespace ?? '') : '', name)) {
    // Server-side apply creates a missing object.
    const created = serverSideApply(def, undefined, body, applyReq);
    if (created.metadata.name !== undefined && created.metadata.name !== name) {
      throw badRequest(`the name of the object (${created.metadata.name}) does not match the name on the URL (${name})`);
    }
    created.metadata.name = name;
    return create(ctx, strategies, def, namespace, created, opts);
  }
  const old = existing(ctx, def, namespace, name);
  if (subresource === 'scale') {
    const scale = scaleOf(def, old);
    const patched = applyPatch(contentType, scale, body, def);
    return writeScale(ctx, strategies, def, old, patched, opts);
  }
  // Stored objects are frozen: only strategic merge works in place, so only it gets a copy. The decoder below
  // builds fresh objects, so an in-engine JSON patch's values need no copy of their own.
  const inPlace = mediaType(contentType) === 'application/strategic-merge-patch+json';
  const patched = apply
    ? serverSideApply(def, old, body, applyReq)
    : applyPatch(contentType, inPlace ? clone(old) : old, body, def, !!opts.internal);
  const warnings: string[] = [];
  const onlyStatus = subresource === 'status' && statusOnlyWrite(strategies, def, opts) && patchTouchesOnlyStatus(contentType, body);
  const obj = decodePatched(def, patched, { fieldValidation: opts.fieldValidation, contentType, patch: body, warnings, onlyStatus });
  if (obj.metadata.name !== name) throw badRequest(`metadata.name: Invalid value: "${obj.metadata.name}": field is immutable`);
  if (def.namespaced) obj.metadata.namespace = namespace;
  checkResourceVersion(def, obj, old);
  if (subresource === 'status') return withWarnings(commitStatus(ctx, strategies, def, obj, old, opts), warnings);
  return withWarnings(commitUpdate(ctx, strategies, def, obj, old, opts), warnings);
}

/** An in-engine status write of a kind whose status writes keep nothing but the status. */
function statusOnlyWrite(strategies: StrategyLookup, def: ResourceDef, opts: WriteOptions): boolean {
  return !!opts.internal && !strategies(def).statusMayWriteAnnotations;
}

/** Whether a patch body only reaches into `status`. */
function patchTouchesOnlyStatus(contentType: string, body: unknown): boolean {
  if (Array.isArray(body)) return body.every(isStatusOp);
  if (isApplyPatch(contentType) || !isPlainObject(body)) return false;
  for (const k of Object.keys(body)) if (k !== 'status') return false;
  return true;
}

function isStatusOp(op: unknown): boolean {
  return isPlainObject(op) && typeof op.path === 'string' && inStatus(op.path) && inStatus(op.from);
}

/** A JSON patch path (or an absent `from`) inside `status`. */
function inStatus(p: unknown): boolean {
  return p === undefined || (typeof p === 'string' && (p === '/status' || p.startsWith('/status/')));
}

function commitStatus(
  ctx: ApiContext,
  strategies: StrategyLookup,
  def: ResourceDef,
  obj: KObject,
  old: KObject,
  opts: WriteOptions,
): { status: number; body: KObject } {
  // Copy-on-write: the new object shares every unchanged (frozen) part with the stored one.
  const next: KObject = { ...old, metadata: { ...old.metadata } };
  if (obj.status === undefined) delete next.status;
  else next.status = obj.status;
  if (strategies(def).statusMayWriteAnnotations) next.metadata.annotations = obj.metadata.annotations;
  return store(ctx, def, next, old, opts);
}

export function updateStatus(
  ctx: ApiContext,
  strategies: StrategyLookup,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
  body: unknown,
  opts: WriteOptions,
): WriteResult {
  const warnings: string[] = [];
  const onlyStatus = statusOnlyWrite(strategies, def, opts);
  const obj = decodeObject(def, body, { fieldValidation: opts.fieldValidation, operation: 'update', warnings, onlyStatus });
  const old = existing(ctx, def, namespace, name);
  checkResourceVersion(def, obj, old);
  return withWarnings(commitStatus(ctx, strategies, def, obj, old, opts), warnings);
}

/** The autoscaling/v1 Scale view of a workload. */
export function scaleOf(_def: ResourceDef, obj: KObject): KObject {
  const m = obj.metadata;
  const sel = obj.spec?.selector;
  const selector = sel?.matchLabels || sel?.matchExpressions ? formatSelector(sel) : undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

function formatSelector(sel: any): string {
  const parts: string[] = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`);
  }
  return parts.join(',');
}

export function updateScale(
  ctx: ApiContext,
  strategies: StrategyLookup,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
  body: unknown,
  opts: WriteOptions,
): { status: number; body: KObject } {
  const old = existing(ctx, def, namespace, name);
  if (!isPlainObject(body)) throw badRequest('the body of the request was not a Scale object');
  return writeScale(ctx, strategies, def, old, body as KObject, opts);
}

function writeScale(
  ctx: ApiContext,
  strategies: StrategyLookup,
  def: ResourceDef,
  old: KObject,
  scale: KObject,
  opts: WriteOptions,
): { status: number; body: KObject } {
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) {
    throw conflict(def.group, def.resource, old.metadata.name!, OPTIMISTIC_LOCK_MSG);
  }
  const replicas = scale.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    const err: StatusError = invalid('autoscaling', 'Scale', old.metadata.name!, [
      { type: 'Invalid', field: 'spec.replicas', badValue: replicas, detail: 'must be greater than or equal to 0' },
    ]);
    throw err;
  }
  const obj = clone(old);
  obj.spec = { ...obj.spec, replicas };
  const result = commitUpdate(ctx, strategies, def, obj, old, opts);
  return { status: 200, body: scaleOf(def, result.body) };
}

/** PUT /api/v1/namespaces/{name}/finalize: only spec.finalizers changes; an emptied, deleted namespace goes. */
export function updateFinalize(
  ctx: ApiContext,
  def: ResourceDef,
  name: string,
  body: unknown,
  opts: WriteOptions,
): { status: number; body: KObject } {
  const obj = decodeObject(def, body);
  const old = existing(ctx, def, undefined, name);
  checkResourceVersion(def, obj, old);
  const next = clone(old);
  const finalizers = obj.spec?.finalizers;
  next.spec = { ...next.spec };
  if (finalizers?.length) next.spec.finalizers = finalizers;
  else delete next.spec.finalizers;
  return store(ctx, def, next, old, opts);
}
