/**
 * apps/validation for Deployment, ReplicaSet, StatefulSet and DaemonSet specs, with Kubernetes' messages and paths
 * (including its quirks: Deployments report "activeDeadlineSeconds in ReplicaSet", StatefulSet templates only get
 * their labels and annotations checked).
 */
import type { FieldError } from '../field-errors';
import { forbiddenField, invalidValue, notSupported, required } from '../field-errors';
import { selectorMatches } from '../selectors';
import { nonNegative } from '../validation/common';
import { regexError, validateAnnotations, validateLabelSelector, validateLabels } from '../validation/meta';
import { goIntOrString, goLabels, goLabelSelector, goStrategy } from './go-values';
import { validatePodTemplateSpec } from './pod-spec-validation';

const obj = (v: unknown): any => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);

/** What LabelSelectorAsSelector makes of a selector: nothing (nil), everything (empty), a selector, or an error. */
type Selector = { kind: 'nothing' } | { kind: 'everything' } | { kind: 'selector'; sel: any } | { kind: 'error' };

function asSelector(sel: unknown): Selector {
  const s = obj(sel);
  if (!s) return { kind: 'nothing' };
  const exprs = Array.isArray(s.matchExpressions) ? s.matchExpressions : [];
  for (const e of exprs) {
    const values = Array.isArray(e?.values) ? e.values : [];
    if (e?.operator === 'In' || e?.operator === 'NotIn') {
      if (values.length === 0) return { kind: 'error' };
    } else if (e?.operator === 'Exists' || e?.operator === 'DoesNotExist') {
      if (values.length > 0) return { kind: 'error' };
    } else {
      return { kind: 'error' };
    }
  }
  if (Object.keys(obj(s.matchLabels) ?? {}).length + exprs.length === 0) return { kind: 'everything' };
  return { kind: 'selector', sel: s };
}

function templateMatches(selector: Selector, template: any): boolean {
  if (selector.kind === 'everything') return true;
  if (selector.kind !== 'selector') return false;
  return selectorMatches(selector.sel, obj(template?.metadata)?.labels);
}

function mismatch(template: any, field: string): FieldError {
  return { type: 'Invalid', field, goValue: goLabels(obj(template?.metadata)?.labels), detail: '`selector` does not match template `labels`' };
}

function emptySelector(sel: any, field: string, what: string): FieldError {
  return { type: 'Invalid', field, goValue: goLabelSelector(sel), detail: `empty selector is invalid for ${what}` };
}

/** The selector checks ReplicaSet and Deployment share, then ValidatePodTemplateSpecForReplicaSet. */
function selectorAndReplicaSetTemplate(spec: any, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.selector == null) errs.push(required(`${field}.selector`));
  else {
    errs.push(...validateLabelSelector(spec.selector, `${field}.selector`));
    if (asSelector(spec.selector).kind === 'everything') errs.push(emptySelector(spec.selector, `${field}.selector`, 'deployment'));
  }
  const selector = asSelector(spec.selector);
  if (selector.kind === 'error') {
    errs.push({ type: 'Invalid', field: `${field}.selector`, goValue: goLabelSelector(spec.selector), detail: 'invalid label selector' });
    return errs;
  }
  const t = obj(spec.template) ?? {};
  const tf = `${field}.template`;
  if (selector.kind !== 'everything' && !templateMatches(selector, t)) errs.push(mismatch(t, `${tf}.metadata.labels`));
  errs.push(...validatePodTemplateSpec(t, tf));
  errs.push(...restartAlways(t, tf));
  if (t.spec?.activeDeadlineSeconds != null) {
    errs.push(forbiddenField(`${tf}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

function restartAlways(t: any, tf: string): FieldError[] {
  const rp = t.spec?.restartPolicy;
  return rp !== 'Always' ? [notSupported(`${tf}.spec.restartPolicy`, rp ?? '', ['Always'])] : [];
}

function isPercent(v: string): boolean {
  return /^[0-9]+%$/.test(v);
}

function intOrPercentErrors(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string') {
    return isPercent(v) ? [] : [{ type: 'Invalid', field, goValue: goIntOrString(v), detail: regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%') }];
  }
  return nonNegative(v, field);
}

function intOrPercentValue(v: unknown): number {
  if (typeof v === 'string') return isPercent(v) ? Number(v.slice(0, -1)) : 0;
  return typeof v === 'number' ? v : 0;
}

function notOver100(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string' && isPercent(v) && Number(v.slice(0, -1)) > 100) {
    return [{ type: 'Invalid', field, goValue: goIntOrString(v), detail: 'must not be greater than 100%' }];
  }
  return [];
}

export function validateReplicaSetSpec(spec: any, field = 'spec'): FieldError[] {
  return [
    ...nonNegative(spec.replicas, `${field}.replicas`),
    ...nonNegative(spec.minReadySeconds, `${field}.minReadySeconds`),
    ...selectorAndReplicaSetTemplate(spec, field),
  ];
}

export function validateDeploymentSpec(spec: any, field = 'spec'): FieldError[] {
  const errs = [...nonNegative(spec.replicas, `${field}.replicas`), ...selectorAndReplicaSetTemplate(spec, field)];
  const strategy = obj(spec.strategy) ?? {};
  const sf = `${field}.strategy`;
  if (strategy.type === 'Recreate') {
    if (strategy.rollingUpdate != null) {
      errs.push(forbiddenField(`${sf}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'"));
    }
  } else if (strategy.type === 'RollingUpdate') {
    const ru = obj(strategy.rollingUpdate);
    if (!ru) errs.push(required(`${sf}.rollingUpdate`, 'this should be defaulted and never be nil'));
    else {
      const rf = `${sf}.rollingUpdate`;
      errs.push(...intOrPercentErrors(ru.maxUnavailable, `${rf}.maxUnavailable`), ...intOrPercentErrors(ru.maxSurge, `${rf}.maxSurge`));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push({ type: 'Invalid', field: `${rf}.maxUnavailable`, goValue: goIntOrString(ru.maxUnavailable), detail: 'may not be 0 when `maxSurge` is 0' });
      }
      errs.push(...notOver100(ru.maxUnavailable, `${rf}.maxUnavailable`));
    }
  } else {
    errs.push({
      type: 'NotSupported',
      field: sf,
      goValue: goStrategy('DeploymentStrategy', 'RollingUpdateDeployment', strategy),
      detail: 'supported values: "Recreate", "RollingUpdate"',
    });
  }
  errs.push(...nonNegative(spec.minReadySeconds, `${field}.minReadySeconds`));
  errs.push(...nonNegative(spec.revisionHistoryLimit, `${field}.revisionHistoryLimit`));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, `${field}.progressDeadlineSeconds`));
    if (spec.progressDeadlineSeconds <= (typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0)) {
      errs.push(invalidValue(`${field}.progressDeadlineSeconds`, spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateStatefulSetSpec(spec: any, field = 'spec'): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.push(required(`${field}.podManagementPolicy`));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(invalidValue(`${field}.podManagementPolicy`, pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = obj(spec.updateStrategy) ?? {};
  const uf = `${field}.updateStrategy`;
  if (!us.type) errs.push(required(uf));
  else if (us.type === 'OnDelete') {
    if (us.rollingUpdate != null) {
      errs.push({
        type: 'Invalid',
        field: `${uf}.rollingUpdate`,
        goValue: `apps.RollingUpdateStatefulSetStrategy{Partition:${obj(us.rollingUpdate)?.partition ?? 0}, MaxUnavailable:(*intstr.IntOrString)(nil)}`,
        detail: "only allowed for updateStrategy 'RollingUpdate'",
      });
    }
  } else if (us.type === 'RollingUpdate') {
    const ru = obj(us.rollingUpdate);
    if (ru) {
      errs.push(...nonNegative(ru.partition, `${uf}.rollingUpdate.partition`));
      if (ru.maxUnavailable != null) {
        const mf = `${uf}.rollingUpdate.maxUnavailable`;
        errs.push(...intOrPercentErrors(ru.maxUnavailable, mf));
        if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push({ type: 'Invalid', field: mf, goValue: goIntOrString(ru.maxUnavailable), detail: 'cannot be 0' });
        errs.push(...notOver100(ru.maxUnavailable, mf));
      }
    }
  } else {
    errs.push({ type: 'Invalid', field: uf, goValue: goStrategy('StatefulSetUpdateStrategy', 'RollingUpdateStatefulSetStrategy', us), detail: "must be 'RollingUpdate' or 'OnDelete'" });
  }
  const policy = obj(spec.persistentVolumeClaimRetentionPolicy);
  if (policy) {
    for (const k of ['whenDeleted', 'whenScaled']) {
      if (policy[k] !== 'Retain' && policy[k] !== 'Delete') {
        errs.push(notSupported(`${field}.persistentVolumeClaimRetentionPolicy.${k}`, policy[k] ?? '', ['Retain', 'Delete']));
      }
    }
  }
  errs.push(...nonNegative(spec.replicas, `${field}.replicas`));
  errs.push(...nonNegative(spec.minReadySeconds, `${field}.minReadySeconds`));
  errs.push(...nonNegative(spec.revisionHistoryLimit, `${field}.revisionHistoryLimit`));
  if (obj(spec.ordinals)) errs.push(...nonNegative(spec.ordinals.start, `${field}.ordinals.start`));
  if (spec.selector == null) errs.push(required(`${field}.selector`));
  else {
    errs.push(...validateLabelSelector(spec.selector, `${field}.selector`));
    if (asSelector(spec.selector).kind === 'everything') errs.push(emptySelector(spec.selector, `${field}.selector`, 'statefulset'));
  }
  const selector = asSelector(spec.selector);
  const t = obj(spec.template) ?? {};
  const tf = `${field}.template`;
  if (selector.kind === 'error') {
    errs.push({ type: 'Invalid', field: `${field}.selector`, goValue: goLabelSelector(spec.selector) });
  } else {
    if (selector.kind !== 'everything' && !templateMatches(selector, t)) errs.push(mismatch(t, `${tf}.metadata.labels`));
    errs.push(...validateLabels(t.metadata?.labels, `${tf}.labels`), ...validateAnnotations(t.metadata?.annotations, `${tf}.annotations`));
  }
  errs.push(...restartAlways(t, tf));
  if (t.spec?.activeDeadlineSeconds != null) {
    errs.push(forbiddenField(`${tf}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

export function validateDaemonSetSpec(spec: any, field = 'spec'): FieldError[] {
  const errs = [...validateLabelSelector(spec.selector, `${field}.selector`)];
  const selector = asSelector(spec.selector);
  const t = obj(spec.template) ?? {};
  const tf = `${field}.template`;
  if (selector.kind !== 'error' && !templateMatches(selector, t)) errs.push(mismatch(t, `${tf}.metadata.labels`));
  if (spec.selector != null && selector.kind === 'everything') errs.push(emptySelector(spec.selector, `${field}.selector`, 'daemonset'));
  errs.push(...validatePodTemplateSpec(t, tf));
  errs.push(...restartAlways(t, tf));
  if (t.spec?.activeDeadlineSeconds != null) {
    errs.push(forbiddenField(`${tf}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...nonNegative(spec.minReadySeconds, `${field}.minReadySeconds`));
  const us = obj(spec.updateStrategy) ?? {};
  const uf = `${field}.updateStrategy`;
  if (us.type === 'RollingUpdate') {
    const ru = obj(us.rollingUpdate);
    if (!ru) errs.push(required(`${uf}.rollingUpdate`));
    else {
      const rf = `${uf}.rollingUpdate`;
      errs.push(...intOrPercentErrors(ru.maxUnavailable, `${rf}.maxUnavailable`), ...intOrPercentErrors(ru.maxSurge, `${rf}.maxSurge`));
      errs.push(...notOver100(ru.maxUnavailable, `${rf}.maxUnavailable`), ...notOver100(ru.maxSurge, `${rf}.maxSurge`));
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) {
        errs.push({ type: 'Invalid', field: `${rf}.maxSurge`, goValue: goIntOrString(ru.maxSurge), detail: 'may not be set when maxUnavailable is non-zero' });
      } else if (!hasUnavailable && !hasSurge) {
        errs.push(required(`${rf}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
      }
    }
  } else if (us.type !== 'OnDelete') {
    errs.push({
      type: 'NotSupported',
      field: uf,
      goValue: goStrategy('DaemonSetUpdateStrategy', 'RollingUpdateDaemonSet', us),
      detail: 'supported values: "RollingUpdate", "OnDelete"',
    });
  }
  errs.push(...nonNegative(spec.revisionHistoryLimit, `${field}.revisionHistoryLimit`));
  return errs;
}
