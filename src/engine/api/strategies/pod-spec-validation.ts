/**
 * ValidatePodSpec and ValidatePodTemplateSpec as core/validation runs them, shared by Pods and workload templates.
 * Messages, paths and the order of checks follow Kubernetes v1.33.
 */
import type { FieldError } from '../field-errors';
import { duplicate, forbiddenField, invalidValue, notSupported, required } from '../field-errors';
import { inclusiveRangeError } from '../validation/names';
import {
  isDNS1123Label,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSSubdomain,
  validateAnnotations,
  validateLabelName,
  validateLabels,
} from '../validation/meta';
import { validateContainers, validateInitContainers, validateResourceRequirements } from './pod-container-validation';
import { validateVolumes } from './pod-volume-validation';

const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): any => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

export interface PodSpecValidationOptions {
  /** The spec is a Pod's own (not a template's): hostNetwork ports must then equal container ports. */
  isPod: boolean;
}

const MAX_INT32 = 2147483647;

export function validatePodSpec(specIn: unknown, field: string, opts: PodSpecValidationOptions): FieldError[] {
  const spec = obj(specIn) ?? {};
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds == null) errs.push(required(`${field}.terminationGracePeriodSeconds`));
  const gracePeriod = typeof spec.terminationGracePeriodSeconds === 'number' ? spec.terminationGracePeriodSeconds : undefined;
  const vols = validateVolumes(spec.volumes, `${field}.volumes`);
  errs.push(...vols.errors);
  const ctx = { volumes: vols.volumes, gracePeriod };
  errs.push(...validateContainers(spec.containers, ctx, `${field}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, ctx, `${field}.initContainers`));
  errs.push(...hostNetworkPorts(spec, field, opts));
  const restart = str(spec.restartPolicy);
  if (!restart) errs.push(required(`${field}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
    errs.push(notSupported(`${field}.restartPolicy`, restart, ['Always', 'OnFailure', 'Never']));
  }
  const dns = str(spec.dnsPolicy);
  if (!dns) errs.push(required(`${field}.dnsPolicy`));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dns)) {
    errs.push(notSupported(`${field}.dnsPolicy`, dns, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  }
  errs.push(...validateLabels(spec.nodeSelector, `${field}.nodeSelector`));
  arr(spec.imagePullSecrets).forEach((s, i) => {
    const ref = obj(s) ?? {};
    if (Object.keys(ref).some((k) => k !== 'name')) {
      errs.push({ type: 'Invalid', field: `${field}.imagePullSecrets[${i}]`, goValue: `core.LocalObjectReference{Name:${JSON.stringify(str(ref.name))}}`, detail: 'only name may be set' });
    }
  });
  errs.push(...validateDNSConfig(spec, `${field}.dnsConfig`));
  arr(spec.readinessGates).forEach((g, i) => {
    const f = `${field}.readinessGates[${i}].conditionType`;
    for (const m of isQualifiedName(str(obj(g)?.conditionType))) errs.push(invalidValue(f, str(obj(g)?.conditionType), m));
  });
  const gates = new Set<string>();
  arr(spec.schedulingGates).forEach((g, i) => {
    const name = str(obj(g)?.name);
    for (const m of isQualifiedName(name)) errs.push(invalidValue(`${field}.schedulingGates[${i}]`, name, m));
    if (gates.has(name)) errs.push(duplicate(`${field}.schedulingGates[${i}]`, name));
    gates.add(name);
  });
  for (const key of ['serviceAccountName', 'nodeName']) {
    const v = str(spec[key]);
    if (v) for (const m of nameIsDNSSubdomain(v, false)) errs.push(invalidValue(`${field}.${key}`, v, m));
  }
  if (typeof spec.activeDeadlineSeconds === 'number' && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > MAX_INT32)) {
    errs.push(invalidValue(`${field}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, inclusiveRangeError(1, MAX_INT32)));
  }
  for (const key of ['hostname', 'subdomain']) {
    const v = str(spec[key]);
    if (v) for (const m of isDNS1123Label(v)) errs.push(invalidValue(`${field}.${key}`, v, m));
  }
  errs.push(...validateTolerations(spec.tolerations, `${field}.tolerations`));
  const pc = str(spec.priorityClassName);
  if (pc) for (const m of nameIsDNSSubdomain(pc, false)) errs.push(invalidValue(`${field}.priorityClassName`, pc, m));
  if (spec.preemptionPolicy != null) {
    const p = str(spec.preemptionPolicy);
    if (!p) errs.push(required(`${field}.preemptionPolicy`));
    else if (p !== 'PreemptLowerPriority' && p !== 'Never') {
      errs.push(notSupported(`${field}.preemptionPolicy`, p, ['PreemptLowerPriority', 'Never']));
    }
  }
  if (obj(spec.overhead)) errs.push(...validateResourceRequirements({ limits: spec.overhead }, `${field}.overhead`));
  if (spec.os != null) {
    const os = str(obj(spec.os)?.name);
    if (!os) errs.push(required(`${field}.os.name`));
    else if (os !== 'linux' && os !== 'windows') errs.push(notSupported(`${field}.os.name`, os, ['linux', 'windows']));
  }
  return errs;
}

function hostNetworkPorts(spec: any, field: string, opts: PodSpecValidationOptions): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  const errs: FieldError[] = [];
  arr(spec.containers).forEach((c, i) => {
    arr(obj(c)?.ports).forEach((p, j) => {
      const hp = obj(p)?.hostPort ?? 0;
      const cp = obj(p)?.containerPort ?? 0;
      if ((opts.isPod || hp !== 0) && hp !== cp) {
        errs.push(invalidValue(`${field}.containers[${i}].ports[${j}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

function validateDNSConfig(spec: any, field: string): FieldError[] {
  const cfg = obj(spec.dnsConfig);
  if (spec.dnsPolicy === 'None') {
    if (!cfg) return [required(field, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (arr(cfg.nameservers).length === 0) {
      return [required(`${field}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  if (arr(cfg.nameservers).length > 3) {
    errs.push({ type: 'Invalid', field: `${field}.nameservers`, badValue: arr(cfg.nameservers), detail: 'must not have more than 3 nameservers' });
  }
  arr(cfg.options).forEach((o, i) => {
    if (!str(obj(o)?.name)) errs.push(required(`${field}.options[${i}]`, 'must not be empty'));
  });
  return errs;
}

export function validateTolerations(tolerations: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((t, i) => {
    const tol = obj(t) ?? {};
    const path = `${field}[${i}]`;
    const key = str(tol.key);
    const op = str(tol.operator);
    const effect = str(tol.effect);
    if (key) errs.push(...validateLabelName(key, `${path}.key`));
    if (!key && op !== 'Exists') {
      errs.push(invalidValue(`${path}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (tol.tolerationSeconds != null && effect !== 'NoExecute') {
      errs.push(invalidValue(`${path}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(str(tol.value));
      if (msgs.length) errs.push(invalidValue(`${path}.operator`, str(tol.value), msgs.join(';')));
    } else if (op === 'Exists') {
      if (str(tol.value)) errs.push(invalidValue(`${path}.operator`, str(tol.value), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(`${path}.operator`, op, ['Equal', 'Exists']));
    }
    if (effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
      errs.push(notSupported(`${path}.effect`, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
  });
  return errs;
}

/** ValidatePodTemplateSpec: note that template labels report under `<path>.labels`, as Kubernetes does. */
export function validatePodTemplateSpec(template: unknown, field: string): FieldError[] {
  const t = obj(template) ?? {};
  const meta = obj(t.metadata) ?? {};
  const errs: FieldError[] = [
    ...validateLabels(meta.labels, `${field}.labels`),
    ...validateAnnotations(meta.annotations, `${field}.annotations`),
    ...validatePodSpec(t.spec, `${field}.spec`, { isPod: false }),
  ];
  if (arr(obj(t.spec)?.ephemeralContainers).length > 0) {
    errs.push(forbiddenField(`${field}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
