/** A pod's QoS class as qos.GetPodQOS computes it (the API server stores it in status.qosClass; kubectl recomputes). */
import { isPlainObject } from '../util';
import { parseQuantityExact } from './quantity';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

type Totals = Map<string, bigint>;

/** Adds the positive cpu/memory quantities of `resources` to `into`; returns which names were set. */
function add(into: Totals, resources: unknown): Set<string> {
  const found = new Set<string>();
  if (!isPlainObject(resources)) return found;
  for (const [name, v] of Object.entries(resources)) {
    if (name !== 'cpu' && name !== 'memory') continue;
    const q = parseQuantityExact(typeof v === 'number' ? v : String(v));
    if (typeof q === 'string' || q.nanos <= 0n) continue;
    found.add(name);
    into.set(name, (into.get(name) ?? 0n) + q.nanos);
  }
  return found;
}

const hasCpuAndMemory = (found: Set<string>) => found.has('cpu') && found.has('memory');

/** Guaranteed when cpu and memory limits are set everywhere and equal the requests, BestEffort when nothing is set. */
export function computeQOSClass(spec: any): QOSClass {
  const requests: Totals = new Map();
  const limits: Totals = new Map();
  let guaranteed = true;
  if (isPlainObject(spec?.resources)) {
    // Pod-level resources, when given, decide alone.
    add(requests, spec.resources.requests);
    if (spec.resources.limits && !hasCpuAndMemory(add(limits, spec.resources.limits))) guaranteed = false;
  } else {
    const list = (k: string) => (Array.isArray(spec?.[k]) ? spec[k] : []);
    for (const c of [...list('containers'), ...list('initContainers')]) {
      add(requests, c?.resources?.requests);
      if (!hasCpuAndMemory(add(limits, c?.resources?.limits))) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
