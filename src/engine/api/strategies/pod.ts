/**
 * The Pod strategy (pkg/registry/core/pod/strategy.go): defaults, admission on create, status reset to Pending with
 * its QoS class, ValidatePodCreate / ValidatePodUpdate with Kubernetes' messages.
 */
import { computeQOSClass } from '../qos';
import type { KObject } from '../../types';
import { clone, deepEqual, isPlainObject } from '../../util';
import type { ApiContext, KindStrategy } from '../context';
import type { FieldError } from '../field-errors';
import { forbiddenField, invalidValue, required } from '../field-errors';
import { inclusiveRangeError } from '../validation/names';
import { validateObjectMeta } from '../validation/meta';
import { addDefaultTolerations, admitPodCreate, keepAdmittedPriority } from './pod-admission';
import { defaultPodSpec } from './pod-spec-defaults';
import { validatePodSpec, validateTolerations } from './pod-spec-validation';
import { podSpecDiff } from './pod-spec-diff';
import { registerStrategy } from './index';

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const MAX_INT32 = 2147483647;

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function defaults(pod: KObject): void {
  if (!isPlainObject(pod.spec)) pod.spec = {};
  defaultPodSpec(pod.spec, { isPod: true, kind: 'Pod' });
}

export const podStrategy: KindStrategy = {
  defaults,
  prepareForCreate(pod, ctx: ApiContext) {
    defaults(pod);
    admitPodCreate(pod, ctx);
    pod.status = { phase: 'Pending', qosClass: computeQOSClass(pod.spec) };
    if (Array.isArray(pod.spec.schedulingGates) && pod.spec.schedulingGates.length > 0) {
      pod.status.conditions = [
        {
          lastProbeTime: null,
          lastTransitionTime: null,
          message: 'Scheduling is blocked due to non-empty scheduling gates',
          reason: 'SchedulingGated',
          status: 'False',
          type: 'PodScheduled',
        },
      ];
    }
  },
  prepareForUpdate(pod, old) {
    keepAdmittedPriority(pod, old);
    addDefaultTolerations(pod);
  },
  validate(pod) {
    const errs: FieldError[] = [...validateObjectMeta(pod.metadata, { namespaced: true, nameRule: 'subdomain' })];
    const mirror = pod.metadata.annotations?.[MIRROR_ANNOTATION];
    if (mirror !== undefined && !pod.spec?.nodeName) {
      errs.push(invalidValue(`metadata.annotations[${MIRROR_ANNOTATION}]`, mirror, 'must set spec.nodeName if mirror pod annotation is set'));
    }
    errs.push(...validatePodSpec(pod.spec, 'spec', { isPod: true }));
    const spec = isPlainObject(pod.spec) ? pod.spec : {};
    if (!spec.serviceAccountName) {
      (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((v: any, vi: number) => {
        (Array.isArray(v?.projected?.sources) ? v.projected.sources : []).forEach((s: any, si: number) => {
          if (s?.serviceAccountToken) {
            errs.push(forbiddenField(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
          }
        });
      });
    }
    for (const list of ['containers', 'initContainers']) {
      (Array.isArray(spec[list]) ? spec[list] : []).forEach((c: any, i: number) => {
        if (typeof c?.image === 'string' && c.image !== c.image.trim()) {
          errs.push(invalidValue(`spec.${list}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
        }
      });
    }
    if (spec.nodeName && Array.isArray(spec.schedulingGates) && spec.schedulingGates.length) {
      errs.push(forbiddenField('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
    }
    return errs;
  },
  validateUpdate(pod, old) {
    return validatePodUpdate(pod, old);
  },
};

function validatePodUpdate(pod: KObject, old: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const oldAnn = old.metadata.annotations ?? {};
  const newAnn = pod.metadata.annotations ?? {};
  if (oldAnn[MIRROR_ANNOTATION] !== undefined && newAnn[MIRROR_ANNOTATION] !== oldAnn[MIRROR_ANNOTATION]) {
    errs.push(forbiddenField(`metadata.annotations[${MIRROR_ANNOTATION}]`, 'may not remove or update mirror pod annotation'));
  }
  if (oldAnn[MIRROR_ANNOTATION] === undefined && newAnn[MIRROR_ANNOTATION] !== undefined) {
    errs.push(forbiddenField(`metadata.annotations[${MIRROR_ANNOTATION}]`, 'may not add mirror pod annotation'));
  }
  const spec = isPlainObject(pod.spec) ? pod.spec : {};
  const oldSpec = isPlainObject(old.spec) ? old.spec : {};
  for (const list of ['containers', 'initContainers']) {
    const now = Array.isArray(spec[list]) ? spec[list] : [];
    const before = Array.isArray(oldSpec[list]) ? oldSpec[list] : [];
    if (now.length !== before.length) {
      errs.push(forbiddenField(`spec.${list}`, 'pod updates may not add or remove containers'));
      return errs;
    }
    now.forEach((c: any, i: number) => {
      if (!c?.image) errs.push(required(`spec.${list}[${i}].image`));
    });
  }
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > MAX_INT32) {
      errs.push(invalidValue('spec.activeDeadlineSeconds', ads, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (typeof oldSpec.activeDeadlineSeconds === 'number' && oldSpec.activeDeadlineSeconds < ads) {
      errs.push(invalidValue('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldSpec.activeDeadlineSeconds != null) {
    errs.push(invalidValue('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(spec.tolerations, oldSpec.tolerations));
  const newGates: any[] = Array.isArray(spec.schedulingGates) ? spec.schedulingGates : [];
  const oldGateNames = new Set((Array.isArray(oldSpec.schedulingGates) ? oldSpec.schedulingGates : []).map((g: any) => g?.name));
  newGates.forEach((g, i) => {
    if (!oldGateNames.has(g?.name)) {
      errs.push(forbiddenField(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g?.name}'`));
    }
  });
  if (deepEqual(spec, oldSpec)) return errs;

  const munged = clone(spec);
  for (const list of ['containers', 'initContainers']) {
    (Array.isArray(munged[list]) ? munged[list] : []).forEach((c: any, i: number) => {
      if (isPlainObject(c)) c.image = oldSpec[list][i]?.image;
    });
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  if (typeof oldSpec.terminationGracePeriodSeconds === 'number' && oldSpec.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  if (newGates.length > 0 || oldGateNames.size > 0) {
    // Gated pods may gain node selector entries and node affinity terms.
    if (oldGateNames.size > 0) {
      munged.nodeSelector = oldSpec.nodeSelector;
      if (isPlainObject(munged.affinity)) munged.affinity.nodeAffinity = oldSpec.affinity?.nodeAffinity;
    }
  }
  if (!deepEqual(munged, oldSpec)) {
    errs.push(
      forbiddenField('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${podSpecDiff(oldSpec, munged)}`),
    );
  }
  return errs;
}

function onlyAddedTolerations(now: unknown, before: unknown): FieldError[] {
  const newList: any[] = Array.isArray(now) ? now : [];
  for (const old of Array.isArray(before) ? before : []) {
    const found = newList.some((t) => deepEqual({ ...old, tolerationSeconds: t?.tolerationSeconds }, t));
    if (!found) return [forbiddenField('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newList, 'spec.tolerations');
}

registerStrategy('Pod', podStrategy);
