/**
 * Pod resource requests as the scheduler computes them (resourcehelper.PodRequests): the sum over containers and
 * restartable init containers (sidecars), the max with each init container, plus overhead. CPU is in millicores,
 * everything else in base units, rounded up as Quantity.MilliValue()/Value() do.
 */
import { parseQuantityExact } from '../api/quantity';
import type { KObject } from '../types';

export type ResourceList = Map<string, number>;

/** Defaults used for scoring only, for containers that set no request (DefaultMilliCPURequest, DefaultMemoryRequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const NANO = 1_000_000_000n;

/** A quantity in the scheduler's unit for a resource: millicores for cpu, the value for the rest. */
export function quantityValue(resource: string, q: unknown): number {
  if (typeof q !== 'string' && typeof q !== 'number') return 0;
  const parsed = parseQuantityExact(q);
  if (typeof parsed === 'string') return 0;
  const unit = resource === 'cpu' ? 1_000_000n : NANO;
  const whole = parsed.nanos / unit;
  return Number(parsed.nanos % unit > 0n ? whole + 1n : whole);
}

function containerRequests(c: any, nonZero: boolean): ResourceList {
  const out: ResourceList = new Map();
  const req = c?.resources?.requests ?? {};
  for (const [name, q] of Object.entries(req)) out.set(name, quantityValue(name, q));
  if (nonZero) {
    if (!('cpu' in req)) out.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
    if (!('memory' in req)) out.set('memory', DEFAULT_MEMORY_REQUEST);
  }
  return out;
}

function addInto(into: ResourceList, list: ResourceList): void {
  for (const [k, v] of list) into.set(k, (into.get(k) ?? 0) + v);
}

function maxInto(into: ResourceList, list: ResourceList): void {
  for (const [k, v] of list) if (v > (into.get(k) ?? 0)) into.set(k, v);
}

/** PodRequests; with nonZero, containers missing a cpu/memory request count the scoring defaults. */
export function podRequests(pod: KObject, nonZero = false): ResourceList {
  const sum: ResourceList = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(sum, containerRequests(c, nonZero));
  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      addInto(sum, own);
      addInto(sidecars, own);
      maxInto(initMax, sidecars);
    } else {
      const effective = new Map(own);
      addInto(effective, sidecars);
      maxInto(initMax, effective);
    }
  }
  maxInto(sum, initMax);
  for (const [name, q] of Object.entries(pod.spec?.overhead ?? {})) sum.set(name, (sum.get(name) ?? 0) + quantityValue(name, q));
  return sum;
}

/** Allocatable of a node in the scheduler's units. */
export function nodeAllocatable(node: KObject): ResourceList {
  const out: ResourceList = new Map();
  for (const [name, q] of Object.entries(node.status?.allocatable ?? {})) out.set(name, quantityValue(name, q));
  return out;
}
