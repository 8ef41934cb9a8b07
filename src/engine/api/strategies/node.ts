/** Nodes: subdomain names, taints (effect enum, unique by key and effect), podCIDRs, resource quantities. */
import type { KObject } from '../../types';
import type { KindStrategy } from '../context';
import type { FieldError } from '../field-errors';
import { forbiddenField, goQuote, invalidValue, notSupported, required } from '../field-errors';
import { parseQuantityExact } from '../quantity';
import { decodeQuantities, nonNegativeQuantity, validateCIDR } from '../validation/common';
import { validateLabelName, validateObjectMeta } from '../validation/meta';
import { isValidLabelValue } from '../validation/names';
import { registerStrategy } from './index';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Resources whose quantities must be whole numbers (helper.IsIntegerResourceName). */
const INTEGER_RESOURCES = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);

/** SetDefaults_NodeStatus: allocatable defaults to capacity. */
function defaultNode(node: KObject): void {
  const status = node.status;
  if (status?.capacity && status.allocatable == null) status.allocatable = { ...status.capacity };
}

function goTaint(t: any): string {
  const q = (v: unknown) => goQuote(v == null ? '' : String(v));
  return `core.Taint{Key:${q(t?.key)}, Value:${q(t?.value)}, Effect:${q(t?.effect)}, TimeAdded:<nil>}`;
}

/** validateTaintEffect (allowEmpty false). */
export function validateTaintEffect(effect: unknown, field: string): FieldError[] {
  if (!effect) return [required(field)];
  return TAINT_EFFECTS.includes(String(effect)) ? [] : [notSupported(field, effect, TAINT_EFFECTS)];
}

/** validateNodeTaints; the real path is metadata.taints, a quirk kept for fidelity. */
function validateTaints(taints: any[]): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const f = `metadata.taints[${i}]`;
    errs.push(...validateLabelName(String(t?.key ?? ''), `${f}.key`));
    const valueErrs = isValidLabelValue(String(t?.value ?? ''));
    if (valueErrs.length) errs.push(invalidValue(`${f}.value`, t?.value ?? '', valueErrs.join(';')));
    errs.push(...validateTaintEffect(t?.effect, `${f}.effect`));
    const keys = unique.get(t?.effect) ?? new Set<string>();
    if (keys.has(t?.key)) {
      errs.push({ type: 'Duplicate', field: f, goValue: goTaint(t), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(t?.key);
    unique.set(t?.effect, keys);
  });
  return errs;
}

function validateResources(node: KObject): FieldError[] {
  const errs: FieldError[] = [];
  for (const part of ['capacity', 'allocatable']) {
    for (const [k, v] of Object.entries(node.status?.[part] ?? {})) {
      const f = `status.${part}.${k}`;
      errs.push(...nonNegativeQuantity(v, f));
      const q = parseQuantityExact(String(v));
      if (INTEGER_RESOURCES.has(k) && typeof q !== 'string' && q.nanos % 1_000_000_000n !== 0n) {
        errs.push(invalidValue(f, String(v), 'must be an integer'));
      }
    }
  }
  return errs;
}

function validateNode(node: KObject): FieldError[] {
  const errs = validateObjectMeta(node.metadata, { namespaced: false, nameRule: 'subdomain' });
  const taints = node.spec?.taints;
  if (Array.isArray(taints) && taints.length) errs.push(...validateTaints(taints));
  errs.push(...validateResources(node));
  const cidrs: unknown[] = node.spec?.podCIDRs ?? [];
  cidrs.forEach((c, i) => errs.push(...validateCIDR(String(c), `spec.podCIDRs[${i}]`)));
  if (cidrs.length > 1) {
    const v4 = cidrs.filter((c) => !String(c).includes(':')).length;
    if (cidrs.length > 2 || v4 !== 1) {
      errs.push({ type: 'Invalid', field: 'spec.podCIDRs', goValue: `[]string{${cidrs.map((c) => goQuote(String(c))).join(', ')}}`, detail: 'may specify no more than one CIDR for each IP family' });
    }
  }
  return errs;
}

function validateNodeUpdate(node: KObject, old: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const oldCidrs: string[] = old.spec?.podCIDRs ?? [];
  const cidrs: string[] = node.spec?.podCIDRs ?? [];
  const msg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCidrs.length) {
    if (oldCidrs.length !== cidrs.length) errs.push(forbiddenField('spec.podCIDRs', msg));
    else oldCidrs.forEach((c, i) => c !== cidrs[i] && errs.push(forbiddenField('spec.podCIDRs', msg)));
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(forbiddenField('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  if ((old.spec?.externalID ?? '') !== (node.spec?.externalID ?? '')) errs.push(forbiddenField('spec.externalID', 'may not be updated'));
  return errs;
}

const nodeStrategy: KindStrategy = {
  defaults: defaultNode,
  prepareForCreate(node) {
    delete node.metadata.generation;
    decodeQuantities(node.status?.capacity, 'Node');
    decodeQuantities(node.status?.allocatable, 'Node');
  },
  prepareForUpdate(node, old) {
    if (old.status === undefined) delete node.status;
    else node.status = old.status;
  },
  validate: validateNode,
  validateUpdate: validateNodeUpdate,
  bumpsGeneration: () => false,
};

registerStrategy('Node', nodeStrategy);
