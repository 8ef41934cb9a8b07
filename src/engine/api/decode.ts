/**
 * Turn a request body into an object of the endpoint's kind as kube-apiserver's decoder does: fields checked against
 * the Go types (src/engine/api/schema), unknown fields handled per the `fieldValidation` query parameter, wrong
 * types rejected with Go's messages.
 */
import type { KObject } from '../types';
import { isPlainObject } from '../util';
import { badRequest, invalid, StatusError } from './errors';
import { goQuote } from './field-errors';
import { goV } from './patch/go-format';
import { apiVersionOf, type ResourceDef } from './resources';
import { kindSpec, type StructSpec } from './schema';
import { walkField, walkObject, type DecoderFlavor } from './schema/walk';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface DecodeOptions {
  /** The request's `fieldValidation` query value; absent means Warn, the server default. */
  fieldValidation?: string;
  /** Which options object the value belongs to, for the error on a bad value. Default create. */
  operation?: 'create' | 'update' | 'patch';
  /** Receives `unknown field "..."` warnings in Warn mode. */
  warnings?: string[];
  /**
   * A status write of an in-engine component whose body changed nothing but `status` (the rest is the stored object,
   * decoded when it was written, and a status write keeps only the status): only `status` is walked. Any finding
   * falls back to the whole walk, for its exact error or warnings.
   */
  onlyStatus?: boolean;
}

const OPTIONS_KIND = { create: 'CreateOptions', update: 'UpdateOptions', patch: 'PatchOptions' } as const;

/** The directive in force; a value other than Strict/Warn/Ignore is a 422 on the request's options. */
export function fieldValidationMode(value: string | undefined, operation: DecodeOptions['operation'] = 'create'): FieldValidation {
  if (value === undefined || value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw invalid('meta.k8s.io', OPTIONS_KIND[operation], '', [
    {
      type: 'NotSupported',
      field: 'fieldValidation',
      badValue: value,
      detail: 'supported values: "", "Ignore", "Strict", "Warn"',
    },
  ]);
}

interface KindInfo {
  apiVersion: string;
  spec: StructSpec | undefined;
  /** The start of the decoder's error messages. */
  prefix: string;
}

/** What decoding needs of each served resource, worked out once. */
const kindInfos = new Map<ResourceDef, KindInfo>();

function kindInfo(def: ResourceDef): KindInfo {
  let info = kindInfos.get(def);
  if (!info) {
    const apiVersion = apiVersionOf(def);
    info = { apiVersion, spec: kindSpec(apiVersion, def.kind), prefix: `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}` };
    kindInfos.set(def, info);
  }
  return info;
}

/** Walk options by decoder, whether unknown fields are reported and whether keys are sorted. */
const WALK_OPTIONS = {
  json: [
    [{ flavor: 'json', reportUnknown: false, sortKeys: false }, { flavor: 'json', reportUnknown: false, sortKeys: true }],
    [{ flavor: 'json', reportUnknown: true, sortKeys: false }, { flavor: 'json', reportUnknown: true, sortKeys: true }],
  ],
  converter: [
    [{ flavor: 'converter', reportUnknown: false, sortKeys: false }, { flavor: 'converter', reportUnknown: false, sortKeys: true }],
    [{ flavor: 'converter', reportUnknown: true, sortKeys: false }, { flavor: 'converter', reportUnknown: true, sortKeys: true }],
  ],
} as const;

function walkOptions(flavor: DecoderFlavor, reportUnknown: boolean, sortKeys: boolean) {
  return WALK_OPTIONS[flavor][reportUnknown ? 1 : 0][sortKeys ? 1 : 0];
}

/** Defaults apiVersion/kind from the endpoint and checks they match it. */
function checkTypeMeta(def: ResourceDef, body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) {
    throw badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: the body of the request was not a JSON object`);
  }
  const want = kindInfo(def).apiVersion;
  const apiVersion = body.apiVersion ?? want;
  const kind = body.kind ?? def.kind;
  if (apiVersion !== want) {
    throw badRequest(`the API version in the data (${apiVersion}) does not match the expected API version (${want})`);
  }
  if (kind !== def.kind) {
    throw badRequest(`${kind} in version "${def.version}" cannot be handled as a ${def.kind}: the kind in the data does not match the endpoint`);
  }
  return body;
}

function finish(def: ResourceDef, value: Record<string, unknown>): KObject {
  const obj = value as KObject;
  obj.apiVersion = kindInfo(def).apiVersion;
  obj.kind = def.kind;
  if (obj.metadata === undefined) obj.metadata = {};
  return obj;
}

/**
 * A create/update body decoded into a fresh object. Strict: unknown fields are a 400; Warn: they are dropped and
 * reported in `opts.warnings`; Ignore: dropped. Type errors are a 400 in every mode.
 */
export function decodeObject(def: ResourceDef, body: unknown, opts: DecodeOptions = {}): KObject {
  const mode = fieldValidationMode(opts.fieldValidation, opts.operation);
  const src = checkTypeMeta(def, body);
  const { spec, prefix } = kindInfo(def);
  if (!spec) throw badRequest(`no type information for ${def.kind}`);
  const walkOpts = walkOptions('json', mode !== 'Ignore', false);
  const fast = opts.onlyStatus ? statusOnly(def, spec, src, walkOpts) : undefined;
  if (fast) return fast;
  const res = walkObject(spec, src, walkOpts);
  if (res.error !== undefined) throw badRequest(`${prefix}: ${res.error}`);
  if (res.strict.length) {
    if (mode === 'Strict') throw badRequest(`${prefix}: strict decoding error: ${res.strict.join(', ')}`);
    opts.warnings?.push(...res.strict);
  }
  return finish(def, res.value);
}

export interface PatchDecodeOptions extends DecodeOptions {
  /** The patch's content type: strategic merge patches are decoded by the unstructured converter. */
  contentType: string;
  /** The patch body as sent (strategic merge patch errors print it). */
  patch: unknown;
}

/**
 * The object a PATCH produced, decoded as the patch handler does. Errors are 422s on the `patch` field: the bad
 * value is the patched object's JSON (merge and JSON patches) or the patch map (strategic merge patches).
 */
export function decodePatched(def: ResourceDef, patched: unknown, opts: PatchDecodeOptions): KObject {
  const mode = fieldValidationMode(opts.fieldValidation, 'patch');
  const src = checkTypeMeta(def, patched);
  const { spec } = kindInfo(def);
  if (!spec) throw badRequest(`no type information for ${def.kind}`);
  const type = mediaType(opts.contentType);
  const strategic = type === 'application/strategic-merge-patch+json';
  const flavor: DecoderFlavor = strategic ? 'converter' : 'json';
  // Server-side apply rejects unknown fields itself (typed patch conversion); its result has none left to report.
  const reportUnknown = mode !== 'Ignore' && type !== 'application/apply-patch+yaml';
  // The JSON patchers decode the bytes Go marshalled from a map: keys in sorted order.
  const walkOpts = walkOptions(flavor, reportUnknown, !strategic);
  const fast = opts.onlyStatus ? statusOnly(def, spec, src, walkOpts) : undefined;
  if (fast) return fast;
  const res = walkObject(spec, src, walkOpts);
  const fail = (detail: string) => patchInvalid(strategic ? goV(opts.patch) : goJSON(src), detail);
  if (res.error !== undefined) throw fail(res.error);
  if (res.strict.length) {
    if (mode === 'Strict') throw fail(`strict decoding error: ${res.strict.join(', ')}`);
    opts.warnings?.push(...res.strict);
  }
  return finish(def, res.value);
}

/** The object with only its status decoded (see DecodeOptions.onlyStatus); undefined when the walk found anything. */
function statusOnly(
  def: ResourceDef,
  spec: StructSpec,
  src: Record<string, unknown>,
  opts: { flavor: DecoderFlavor; reportUnknown: boolean; sortKeys?: boolean },
): KObject | undefined {
  if (!spec.fields.has('status')) return undefined;
  // The body without its status and with a metadata of its own, keys in the body's order.
  const out: Record<string, unknown> = {};
  for (const k in src) if (k !== 'status') out[k] = src[k];
  out.metadata = { ...(src.metadata as object | undefined) };
  const v = src.status;
  if (v !== undefined && v !== null) {
    const res = walkField(spec, 'status', v, opts);
    if (res.error !== undefined || res.strict.length) return undefined;
    if (res.value !== undefined) out.status = res.value;
  }
  return finish(def, out);
}

/** A Content-Type without its parameters (`application/json; charset=utf-8` -> `application/json`). */
export function mediaType(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi < 0 ? contentType : contentType.slice(0, semi)).trim();
}

/** errors.NewInvalid(schema.GroupKind{}, "", [patch: Invalid value]): a 422 with no kind or name. */
function patchInvalid(badValue: string, detail: string): StatusError {
  const body = `Invalid value: ${goQuote(badValue)}: ${detail}`;
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: ` "" is invalid: patch: ${body}`,
    reason: 'Invalid',
    details: { causes: [{ reason: 'FieldValueInvalid', message: body, field: 'patch' }] },
    code: 422,
  });
}

/** encoding/json's Marshal of a decoded map: sorted keys, compact, with its HTML escaping. */
function goJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    return JSON.stringify(v ?? null).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (Array.isArray(v)) return `[${v.map(goJSON).join(',')}]`;
  const o = v as Record<string, unknown>;
  const parts = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${goJSON(k)}:${goJSON(o[k])}`);
  return `{${parts.join(',')}}`;
}
