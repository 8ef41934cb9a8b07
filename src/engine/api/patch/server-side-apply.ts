/**
 * Server-side apply (`application/apply-patch+yaml`), simplified from structured-merge-diff:
 * - the applied configuration is merged into the live object (maps merge, keyed lists merge item by item, sets
 *   union, other lists and selectors are replaced); status in the configuration is ignored;
 * - fields the manager applied last time and no longer applies are removed, unless another manager owns them;
 * - applying a different value to a field another manager owns is a conflict (409) unless force is set, which
 *   takes the field over;
 * - metadata.managedFields records one `Apply` entry per manager (FieldsV1); a no-op apply changes nothing.
 * Ownership is known only for what appliers recorded (Apply entries, or entries a client sent back).
 */
import type { KObject } from '../../types';
import { clone, deepEqual, isPlainObject } from '../../util';
import { badRequest, StatusError, type StatusBody } from '../errors';
import { apiVersionOf, type ResourceDef } from '../resources';
import { deleteAt, fieldsOfConfig, hasPath, isAtomicMap, leaves, pathString, removePath, valueAt, type Fields } from './field-sets';
import { fieldMeta, schemaForKind, type Schema } from './patch-meta';

type JMap = Record<string, unknown>;

export interface ApplyRequest {
  manager: string | undefined;
  force: boolean;
  /** RFC 3339 time of the request, for the managedFields entry. */
  time: string;
}

interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Fields;
  subresource?: string;
}

export function isApplyPatch(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim() === 'application/apply-patch+yaml';
}

/** The object an apply produces from the live one (undefined when creating). Throws StatusError. */
export function serverSideApply(def: ResourceDef, live: KObject | undefined, body: unknown, req: ApplyRequest): KObject {
  if (!req.manager) {
    throw invalidOptions('fieldManager', 'is required for apply patch');
  }
  if (!isPlainObject(body)) throw badRequest(`error decoding YAML: json: cannot unmarshal ${Array.isArray(body) ? 'array' : 'string'} into Go value of type map[string]interface {}`);
  const config = clone(body) as JMap;
  if (isPlainObject(config.metadata) && config.metadata.managedFields !== undefined && config.metadata.managedFields !== null) {
    throw badRequest('metadata.managedFields must be nil');
  }
  const schema = schemaForKind(def.kind);
  const apiVersion = apiVersionOf(def);
  const entries: ManagedFieldsEntry[] = clone((live?.metadata.managedFields as ManagedFieldsEntry[] | undefined) ?? []);
  const mine = entries.find((e) => e.manager === req.manager && e.operation === 'Apply' && !e.subresource);
  const others = entries.filter((e) => e !== mine);
  const newSet = fieldsOfConfig(config, schema);
  const base: KObject = live ? clone(live) : ({ apiVersion: config.apiVersion, kind: config.kind, metadata: {} } as KObject);

  takeOverOrConflict(base, config, newSet, others, req.force);

  // Fields this manager dropped from its configuration go away unless someone else still owns them.
  for (const path of mine ? leaves(mine.fieldsV1) : []) {
    if (hasPath(newSet, path)) continue;
    const itemPath = path[path.length - 1] === '.' ? path.slice(0, -1) : path;
    if (others.some((e) => hasPath(e.fieldsV1, itemPath))) continue;
    deleteAt(base, path);
  }
  const { status: _ignored, ...rest } = config;
  const merged = mergeConfig(base, rest, schema) as KObject;

  const unchanged = live && deepEqual(stripManaged(merged), stripManaged(live)) && mine && deepEqual(mine.fieldsV1, newSet);
  if (unchanged) {
    merged.metadata.managedFields = live.metadata.managedFields;
    return merged;
  }
  const next: ManagedFieldsEntry = { manager: req.manager, operation: 'Apply', apiVersion, time: req.time, fieldsType: 'FieldsV1', fieldsV1: newSet };
  const kept = entries.filter((e) => e === mine || Object.keys(e.fieldsV1).length > 0).map((e) => (e === mine ? next : e));
  if (!mine) kept.push(next);
  merged.metadata.managedFields = kept;
  return merged;
}

function stripManaged(o: KObject): KObject {
  const c = clone(o);
  delete c.metadata.managedFields;
  return c;
}

/** Values that differ from what another manager owns conflict; with force the field changes hands. */
function takeOverOrConflict(live: KObject, config: JMap, newSet: Fields, others: ManagedFieldsEntry[], force: boolean): void {
  const conflicts: { manager: ManagedFieldsEntry; path: string[] }[] = [];
  for (const path of leaves(newSet)) {
    if (path[path.length - 1] === '.') continue;
    if (deepEqual(valueAt(live, path), valueAt(config, path))) continue;
    for (const e of others) if (hasPath(e.fieldsV1, path)) conflicts.push({ manager: e, path });
  }
  if (!conflicts.length) return;
  if (!force) throw applyConflict(conflicts);
  for (const c of conflicts) removePath(c.manager.fieldsV1, c.path);
}

/** Merge an applied configuration into an object (mutates and returns `live`). */
function mergeConfig(live: JMap, config: JMap, schema: Schema): JMap {
  for (const [k, v] of Object.entries(config)) {
    const meta = fieldMeta(schema, k);
    const cur = live[k];
    if (v === null) {
      delete live[k];
    } else if (isPlainObject(v) && isPlainObject(cur) && meta.strategy !== 'replace' && !isAtomicMap(k)) {
      live[k] = mergeConfig(cur, v, meta.schema ?? {});
    } else if (Array.isArray(v) && Array.isArray(cur) && meta.strategy === 'merge') {
      live[k] = meta.key ? mergeKeyed(cur, v, meta.key, meta.schema ?? {}) : [...cur, ...v.filter((x) => !cur.includes(x))];
    } else {
      live[k] = clone(v);
    }
  }
  return live;
}

function mergeKeyed(live: unknown[], config: unknown[], key: string, schema: Schema): unknown[] {
  const out = [...live];
  for (const item of config) {
    if (!isPlainObject(item)) continue;
    const i = out.findIndex((x) => isPlainObject(x) && x[key] === item[key]);
    if (i >= 0) out[i] = mergeConfig(out[i] as JMap, item, schema);
    else out.push(clone(item));
  }
  return out;
}

function managerText(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += e.time ? ` using ${e.apiVersion} at ${e.time}` : ` using ${e.apiVersion}`;
  return s;
}

/** 409 as the field manager reports it: `Apply failed with 1 conflict: conflict with "x": .spec.replicas`. */
function applyConflict(conflicts: { manager: ManagedFieldsEntry; path: string[] }[]): StatusError {
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${managerText(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, { text: string; paths: string[] }>();
    for (const c of conflicts) {
      const g = byManager.get(c.manager.manager) ?? { text: managerText(c.manager), paths: [] };
      g.paths.push(pathString(c.path));
      byManager.set(c.manager.manager, g);
    }
    const lines: string[] = [];
    for (const name of [...byManager.keys()].sort()) {
      const g = byManager.get(name)!;
      lines.push(`conflicts with ${g.text}:`, ...g.paths.map((p) => `- ${p}`));
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  const body: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: {
      causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${managerText(c.manager)}`, field: pathString(c.path) })),
    },
    code: 409,
  };
  return new StatusError(body);
}

function invalidOptions(field: string, detail: string): StatusError {
  const message = `PatchOptions.meta.k8s.io "" is invalid: ${field}: Required value: ${detail}`;
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Invalid',
    details: { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueRequired', message: `Required value: ${detail}`, field }] },
    code: 422,
  });
}
