/**
 * JSON patch (RFC 6902) as the API server applies it (evanphx/json-patch v4): add, remove, replace, move, copy, test.
 * A malformed body is a 400 with the decoder's text; an operation that does not apply is a 422 whose message the
 * server replaces with a generic one (the detail stays in PatchError.message for logs and tests of this module).
 */
import { clone, deepEqual, isPlainObject } from '../../util';
import { PatchError } from './strategic-merge';
import { jsonKind } from './go-format';

/** The API server's limit on operations in one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

interface Operation {
  op?: unknown;
  path?: unknown;
  from?: unknown;
  value?: unknown;
}

type Container = Record<string, unknown> | unknown[];

export function decodeJsonPatch(body: unknown): Operation[] {
  if (!Array.isArray(body)) {
    throw new PatchError(`json: cannot unmarshal ${goJsonType(body)} into Go value of type jsonpatch.Patch`, 400);
  }
  for (const op of body) {
    if (!isPlainObject(op)) {
      throw new PatchError(`json: cannot unmarshal ${goJsonType(op)} into Go value of type jsonpatch.Operation`, 400);
    }
  }
  return body as Operation[];
}

function goJsonType(v: unknown): string {
  const k = jsonKind(v);
  return k === 'map' ? 'object' : k === 'slice' ? 'array' : k;
}

/**
 * `valuesOwned`: the operations' values may go into the result uncopied (an in-engine request whose result is
 * decoded into fresh objects anyway).
 */
export function jsonPatch(doc: unknown, body: unknown, valuesOwned = false): unknown {
  const ops = decodeJsonPatch(body);
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(`The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`, 400);
  }
  // Copy-on-write: the document may be a frozen stored object, so each operation copies the containers on its path.
  let out = copyOf(doc);
  for (const op of ops) out = applyOp(out, op, valuesOwned);
  return out;
}

function copyOf(v: unknown): unknown {
  return Array.isArray(v) ? [...v] : isPlainObject(v) ? { ...v } : v;
}

function pathOf(op: Operation, field: 'path' | 'from'): string {
  const p = op[field];
  if (typeof p !== 'string') throw new PatchError(`operation missing ${field} field`, 422);
  return p;
}

function decodeToken(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * The container holding the path's last token, and that token; undefined when a parent is missing. With `write`,
 * the containers below the (already copied) root are replaced by copies on the way down.
 */
function locate(doc: unknown, path: string, write = true): { con: Container; key: string } | undefined {
  if (path === '') return undefined;
  if (!path.startsWith('/')) return undefined;
  const parts = path.slice(1).split('/').map(decodeToken);
  let cur: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(cur)) {
      const i = arrayIndex(part, cur.length - 1);
      if (i === undefined) return undefined;
      if (write) cur[i] = copyOf(cur[i]);
      cur = cur[i];
    } else if (isPlainObject(cur)) {
      if (!(part in cur)) return undefined;
      if (write) cur[part] = copyOf(cur[part]);
      cur = cur[part];
    } else return undefined;
  }
  if (!Array.isArray(cur) && !isPlainObject(cur)) return undefined;
  return { con: cur, key: parts[parts.length - 1] };
}

function arrayIndex(token: string, max: number): number | undefined {
  if (!/^-?\d+$/.test(token)) return undefined;
  let i = parseInt(token, 10);
  if (i < 0) i = max + 1 + i;
  return i < 0 || i > max ? undefined : i;
}

function get(con: Container, key: string): { found: boolean; value?: unknown } {
  if (Array.isArray(con)) {
    const i = arrayIndex(key, con.length - 1);
    return i === undefined ? { found: false } : { found: true, value: con[i] };
  }
  return key in con ? { found: true, value: con[key] } : { found: false };
}

function add(con: Container, key: string, value: unknown, path: string): void {
  if (!Array.isArray(con)) {
    con[key] = value;
    return;
  }
  const i = key === '-' ? con.length : arrayIndex(key, con.length);
  if (i === undefined) throw new PatchError(`add operation does not apply: index out of bounds: ${path}`, 422);
  con.splice(i, 0, value);
}

function remove(con: Container, key: string, path: string, what: string): unknown {
  const got = get(con, key);
  if (!got.found) throw new PatchError(`${what} operation does not apply: doc is missing key: ${path}`, 422);
  if (Array.isArray(con)) con.splice(arrayIndex(key, con.length - 1)!, 1);
  else delete con[key];
  return got.value;
}

function applyOp(doc: unknown, op: Operation, valuesOwned: boolean): unknown {
  const kind = op.op;
  const value = 'value' in op ? (valuesOwned ? op.value : clone(op.value)) : null;
  switch (kind) {
    case 'add': {
      const path = pathOf(op, 'path');
      if (path === '') return value;
      const at = locate(doc, path);
      if (!at) throw new PatchError(`add operation does not apply: doc is missing path: "${path}"`, 422);
      add(at.con, at.key, value, path);
      return doc;
    }
    case 'remove': {
      const path = pathOf(op, 'path');
      const at = locate(doc, path);
      if (!at) throw new PatchError(`remove operation does not apply: doc is missing path: "${path}"`, 422);
      remove(at.con, at.key, path, 'remove');
      return doc;
    }
    case 'replace': {
      const path = pathOf(op, 'path');
      if (path === '') return value;
      const at = locate(doc, path);
      if (!at) throw new PatchError(`replace operation does not apply: doc is missing path: ${path}`, 422);
      if (!get(at.con, at.key).found) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}`, 422);
      if (Array.isArray(at.con)) at.con[arrayIndex(at.key, at.con.length - 1)!] = value;
      else at.con[at.key] = value;
      return doc;
    }
    case 'move': {
      const from = pathOf(op, 'from');
      const path = pathOf(op, 'path');
      const src = locate(doc, from);
      if (!src) throw new PatchError(`move operation does not apply: doc is missing from path: ${from}`, 422);
      const moved = remove(src.con, src.key, from, 'move');
      const dst = locate(doc, path);
      if (!dst) throw new PatchError(`move operation does not apply: doc is missing destination path: ${path}`, 422);
      add(dst.con, dst.key, moved, path);
      return doc;
    }
    case 'copy': {
      const from = pathOf(op, 'from');
      const path = pathOf(op, 'path');
      const src = locate(doc, from, false);
      const got = src ? get(src.con, src.key) : { found: false };
      if (!got.found) throw new PatchError(`copy operation does not apply: doc is missing from path: ${from}`, 422);
      const dst = locate(doc, path);
      if (!dst) throw new PatchError(`copy operation does not apply: doc is missing destination path: ${path}`, 422);
      add(dst.con, dst.key, clone(got.value), path);
      return doc;
    }
    case 'test': {
      const path = pathOf(op, 'path');
      const actual = path === '' ? { found: true, value: doc } : (() => {
        const at = locate(doc, path, false);
        return at ? get(at.con, at.key) : { found: false, value: undefined };
      })();
      const same = actual.found ? deepEqual(actual.value, value) : value === null;
      if (!same) throw new PatchError(`testing value ${path} failed: test failed`, 422);
      return doc;
    }
    default:
      throw new PatchError(`Unexpected kind: ${typeof kind === 'string' ? kind : 'unknown'}`, 422);
  }
}
