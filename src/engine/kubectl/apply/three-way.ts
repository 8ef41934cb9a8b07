/**
 * kubectl's CreateThreeWayMergePatch (apimachinery strategicpatch): the patch is the change from `current` to
 * `modified` without deletions, merged with the deletions from `original` (last-applied) to `modified`. So fields
 * removed from the configuration since the last apply are deleted, and fields others set on the live object stay.
 */
import { jsonKind } from '../../api/patch/go-format';
import { fieldMeta, subSchema, type Schema } from '../../api/patch/patch-meta';
import {
  DELETE_FROM_PRIMITIVE_LIST,
  DIRECTIVE,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
  deduplicateScalars,
  elementKind,
  mergeMap,
  normalizeSliceOrder,
} from '../../api/patch/strategic-merge';
import { clone, deepEqual } from '../../util';

type JMap = Record<string, unknown>;

interface DiffOptions {
  setElementOrder: boolean;
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  buildRetainKeys: boolean;
}

/** The three-way strategic merge patch; `{}` means nothing to do. */
export function threeWayMergePatch(original: JMap, modified: JMap, current: JMap, schema: Schema): JMap {
  const delta = diffMaps(current, modified, schema, {
    setElementOrder: true,
    ignoreChangesAndAdditions: false,
    ignoreDeletions: true,
    buildRetainKeys: false,
  });
  const deletions = diffMaps(original, modified, schema, {
    setElementOrder: true,
    ignoreChangesAndAdditions: true,
    ignoreDeletions: false,
    buildRetainKeys: false,
  });
  return mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

/** Go's sort of scalars by their %v text. */
function sortScalars(s: unknown[]): unknown[] {
  return [...s].sort((a, b) => {
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function diffMaps(original: JMap, modified: JMap, schema: Schema, opts: DiffOptions): JMap {
  const patch: JMap = {};
  const retainKeys: string[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (opts.buildRetainKeys && modifiedValue !== null) retainKeys.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = clone(modifiedValue);
      continue;
    }
    const originalValue = original[key];
    if (key === DIRECTIVE) {
      if (originalValue !== modifiedValue) patch[key] = modifiedValue;
      continue;
    }
    const kind = jsonKind(originalValue);
    if (kind !== jsonKind(modifiedValue)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = clone(modifiedValue);
      continue;
    }
    if (kind === 'map') mapDiff(key, originalValue as JMap, modifiedValue as JMap, patch, schema, opts);
    else if (kind === 'slice') sliceDiff(key, originalValue as unknown[], modifiedValue as unknown[], patch, schema, opts);
    else if (!opts.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) patch[key] = modifiedValue;
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  }
  const hasAdditional = Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
  if (retainKeys.length && (Object.keys(patch).length || hasAdditional)) patch[RETAIN_KEYS] = sortScalars(retainKeys);
  return patch;
}

function mapDiff(key: string, original: JMap, modified: JMap, patch: JMap, schema: Schema, opts: DiffOptions): void {
  const meta = fieldMeta(schema, key);
  if (meta.strategy === 'replace') {
    if (!opts.ignoreChangesAndAdditions) patch[key] = clone(modified);
    return;
  }
  const sub = diffMaps(original, modified, subSchema(schema, key), { ...opts, buildRetainKeys: !!meta.retainKeys });
  if (Object.keys(sub).length) patch[key] = sub;
}

function sliceDiff(key: string, original: unknown[], modified: unknown[], patch: JMap, schema: Schema, opts: DiffOptions): void {
  const meta = fieldMeta(schema, key);
  if (meta.strategy !== 'merge') {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)) patch[key] = clone(modified);
    return;
  }
  const { add, del, order } = diffLists(original, modified, meta.schema ?? {}, meta.key ?? '', {
    ...opts,
    buildRetainKeys: !!meta.retainKeys,
  });
  if (add.length) patch[key] = add;
  if (del.length) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = del;
  if (order.length) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

function diffLists(original: unknown[], modified: unknown[], schema: Schema, mergeKey: string, opts: DiffOptions) {
  const none = { add: [] as unknown[], del: [] as unknown[], order: [] as unknown[] };
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return none;
    return { ...none, add: clone(modified) };
  }
  const kind = elementKind([original, modified]);
  if (kind === 'map') {
    const { patch, deletions } = diffListsOfMaps(original, modified, schema, mergeKey, opts);
    let add = normalizeSliceOrder(patch, modified, mergeKey, kind);
    const orderSame =
      original.length === modified.length && modified.every((m, i) => (original[i] as JMap)[mergeKey] === (m as JMap)[mergeKey]);
    add = [...add, ...deletions];
    let order: unknown[] = [];
    if (opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) || (!opts.ignoreDeletions && add.length > 0))) {
      order = modified.map((m) => ({ [mergeKey]: (m as JMap)[mergeKey] }));
    }
    return { add, del: [], order };
  }
  const { add, del } = diffListsOfScalars(original, modified, opts);
  const sorted = normalizeSliceOrder(add, modified, mergeKey, kind);
  const order =
    opts.setElementOrder && ((!opts.ignoreDeletions && del.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)))
      ? modified
      : [];
  return { add: sorted, del, order };
}

function diffListsOfScalars(original: unknown[], modified: unknown[], opts: DiffOptions): { add: unknown[]; del: unknown[] } {
  const o = sortScalars(original);
  const m = sortScalars(modified);
  const add: unknown[] = [];
  const del: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const os = i < o.length ? String(o[i]) : undefined;
    const ms = j < m.length ? String(m[j]) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      i++;
      j++;
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) add.push(m[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) del.push(o[i]);
      i++;
    }
  }
  return { add, del: deduplicateScalars(del) };
}

function diffListsOfMaps(original: unknown[], modified: unknown[], schema: Schema, mergeKey: string, opts: DiffOptions) {
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  const byKey = (l: unknown[]) =>
    [...l].sort((a, b) => {
      const x = String((a as JMap)[mergeKey]);
      const y = String((b as JMap)[mergeKey]);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  const o = byKey(original);
  const m = byKey(modified);
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const oe = o[i] as JMap | undefined;
    const me = m[j] as JMap | undefined;
    const os = oe ? String(oe[mergeKey]) : undefined;
    const ms = me ? String(me[mergeKey]) : undefined;
    if (oe && me && os === ms) {
      const sub = diffMaps(oe, me, schema, opts);
      if (Object.keys(sub).length) patch.push({ ...sub, [mergeKey]: me[mergeKey] });
      i++;
      j++;
    } else if (!oe || (me && os! > ms!)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(clone(me));
      j++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: oe[mergeKey], [DIRECTIVE]: 'delete' });
      i++;
    }
  }
  return { patch, deletions };
}
