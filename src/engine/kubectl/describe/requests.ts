/** Pod resource totals as kubectl's PodRequestsAndLimits computes them, with Quantity arithmetic. */
import type { KObject } from '../../types';
import { formatQuantity, parseQuantityExact, type Quantity } from '../../api/quantity';

export type ResourceTotals = Map<string, Quantity>;

function addList(into: ResourceTotals, list: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = parseQuantityExact(value);
    if (typeof q === 'string') continue;
    const cur = into.get(name);
    into.set(name, cur ? { nanos: cur.nanos + q.nanos, format: cur.format } : q);
  }
}

function maxList(into: ResourceTotals, list: ResourceTotals): void {
  for (const [name, q] of list) {
    const cur = into.get(name);
    if (!cur || q.nanos > cur.nanos) into.set(name, q);
  }
}

function totals(pod: KObject, field: 'requests' | 'limits'): ResourceTotals {
  const sum: ResourceTotals = new Map();
  for (const c of pod.spec?.containers ?? []) addList(sum, c.resources?.[field]);
  const sidecars: ResourceTotals = new Map();
  const init: ResourceTotals = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const own: ResourceTotals = new Map();
    addList(own, c.resources?.[field]);
    let effective: ResourceTotals;
    if (c.restartPolicy === 'Always') {
      addList(sum, c.resources?.[field]);
      addList(sidecars, c.resources?.[field]);
      effective = new Map(sidecars);
    } else {
      effective = new Map(own);
      for (const [n, q] of sidecars) effective.set(n, effective.has(n) ? { ...effective.get(n)!, nanos: effective.get(n)!.nanos + q.nanos } : q);
    }
    maxList(init, effective);
  }
  maxList(sum, init);
  if (field === 'requests') addList(sum, pod.spec?.overhead);
  return sum;
}

export function podRequestsAndLimits(pod: KObject): { requests: ResourceTotals; limits: ResourceTotals } {
  return { requests: totals(pod, 'requests'), limits: totals(pod, 'limits') };
}

export function sumTotals(all: ResourceTotals[]): ResourceTotals {
  const out: ResourceTotals = new Map();
  for (const t of all) {
    for (const [name, q] of t) {
      const cur = out.get(name);
      out.set(name, cur ? { nanos: cur.nanos + q.nanos, format: cur.format } : q);
    }
  }
  return out;
}

/** Quantity.String() of a total; `0` when the resource is absent. */
export function totalString(t: ResourceTotals, name: string): string {
  const q = t.get(name);
  return q ? formatQuantity(q) : '0';
}

/** MilliValue (cpu) or Value (bytes), rounded up as the real Quantity accessors do. */
export function scaledValue(q: Quantity | undefined, milli: boolean): number {
  if (!q) return 0;
  const unit = milli ? 1_000_000n : 1_000_000_000n;
  let v = q.nanos / unit;
  if (v * unit < q.nanos) v += 1n;
  return Number(v);
}

/** int64(float64(a) / float64(b) * 100), 0 when b is 0. */
export function percent(a: number, b: number): number {
  return b === 0 ? 0 : Math.trunc((a / b) * 100);
}
