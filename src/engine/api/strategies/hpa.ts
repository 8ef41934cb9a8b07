/** HorizontalPodAutoscalers (autoscaling/v2): defaults (minReplicas, CPU metric, behavior) and validation. */
import type { KObject } from '../../types';
import type { KindStrategy } from '../context';
import type { FieldError } from '../field-errors';
import { forbiddenField, invalidValue, notSupported, required } from '../field-errors';
import { parseQuantityExact } from '../quantity';
import { validateObjectMeta } from '../validation/meta';
import { isDNS1123Label, isValidPathSegmentName } from '../validation/names';
import { registerStrategy } from './index';

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_SECONDS = 3600;

const scaleUpDefaults = () => ({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});
const scaleDownDefaults = () => ({ selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });

/** copyHPAScalingRules: the user's non-nil fields over the defaults. */
function fillRules(from: any, defaults: Record<string, unknown>): any {
  if (from == null) return defaults;
  const out: any = { ...defaults };
  for (const k of ['selectPolicy', 'stabilizationWindowSeconds', 'policies']) if (from[k] != null) out[k] = from[k];
  return out;
}

/** SetDefaults_HorizontalPodAutoscaler (autoscaling/v2). */
function defaultHPA(hpa: KObject): void {
  const spec = (hpa.spec ??= {});
  if (spec.minReplicas == null) spec.minReplicas = 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  if (spec.behavior != null) {
    spec.behavior.scaleUp = fillRules(spec.behavior.scaleUp, scaleUpDefaults());
    spec.behavior.scaleDown = fillRules(spec.behavior.scaleDown, scaleDownDefaults());
  }
}

function validateObjectRef(ref: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ['kind', 'name']) {
    const v = ref?.[key];
    if (!v) errs.push(required(`${f}.${key}`));
    else errs.push(...isValidPathSegmentName(v).map((m) => invalidValue(`${f}.${key}`, v, m)));
  }
  return errs;
}

const positive = (q: unknown) => {
  const parsed = parseQuantityExact(String(q));
  return typeof parsed !== 'string' && parsed.nanos > 0n;
};

function validateTarget(t: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = t?.type ?? '';
  if (!type) errs.push(required(`${f}.type`, 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type)) {
    errs.push(invalidValue(`${f}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  }
  if (t?.value != null && !positive(t.value)) errs.push(invalidValue(`${f}.value`, String(t.value), 'must be positive'));
  if (t?.averageValue != null && !positive(t.averageValue)) errs.push(invalidValue(`${f}.averageValue`, String(t.averageValue), 'must be positive'));
  if (t?.averageUtilization != null && t.averageUtilization < 1) {
    errs.push(invalidValue(`${f}.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

function validateMetricId(id: any, f: string): FieldError[] {
  if (!id?.name) return [required(`${f}.name`, 'must specify a metric name')];
  return isValidPathSegmentName(id.name).map((m) => invalidValue(`${f}.name`, id.name, m));
}

function validateSource(kind: string, src: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const t = src?.target ?? {};
  switch (kind) {
    case 'object':
      errs.push(...validateObjectRef(src.describedObject, `${f}.describedObject`), ...validateMetricId(src.metric, `${f}.metric`));
      errs.push(...validateTarget(t, `${f}.target`));
      if (t.value == null && t.averageValue == null) errs.push(required(`${f}.target.averageValue`, 'must set either a target value or averageValue'));
      break;
    case 'external':
      errs.push(...validateMetricId(src.metric, `${f}.metric`), ...validateTarget(t, `${f}.target`));
      if (t.value == null && t.averageValue == null) {
        errs.push(required(`${f}.target.averageValue`, 'must set either a target value for metric or a per-pod target'));
      }
      if (t.value != null && t.averageValue != null) {
        errs.push(forbiddenField(`${f}.target.value`, 'may not set both a target value for metric and a per-pod target'));
      }
      break;
    case 'pods':
      errs.push(...validateMetricId(src.metric, `${f}.metric`), ...validateTarget(t, `${f}.target`));
      if (t.averageValue == null) errs.push(required(`${f}.target.averageValue`, 'must specify a positive target averageValue'));
      break;
    default: {
      if (!src.name) errs.push(required(`${f}.name`, 'must specify a resource name'));
      if (kind === 'containerResource') {
        if (!src.container) errs.push(required(`${f}.container`, 'must specify a container'));
        else errs.push(...isDNS1123Label(src.container).map((m) => invalidValue(`${f}.container`, src.container, m)));
      }
      errs.push(...validateTarget(t, `${f}.target`));
      if (t.averageUtilization == null && t.averageValue == null) {
        errs.push(required(`${f}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
      }
      if (t.averageUtilization != null && t.averageValue != null) {
        errs.push(forbiddenField(`${f}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
      }
    }
  }
  return errs;
}

const SOURCE_FIELDS: [string, string][] = [
  ['object', 'Object'],
  ['external', 'External'],
  ['pods', 'Pods'],
  ['resource', 'Resource'],
  ['containerResource', 'ContainerResource'],
];

function validateMetric(m: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = m?.type ?? '';
  if (!type) errs.push(required(`${f}.type`, 'must specify a metric source type'));
  if (!METRIC_TYPES.includes(type)) errs.push(notSupported(`${f}.type`, type, METRIC_TYPES));
  const present = SOURCE_FIELDS.filter(([k]) => m?.[k] != null).map(([k]) => k);
  if (present.length) errs.push(...validateSource(present[0], m[present[0]], `${f}.${present[0]}`));
  const expected = SOURCE_FIELDS.find(([, t]) => t === type)?.[0];
  if (expected) {
    if (m?.[expected] == null) errs.push(required(`${f}.${expected}`, 'must populate information for the given metric source'));
  } else {
    errs.push(notSupported(`${f}.type`, type, METRIC_TYPES));
  }
  if (present.length !== 1) {
    for (const k of present) if (k !== expected) errs.push(forbiddenField(`${f}.${k}`, 'must populate the given metric source only'));
  }
  return errs;
}

function validateRules(rules: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (rules == null) return errs;
  const w = rules.stabilizationWindowSeconds;
  if (w != null && w < 0) errs.push(invalidValue(`${f}.stabilizationWindowSeconds`, w, 'must be greater than or equal to zero'));
  if (w != null && w > MAX_STABILIZATION_SECONDS) {
    errs.push(invalidValue(`${f}.stabilizationWindowSeconds`, w, `must be less than or equal to ${MAX_STABILIZATION_SECONDS}`));
  }
  if (rules.selectPolicy != null && !SELECT_POLICIES.includes(rules.selectPolicy)) {
    errs.push(notSupported(`${f}.selectPolicy`, rules.selectPolicy, SELECT_POLICIES));
  }
  const policies: any[] = Array.isArray(rules.policies) ? rules.policies : [];
  if (!policies.length) errs.push(required(`${f}.policies`, 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const pf = `${f}.policies[${i}]`;
    if (!POLICY_TYPES.includes(p?.type)) errs.push(notSupported(`${pf}.type`, p?.type ?? '', POLICY_TYPES));
    if (!(p?.value > 0)) errs.push(invalidValue(`${pf}.value`, p?.value ?? 0, 'must be greater than zero'));
    if (!(p?.periodSeconds > 0)) errs.push(invalidValue(`${pf}.periodSeconds`, p?.periodSeconds ?? 0, 'must be greater than zero'));
    if (p?.periodSeconds > MAX_PERIOD_SECONDS) {
      errs.push(invalidValue(`${pf}.periodSeconds`, p.periodSeconds, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
    }
  });
  return errs;
}

function validateHPA(hpa: KObject, minReplicasLowerBound = 1): FieldError[] {
  const spec = hpa.spec ?? {};
  const errs = validateObjectMeta(hpa.metadata, { namespaced: true, nameRule: 'subdomain' });
  if (spec.minReplicas != null && spec.minReplicas < minReplicasLowerBound) {
    errs.push(invalidValue('spec.minReplicas', spec.minReplicas, `must be greater than or equal to ${minReplicasLowerBound}`));
  }
  const max = spec.maxReplicas ?? 0;
  if (max < 1) errs.push(invalidValue('spec.maxReplicas', max, 'must be greater than 0'));
  if (spec.minReplicas != null && max < spec.minReplicas) {
    errs.push(invalidValue('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  }
  errs.push(...validateObjectRef(spec.scaleTargetRef, 'spec.scaleTargetRef'));
  (spec.metrics ?? []).forEach((m: any, i: number) => errs.push(...validateMetric(m, `spec.metrics[${i}]`)));
  if (spec.behavior != null) {
    errs.push(...validateRules(spec.behavior.scaleUp, 'spec.behavior.scaleUp'), ...validateRules(spec.behavior.scaleDown, 'spec.behavior.scaleDown'));
  }
  return errs;
}

const hpaStrategy: KindStrategy = {
  defaults: defaultHPA,
  prepareForCreate(hpa) {
    delete hpa.metadata.generation;
    hpa.status = { currentMetrics: null, desiredReplicas: 0 };
    dropTolerance(hpa);
  },
  prepareForUpdate(hpa, old) {
    hpa.status = old.status;
    dropTolerance(hpa);
  },
  validate: (hpa) => validateHPA(hpa),
  bumpsGeneration: () => false,
};

/** `tolerance` needs the HPAConfigurableTolerance gate, off in v1.33. */
function dropTolerance(hpa: KObject): void {
  for (const rules of [hpa.spec?.behavior?.scaleUp, hpa.spec?.behavior?.scaleDown]) if (rules) delete rules.tolerance;
}

registerStrategy('HorizontalPodAutoscaler', hpaStrategy);
