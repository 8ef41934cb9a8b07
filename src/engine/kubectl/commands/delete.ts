/** `kubectl delete`: by name, TYPE/NAME, -f, -l, --all, --field-selector; grace periods, --force, --cascade, --wait. */
import type { Command, CommandContext } from '../context';
import { dryRunQuery, dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues, type DryRun } from '../dry-run';
import { waitForDeletion, type Deleted } from '../delete-wait';
import { reportErrors, sourceContext, type CollectedError } from '../error-list';
import { ApiError, KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import { parseGoDuration } from '../go-duration';
import { loadManifests, quotedSource, resolveManifests } from '../manifests';
import { parseResourceArgs } from '../resource-args';
import type { ResourceDef } from '../../api/resources';

const FLAGS: FlagSpec[] = [
  DRY_RUN_FLAG,
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'selector', short: 'l', type: 'string', default: '' },
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'force', type: 'bool' },
  { name: 'cascade', type: 'string', default: 'background' },
  { name: 'now', type: 'bool' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'timeout', type: 'string', default: '0s' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'wait', type: 'bool', default: true },
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'raw', type: 'string', default: '' },
  { name: 'interactive', short: 'i', type: 'bool' },
];

const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** How long (cluster time) `delete --wait` waits when no --timeout is given. */
const DEFAULT_WAIT_MS = 5 * 60_000;

interface Target {
  def: ResourceDef;
  namespace: string | undefined;
  name: string;
  /** `error when deleting "x.yaml": ` for objects from files. */
  context?: string;
}

export const deleteCommand: Command = {
  name: 'delete',
  run(ctx) {
    const flags = parseWithOptionalValues(ctx, FLAGS);
    const f = flags.flags;
    const grace = gracePeriod(flags);
    const policy = cascade(ctx, f.cascade);
    if (f.output && f.output !== 'name') throw new KubectlError(`unexpected -o output mode: ${f.output}. We only support '-o name'`);
    if (f.all && f.selector) throw new KubectlError('cannot set --all and --selector at the same time');
    if (f.all && f['field-selector']) throw new KubectlError('cannot set --all and --field-selector at the same time');
    if (grace === 0 && f.force) {
      ctx.out.warn('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
    } else if (grace > 0 && f.force) {
      throw new KubectlError('--force and --grace-period greater than 0 cannot be specified together');
    }
    if (f.interactive) throw new KubectlError('--interactive needs a terminal to confirm; it is not available in kubeplay');
    if (f.raw) throw new KubectlError('--raw is not available in kubeplay; name the resources to delete');
    if (f.kustomize) throw new KubectlError('kustomize is not available in kubeplay; use -f with the rendered manifests');
    const dryRun = dryRunStrategy(ctx, flags);
    const timeoutMs = parseGoDuration(String(f.timeout), 'timeout');
    const errors: CollectedError[] = [];
    const targets = findTargets(ctx, flags, errors);
    const ignoreNotFound = f['ignore-not-found'] || (f.all && !flags.changed.has('ignore-not-found'));
    const warnClusterScope = flags.changed.has('namespace') && !!f.namespace && !f['all-namespaces'];
    const deleted: Deleted[] = [];
    let found = 0;
    let warned = false;
    for (const t of targets) {
      if (warnClusterScope && !warned && !t.def.namespaced) {
        ctx.out.warn('Warning: deleting cluster-scoped resources, not scoped to the provided namespace');
        warned = true;
      }
      found++; // counted before the request, as kubectl counts it (so --ignore-not-found prints nothing)
      if (dryRun === 'client') {
        printDeleted(ctx, flags, t, grace, dryRun);
        continue;
      }
      const options: Record<string, unknown> = { propagationPolicy: policy };
      if (grace >= 0) options.gracePeriodSeconds = grace;
      try {
        const res = ctx.client.delete(t.def, t.namespace, t.name, options, dryRunQuery(dryRun));
        printDeleted(ctx, flags, t, grace, dryRun);
        deleted.push({ def: t.def, namespace: t.namespace, name: t.name, uid: res?.details?.uid ?? res?.metadata?.uid });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 404 && ignoreNotFound) continue;
        errors.push({ err: e, context: t.context });
      }
    }
    if (found === 0 && errors.length === 0) {
      ctx.out.print('No resources found');
      return 0;
    }
    if (f.wait && dryRun === 'none' && deleted.length) {
      // Real kubectl waits up to a week when no --timeout is given; cluster time is bounded here so a stuck object
      // (a finalizer nobody removes) cannot spin the simulation.
      const limit = timeoutMs > 0 ? timeoutMs : DEFAULT_WAIT_MS;
      const { remaining, timedOut } = waitForDeletion(ctx, deleted, limit, timeoutMs > 0);
      for (const r of remaining) {
        if (timedOut && timeoutMs > 0) errors.push(`error: timed out waiting for the condition on ${r.def.resource}/${r.name}`);
        else {
          ctx.out.warn(
            `Warning: ${r.def.resource}/${r.name} is still terminating (a finalizer or grace period holds it); ` +
              `kubeplay stopped waiting ${timedOut ? `after ${limit / 60_000}m of cluster time` : 'because nothing in the cluster is scheduled to change it'}, ` +
              'where real kubectl would keep waiting (use --wait=false or --timeout)',
          );
        }
      }
    }
    return reportErrors(ctx.out, errors);
  },
};

function gracePeriod(flags: ParsedFlags): number {
  const f = flags.flags;
  let grace = f['grace-period'] as number;
  if (f.now) {
    if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !f.force) grace = 1;
  if (f.force && grace < 0) grace = 0;
  return grace;
}

function cascade(ctx: CommandContext, value: string): 'Background' | 'Foreground' | 'Orphan' {
  switch (value) {
    case 'background':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
      return 'Orphan';
    case 'true':
      ctx.out.warn('warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.');
      return 'Background';
    case 'false':
      ctx.out.warn('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.');
      return 'Orphan';
    default:
      throw new KubectlError(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
  }
}

function printDeleted(ctx: CommandContext, flags: ParsedFlags, t: Target, grace: number, dryRun: DryRun): void {
  const kind = t.def.group ? `${t.def.kind.toLowerCase()}.${t.def.group}` : t.def.kind.toLowerCase();
  if (flags.flags.output === 'name') {
    ctx.out.print(`${kind}/${t.name}`);
    return;
  }
  let op = grace === 0 ? 'force deleted' : 'deleted';
  if (dryRun === 'client') op += ' (dry run)';
  if (dryRun === 'server') op += ' (server dry run)';
  ctx.out.print(`${kind} "${t.name}" ${op}`);
}

function findTargets(ctx: CommandContext, flags: ParsedFlags, errors: CollectedError[]): Target[] {
  const f = flags.flags;
  const filenames = f.filename as string[];
  if (filenames.length) {
    if (flags.args.length) throw new KubectlError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    const loaded = loadManifests(ctx, filenames, !!f.recursive, { validate: 'ignore' });
    errors.push(...loaded.errors);
    const { resolved, errors: mapping } = resolveManifests(ctx, loaded.docs, flags);
    errors.push(...mapping);
    return resolved.map((r) => ({ def: r.def, namespace: r.namespace, name: r.name, context: sourceContext('deleting', quotedSource(r)) }));
  }
  if (flags.args.length === 0) throw new KubectlError(NO_RESOURCES);
  const sel = parseResourceArgs(ctx.mapper(), flags.args);
  const allNs = !!f['all-namespaces'];
  const ns = ctx.namespace(flags);
  const listing = f.all || f.selector || f['field-selector'];
  if (sel.named.length) {
    if (listing) throw new KubectlError(f.all ? 'name cannot be provided when --all is specified' : 'name cannot be provided when a selector is specified');
    return sel.named.map((n) => ({ def: n.def, namespace: n.def.namespaced ? ns : undefined, name: n.name }));
  }
  if (!listing) throw new KubectlError('resource(s) were provided, but no name was specified');
  const query: Record<string, string | undefined> = {
    labelSelector: f.selector || undefined,
    fieldSelector: f['field-selector'] || undefined,
  };
  const targets: Target[] = [];
  for (const def of sel.types) {
    const list = ctx.client.list(def, def.namespaced && !allNs ? ns : undefined, query);
    for (const item of list.items ?? []) {
      targets.push({ def, namespace: def.namespaced ? item.metadata?.namespace : undefined, name: item.metadata?.name });
    }
  }
  return targets;
}
