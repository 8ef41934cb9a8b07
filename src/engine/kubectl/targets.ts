/**
 * The objects a workload verb acts on (kubectl's resource.Builder with ContinueOnError): `TYPE NAME...`,
 * `TYPE/NAME...`, `-f FILE`, or a type with `-l SELECTOR` / `--all`. Objects that cannot be read become collected
 * errors (printed at the end, as kubectl's aggregate), the rest are returned with the live object.
 */
import type { ResourceDef } from '../api/resources';
import type { KObject } from '../types';
import type { CommandContext } from './context';
import { sourceContext, type CollectedError } from './error-list';
import { ApiError, KubectlError } from './errors';
import type { FlagSpec, ParsedFlags } from './flags';
import { loadManifests, quotedSource, resolveManifests } from './manifests';
import { parseResourceArgs } from './resource-args';

export interface Target {
  def: ResourceDef;
  obj: KObject;
}

/** -f / -R / -l / --all, as the workload verbs declare them. */
export const TARGET_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'selector', short: 'l', type: 'string', default: '' },
];

/** cli-runtime's builder error when neither arguments nor -f name anything. */
export const MISSING_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export interface TargetOptions {
  /** A bare type lists every object of it (ResourceTypeOrNameArgs(true, ...)); otherwise a name, -l or --all is needed. */
  allowEmptySelector?: boolean;
  /** --all was given. */
  all?: boolean;
}

export function apiVersionOf(def: ResourceDef): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

/** `deployments.apps`, as kubectl names a resource in its messages. */
export function groupResource(def: ResourceDef): string {
  return def.group ? `${def.resource}.${def.group}` : def.resource;
}

export function findTargets(
  ctx: CommandContext,
  flags: ParsedFlags,
  resources: string[],
  errors: CollectedError[],
  options: TargetOptions = {},
): Target[] {
  const f = flags.flags;
  const ns = ctx.namespace(flags);
  const fetch = (def: ResourceDef, namespace: string | undefined, name: string, context?: string): Target | undefined => {
    try {
      const obj = ctx.client.get(def, namespace, name);
      return { def, obj: { ...obj, apiVersion: obj.apiVersion ?? apiVersionOf(def), kind: obj.kind ?? def.kind } };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      errors.push({ err: e, context });
      return undefined;
    }
  };
  const present = (t: Target | undefined): t is Target => !!t;
  const filenames = (f.filename as string[] | undefined) ?? [];
  if (filenames.length) {
    if (resources.length) throw new KubectlError('Unexpected args: ' + `[${resources.join(' ')}]`);
    const loaded = loadManifests(ctx, filenames, !!f.recursive, { validate: 'ignore' });
    errors.push(...loaded.errors);
    const { resolved, errors: mapping } = resolveManifests(ctx, loaded.docs, flags);
    errors.push(...mapping);
    return resolved.map((r) => fetch(r.def, r.namespace, r.name, sourceContext('getting', quotedSource(r)))).filter(present);
  }
  if (!resources.length) throw new KubectlError(MISSING_RESOURCES);
  const sel = parseResourceArgs(ctx.mapper(), resources);
  const selector = String(f.selector ?? '');
  if (sel.named.length) {
    if (selector) throw new KubectlError('name cannot be provided when a selector is specified');
    return sel.named.map((n) => fetch(n.def, n.def.namespaced ? ns : undefined, n.name)).filter(present);
  }
  if (!selector && !options.all && !options.allowEmptySelector) {
    throw new KubectlError('resource(s) were provided, but no name was specified');
  }
  const targets: Target[] = [];
  for (const def of sel.types) {
    const list = ctx.client.list(def, def.namespaced && !f['all-namespaces'] ? ns : undefined, {
      labelSelector: selector || undefined,
    });
    for (const item of list.items ?? []) targets.push({ def, obj: { ...item, apiVersion: apiVersionOf(def), kind: def.kind } });
  }
  return targets;
}
