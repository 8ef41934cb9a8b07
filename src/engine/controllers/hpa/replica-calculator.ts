/**
 * The HPA's replica calculation for resource metrics (pkg/controller/podautoscaler/replica_calculator.go and
 * metrics/client.go, utilization.go): per-pod usage from the metrics API, pods grouped into ready, unready, missing
 * and ignored, utilization as Σ usage / Σ requests in whole percent, the 10% tolerance, and the conservative
 * assumptions for unready and missing pods that keep the direction of a scale from flipping.
 */
import { parseQuantity } from '../../api/quantity';
import { matchesRequirements, type Requirement } from '../../api/selectors';
import type { KObject } from '../../types';
import { podCondition } from '../shared/pods';

/** --horizontal-pod-autoscaler-tolerance. */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period. */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60 * 1000;
/** --horizontal-pod-autoscaler-initial-readiness-delay. */
export const INITIAL_READINESS_DELAY_MS = 30 * 1000;

export interface PodMetric {
  timestamp: number;
  window: number;
  /** Milli-units (millicores, millibytes). */
  value: number;
}

export type PodMetricsInfo = Map<string, PodMetric>;

/** An error whose text is the real controller's. */
export class HpaError extends Error {}

export interface MetricsSource {
  /** The PodMetrics list of the namespace for the selector, or the API error text. */
  listPodMetrics(namespace: string, selector: string): KObject[] | { error: string };
  pods(namespace: string, selector: Requirement[]): KObject[];
  now(): number;
  parseTime(ts: string): number;
}

const isWithinTolerance = (ratio: number) => 1 - TOLERANCE <= ratio && ratio <= 1 + TOLERANCE;

/** Quantity.MilliValue(): milli-units, rounded up. */
function milli(q: unknown): number {
  const v = parseQuantity(q as string) ?? 0;
  return Math.ceil(Math.round(v * 1e9) / 1e6);
}

/** metav1.Duration text (`15s`, `1m0s`, `12.5s`) in ms. */
function durationMs(text: string | undefined): number {
  let ms = 0;
  for (const m of (text ?? '').matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    ms += Number(m[1]) * (m[2] === 'h' ? 3_600_000 : m[2] === 'm' ? 60_000 : m[2] === 's' ? 1000 : 1);
  }
  return ms;
}

/** GetResourceMetric: the per-pod value of `resource`, summed over containers (or of one container). */
export function getResourceMetric(src: MetricsSource, resource: string, namespace: string, selector: string, container: string): PodMetricsInfo {
  const list = src.listPodMetrics(namespace, selector);
  if ('error' in list) throw new HpaError(`unable to get metrics for resource ${resource}: unable to fetch metrics from resource metrics API: ${list.error}`);
  if (!list.length) throw new HpaError(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`);
  const res: PodMetricsInfo = new Map();
  for (const m of list) {
    const containers: any[] = m.containers ?? [];
    const point = (value: number) => ({ timestamp: src.parseTime(m.timestamp), window: durationMs(m.window), value });
    if (container) {
      const c = containers.find((x) => x.name === container);
      if (c && c.usage?.[resource] !== undefined) res.set(m.metadata.name!, point(milli(c.usage[resource])));
      continue;
    }
    if (!containers.length || containers.some((c) => c.usage?.[resource] === undefined)) continue;
    res.set(m.metadata.name!, point(containers.reduce((s, c) => s + milli(c.usage[resource]), 0)));
  }
  return res;
}

interface Groups {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

/** groupPods. */
function groupPods(pods: KObject[], metrics: PodMetricsInfo, resource: string, src: MetricsSource): Groups {
  const g: Groups = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  const now = src.now();
  for (const pod of pods) {
    const name = pod.metadata.name!;
    const phase = pod.status?.phase;
    if (pod.metadata.deletionTimestamp || phase === 'Failed' || phase === 'Succeeded') {
      g.ignored.add(name);
      continue;
    }
    if (phase === 'Pending') {
      g.unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      g.missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const ready = podCondition(pod, 'Ready');
      const startTime = pod.status?.startTime;
      let unready: boolean;
      if (!ready || !startTime) unready = true;
      else {
        const start = src.parseTime(startTime);
        const transition = src.parseTime(ready.lastTransitionTime ?? startTime);
        if (start + CPU_INITIALIZATION_PERIOD_MS > now) {
          // Still initializing: ignore the sample unless a whole metric window passed since the pod became ready.
          unready = ready.status === 'False' || metric.timestamp < transition + metric.window;
        } else {
          // Unready and never ready since the initial readiness delay.
          unready = ready.status === 'False' && start + INITIAL_READINESS_DELAY_MS > transition;
        }
      }
      if (unready) {
        g.unready.add(name);
        continue;
      }
    }
    g.readyPodCount++;
  }
  return g;
}

/** calculateRequests: each pod's request, summed over its containers (and restartable init containers). */
function calculateRequests(pods: KObject[], container: string, resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    const containers: any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always')];
    let request = 0;
    let found = !container;
    for (const c of containers) {
      if (!container || container === c.name) {
        const q = c.resources?.requests?.[resource];
        if (q === undefined) throw new HpaError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
        request += milli(q);
      }
      if (container === c.name) {
        found = true;
        break;
      }
    }
    if (!found) throw new HpaError(`container ${container} not found in Pod ${pod.metadata.name}`);
    requests.set(pod.metadata.name!, request);
  }
  return requests;
}

/** GetResourceUtilizationRatio: utilization in whole percent of the summed requests. */
function utilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, target: number) {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [pod, m] of metrics) {
    const request = requests.get(pod);
    if (request === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) throw new HpaError('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

function usageRatio(metrics: PodMetricsInfo, target: number) {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / target, usage };
}

function podsAndGroups(src: MetricsSource, metrics: PodMetricsInfo, resource: string, namespace: string, selector: Requirement[]) {
  const pods = src.pods(namespace, selector);
  if (!pods.length) throw new HpaError('no pods returned by selector while calculating replica count');
  const groups = groupPods(pods, metrics, resource, src);
  for (const name of [...groups.ignored, ...groups.unready]) metrics.delete(name);
  if (!metrics.size) throw new HpaError('did not receive metrics for targeted pods (pods might be unready)');
  return { pods, groups };
}

/**
 * The final step shared by utilization and raw-value targets: with unready pods on a scale-up or missing pods,
 * fill them in conservatively and recompute; keep the current count if that is within tolerance or flips direction.
 */
function conservative(
  current: number,
  ratio: number,
  groups: Groups,
  metrics: PodMetricsInfo,
  missingValueOnScaleDown: (pod: string) => number,
  recompute: () => number,
): number {
  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && !groups.missing.size) {
    if (isWithinTolerance(ratio)) return current;
    return Math.ceil(ratio * groups.readyPodCount);
  }
  const zero = { timestamp: 0, window: 0, value: 0 };
  for (const pod of groups.missing) {
    if (ratio < 1) metrics.set(pod, { ...zero, value: missingValueOnScaleDown(pod) });
    else if (ratio > 1) metrics.set(pod, zero);
  }
  if (scaleUpWithUnready) for (const pod of groups.unready) metrics.set(pod, zero);
  const newRatio = recompute();
  if (isWithinTolerance(newRatio) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return current;
  const desired = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1 && desired > current) || (newRatio > 1 && desired < current)) return current;
  return desired;
}

/** GetResourceReplicas: for a target utilization (percent of request). */
export function getResourceReplicas(
  src: MetricsSource,
  current: number,
  targetUtilization: number,
  resource: string,
  namespace: string,
  selectorText: string,
  selector: Requirement[],
  container: string,
): { replicas: number; utilization: number; rawAverage: number } {
  const metrics = getResourceMetric(src, resource, namespace, selectorText, container);
  const { pods, groups } = podsAndGroups(src, metrics, resource, namespace, selector);
  const requests = calculateRequests(pods, container, resource);
  const { ratio, utilization, rawAverage } = utilizationRatio(metrics, requests, targetUtilization);
  // On a scale-down, a missing pod counts as using its full request (or the target, when that is above 100%).
  const fallback = Math.max(100, targetUtilization);
  const replicas = conservative(current, ratio, groups, metrics, (pod) => Math.trunc(((requests.get(pod) ?? 0) * fallback) / 100), () => utilizationRatio(metrics, requests, targetUtilization).ratio);
  return { replicas, utilization, rawAverage };
}

/** GetRawResourceReplicas: for a target average value (milli-units per pod). */
export function getRawResourceReplicas(
  src: MetricsSource,
  current: number,
  targetUsage: number,
  resource: string,
  namespace: string,
  selectorText: string,
  selector: Requirement[],
  container: string,
): { replicas: number; usage: number } {
  const metrics = getResourceMetric(src, resource, namespace, selectorText, container);
  const { groups } = podsAndGroups(src, metrics, resource, namespace, selector);
  const { ratio, usage } = usageRatio(metrics, targetUsage);
  const replicas = conservative(current, ratio, groups, metrics, () => targetUsage, () => usageRatio(metrics, targetUsage).ratio);
  return { replicas, usage };
}

/** Pods of the namespace the selector matches (the HPA's pod lister). */
export function selectPods(pods: KObject[], selector: Requirement[]): KObject[] {
  return pods.filter((p) => matchesRequirements(selector, p.metadata.labels));
}
