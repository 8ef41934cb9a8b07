/**
 * Field sets in the FieldsV1 shape of metadata.managedFields: `f:<field>` for fields, `k:{"name":"web"}` for items of
 * keyed lists (with `.` for the item itself), `v:"x"` for members of sets. Lists are keyed and sets as the
 * strategic-merge tags say; other lists and `selector`s are atomic.
 */
import { isPlainObject } from '../../util';
import { fieldMeta, type Schema } from './patch-meta';

export type Fields = { [segment: string]: Fields };

type JMap = Record<string, unknown>;

/** Fields the identity of an object or the server owns: never part of an applier's set. */
const SERVER_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds']);

/** Selectors (LabelSelector, Service selector) are atomic: owned and replaced as a whole. */
export function isAtomicMap(field: string): boolean {
  return field === 'selector';
}

export function itemSegment(key: string, item: JMap): string {
  return `k:${JSON.stringify({ [key]: item[key] })}`;
}

/** The field set an applied configuration claims (apiVersion, kind, identity metadata and status excluded). */
export function fieldsOfConfig(config: JMap, schema: Schema): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(config)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'status') continue;
    if (k === 'metadata' && isPlainObject(v)) {
      const meta: JMap = {};
      for (const [mk, mv] of Object.entries(v)) if (!SERVER_META.has(mk)) meta[mk] = mv;
      const sub = fieldsOf(meta, fieldMeta(schema, 'metadata').schema ?? {});
      if (Object.keys(sub).length) out['f:metadata'] = sub;
      continue;
    }
    out[`f:${k}`] = fieldOf(k, v, schema);
  }
  return out;
}

function fieldsOf(value: JMap, schema: Schema): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(value)) out[`f:${k}`] = fieldOf(k, v, schema);
  return out;
}

function fieldOf(k: string, v: unknown, schema: Schema): Fields {
  const meta = fieldMeta(schema, k);
  if (isPlainObject(v) && meta.strategy !== 'replace' && !isAtomicMap(k)) return fieldsOf(v, meta.schema ?? {});
  if (Array.isArray(v) && meta.strategy === 'merge') {
    const out: Fields = {};
    for (const item of v) {
      if (meta.key && isPlainObject(item) && meta.key in item) {
        out[itemSegment(meta.key, item)] = { '.': {}, ...fieldsOf(item, meta.schema ?? {}) };
      } else if (!meta.key) {
        out[`v:${JSON.stringify(item)}`] = {};
      }
    }
    return out;
  }
  return {};
}

/** Every leaf of a set, as segment paths (a list item's `.` counts as a leaf of the item). */
export function leaves(fields: Fields, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [seg, sub] of Object.entries(fields)) {
    const path = [...prefix, seg];
    if (Object.keys(sub).length === 0) out.push(path);
    else out.push(...leaves(sub, path));
  }
  return out;
}

export function hasPath(fields: Fields | undefined, path: string[]): boolean {
  let cur = fields;
  for (const seg of path) {
    if (!cur || !(seg in cur)) return false;
    cur = cur[seg];
  }
  return true;
}

/** Whether the set owns anything at or below `path`. */
export function ownsUnder(fields: Fields | undefined, path: string[]): boolean {
  return hasPath(fields, path);
}

export function removePath(fields: Fields, path: string[]): void {
  const [seg, ...rest] = path;
  if (!(seg in fields)) return;
  if (rest.length === 0) delete fields[seg];
  else {
    removePath(fields[seg], rest);
    if (Object.keys(fields[seg]).length === 0) delete fields[seg];
  }
}

/** `.spec.template.spec.containers[name="web"].image`, as structured-merge-diff prints a path. */
export function pathString(path: string[]): string {
  let s = '';
  for (const seg of path) {
    if (seg === '.') continue;
    if (seg.startsWith('f:')) s += `.${seg.slice(2)}`;
    else if (seg.startsWith('k:')) {
      const key = JSON.parse(seg.slice(2)) as JMap;
      s += `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    } else if (seg.startsWith('v:')) s += `[=${seg.slice(2)}]`;
  }
  return s;
}

/** The value a path designates in an object, or undefined. */
export function valueAt(obj: unknown, path: string[]): unknown {
  let cur: unknown = obj;
  for (const seg of path) {
    if (seg === '.') return cur;
    if (seg.startsWith('f:')) {
      if (!isPlainObject(cur)) return undefined;
      cur = cur[seg.slice(2)];
    } else if (seg.startsWith('k:')) {
      if (!Array.isArray(cur)) return undefined;
      const key = JSON.parse(seg.slice(2)) as JMap;
      cur = cur.find((it) => isPlainObject(it) && Object.entries(key).every(([k, v]) => it[k] === v));
    } else if (seg.startsWith('v:')) {
      if (!Array.isArray(cur)) return undefined;
      const want = JSON.parse(seg.slice(2));
      return cur.includes(want) ? want : undefined;
    }
  }
  return cur;
}

/** Remove what a path designates from an object (a field, a keyed list item, a set member). */
export function deleteAt(obj: unknown, path: string[]): void {
  const parentPath = path.slice(0, -1);
  let last = path[path.length - 1];
  if (last === '.') {
    last = parentPath.pop()!;
  }
  const parent = valueAt(obj, parentPath);
  if (last.startsWith('f:') && isPlainObject(parent)) delete parent[last.slice(2)];
  else if (last.startsWith('k:') && Array.isArray(parent)) {
    const key = JSON.parse(last.slice(2)) as JMap;
    const i = parent.findIndex((it) => isPlainObject(it) && Object.entries(key).every(([k, v]) => it[k] === v));
    if (i >= 0) parent.splice(i, 1);
  } else if (last.startsWith('v:') && Array.isArray(parent)) {
    const i = parent.indexOf(JSON.parse(last.slice(2)));
    if (i >= 0) parent.splice(i, 1);
  }
}
