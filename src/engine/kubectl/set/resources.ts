/** `kubectl set resources ... --limits=cpu=200m,memory=512Mi --requests=... [-c CONTAINERS]`. */
import type { KObject } from '../../types';
import { canonicalQuantity, isValidQuantity } from '../../api/quantity';
import { KubectlError } from '../errors';
import { matchesSelector, podSpecOf, wrapPodSpecPatch } from './pod-spec';

/** populateResourceListV1: `name=quantity` pairs separated by commas. */
export function parseResourceList(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!spec) return out;
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new KubectlError(`invalid argument syntax ${part}`);
    if (!isValidQuantity(kv[1])) {
      throw new KubectlError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
    out[kv[0]] = canonicalQuantity(kv[1]);
  }
  return out;
}

export function resourcesPatch(
  obj: KObject,
  selector: string,
  limits: Record<string, string>,
  requests: Record<string, string>,
): { patch?: Record<string, unknown>; errors: string[] } {
  const spec = podSpecOf(obj) ?? {};
  const body: Record<string, unknown> = {};
  let selected = 0;
  for (const field of ['containers', 'initContainers'] as const) {
    const items: unknown[] = [];
    for (const c of spec[field] ?? []) {
      if (!matchesSelector(c.name, selector)) continue;
      selected++;
      const newLimits = { ...(c.resources?.limits ?? {}), ...limits };
      const newRequests = { ...(c.resources?.requests ?? {}), ...requests };
      const resources: Record<string, unknown> = {};
      if (JSON.stringify(newLimits) !== JSON.stringify(c.resources?.limits ?? {})) resources.limits = limits;
      if (JSON.stringify(newRequests) !== JSON.stringify(c.resources?.requests ?? {})) resources.requests = requests;
      if (Object.keys(resources).length) items.push({ name: c.name, resources });
    }
    if (items.length) body[field] = items;
  }
  const errors = selected ? [] : [`error: unable to find container named ${selector}`];
  return { patch: Object.keys(body).length ? wrapPodSpecPatch(obj.kind, body) : undefined, errors };
}
