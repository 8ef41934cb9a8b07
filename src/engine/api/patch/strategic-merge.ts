/**
 * Applying a strategic merge patch (apimachinery strategicpatch.StrategicMergeMapPatch): maps merge, lists with a
 * merge key merge element by element, lists of primitives with strategy merge are sets, other lists are replaced.
 * Directives: `$patch: replace|delete|merge`, `$retainKeys`, `$deleteFromPrimitiveList/<f>`, `$setElementOrder/<f>`.
 * The same mergeMap (with other options) combines the two halves of kubectl's three-way patch.
 */
import { fieldMeta, type FieldMeta, type Schema } from './patch-meta';
import { goTypeName, goV, jsonKind } from './go-format';

type JMap = Record<string, unknown>;

export const DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER = '$setElementOrder';

/** A patch the server cannot apply. `status` tells how the API server reports it (400, 422 or a plain 500). */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 422 | 500,
  ) {
    super(message);
  }
}

export const ERR_PRIMITIVE_LIST = 'invalid patch format of primitive list';
export const ERR_RETAIN_KEYS = 'invalid patch format of retainKeys';
export const ERR_SET_ORDER = 'invalid patch format of setElementOrder list';

const noMergeKey = (m: unknown, key: string) => new PatchError(`map: ${goV(m)} does not contain declared merge key: ${key}`, 500);
const badArgType = (expected: string, actual: unknown) =>
  new PatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`, 500);
const badPatchType = (t: unknown, m: unknown) => new PatchError(`unknown patch type: ${goV(t)} in map: ${goV(m)}`, 500);

export interface MergeOptions {
  /** Apply $deleteFromPrimitiveList and $setElementOrder (server side); false keeps them (combining patches). */
  mergeParallelList: boolean;
  /** Drop nulls that match nothing (server side); false keeps them so the patch can send deletions. */
  ignoreUnmatchedNulls: boolean;
}

export const SERVER_MERGE: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

const isMap = (v: unknown): v is JMap => jsonKind(v) === 'map';

/** Apply `patch` to `original` (both are mutated; pass clones). */
export function mergeMap(original: JMap | undefined, patch: JMap, schema: Schema, opts: MergeOptions): JMap {
  if (DIRECTIVE in patch) {
    const d = patch[DIRECTIVE];
    if (d === 'replace') {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (d === 'delete') return {};
    throw badPatchType(d, patch);
  }
  const out: JMap = original ?? {};
  applyRetainKeys(out, patch, opts);
  mergeSetElementOrder(out, patch, schema, opts);

  for (const rawKey of Object.keys(patch)) {
    let k = rawKey;
    const patchV = patch[rawKey];
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        out[k] = patchV;
        continue;
      }
      k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST, ERR_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete out[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!(k in out)) {
      if (!isDeleteList) setWithoutDirectives(out, k, patchV, opts);
      continue;
    }
    const kind = jsonKind(out[k]);
    if (kind !== jsonKind(patchV)) {
      if (!isDeleteList) setWithoutDirectives(out, k, patchV, opts);
      continue;
    }
    const meta = fieldMeta(schema, k);
    if (kind === 'map') {
      out[k] = meta.strategy === 'replace' ? patchV : mergeMap(out[k] as JMap, patchV as JMap, meta.schema ?? {}, opts);
    } else if (kind === 'slice') {
      out[k] = mergeSliceHandler(out[k] as unknown[], patchV as unknown[], meta, isDeleteList, opts);
    } else {
      const [v, keep] = removeDirectives(patchV);
      if (keep) out[k] = v;
      else delete out[k];
    }
  }
  return out;
}

function setWithoutDirectives(out: JMap, k: string, patchV: unknown, opts: MergeOptions): void {
  if (opts.ignoreUnmatchedNulls) discardNulls(patchV);
  const [v, keep] = removeDirectives(patchV);
  if (keep) out[k] = v;
  else delete out[k];
}

function extractKey(s: string, prefix: string, err: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) throw new PatchError(err, 400);
  return s.slice(slash + 1);
}

function applyRetainKeys(original: JMap, patch: JMap, opts: MergeOptions): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    if (!(RETAIN_KEYS in original)) original[RETAIN_KEYS] = retain;
    return;
  }
  if (!Array.isArray(retain)) throw new PatchError(ERR_RETAIN_KEYS, 400);
  const keep = new Set(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw new PatchError(ERR_RETAIN_KEYS, 400);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** `$setElementOrder/<field>`: merge that list now and order it as the directive says. */
function mergeSetElementOrder(original: JMap, patch: JMap, schema: Schema, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!opts.mergeParallelList) {
      if (!(key in original)) original[key] = order;
      delete patch[key];
      continue;
    }
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType('[]interface {}', order);
    const field = extractKey(key, SET_ELEMENT_ORDER, ERR_SET_ORDER);
    const meta = fieldMeta(schema, field);
    const mergeKey = meta.key ?? '';
    const foundOriginal = field in original;
    const foundPatch = field in patch;
    const originalList = foundOriginal ? asSlice(original[field]) : [];
    const patchList = foundPatch ? asSlice(patch[field]) : [];
    validateOrder(patchList, order, mergeKey);
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList)[0] as unknown[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, meta, false, opts);
    else continue;
    const [inPatch, serverOnly] = mergeKey ? partitionMaps(merged, order, mergeKey) : partitionPrimitives(merged, order);
    const kind = elementKind([originalList, patchList]);
    original[field] = normalizeElementOrder(inPatch, serverOnly, order, originalList, mergeKey, kind);
    delete patch[field];
  }
}

function asSlice(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw badArgType('[]interface {}', v);
  return v;
}

function validateOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (!order.length || !patchList.length) return;
  const nonDelete = mergeKey ? patchList.filter((v) => !(isMap(v) && v[DIRECTIVE] === 'delete')) : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < order.length) {
    if (isMap(nonDelete[p]) && DIRECTIVE in (nonDelete[p] as JMap)) {
      p++;
      continue;
    }
    if (keyValueEqual(nonDelete[p], order[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= order.length) {
    throw new PatchError(
      `The order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goV(order)}\n`,
      500,
    );
  }
}

function keyValueEqual(a: unknown, b: unknown, mergeKey: string): boolean {
  if (!mergeKey) return a === b;
  if (!isMap(a)) throw badArgType('map[string]interface {}', a);
  if (!isMap(b)) throw badArgType('map[string]interface {}', b);
  if (!(mergeKey in a)) throw noMergeKey(a, mergeKey);
  if (!(mergeKey in b)) throw noMergeKey(b, mergeKey);
  return a[mergeKey] === b[mergeKey];
}

function mergeSliceHandler(original: unknown[], patch: unknown[], meta: FieldMeta, isDeleteList: boolean, opts: MergeOptions): unknown[] {
  if (meta.strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, meta, opts, isDeleteList);
  return patch;
}

function mergeSlice(original: unknown[], patch: unknown[], meta: FieldMeta, opts: MergeOptions, isDeleteList: boolean): unknown[] {
  if (!original.length && !patch.length) return original;
  const kind = elementKind([original, patch]);
  const mergeKey = meta.key ?? '';
  let merged: unknown[];
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) {
      const drop = new Set(patch);
      return original.filter((v) => !drop.has(v));
    }
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw new PatchError(`cannot merge lists without merge key for ${'<schema>'}`, 500);
    const special = withSpecialElements(original, patch, mergeKey);
    original = special.original;
    patch = special.patch;
    merged = mergeWithoutSpecialElements(original, patch, mergeKey, meta.schema ?? {}, opts);
  }
  const [inPatch, serverOnly] = mergeKey ? partitionMaps(merged, patch, mergeKey) : partitionPrimitives(merged, patch);
  return normalizeElementOrder(inPatch, serverOnly, patch, original, mergeKey, kind);
}

function withSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): { original: unknown[]; patch: unknown[] } {
  const rest: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JMap;
    if (!(DIRECTIVE in m)) {
      rest.push(v);
      continue;
    }
    const d = m[DIRECTIVE];
    if (d === 'delete') {
      if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
      original = original.filter((o) => !(isMap(o) && mergeKey in o && o[mergeKey] === m[mergeKey]));
    } else if (d === 'replace') {
      replace = true;
    } else if (d === 'merge') {
      throw new PatchError('merging lists cannot yet be specified in the patch', 500);
    } else {
      throw badPatchType(d, m);
    }
  }
  return replace ? { original: rest, patch: [] } : { original, patch: rest };
}

function mergeWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, schema: Schema, opts: MergeOptions): unknown[] {
  const out = [...original];
  for (const v of patch) {
    const m = v as JMap;
    if (!(mergeKey in m)) throw noMergeKey(m, mergeKey);
    const i = findByKey(out, mergeKey, m[mergeKey]);
    if (i >= 0) out[i] = mergeMap(out[i] as JMap, m, schema, opts);
    else out.push(v);
  }
  return out;
}

function findByKey(list: unknown[], mergeKey: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isMap(item)) throw new PatchError(`value for key ${i} is not a map`, 500);
    if (mergeKey in item && item[mergeKey] === value) return i;
  }
  return -1;
}

function partitionPrimitives(list: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const inBy = new Set(by);
  return [list.filter((v) => inBy.has(v)), list.filter((v) => !inBy.has(v))];
}

function partitionMaps(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) {
    if (!isMap(v)) throw badArgType('map[string]interface {}', v);
    if (!(mergeKey in v)) throw noMergeKey(v, mergeKey);
    (findByKey(by, mergeKey, v[mergeKey]) >= 0 ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

/** The kind shared by every element; lists of lists are refused. */
export function elementKind(lists: unknown[][]): string {
  let kind: string | undefined;
  for (const l of lists) {
    for (const v of l) {
      const k = jsonKind(v);
      if (kind === undefined) {
        if (k === 'slice') throw new PatchError('lists of lists are not supported', 422);
        kind = k;
      } else if (k !== kind) {
        throw new PatchError(`list element types are not identical: ${goV(lists)}`, 500);
      }
    }
  }
  if (kind === undefined) throw new PatchError('no elements in any of the given slices', 500);
  return kind;
}

function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: string): number {
  const val = (x: unknown) => (kind === 'map' ? (isMap(x) ? x[mergeKey] : undefined) : x);
  const want = val(item);
  return list.findIndex((x) => val(x) === want);
}

/** Order `toSort` as `order` lists them (Go's stable insertion sort with the same comparison), deletions last. */
export function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: string): unknown[] {
  let items = [...toSort];
  let deletions: unknown[] = [];
  if (kind === 'map') {
    for (const l of [items, order]) for (const v of l) if (!isMap(v) || !(mergeKey in v)) throw noMergeKey(v, mergeKey);
    deletions = items.filter((v) => (v as JMap)[DIRECTIVE] === 'delete');
    items = items.filter((v) => (v as JMap)[DIRECTIVE] !== 'delete');
  }
  const less = (a: unknown, b: unknown) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) [items[j], items[j - 1]] = [items[j - 1], items[j]];
  }
  return [...items, ...deletions];
}

function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: string,
): unknown[] {
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Go's deduplicateScalars: a duplicate is replaced by the last element (order changes as it does there). */
export function deduplicateScalars(s: unknown[]): unknown[] {
  const a = [...s];
  let length = a.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (a[i] === a[j]) {
        a[j] = a[length];
        a.length = length;
        length--;
        j--;
      }
    }
  }
  return a;
}

/** Strip directive-carrying maps and keys from a value taken as-is from the patch; [value, keep]. */
export function removeDirectives(obj: unknown): [unknown, boolean] {
  if (isMap(obj)) {
    if (DIRECTIVE in obj) return [undefined, false];
    for (const k of Object.keys(obj)) {
      const [v, keep] = removeDirectives(obj[k]);
      if (keep) obj[k] = v;
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const out: unknown[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) out.push(nv);
    }
    return [out, true];
  }
  return [obj, true];
}

function discardNulls(v: unknown): void {
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNulls(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) discardNulls(x);
  }
}

/** The server's strategic merge patch of an object (inputs are not modified). */
export function strategicMergePatch(original: JMap, patch: JMap, schema: Schema): JMap {
  return mergeMap(structuredClone(original), structuredClone(patch), schema, SERVER_MERGE);
}
