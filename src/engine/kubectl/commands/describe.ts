/**
 * kubectl describe TYPE [NAME_PREFIX | -l selector] | TYPE/NAME: the describer of each object, as real kubectl
 * prints it. A name with no exact match describes every object of that type whose name starts with it.
 */
import type { KObject } from '../../types';
import type { ResourceDef } from '../../api/resources';
import { resourcePath } from '../../api/paths';
import type { Command, CommandContext } from '../context';
import { ApiError, KubectlError, formatApiError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import type { ParsedFlags } from '../flags';
import { loadManifests, resolveManifests } from '../manifests';
import { describerFor, type DescribeContext } from '../describe';

interface Target {
  def: ResourceDef;
  namespace: string | undefined;
  name: string;
}

function describeOne(dctx: DescribeContext, t: Target): string {
  return describerFor(t.def.group, t.def.kind)(dctx, t.def, t.namespace, t.name);
}

export const describeCommand: Command = {
  name: 'describe',
  run(ctx: CommandContext) {
    const flags = ctx.parse([
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'show-events', type: 'bool', default: true },
      { name: 'chunk-size', type: 'int', default: 500 },
      { name: 'filename', short: 'f', type: 'strings' },
      { name: 'recursive', short: 'R', type: 'bool' },
      { name: 'kustomize', short: 'k', type: 'string' },
    ]);
    const args = flags.args;
    const filenames: string[] = flags.flags.filename;
    if (filenames.length) return describeFiles(ctx, filenames, !!flags.flags.recursive, flags);
    if (args.length === 0) {
      throw new KubectlError(
        'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
      );
    }
    const allNamespaces = !!flags.flags['all-namespaces'];
    const selector: string | undefined = flags.flags.selector || undefined;
    const namespace = ctx.namespace(flags);
    const mapper = ctx.mapper();
    const sel = parseResourceArgs(mapper, args);
    if (sel.named.length && selector) throw new KubectlError('name cannot be provided when a selector is specified');
    if (sel.named.length && allNamespaces && sel.named.some((n) => n.def.namespaced)) {
      throw new KubectlError('a resource cannot be retrieved by name across all namespaces');
    }
    const dctx: DescribeContext = { client: ctx.client, mapper, now: ctx.env.now(), showEvents: !!flags.flags['show-events'] };
    const nsOf = (def: ResourceDef) => (def.namespaced ? namespace : undefined);

    // Resolve what to describe the way the resource builder does: GET each name, or list each type.
    const targets: Target[] = [];
    const errors: ApiError[] = [];
    if (sel.named.length) {
      for (const { def, name } of sel.named) {
        const res = ctx.client.send({ method: 'GET', path: resourcePath(def, nsOf(def), name) });
        if (res.status < 400) targets.push({ def, namespace: nsOf(def), name });
        else errors.push(new ApiError(res.body, res.status));
      }
      // `describe TYPE NAME` with no such object: describe every object whose name starts with NAME.
      if (errors.length === 1 && errors[0].code === 404 && args.length === 2 && !args[0].includes('/') && sel.types.length === 1) {
        return describePrefix(ctx, dctx, sel.types[0], nsOf(sel.types[0]), args[1], errors[0]);
      }
    } else {
      for (const def of sel.types) {
        const list = ctx.client.list(def, def.namespaced && !allNamespaces ? namespace : undefined, { labelSelector: selector });
        for (const item of list.items ?? []) targets.push({ def, namespace: (item as KObject).metadata.namespace, name: (item as KObject).metadata.name! });
      }
    }

    printAll(ctx, dctx, targets, errors);
    if (targets.length === 0 && errors.length === 0) {
      ctx.out.warn(allNamespaces ? 'No resources found' : `No resources found in ${namespace} namespace.`);
    }
    return finish(ctx, errors);
  },
};

/** Describe each target, separated by two blank lines; describer failures join the errors. */
function printAll(ctx: CommandContext, dctx: DescribeContext, targets: Target[], errors: (ApiError | string)[]): void {
  let first = true;
  for (const t of targets) {
    let text: string;
    try {
      text = describeOne(dctx, t);
    } catch (e) {
      if (e instanceof ApiError) {
        errors.push(e);
        continue;
      }
      throw e;
    }
    ctx.out.write(first ? text : `\n\n${text}`);
    first = false;
  }
}

/** One error prints as kubectl's single error; several print one per line (an aggregate). */
function finish(ctx: CommandContext, errors: (ApiError | string)[]): number {
  if (errors.length === 1 && errors[0] instanceof ApiError) throw errors[0];
  for (const e of errors) ctx.out.warn(e instanceof ApiError ? formatApiError(e) : e);
  return errors.length ? 1 : 0;
}

/** `describe -f FILE`: the objects the manifests name. */
function describeFiles(ctx: CommandContext, filenames: string[], recursive: boolean, flags: ParsedFlags): number {
  const loaded = loadManifests(ctx, filenames, recursive, { validate: 'ignore' });
  const { resolved, errors: mapErrors } = resolveManifests(ctx, loaded.docs, flags);
  const errors: (ApiError | string)[] = [...loaded.errors, ...mapErrors];
  const targets: Target[] = [];
  for (const m of resolved) {
    const res = ctx.client.send({ method: 'GET', path: resourcePath(m.def, m.namespace, m.name) });
    if (res.status < 400) targets.push({ def: m.def, namespace: m.namespace, name: m.name });
    else errors.push(new ApiError(res.body, res.status));
  }
  const dctx: DescribeContext = { client: ctx.client, mapper: ctx.mapper(), now: ctx.env.now(), showEvents: !!flags.flags['show-events'] };
  printAll(ctx, dctx, targets, errors);
  return finish(ctx, errors);
}

/** DescribeMatchingResources: every object of the type whose name starts with the prefix, each followed by a blank line. */
function describePrefix(ctx: CommandContext, dctx: DescribeContext, def: ResourceDef, namespace: string | undefined, prefix: string, notFound: ApiError): number {
  const list = ctx.client.list(def, namespace);
  const matches = (list.items ?? []).filter((o: KObject) => o.metadata.name!.startsWith(prefix));
  if (matches.length === 0) throw notFound;
  for (const o of matches as KObject[]) {
    ctx.out.write(describeOne(dctx, { def, namespace: o.metadata.namespace, name: o.metadata.name! }) + '\n');
  }
  return 0;
}
