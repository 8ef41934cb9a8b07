/**
 * One pass over a request body against the Go type tables, doing what decoding into the typed object does on the
 * real server: unknown fields are dropped (and reported when asked), values of the wrong JSON type fail with Go's
 * error, quantities are parsed and canonicalized, and nulls become what Go leaves behind.
 *
 * Two decoders are modelled: `json` is sigs.k8s.io/json (create, update, merge and JSON patches), `converter` is
 * runtime.DefaultUnstructuredConverter (strategic merge patches), whose messages differ.
 */
import { canonicalQuantity, parseQuantityExact } from '../quantity';
import { base64ErrorOffset, canonicalBase64, timeParseError } from './go-values';
import type { StructSpec, TypeSpec } from './index';

export type DecoderFlavor = 'json' | 'converter';

export interface WalkResult {
  value: Record<string, unknown>;
  /** Strict-decoding findings (`unknown field "spec.x"`), in the decoder's order; only when asked for. */
  strict: string[];
  /** The decode error that fails the request whatever the field validation. */
  error?: string;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2 ** 63);
const INT64_MAX = 2 ** 63 - 1;

/** Kinds of path segment: a struct field (in both paths), an array index or a map key (in the strict path only). */
const FIELD = 0;
const INDEX = 1;
const KEY = 2;

/** The findings of a walk that found none (shared: never changed). */
const NO_FINDINGS: string[] = Object.freeze([]) as unknown as string[];

/** The segment stacks every walk uses in turn (a walk runs to its end before another starts). */
const SEGS: (string | number)[] = [];
const KINDS: number[] = [];

class Walker {
  strict: string[] = NO_FINDINGS;
  private seen?: Set<string>;
  /** Go's saveError: the first type error, kept while decoding goes on. */
  saved?: string;
  /** An error an UnmarshalJSON returned: decoding stops there. */
  fatal?: string;
  /**
   * Where the walk is, as a stack of segments: the strict path (`spec.containers[0].name`) and Go's field path
   * (`spec.containers.name`) are only formatted from it when a message needs them.
   */
  private readonly segs = SEGS;
  private readonly kinds = KINDS;
  private depth = 0;

  constructor(
    private readonly flavor: DecoderFlavor,
    private readonly reportUnknown: boolean,
    private readonly sortKeys: boolean,
  ) {}

  private push(kind: number, seg: string | number): void {
    this.segs[this.depth] = seg;
    this.kinds[this.depth] = kind;
    this.depth++;
  }

  /** The strict-decoding path of the value being decoded. */
  private path(): string {
    let p = '';
    for (let i = 0; i < this.depth; i++) {
      const s = this.segs[i];
      const kind = this.kinds[i];
      if (kind === FIELD) p = p ? `${p}.${s}` : String(s);
      else if (kind === INDEX) p = `${p}[${s}]`;
      else p = `${p}.${s}`;
    }
    return p;
  }

  /** Go's errorContext.FieldStack joined: struct fields only. */
  private goFields(): string {
    let g = '';
    for (let i = 0; i < this.depth; i++) {
      if (this.kinds[i] !== FIELD) continue;
      const s = String(this.segs[i]);
      g = g ? `${g}.${s}` : s;
    }
    return g;
  }

  private save(msg: string): void {
    if (this.saved === undefined) this.saved = msg;
  }

  /** An unknown field `key` of the struct being decoded. */
  private unknown(key: string): void {
    const path = this.path();
    const msg = `unknown field "${path ? `${path}.${key}` : key}"`;
    if (this.flavor === 'json') {
      // sigs.k8s.io/json dedupes and caps its strict errors at 100.
      this.seen ??= new Set();
      if (this.seen.has(msg) || this.strict.length >= 100) return;
      this.seen.add(msg);
    }
    if (this.strict === NO_FINDINGS) this.strict = [];
    this.strict.push(msg);
  }

  /** `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`, or the
   *  converter's `unrecognized type: int32` family. */
  private typeError(value: unknown, spec: TypeSpec, goStruct: string, numberText = false): void {
    if (this.flavor === 'converter') {
      this.save(converterError(value, spec));
      return;
    }
    let what = jsonKind(value);
    if (numberText && what === 'number') what = `number ${String(value)}`;
    const where = goStruct ? `Go struct field ${goStruct}.${this.goFields()}` : 'Go value';
    this.save(`json: cannot unmarshal ${what} into ${where} of type ${spec.go}`);
  }

  struct(spec: StructSpec, obj: unknown): Record<string, unknown> | undefined {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      this.typeError(obj, spec, this.path() ? this.ctxStruct : '');
      return undefined;
    }
    const src = obj as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    if (this.sortKeys) {
      for (const key of Object.keys(src).sort()) if (!this.structField(spec, src, key, out)) return undefined;
    } else {
      for (const key in src) if (!this.structField(spec, src, key, out)) return undefined;
    }
    if (this.reportUnknown && this.flavor === 'converter') {
      const keys = this.sortKeys ? Object.keys(src).sort() : Object.keys(src);
      for (const key of keys) if (!spec.fields.has(key)) this.unknown(key);
    }
    return out;
  }

  /** One field of a struct into `out`; false when decoding must stop. */
  private structField(spec: StructSpec, src: Record<string, unknown>, key: string, out: Record<string, unknown>): boolean {
    const v = src[key];
    if (v === undefined) return true;
    const field = spec.fields.get(key);
    if (!field) {
      if (this.reportUnknown && this.flavor === 'json') this.unknown(key);
      return true;
    }
    if (v === null) return true; // a null field leaves Go's zero value, which the server omits
    const d = this.fieldValue(spec.name, field, key, v);
    if (this.fatal !== undefined) return false;
    if (d !== undefined) out[key] = d;
    return true;
  }

  /** The Go struct whose field is being decoded (errorContext.Struct). */
  private ctxStruct = '';

  /** One field of a top-level object, decoded as struct() decodes it there. */
  topField(spec: StructSpec, key: string, v: unknown): unknown {
    const field = spec.fields.get(key);
    return field ? this.fieldValue(spec.name, field, key, v) : undefined;
  }

  /** A field's value, decoded with its struct as the error context and its key on the path. */
  private fieldValue(structName: string, field: TypeSpec, key: string, v: unknown): unknown {
    const outer = this.ctxStruct;
    this.ctxStruct = structName;
    this.push(FIELD, key);
    const d = this.value(field, v);
    this.depth--;
    this.ctxStruct = outer;
    return d;
  }

  value(spec: TypeSpec, v: unknown): unknown {
    switch (spec.kind) {
      case 'struct':
        return this.struct(spec, v);
      case 'array': {
        if (!Array.isArray(v)) {
          if (this.flavor === 'converter' && typeof v === 'string' && spec.elem.kind === 'bytes') return v;
          this.typeError(v, spec, this.ctxStruct);
          return undefined;
        }
        const out: unknown[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const item = v[i];
          if (item === null || item === undefined) {
            out[i] = zeroOf(spec.elem);
            continue;
          }
          this.push(INDEX, i);
          out[i] = this.value(spec.elem, item);
          this.depth--;
          if (this.fatal !== undefined) return undefined;
        }
        return out;
      }
      case 'map': {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) {
          this.typeError(v, spec, this.ctxStruct);
          return undefined;
        }
        const src = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        if (this.sortKeys) {
          for (const key of Object.keys(src).sort()) if (!this.mapItem(spec.elem, src, key, out)) return undefined;
        } else {
          for (const key in src) if (!this.mapItem(spec.elem, src, key, out)) return undefined;
        }
        return out;
      }
      default:
        return this.scalar(spec, v);
    }
  }

  /** One item of a map into `out`; false when decoding must stop. */
  private mapItem(elem: TypeSpec, src: Record<string, unknown>, key: string, out: Record<string, unknown>): boolean {
    const item = src[key];
    if (item === undefined) return true;
    if (item === null) {
      out[key] = zeroOf(elem);
      return true;
    }
    // Map keys are part of the strict path, never of Go's error context; the converter tracks neither.
    const json = this.flavor === 'json';
    if (json) this.push(KEY, key);
    out[key] = this.value(elem, item);
    if (json) this.depth--;
    return this.fatal === undefined;
  }

  private scalar(spec: TypeSpec & { kind: string }, v: unknown): unknown {
    switch (spec.kind) {
      case 'string':
        if (typeof v === 'string') return v;
        break;
      case 'bool':
        if (typeof v === 'boolean') return v;
        break;
      case 'float64':
        if (typeof v === 'number') return v;
        break;
      case 'int32':
      case 'int64':
        if (typeof v === 'number') {
          const int32 = spec.kind === 'int32';
          if (Number.isInteger(v) && v >= (int32 ? INT32_MIN : INT64_MIN) && v <= (int32 ? INT32_MAX : INT64_MAX)) return v;
          this.typeError(v, spec, this.ctxStruct, true);
          return undefined;
        }
        break;
      case 'quantity': {
        const text = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
        const r = quantity(text);
        if (!r.ok) this.fatal = r.text;
        return r.ok ? r.text : undefined;
      }
      case 'intstr':
        if (typeof v === 'string') return v;
        if (typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX) return v;
        this.fatal = `json: cannot unmarshal ${typeof v === 'number' ? `number ${v}` : jsonKind(v)} into Go value of type int32`;
        return undefined;
      case 'time':
      case 'microtime': {
        if (typeof v !== 'string') {
          this.fatal = `json: cannot unmarshal ${jsonKind(v)} into Go value of type string`;
          return undefined;
        }
        const err = timeError(v, spec.kind === 'microtime');
        if (err) this.fatal = err;
        return err ? undefined : v;
      }
      case 'bytes':
        if (typeof v === 'string') {
          const at = base64ErrorOffset(v);
          if (at < 0) return canonicalBase64(v);
          this.save(`illegal base64 data at input byte ${at}`);
          return undefined;
        }
        break;
      case 'any':
        return v;
    }
    this.typeError(v, spec, this.ctxStruct);
    return undefined;
  }
}

/** Parsed quantities by text (the same few values recur across thousands of pods). */
const quantityCache = new Map<string, { ok: boolean; text: string }>();

function quantity(text: string): { ok: boolean; text: string } {
  let r = quantityCache.get(text);
  if (!r) {
    const q = parseQuantityExact(text);
    r = typeof q === 'string' ? { ok: false, text: q } : { ok: true, text: canonicalQuantity(text) };
    if (quantityCache.size >= 4096) quantityCache.clear();
    quantityCache.set(text, r);
  }
  return r;
}

/** Timestamps already found valid, by layout (a status write carries several, mostly the same few seconds). */
const validTimes = [new Set<string>(), new Set<string>()];

function timeError(text: string, micro: boolean): string | undefined {
  const valid = validTimes[micro ? 1 : 0];
  if (valid.has(text)) return undefined;
  const err = timeParseError(text, micro);
  if (err === undefined) {
    if (valid.size >= 4096) valid.clear();
    valid.add(text);
  }
  return err;
}

/** Go's zero value of an element type, which a null map value or array item decodes to. */
function zeroOf(spec: TypeSpec): unknown {
  switch (spec.kind) {
    case 'string':
      return '';
    case 'int32':
    case 'int64':
    case 'float64':
    case 'intstr':
      return 0;
    case 'quantity':
      return '0';
    case 'bool':
      return false;
    case 'struct':
      return {};
    default:
      return null;
  }
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'number' ? 'number' : 'string';
}

/** runtime.DefaultUnstructuredConverter's messages for a value of the wrong kind. */
function converterError(v: unknown, spec: TypeSpec): string {
  const src = Array.isArray(v)
    ? 'slice'
    : typeof v === 'object' && v !== null
      ? 'map'
      : typeof v === 'number'
        ? Number.isInteger(v) ? 'int64' : 'float64'
        : typeof v === 'boolean' ? 'bool' : 'string';
  switch (spec.kind) {
    case 'struct':
      return `cannot restore struct from: ${src}`;
    case 'array':
      return `cannot restore slice from ${src}`;
    case 'map':
      return `cannot restore map from ${src}`;
    case 'string':
      return src === 'int64' ? 'cannot convert int64 to string' : 'unrecognized type: string';
    case 'int32':
    case 'int64':
      return src === 'float64' ? `cannot convert float64 to ${spec.kind}` : `unrecognized type: ${spec.kind}`;
    default:
      return `unrecognized type: ${spec.go}`;
  }
}

/**
 * Decode only the field `key` of an object of `spec` (not undefined or null), as walkObject decodes it inside the
 * whole object.
 */
export function walkField(
  spec: StructSpec,
  key: string,
  v: unknown,
  opts: { flavor: DecoderFlavor; reportUnknown: boolean; sortKeys?: boolean },
): { value: unknown; strict: string[]; error?: string } {
  const res = fieldWalk(spec, key, v, opts, false);
  return opts.sortKeys && !clean(res) ? fieldWalk(spec, key, v, opts, true) : res;
}

function fieldWalk(
  spec: StructSpec,
  key: string,
  v: unknown,
  opts: { flavor: DecoderFlavor; reportUnknown: boolean },
  sortKeys: boolean,
): { value: unknown; strict: string[]; error?: string } {
  const w = new Walker(opts.flavor, opts.reportUnknown, sortKeys);
  return { value: w.topField(spec, key, v), strict: w.strict, error: w.fatal ?? w.saved };
}

/** Decode `body` as an object of `spec`. */
export function walkObject(
  spec: StructSpec,
  body: Record<string, unknown>,
  opts: { flavor: DecoderFlavor; reportUnknown: boolean; sortKeys?: boolean },
): WalkResult {
  const res = objectWalk(spec, body, opts, false);
  return opts.sortKeys && !clean(res) ? objectWalk(spec, body, opts, true) : res;
}

function objectWalk(
  spec: StructSpec,
  body: Record<string, unknown>,
  opts: { flavor: DecoderFlavor; reportUnknown: boolean },
  sortKeys: boolean,
): WalkResult {
  const w = new Walker(opts.flavor, opts.reportUnknown, sortKeys);
  const value = w.struct(spec, body) ?? {};
  const strict = opts.flavor === 'converter' && w.strict.length ? [...w.strict].sort() : w.strict;
  return { value, strict, error: w.fatal ?? w.saved };
}

/**
 * Key order only decides which finding comes first, so a walk in sorted order (what Go's decoder sees after
 * marshalling a map) is needed only when the unsorted one found something.
 */
function clean(res: { strict: string[]; error?: string }): boolean {
  return res.error === undefined && res.strict.length === 0;
}
