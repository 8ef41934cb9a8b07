/**
 * What `kubectl get` asks the server for (cli-runtime's resource.Builder): one request per type for lists (with the
 * selectors), one per name for named objects, in argument order. Errors of single requests are collected, as
 * ContinueOnError does, so the other objects still print.
 */
import type { ResourceDef } from '../../api/resources';
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import { ApiError, KubectlError } from '../errors';
import { loadManifests } from '../manifests';
import { parseResourceArgs } from '../resource-args';

export interface FetchRequest {
  /** True when the selection names one object (the Builder's singleItemImplied). */
  singleItemImplied: boolean;
  items: { def: ResourceDef; namespace: string | undefined; name?: string }[];
}

export interface FetchOptions {
  namespace: string;
  /** -n given or the context default; `-A` clears it. */
  allNamespaces: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  filenames: string[];
  recursive: boolean;
}

/** Turn arguments (or -f files) into the requests the Builder would make; throws the Builder's errors. */
export function planRequests(ctx: CommandContext, args: string[], o: FetchOptions): FetchRequest {
  const nsFor = (def: ResourceDef) => (def.namespaced && !o.allNamespaces ? o.namespace : undefined);
  if (o.filenames.length) {
    if (args.length) throw new KubectlError('when paths, URLs, or stdin is provided as input, you may not specify a resource by arguments as well');
    const { docs, errors } = loadManifests(ctx, o.filenames, o.recursive);
    if (errors.length) throw new KubectlError(errors.join('\n').replace(/^error: /, ''));
    const mapper = ctx.mapper();
    const items = docs.map((d) => {
      const def = mapper.forKind(d.obj.apiVersion, d.obj.kind);
      if (!def) throw new KubectlError(`resource mapping not found for name: "${d.obj.metadata?.name}" namespace: "${d.obj.metadata?.namespace ?? ''}" from "${d.source}": no matches for kind "${d.obj.kind}" in version "${d.obj.apiVersion}"\nensure CRDs are installed first`);
      return { def, namespace: def.namespaced ? d.obj.metadata?.namespace || o.namespace : undefined, name: d.obj.metadata?.name };
    });
    return { singleItemImplied: items.length === 1 && o.filenames.length === 1, items };
  }
  const mapper = ctx.mapper();
  const hasSlash = args.some((a) => a.includes('/'));
  const selector = o.labelSelector !== undefined || o.fieldSelector !== undefined;
  if (!hasSlash && args.length > 1) {
    if (selector) throw new KubectlError('name cannot be provided when a selector is specified');
  }
  if (hasSlash && selector) throw new KubectlError('selectors and the all flag cannot be used when passing resource/name arguments');
  const sel = parseResourceArgs(mapper, dedupeTypes(args));
  if (sel.named.length) {
    for (const n of sel.named) {
      if (n.def.namespaced && o.allNamespaces) throw new KubectlError('a resource cannot be retrieved by name across all namespaces');
    }
    return {
      singleItemImplied: sel.named.length === 1,
      items: sel.named.map((n) => ({ def: n.def, namespace: nsFor(n.def), name: n.name })),
    };
  }
  return { singleItemImplied: false, items: sel.types.map((def) => ({ def, namespace: nsFor(def) })) };
}

/** SplitResourceArgument: `pods,pods,svc` asks for pods once. */
function dedupeTypes(args: string[]): string[] {
  if (args.length === 0 || args[0].includes('/')) return args;
  return [[...new Set(args[0].split(','))].join(','), ...args.slice(1)];
}

export interface Fetched<T> {
  def: ResourceDef;
  result?: T;
  error?: ApiError;
}

function query(o: FetchOptions, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { labelSelector: o.labelSelector || undefined, fieldSelector: o.fieldSelector || undefined, ...extra };
}

function attempt<T>(def: ResourceDef, fn: () => T): Fetched<T> {
  try {
    return { def, result: fn() };
  } catch (e) {
    if (e instanceof ApiError) return { def, error: e };
    throw e;
  }
}

/** Tables for human-readable output (`includeObject=Object` when sorting needs whole objects). */
export function fetchTables(ctx: CommandContext, plan: FetchRequest, o: FetchOptions, includeObject: boolean): Fetched<any>[] {
  const extra = includeObject ? { includeObject: 'Object' } : {};
  return plan.items.map((it) =>
    attempt(it.def, () =>
      it.name
        ? ctx.client.table(it.def, it.namespace, it.name, extra)
        : ctx.client.table(it.def, it.namespace, undefined, query(o, extra)),
    ),
  );
}

/** Whole objects (lists flattened into their items, as Flatten() does). */
export function fetchObjects(ctx: CommandContext, plan: FetchRequest, o: FetchOptions): Fetched<KObject[]>[] {
  return plan.items.map((it) =>
    attempt(it.def, () => {
      if (it.name) return [ctx.client.get(it.def, it.namespace, it.name)];
      const list = ctx.client.list(it.def, it.namespace, query(o));
      const apiVersion = it.def.group ? `${it.def.group}/${it.def.version}` : it.def.version;
      return (list.items ?? []).map((item: KObject) => ({ ...item, apiVersion: item.apiVersion || apiVersion, kind: item.kind || it.def.kind }));
    }),
  );
}
