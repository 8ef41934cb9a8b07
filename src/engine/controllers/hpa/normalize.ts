/**
 * Normalizing the HPA's desired replica count (horizontal.go): the stabilization window over recent
 * recommendations, then the rate limits: without spec.behavior the fixed rule (at most max(2 × current, 4) up per
 * sync, 5 minutes of downscale stabilization), with spec.behavior its scaling policies over their periods.
 * Each step reports the AbleToScale and ScalingLimited conditions it implies.
 */

/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILIZATION_MS = 5 * 60 * 1000;
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

export interface Recommendation {
  replicas: number;
  at: number;
}

export interface ScaleEvent {
  change: number;
  at: number;
  outdated: boolean;
}

/** What the controller remembers about one HPA between syncs. */
export interface HpaMemory {
  recommendations: Recommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface Condition {
  type: 'AbleToScale' | 'ScalingLimited';
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface Rules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: { type: string; value: number; periodSeconds: number }[];
}

const readyForNewScale = (): Condition => ({ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' });

function limited(desired: number, stabilized: number, reason: string, message: string): Condition {
  return { type: 'ScalingLimited', status: desired === stabilized ? 'False' : 'True', reason, message };
}

/** Put a recommendation in the place of one that left every window, or append it. */
function record(mem: HpaMemory, replicas: number, now: number, oldIndex: number | undefined): void {
  if (oldIndex !== undefined) mem.recommendations[oldIndex] = { replicas, at: now };
  else mem.recommendations.push({ replicas, at: now });
}

/** normalizeDesiredReplicas (no spec.behavior). */
export function normalizeWithoutBehavior(mem: HpaMemory, now: number, current: number, desired: number, min: number, max: number) {
  let stabilized = desired;
  let oldIndex: number | undefined;
  const cutoff = now - DOWNSCALE_STABILIZATION_MS;
  mem.recommendations.forEach((rec, i) => {
    if (rec.at < cutoff) oldIndex = i;
    else if (rec.replicas > stabilized) stabilized = rec.replicas;
  });
  record(mem, desired, now, oldIndex);
  const conditions: Condition[] = [
    stabilized !== desired
      ? { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
      : readyForNewScale(),
  ];
  const scaleUpLimit = Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM);
  let maxAllowed: number;
  let reason: string;
  let message: string;
  if (max > scaleUpLimit) {
    maxAllowed = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maxAllowed = max;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  let result = stabilized;
  if (stabilized < min) {
    result = min;
    reason = 'TooFewReplicas';
    message = 'the desired replica count is less than the minimum replica count';
  } else if (stabilized > maxAllowed) {
    result = maxAllowed;
  } else {
    reason = 'DesiredWithinRange';
    message = 'the desired count is within the acceptable range';
  }
  conditions.push(limited(result, stabilized, reason, message));
  return { replicas: result, conditions };
}

/** stabilizeRecommendationWithBehaviors. */
function stabilize(mem: HpaMemory, now: number, current: number, desired: number, up: Rules, down: Rules) {
  const upCutoff = now - (up.stabilizationWindowSeconds ?? 0) * 1000;
  const downCutoff = now - (down.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_MS / 1000) * 1000;
  let upRec = desired;
  let downRec = desired;
  let oldIndex: number | undefined;
  mem.recommendations.forEach((rec, i) => {
    if (rec.at > upCutoff) upRec = Math.min(rec.replicas, upRec);
    if (rec.at > downCutoff) downRec = Math.max(rec.replicas, downRec);
    if (rec.at < upCutoff && rec.at < downCutoff) oldIndex = i;
  });
  let recommendation = current;
  if (recommendation < upRec) recommendation = upRec;
  if (recommendation > downRec) recommendation = downRec;
  record(mem, desired, now, oldIndex);
  const condition: Condition =
    desired >= current
      ? { type: 'AbleToScale', status: 'True', reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
      : { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
  return { recommendation, condition };
}

function changeInPeriod(periodSeconds: number, events: ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.filter((e) => e.at > cutoff).reduce((s, e) => s + e.change, 0);
}

/** calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors. */
function policyLimit(mem: HpaMemory, now: number, current: number, rules: Rules, up: boolean): number {
  if (rules.selectPolicy === 'Disabled') return current;
  // For a scale-up Max picks the largest limit, for a scale-down the smallest one (the biggest change).
  const pickLargest = (rules.selectPolicy === 'Min') !== up;
  let result = pickLargest ? -Infinity : Infinity;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(p.periodSeconds, mem.scaleUpEvents, now) + changeInPeriod(p.periodSeconds, mem.scaleDownEvents, now);
    let proposed: number;
    if (up) proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    else proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = pickLargest ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** normalizeDesiredReplicasWithBehaviors. */
export function normalizeWithBehavior(
  mem: HpaMemory,
  now: number,
  current: number,
  desired: number,
  min: number,
  max: number,
  up: Rules,
  down: Rules,
) {
  const { recommendation, condition } = stabilize(mem, now, current, desired, up, down);
  const conditions: Condition[] = [recommendation !== desired ? condition : readyForNewScale()];
  let result = recommendation;
  let reason = 'DesiredWithinRange';
  let message = 'the desired count is within the acceptable range';
  if (recommendation > current) {
    const limit = Math.max(policyLimit(mem, now, current, up, true), current);
    let maxAllowed = max;
    if (max > limit) {
      maxAllowed = limit;
      reason = 'ScaleUpLimit';
      message = 'the desired replica count is increasing faster than the maximum scale rate';
    } else {
      reason = 'TooManyReplicas';
      message = 'the desired replica count is more than the maximum replica count';
    }
    if (recommendation > maxAllowed) result = maxAllowed;
    else [reason, message] = ['DesiredWithinRange', 'the desired count is within the acceptable range'];
  } else if (recommendation < current) {
    const limit = Math.min(policyLimit(mem, now, current, down, false), current);
    let minAllowed = min;
    if (min < limit) {
      minAllowed = limit;
      reason = 'ScaleDownLimit';
      message = 'the desired replica count is decreasing faster than the maximum scale rate';
    } else {
      reason = 'TooFewReplicas';
      message = 'the desired replica count is less than the minimum replica count';
    }
    if (recommendation < minAllowed) result = minAllowed;
    else [reason, message] = ['DesiredWithinRange', 'the desired count is within the acceptable range'];
  }
  conditions.push(limited(result, recommendation, reason, message));
  return { replicas: result, conditions };
}

/** storeScaleEvent: remember a change for the policies' periods (only HPAs with spec.behavior use them). */
export function storeScaleEvent(mem: HpaMemory, now: number, up: Rules, down: Rules, prev: number, next: number): void {
  const scalingUp = next > prev;
  const events = scalingUp ? mem.scaleUpEvents : mem.scaleDownEvents;
  const longest = Math.max(0, ...((scalingUp ? up : down).policies ?? []).map((p) => p.periodSeconds));
  const cutoff = now - longest * 1000;
  let oldIndex: number | undefined;
  events.forEach((e, i) => {
    if (e.at < cutoff) e.outdated = true;
    if (e.outdated) oldIndex = i;
  });
  const event = { change: Math.abs(next - prev), at: now, outdated: false };
  if (oldIndex !== undefined) events[oldIndex] = event;
  else events.push(event);
}
