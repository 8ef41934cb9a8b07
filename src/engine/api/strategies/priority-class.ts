/** scheduling.k8s.io/v1 PriorityClass: defaults and the registry's validation (values, reserved names, immutability). */
import type { KObject } from '../../types';
import type { ApiContext, KindStrategy } from '../context';
import { forbidden } from '../errors';
import type { FieldError } from '../field-errors';
import { forbiddenField, notSupported, required } from '../field-errors';
import { immutableField } from '../validation/common';
import { validateObjectMeta } from '../validation/meta';
import { registerStrategy } from './index';

export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const SYSTEM_PREFIX = 'system-';
const POLICIES = ['Never', 'PreemptLowerPriority'];

/** The classes every API server creates at start-up (scheduling/v1 SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: { name: string; value: number; description: string }[] = [
  { name: 'system-node-critical', value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.' },
  { name: 'system-cluster-critical', value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
];

/** IsKnownSystemPriorityClass's error, or undefined for a system class exactly as defined. */
function systemClassError(pc: KObject): string | undefined {
  const known = SYSTEM_PRIORITY_CLASSES.find((s) => s.name === pc.metadata.name);
  if (!known) return `${pc.metadata.name} is not a known system priority class`;
  if (pc.value !== known.value) return `value of ${pc.metadata.name} PriorityClass must be ${known.value}`;
  if (pc.globalDefault) return `globalDefault of ${pc.metadata.name} PriorityClass must be false`;
  return undefined;
}

function validatePriorityClass(pc: KObject): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, { namespaced: false, nameRule: 'subdomain' });
  const name = String(pc.metadata.name ?? '');
  if (name.startsWith(SYSTEM_PREFIX)) {
    const err = systemClassError(pc);
    if (err) {
      errs.push(forbiddenField('metadata.name', `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${err}`));
    }
  } else if (Number(pc.value ?? 0) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbiddenField('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy != null) {
    if (pc.preemptionPolicy === '') errs.push(required('preemptionPolicy'));
    else if (!POLICIES.includes(pc.preemptionPolicy)) errs.push(notSupported('preemptionPolicy', pc.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

function validatePriorityClassUpdate(pc: KObject, old: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if ((pc.value ?? 0) !== (old.value ?? 0)) errs.push(forbiddenField('value', 'may not be changed in an update.'));
  errs.push(...immutableField(pc.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy'));
  return errs;
}

/** The Priority admission plugin: only one PriorityClass may be the global default. */
function admitGlobalDefault(pc: KObject, ctx: ApiContext): void {
  if (!pc.globalDefault) return;
  const other = ctx.store
    .list('scheduling.k8s.io/priorityclasses')
    .map((e) => e.obj)
    .find((o) => o.globalDefault === true && o.metadata.name !== pc.metadata.name);
  if (other) {
    const msg = `PriorityClass ${other.metadata.name} is already marked as default. Only one default can exist`;
    throw forbidden('scheduling.k8s.io', 'priorityclasses', pc.metadata.name ?? '', msg);
  }
}

const priorityClassStrategy: KindStrategy = {
  defaults(pc) {
    if (pc.preemptionPolicy == null) pc.preemptionPolicy = 'PreemptLowerPriority';
  },
  prepareForCreate(pc, ctx) {
    delete pc.metadata.generation;
    admitGlobalDefault(pc, ctx);
  },
  prepareForUpdate: (pc, _old, ctx) => admitGlobalDefault(pc, ctx),
  validate: validatePriorityClass,
  validateUpdate: validatePriorityClassUpdate,
  bumpsGeneration: () => false,
};

registerStrategy('PriorityClass', priorityClassStrategy);
