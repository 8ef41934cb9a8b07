/**
 * ObjectMeta validation as apimachinery's ValidateObjectMeta does it: names by rule, generateName, namespace,
 * labels, annotations (256 KiB total), ownerReferences, finalizers. Messages are Kubernetes' own.
 */
import type { FieldError } from '../field-errors';
import { forbiddenField, invalidValue, required } from '../field-errors';
import {
  byteLength,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  nameIsPathSegment,
  type NameFn,
} from './names';

export { FIELD_IMMUTABLE, immutableField } from './common';
export {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  regexError,
  type NameFn,
} from './names';

/** Which name rule a kind uses: most use DNS-1123 subdomains, namespaces DNS-1123 labels, services DNS-1035 labels. */
export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path-segment';

export interface MetaRules {
  namespaced: boolean;
  nameRule: NameRule;
}

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const NAME_FNS: Record<NameRule, NameFn> = {
  subdomain: nameIsDNSSubdomain,
  label: nameIsDNSLabel,
  dns1035: nameIsDNS1035Label,
  'path-segment': nameIsPathSegment,
};

export function nameFnFor(rule: NameRule): NameFn {
  return NAME_FNS[rule];
}

export function validateObjectMeta(meta: any, rules: MetaRules, field = 'metadata'): FieldError[] {
  const m = meta ?? {};
  const nameFn = NAME_FNS[rules.nameRule];
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(String(m.generateName), true)) errs.push(invalidValue(`${field}.generateName`, m.generateName, msg));
  }
  if (!m.name) {
    errs.push(required(`${field}.name`, 'name or generateName is required'));
  } else {
    for (const msg of nameFn(String(m.name), false)) errs.push(invalidValue(`${field}.name`, m.name, msg));
  }
  if (rules.namespaced) {
    if (!m.namespace) errs.push(required(`${field}.namespace`));
    else for (const msg of nameIsDNSLabel(String(m.namespace), false)) errs.push(invalidValue(`${field}.namespace`, m.namespace, msg));
  } else if (m.namespace) {
    errs.push(forbiddenField(`${field}.namespace`, 'not allowed on this type'));
  }
  if (typeof m.generation === 'number' && m.generation < 0) {
    errs.push(invalidValue(`${field}.generation`, m.generation, 'must be greater than or equal to 0'));
  }
  errs.push(...validateLabels(m.labels, `${field}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${field}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${field}.ownerReferences`));
  errs.push(...validateFinalizers(m.finalizers, `${field}.finalizers`));
  (Array.isArray(m.finalizers) ? m.finalizers : []).forEach((f: unknown, i: number) => {
    errs.push(...validateKubeFinalizerName(String(f), `${field}.finalizers[${i}]`));
  });
  return errs;
}

/** The checks only an update makes (name, namespace and uid are kept by the handlers). */
export function validateObjectMetaUpdate(meta: any, oldMeta: any, field = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if (oldMeta?.deletionTimestamp) {
    const oldSet = new Set<string>(oldMeta.finalizers ?? []);
    const extra = [...new Set<string>(meta?.finalizers ?? [])].filter((f) => !oldSet.has(f)).sort();
    if (extra.length) {
      const list = `[]string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`;
      errs.push(
        forbiddenField(`${field}.finalizers`, `no new finalizers can be added if the object is being deleted, found new finalizers ${list}`),
      );
    }
  }
  return errs;
}

export function validateLabels(labels: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels || typeof labels !== 'object') return errs;
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    errs.push(...validateLabelName(k, field));
    const value = v == null ? '' : String(v);
    for (const msg of isValidLabelValue(value)) errs.push(invalidValue(field, value, msg));
  }
  return errs;
}

export function validateLabelName(key: string, field: string): FieldError[] {
  return isQualifiedName(key).map((msg) => invalidValue(field, key, msg));
}

export function validateAnnotations(annotations: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations || typeof annotations !== 'object') return errs;
  let total = 0;
  for (const [k, v] of Object.entries(annotations as Record<string, unknown>)) {
    // Annotation keys are qualified names, but case does not matter.
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalidValue(field, k, msg));
    total += byteLength(k) + byteLength(v == null ? '' : String(v));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    errs.push({ type: 'TooLong', field, detail: `may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` });
  }
  return errs;
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** metav1 LabelSelector objects (matchLabels + matchExpressions). */
export function validateLabelSelector(selector: any, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!selector || typeof selector !== 'object') return errs;
  errs.push(...validateLabels(selector.matchLabels, `${field}.matchLabels`));
  (Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []).forEach((expr: any, i: number) => {
    const f = `${field}.matchExpressions[${i}]`;
    const values: unknown[] = Array.isArray(expr?.values) ? expr.values : [];
    const op = expr?.operator ?? '';
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(`${f}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) {
        errs.push(forbiddenField(`${f}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
    } else {
      errs.push(invalidValue(`${f}.operator`, op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(String(expr?.key ?? ''), `${f}.key`));
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(String(v))) errs.push(invalidValue(`${f}.values[${j}]`, v, msg));
    });
  });
  return errs;
}

export const LABEL_SELECTOR_OPERATORS = SELECTOR_OPERATORS;

function goOwnerReference(ref: any): string {
  const s = (v: unknown) => JSON.stringify(v == null ? '' : String(v));
  const p = (v: unknown) => (v == null ? '(*bool)(nil)' : `(*bool)(${v ? 'true' : 'false'})`);
  return (
    `v1.OwnerReference{APIVersion:${s(ref?.apiVersion)}, Kind:${s(ref?.kind)}, Name:${s(ref?.name)}, ` +
    `UID:${s(ref?.uid)}, Controller:${p(ref?.controller)}, BlockOwnerDeletion:${p(ref?.blockOwnerDeletion)}}`
  );
}

export function validateOwnerReferences(refs: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(refs)) return errs;
  let firstController = '';
  for (const ref of refs) {
    const apiVersion = String(ref?.apiVersion ?? '');
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.lastIndexOf('/') + 1) : apiVersion;
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
    if (!version) errs.push(invalidValue(`${field}.apiVersion`, apiVersion, 'version must not be empty'));
    if (!ref?.kind) errs.push(invalidValue(`${field}.kind`, ref?.kind ?? '', 'kind must not be empty'));
    if (!ref?.name) errs.push(invalidValue(`${field}.name`, ref?.name ?? '', 'name must not be empty'));
    if (!ref?.uid) errs.push(invalidValue(`${field}.uid`, ref?.uid ?? '', 'uid must not be empty'));
    if (group === '' && version === 'v1' && ref?.kind === 'Event') {
      errs.push({ type: 'Invalid', field, goValue: goOwnerReference(ref), detail: '/v1, Kind=Event is disallowed from being an owner' });
    }
    if (ref?.controller === true) {
      const cur = `${ref.kind ?? ''}/${ref.name ?? ''}`;
      if (firstController) {
        errs.push({
          type: 'Invalid',
          field,
          goValue: `[]v1.OwnerReference{${refs.map(goOwnerReference).join(', ')}}`,
          detail: `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
        });
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

export function validateFinalizers(finalizers: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!Array.isArray(finalizers)) return errs;
  for (const f of finalizers) {
    for (const msg of isQualifiedName(String(f))) errs.push(invalidValue(field, f, msg));
  }
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalidValue(field, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** Core's extra rule: a finalizer without a '/' must be one of the standard ones. */
export function validateKubeFinalizerName(name: string, field: string): FieldError[] {
  if (name.split('/').length === 1 && !STANDARD_FINALIZERS.has(name)) {
    return [invalidValue(field, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}
