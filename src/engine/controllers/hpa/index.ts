/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler/horizontal.go): every 15 s
 * (--horizontal-pod-autoscaler-sync-period) each HPA reads its target's scale subresource, computes the desired
 * replica count from the metrics API, normalizes it (stabilization, rate limits, min/max), writes the new count
 * through the scale subresource, and reports status, conditions and events.
 */
import { resourcePath } from '../../api/paths';
import { RESOURCES, findResource, type ResourceDef } from '../../api/resources';
import { matchesRequirements, parseLabelSelector, SelectorParseError, type Requirement } from '../../api/selectors';
import type { TimerHandle } from '../../clock';
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import type { EventRecorder } from '../../runtime/events';
import { objectKey } from '../../runtime/informer';
import type { KObject } from '../../types';
import { clone, deepEqual } from '../../util';
import { computeReplicasForMetrics, type HpaCondition } from './metrics';
import { normalizeWithBehavior, normalizeWithoutBehavior, storeScaleEvent, type HpaMemory } from './normalize';
import { selectPods, type MetricsSource } from './replica-calculator';

/** --horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_PERIOD_MS = 15_000;
const CONFLICT_RETRIES = 5;

const hpaDef = findResource('autoscaling', 'v2', 'horizontalpodautoscalers')!;

interface State {
  ctx: ControllerContext;
  recorder: EventRecorder;
  hpas: { get(key: string): KObject | undefined };
  src: MetricsSource;
  memory: Map<string, HpaMemory>;
  /** The selector each HPA last synced with, by HPA key (the controller's hpaSelectors). */
  selectors: Map<string, Requirement[]>;
}

export const hpaController: Controller = {
  name: 'horizontal-pod-autoscaler',
  start(ctx) {
    const hpas = ctx.informer('horizontalpodautoscalers', 'autoscaling');
    const pods = ctx.informer('pods');
    const st: State = {
      ctx,
      recorder: ctx.recorder({ component: 'horizontal-pod-autoscaler' }),
      hpas,
      memory: new Map(),
      selectors: new Map(),
      src: {
        listPodMetrics(namespace, selector) {
          const res = ctx.request({ method: 'GET', path: `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`, query: { labelSelector: selector } });
          return res.status >= 400 ? { error: res.body?.message ?? 'unknown error' } : (res.body.items as KObject[]);
        },
        pods: (namespace, selector) => selectPods(pods.list(namespace), selector),
        now: () => ctx.clock.now(),
        parseTime: (ts) => ctx.clock.parse(ts),
      },
    };
    const timers = new Map<string, TimerHandle>();
    // Every add goes through the rate limiter with the sync period as its delay; one already waiting wins.
    const enqueue = (key: string) => {
      if (timers.has(key)) return;
      timers.set(
        key,
        ctx.clock.schedule(HPA_SYNC_PERIOD_MS, () => {
          timers.delete(key);
          if (reconcileKey(st, key)) enqueue(key);
        }),
      );
    };
    hpas.on((type, hpa) => {
      const key = objectKey(hpa);
      if (type !== 'DELETED') return enqueue(key);
      timers.get(key)?.cancel();
      timers.delete(key);
      st.memory.delete(key);
      st.selectors.delete(key);
    });
  },
};

/** One sync; false when the HPA is gone. */
function reconcileKey(st: State, key: string): boolean {
  const hpa = st.hpas.get(key);
  if (!hpa) {
    st.memory.delete(key);
    st.selectors.delete(key);
    return false;
  }
  reconcile(st, key, clone(hpa));
  return true;
}

/** setConditionInList: the transition time moves only when the status changes. */
function setCondition(hpa: KObject, c: HpaCondition, now: string): void {
  const list: any[] = (hpa.status.conditions ??= []);
  const i = list.findIndex((x) => x.type === c.type);
  const old = i < 0 ? undefined : list[i];
  const lastTransitionTime = old && old.status === c.status ? old.lastTransitionTime : now;
  const next = { type: c.type, status: c.status, lastTransitionTime, reason: c.reason, message: c.message };
  if (i < 0) list.push(next);
  else list[i] = next;
}

function writeStatus(st: State, original: any, hpa: KObject): void {
  if (deepEqual(original, hpa.status)) return;
  const res = st.ctx.request({ method: 'PUT', path: resourcePath(hpaDef, hpa.metadata.namespace, hpa.metadata.name, 'status'), body: hpa });
  if (res.status >= 400) st.recorder.event(hpa, 'Warning', 'FailedUpdateStatus', res.body?.message ?? '');
}

/** The resource behind scaleTargetRef (RESTMappings for its group and kind). */
function targetResource(ref: any): { def: ResourceDef } | { error: string } {
  const apiVersion: string = ref?.apiVersion ?? '';
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const def = RESOURCES.find((r) => r.group === group && r.kind === ref?.kind);
  if (!def) return { error: `no matches for kind "${ref?.kind}" in group "${group}"` };
  return { def };
}

function reconcile(st: State, key: string, hpa: KObject): void {
  const { ctx, recorder } = st;
  const now = ctx.clock.now();
  const stamp = ctx.clock.timestamp();
  hpa.status ??= {};
  const original = clone(hpa.status);
  const ns = hpa.metadata.namespace!;
  const ref = hpa.spec?.scaleTargetRef ?? {};
  const condition = (type: string, status: 'True' | 'False', reason: string, message: string) => setCondition(hpa, { type, status, reason, message }, stamp);
  const failGetScale = (message: string) => {
    recorder.event(hpa, 'Warning', 'FailedGetScale', message);
    condition('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${message}`);
    writeStatus(st, original, hpa);
  };

  const target = targetResource(ref);
  if ('error' in target) return failGetScale(target.error);
  const scalePath = resourcePath(target.def, ns, ref.name, 'scale');
  const got = target.def.subresources.includes('scale') ? ctx.request({ method: 'GET', path: scalePath }) : { status: 404, body: { message: 'the server could not find the requested resource' } };
  if (got.status >= 400) return failGetScale(got.body?.message ?? 'unknown error');
  let scale: KObject = got.body;
  condition('AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
  const current: number = scale.spec?.replicas ?? 0;
  let mem = st.memory.get(key);
  if (!mem) st.memory.set(key, (mem = { recommendations: [{ replicas: current, at: now }], scaleUpEvents: [], scaleDownEvents: [] }));

  const min: number = hpa.spec?.minReplicas ?? 1;
  const max: number = hpa.spec?.maxReplicas ?? 0;
  let desired = 0;
  let reason = '';
  let rescale = true;
  let statuses: any[] | null = null;
  const behavior = hpa.spec?.behavior;
  const up = behavior?.scaleUp ?? {};
  const down = behavior?.scaleDown ?? {};

  if (current === 0 && min !== 0) {
    rescale = false;
    condition('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
  } else if (current > max) {
    reason = 'Current number of replicas above Spec.MaxReplicas';
    desired = max;
  } else if (current < min) {
    reason = 'Current number of replicas below Spec.MinReplicas';
    desired = min;
  } else {
    const selector = parseSelector(st, hpa, scale.status?.selector ?? '', condition);
    if (typeof selector === 'string') return finishWithMetricsError(st, hpa, original, current, null, selector);
    const outcome = computeReplicasForMetrics(st.src, hpa, scale, selector);
    for (const [r, m] of outcome.events) recorder.event(hpa, 'Warning', r, m);
    statuses = outcome.statuses;
    setCondition(hpa, outcome.condition, stamp);
    if (outcome.replicas === -1) return finishWithMetricsError(st, hpa, original, current, statuses, outcome.error ?? '');
    let metric = '';
    if (outcome.replicas > desired) {
      desired = outcome.replicas;
      metric = outcome.metric;
    }
    if (desired > current) reason = `${metric} above target`;
    if (desired < current) reason = 'All metrics below target';
    const normalized = behavior
      ? normalizeWithBehavior(mem, now, current, desired, min, max, up, down)
      : normalizeWithoutBehavior(mem, now, current, desired, min, max);
    for (const c of normalized.conditions) setCondition(hpa, c, stamp);
    desired = normalized.replicas;
    rescale = desired !== current;
  }

  if (rescale) {
    let res = ctx.request({ method: 'PUT', path: scalePath, body: { ...scale, spec: { ...scale.spec, replicas: desired } } });
    for (let i = 1; i < CONFLICT_RETRIES && res.status === 409; i++) {
      const latest = ctx.request({ method: 'GET', path: scalePath });
      if (latest.status < 400) scale = latest.body;
      res = ctx.request({ method: 'PUT', path: scalePath, body: { ...scale, spec: { ...scale.spec, replicas: desired } } });
    }
    if (res.status >= 400) {
      const err = res.body?.message ?? 'unknown error';
      recorder.event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${err}`);
      condition('AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${err}`);
      setStatus(hpa, current, hpa.status.desiredReplicas ?? 0, statuses, false, stamp);
      return writeStatus(st, original, hpa);
    }
    condition('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
    recorder.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
    if (behavior) storeScaleEvent(mem, now, up, down, current, desired);
  } else {
    desired = current;
  }
  setStatus(hpa, current, desired, statuses, rescale, stamp);
  writeStatus(st, original, hpa);
}

/** validateAndParseSelector: the scale's selector must be there and parse, and its pods belong to no other HPA. */
function parseSelector(st: State, hpa: KObject, selector: string, condition: (t: string, s: 'True' | 'False', r: string, m: string) => void): Requirement[] | string {
  if (!selector) {
    st.recorder.event(hpa, 'Warning', 'SelectorRequired', 'selector is required');
    condition('ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector");
    return 'selector is required';
  }
  let parsed: Requirement[];
  try {
    parsed = parseLabelSelector(selector);
  } catch (e) {
    if (!(e instanceof SelectorParseError)) throw e;
    const msg = `couldn't convert selector into a corresponding internal selector object: ${e.message}`;
    st.recorder.event(hpa, 'Warning', 'InvalidSelector', msg);
    condition('ScalingActive', 'False', 'InvalidSelector', msg);
    return msg;
  }
  const ns = hpa.metadata.namespace!;
  st.selectors.set(objectKey(hpa), parsed);
  // Every HPA of the namespace whose selector takes one of these pods.
  const controlling = new Set<string>();
  for (const pod of st.src.pods(ns, parsed)) {
    for (const [key, sel] of st.selectors) if (key.startsWith(`${ns}/`) && matchesRequirements(sel, pod.metadata.labels)) controlling.add(key);
  }
  if (controlling.size > 1) {
    const msg = `pods by selector ${selector} are controlled by multiple HPAs: [${[...controlling].sort().join(' ')}]`;
    st.recorder.event(hpa, 'Warning', 'AmbiguousSelector', msg);
    condition('ScalingActive', 'False', 'AmbiguousSelector', msg);
    return msg;
  }
  return parsed;
}

function finishWithMetricsError(st: State, hpa: KObject, original: any, current: number, statuses: any[] | null, error: string): void {
  setStatus(hpa, current, hpa.status.desiredReplicas ?? 0, statuses, false, '');
  writeStatus(st, original, hpa);
  st.recorder.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', error);
}

/** setStatus: the status is rebuilt from these fields, keeping lastScaleTime and the conditions. */
function setStatus(hpa: KObject, current: number, desired: number, statuses: any[] | null, rescale: boolean, stamp: string): void {
  const old = hpa.status ?? {};
  const status: Record<string, unknown> = {};
  const lastScaleTime = rescale ? stamp : old.lastScaleTime;
  if (lastScaleTime) status.lastScaleTime = lastScaleTime;
  if (current) status.currentReplicas = current;
  status.desiredReplicas = desired;
  status.currentMetrics = statuses;
  if (old.conditions?.length) status.conditions = old.conditions;
  hpa.status = status;
}
