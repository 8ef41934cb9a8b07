/**
 * The `kubectl.kubernetes.io/last-applied-configuration` annotation (k8s.io/kubectl pkg/util/apply.go): the object
 * as kubectl encodes it (Go encoding/json of a map: keys sorted, compact, <>& escaped, a trailing newline), without
 * the annotation itself.
 */
import type { KObject } from '../../types';
import { clone, isPlainObject } from '../../util';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** encoding/json Encoder output of a decoded JSON value. */
export function goJson(v: unknown): string {
  return encode(v) + '\n';
}

function encode(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(encode).join(',')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort();
    return `{${keys.map((k) => `${quote(k)}:${encode(v[k])}`).join(',')}}`;
  }
  if (typeof v === 'string') return quote(v);
  return JSON.stringify(v);
}

function quote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The annotation value of a live object, or undefined. */
export function originalConfiguration(obj: KObject): string | undefined {
  return obj.metadata?.annotations?.[LAST_APPLIED];
}

/**
 * GetModifiedConfiguration(obj, annotate=true): the config without the annotation, serialized, then stored as the
 * annotation. `annotations: {}` stays when the config had none, as kubectl leaves it.
 */
export function modifiedConfiguration(obj: KObject): { modified: KObject; annotation: string } {
  const copy = clone(obj);
  const annotations: Record<string, string> = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  const annotation = goJson(copy);
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: annotation };
  return { modified: copy, annotation };
}

/** CreateApplyAnnotation + pruneNulls: what kubectl sends when apply creates the object. */
export function objectToCreate(obj: KObject): KObject {
  const { modified } = modifiedConfiguration(obj);
  return pruneNulls(modified) as KObject;
}

function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneNulls);
  if (isPlainObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNulls(v[k]);
    }
  }
  return v;
}
