/** `kubectl set image TYPE NAME CONTAINER=IMAGE ... | *=IMAGE`: the containers' new images, as a strategic merge patch. */
import type { KObject } from '../../types';
import { KubectlError } from '../errors';
import { podSpecOf, wrapPodSpecPatch } from './pod-spec';

/** cmdutil.GetResourcesAndPairs for images: resources first, then NAME=IMAGE pairs. */
export function splitImageArgs(args: string[]): { resources: string[]; images: Map<string, string> } {
  const resources: string[] = [];
  const images = new Map<string, string>();
  let pairs = false;
  for (const s of args) {
    const isPair = s.includes('=') && s[0] !== '=';
    if (isPair) {
      pairs = true;
      const eq = s.indexOf('=');
      images.set(s.slice(0, eq), s.slice(eq + 1));
    } else if (pairs) throw new KubectlError(`all resources must be specified before image changes: ${s}`);
    else resources.push(s);
  }
  return { resources, images };
}

/** The patch for one object (undefined when nothing changes) and the containers that were not found. */
export function imagePatch(obj: KObject, images: Map<string, string>): { patch?: Record<string, unknown>; errors: string[] } {
  const spec = podSpecOf(obj) ?? {};
  const errors: string[] = [];
  const changed = { containers: new Map<string, string>(), initContainers: new Map<string, string>() };
  for (const [name, image] of images) {
    let found = false;
    for (const field of ['initContainers', 'containers'] as const) {
      for (const c of spec[field] ?? []) {
        if (name !== '*' && c.name !== name) continue;
        found = true;
        if (c.image !== image) changed[field].set(c.name, image);
      }
    }
    if (!found) errors.push(`error: unable to find container named "${name}"`);
  }
  const body: Record<string, unknown> = {};
  for (const field of ['initContainers', 'containers'] as const) {
    if (changed[field].size) body[field] = [...changed[field]].map(([name, image]) => ({ name, image }));
  }
  return { patch: Object.keys(body).length ? wrapPodSpecPatch(obj.kind, body) : undefined, errors };
}
