/**
 * ConfigMaps and Secrets: config-key names, the 1 MiB size limit, `immutable`, and for Secrets the decoder's work
 * (base64 `data`, `stringData` folded into `data` and never stored), the Opaque default and per-type required keys.
 */
import type { KObject } from '../../types';
import { deepEqual } from '../../util';
import type { KindStrategy } from '../context';
import { badRequest } from '../errors';
import type { FieldError } from '../field-errors';
import { forbiddenField, invalidValue, required } from '../field-errors';
import { immutableField } from '../validation/common';
import { validateObjectMeta } from '../validation/meta';
import { byteLength, isConfigMapKey } from '../validation/names';
import { decodeBase64, encodeBase64, utf8Bytes } from './go-base64';
import { registerStrategy } from './index';

export const MAX_SECRET_SIZE = 1024 * 1024;
const IMMUTABLE_SET = 'field is immutable when `immutable` is set';

function cannotHandle(kind: string, why: string): never {
  throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${why}`);
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** What the JSON decoder refuses in a map[string]string / map[string][]byte field. */
function checkStringMap(obj: KObject, kind: string, fieldName: string, goType: string): void {
  const m = obj[fieldName];
  if (m === undefined || m === null) return;
  if (typeof m !== 'object' || Array.isArray(m)) {
    cannotHandle(kind, `json: cannot unmarshal ${jsonKind(m)} into Go struct field ${kind}.${fieldName} of type map[string]${goType}`);
  }
  for (const v of Object.values(m)) {
    if (v !== null && typeof v !== 'string') {
      cannotHandle(kind, `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${kind}.${fieldName} of type ${goType}`);
    }
  }
}

function validateKeys(map: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of Object.keys((map as object) ?? {})) {
    errs.push(...isConfigMapKey(key).map((m) => invalidValue(`${field}[${key}]`, key, m)));
  }
  return errs;
}

function validateImmutable(obj: KObject, old: KObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(forbiddenField('immutable', IMMUTABLE_SET));
  for (const f of fields) if (!deepEqual(obj[f] ?? {}, old[f] ?? {})) errs.push(forbiddenField(f, IMMUTABLE_SET));
  return errs;
}

// ---- ConfigMap

function decodeConfigMap(cm: KObject): void {
  checkStringMap(cm, 'ConfigMap', 'data', 'string');
  checkStringMap(cm, 'ConfigMap', 'binaryData', '[]uint8');
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
    const decoded = decodeBase64(String(v ?? ''));
    if ('error' in decoded) cannotHandle('ConfigMap', decoded.error);
    cm.binaryData[k] = encodeBase64(decoded.bytes);
  }
}

function validateConfigMap(cm: KObject): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, { namespaced: true, nameRule: 'subdomain' });
  let total = 0;
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    errs.push(...isConfigMapKey(key).map((m) => invalidValue(`data[${key}]`, key, m)));
    if (cm.binaryData && key in cm.binaryData) errs.push(invalidValue(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    total += byteLength(String(value ?? ''));
  }
  errs.push(...validateKeys(cm.binaryData, 'binaryData'));
  for (const value of Object.values(cm.binaryData ?? {})) total += decodedLength(String(value ?? ''));
  if (total > MAX_SECRET_SIZE) errs.push({ type: 'TooLong', field: '[]', detail: `may not be more than ${MAX_SECRET_SIZE} bytes` });
  return errs;
}

const configMapStrategy: KindStrategy = {
  prepareForCreate(cm) {
    delete cm.metadata.generation;
    decodeConfigMap(cm);
  },
  prepareForUpdate: (cm) => decodeConfigMap(cm),
  validate: validateConfigMap,
  validateUpdate: (cm, old) => validateImmutable(cm, old, ['data', 'binaryData']),
  bumpsGeneration: () => false,
};

// ---- Secret

function decodedLength(b64: string): number {
  const d = decodeBase64(b64);
  return 'bytes' in d ? d.bytes.length : 0;
}

/** The v1 decoder: data must be base64 (stored re-encoded), stringData overwrites data keys and is dropped. */
function decodeSecret(secret: KObject): void {
  checkStringMap(secret, 'Secret', 'data', '[]uint8');
  checkStringMap(secret, 'Secret', 'stringData', 'string');
  for (const [k, v] of Object.entries(secret.data ?? {})) {
    const decoded = decodeBase64(String(v ?? ''));
    if ('error' in decoded) cannotHandle('Secret', decoded.error);
    secret.data[k] = encodeBase64(decoded.bytes);
  }
  const stringData = secret.stringData;
  delete secret.stringData;
  if (stringData && Object.keys(stringData).length) {
    secret.data = { ...(secret.data ?? {}) };
    for (const [k, v] of Object.entries(stringData)) secret.data[k] = encodeBase64(utf8Bytes(String(v ?? '')));
  }
}

const dataBytes = (secret: KObject, key: string): number[] | undefined => {
  const v = secret.data?.[key];
  if (v === undefined || v === null) return undefined;
  const d = decodeBase64(String(v));
  return 'bytes' in d ? d.bytes : [];
};

/** encoding/json's complaint about bytes that are not a JSON object (the common cases). */
function jsonObjectError(bytes: number[]): string | undefined {
  const text = String.fromCharCode(...bytes);
  try {
    const v = JSON.parse(text);
    if (v === null || (typeof v === 'object' && !Array.isArray(v))) return undefined;
    return `json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`;
  } catch {
    const trimmed = text.trim();
    if (!trimmed) return 'unexpected end of JSON input';
    const literal = { n: 'null', t: 'true', f: 'false' }[trimmed[0]];
    if (literal) {
      const i = [...literal].findIndex((ch, k) => trimmed[k] !== ch);
      if (i > 0 && i < trimmed.length) return `invalid character '${trimmed[i]}' in literal ${literal} (expecting '${literal[i]}')`;
    }
    return `invalid character '${trimmed[0]}' looking for beginning of value`;
  }
}

function validateSecret(secret: KObject): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, { namespaced: true, nameRule: 'subdomain' });
  let total = 0;
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    errs.push(...isConfigMapKey(key).map((m) => invalidValue(`data[${key}]`, key, m)));
    total += decodedLength(String(value ?? ''));
  }
  if (total > MAX_SECRET_SIZE) errs.push({ type: 'TooLong', field: 'data', detail: `may not be more than ${MAX_SECRET_SIZE} bytes` });
  const has = (k: string) => secret.data != null && k in secret.data;
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = secret.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      const bytes = dataBytes(secret, key);
      if (bytes === undefined) {
        errs.push(required(`data[${key}]`));
        break;
      }
      const jsonErr = jsonObjectError(bytes);
      if (jsonErr) errs.push(invalidValue(`data[${key}]`, '<secret contents redacted>', jsonErr));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) errs.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!(dataBytes(secret, 'ssh-privatekey') ?? []).length) errs.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(required('data[tls.key]'));
      break;
    default:
  }
  return errs;
}

const secretStrategy: KindStrategy = {
  defaults(secret) {
    if (!secret.type) secret.type = 'Opaque';
  },
  prepareForCreate(secret) {
    delete secret.metadata.generation;
    decodeSecret(secret);
  },
  prepareForUpdate: (secret) => decodeSecret(secret),
  validate: validateSecret,
  validateUpdate: (secret, old) => [...immutableField(secret.type, old.type, 'type'), ...validateImmutable(secret, old, ['data'])],
  bumpsGeneration: () => false,
};

registerStrategy('ConfigMap', configMapStrategy);
registerStrategy('Secret', secretStrategy);
