/**
 * computeReplicasForMetrics (horizontal.go): a replica proposal per metric of the HPA, the largest wins. Resource
 * and ContainerResource metrics come from metrics.k8s.io; this cluster registers no custom or external metrics
 * API, so Pods, Object and External metrics fail as they do on a cluster without an adapter.
 */
import { parseQuantity, quantityFromNumber } from '../../api/quantity';
import type { Requirement } from '../../api/selectors';
import type { KObject } from '../../types';
import { getRawResourceReplicas, getResourceReplicas, HpaError, type MetricsSource } from './replica-calculator';

export interface HpaCondition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface MetricsOutcome {
  /** -1 when the HPA can do nothing with its metrics. */
  replicas: number;
  metric: string;
  statuses: any[];
  error?: string;
  /** ScalingActive as the metrics leave it. */
  condition: HpaCondition;
  /** Warning events the computation raised (reason, message). */
  events: [string, string][];
}

function unable(reason: string, err: string, events: [string, string][]): HpaCondition {
  events.push([reason, err]);
  return { type: 'ScalingActive', status: 'False', reason, message: `the HPA was unable to compute the replica count: ${err}` };
}

/** A milli-value as the status quantity (NewMilliQuantity, DecimalSI). */
const milliQuantity = (milli: number) => quantityFromNumber(milli / 1000);

interface One {
  replicas: number;
  metric: string;
  status: any;
}

function resourceMetric(src: MetricsSource, hpa: KObject, spec: any, current: number, selectorText: string, selector: Requirement[], events: [string, string][]): One | { error: string; condition: HpaCondition } {
  const container = spec.type === 'ContainerResource';
  const source = container ? spec.containerResource : spec.resource;
  const name: string = source?.name ?? '';
  const target = source?.target ?? {};
  const ns = hpa.metadata.namespace!;
  const failReason = container ? 'FailedGetContainerResourceMetric' : 'FailedGetResourceMetric';
  const wrap = (e: string) => (container ? `failed to get ${source?.container} container metric value: ${e}` : `failed to get ${name} resource metric value: ${e}`);
  const statusOf = (current: Record<string, unknown>) =>
    container
      ? { type: 'ContainerResource', containerResource: { name, container: source.container, current } }
      : { type: 'Resource', resource: { name, current } };
  try {
    if (target.averageValue !== undefined && target.averageValue !== null) {
      const targetMilli = quantityMilli(target.averageValue);
      try {
        const r = getRawResourceReplicas(src, current, targetMilli, name, ns, selectorText, selector, container ? source.container : '');
        return { replicas: r.replicas, metric: `${name} resource`, status: statusOf({ averageValue: milliQuantity(r.usage) }) };
      } catch (e) {
        throw new HpaError(`failed to get ${name} usage: ${(e as Error).message}`);
      }
    }
    if (target.averageUtilization === undefined || target.averageUtilization === null) {
      throw new HpaError('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
    }
    try {
      const r = getResourceReplicas(src, current, target.averageUtilization, name, ns, selectorText, selector, container ? source.container : '');
      const metric = container ? `${name} container resource utilization (percentage of request)` : `${name} resource utilization (percentage of request)`;
      return { replicas: r.replicas, metric, status: statusOf({ averageValue: milliQuantity(r.rawAverage), averageUtilization: r.utilization }) };
    } catch (e) {
      throw new HpaError(`failed to get ${name} utilization: ${(e as Error).message}`);
    }
  } catch (e) {
    if (!(e instanceof HpaError)) throw e;
    return { error: wrap(e.message), condition: unable(failReason, e.message, events) };
  }
}

/** Quantity.MilliValue(): milli-units, rounded up. */
function quantityMilli(q: unknown): number {
  return Math.ceil(Math.round((parseQuantity(String(q)) ?? 0) * 1e9) / 1e6);
}

/** A *metav1.LabelSelector as Go's %+v prints it (its generated String method). */
function goSelector(sel: any): string {
  if (!sel) return 'nil';
  const labels = Object.keys(sel.matchLabels ?? {}).sort().map((k) => `${k}: ${sel.matchLabels[k]},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{},}`;
}

/** The custom/external metric APIs are not registered: the error each metric type gets. */
const NO_CUSTOM = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';

function unregisteredMetric(spec: any, ns: string, events: [string, string][]): { error: string; condition: HpaCondition } {
  switch (spec.type) {
    case 'Pods': {
      const e = `unable to get metric ${spec.pods?.metric?.name}: ${NO_CUSTOM}`;
      return { error: `failed to get pods metric value: ${e}`, condition: unable('FailedGetPodsMetric', e, events) };
    }
    case 'Object': {
      const o = spec.object ?? {};
      const e = `unable to get metric ${o.metric?.name} on ${o.describedObject?.kind} ${ns}/${o.describedObject?.name}: ${NO_CUSTOM}`;
      return { error: `failed to get object metric value: ${e}`, condition: unable('FailedGetObjectMetric', e, events) };
    }
    case 'External': {
      const m = spec.external?.metric ?? {};
      const e = `unable to get external metric ${ns}/${m.name}/${goSelector(m.selector)}: unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered`;
      const wrapped = spec.external?.target?.averageValue !== undefined ? `failed to get ${m.name} external metric: ${e}` : `failed to get external metric ${m.name}: ${e}`;
      return { error: `failed to get ${m.name} external metric value: ${wrapped}`, condition: unable('FailedGetExternalMetric', e, events) };
    }
    default: {
      const e = `unknown metric source type "${spec.type}"`;
      return { error: e, condition: unable('InvalidMetricSourceType', e, events) };
    }
  }
}

export function computeReplicasForMetrics(src: MetricsSource, hpa: KObject, scale: KObject, selector: Requirement[]): MetricsOutcome {
  const specs: any[] = hpa.spec?.metrics ?? [];
  const specReplicas: number = scale.spec?.replicas ?? 0;
  const selectorText: string = scale.status?.selector ?? '';
  const statuses: any[] = specs.map(() => ({ type: '' }));
  const events: [string, string][] = [];
  let replicas = 0;
  let metric = '';
  let invalid = 0;
  let firstError: string | undefined;
  let firstCondition: HpaCondition | undefined;
  specs.forEach((spec, i) => {
    const r = spec.type === 'Resource' || spec.type === 'ContainerResource' ? resourceMetric(src, hpa, spec, specReplicas, selectorText, selector, events) : unregisteredMetric(spec, hpa.metadata.namespace!, events);
    if ('error' in r) {
      if (invalid === 0) {
        firstError = r.error;
        firstCondition = r.condition;
      }
      invalid++;
      return;
    }
    statuses[i] = r.status;
    if (replicas === 0 || r.replicas > replicas) {
      replicas = r.replicas;
      metric = r.metric;
    }
  });
  const error = firstError === undefined ? undefined : `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError}`;
  if (invalid >= specs.length || (invalid > 0 && replicas < specReplicas)) {
    return { replicas: -1, metric: '', statuses, error, condition: firstCondition!, events };
  }
  const condition: HpaCondition = {
    type: 'ScalingActive',
    status: 'True',
    reason: 'ValidMetricFound',
    message: `the HPA was able to successfully calculate a replica count from ${metric}`,
  };
  return { replicas, metric, statuses, error, condition, events };
}
