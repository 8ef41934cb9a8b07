/**
 * kubectl get (k8s.io/kubectl pkg/cmd/get/get.go): server-printed Tables rendered like the HumanReadablePrinter, or
 * whole objects for -o yaml|json|name|jsonpath|go-template|custom-columns. Our kubectl is one-shot: -w/--watch
 * prints the current state and returns instead of streaming changes.
 */
import type { Command, CommandContext } from '../context';
import { formatApiError, KubectlError } from '../errors';
import type { FlagSpec } from '../flags';
import { fetchObjects, fetchTables, planRequests, type FetchOptions, type FetchRequest } from '../get/fetch';
import { HumanPrinter, type Table } from '../get/human';
import { sortByField } from '../get/sort';
import { relaxedJsonPathExpression } from '../jsonpath';
import { kindPrefix } from '../printers/name';
import { GET_FORMATS, makePrinter } from '../printers/output';
import { tabwrite } from '../printers/tabwriter';
import { rawGet } from '../get/raw';

const FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'template', type: 'string', default: '' },
  { name: 'no-headers', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'sort-by', type: 'string', default: '' },
  { name: 'label-columns', short: 'L', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'output-watch-events', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'raw', type: 'string', default: '' },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'server-print', type: 'bool', default: true },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'subresource', type: 'string' },
];

const MISSING_TYPE_HINT =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n';
const MISSING_TYPE =
  'Required resource not specified.\n' +
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
  "See 'kubectl get -h' for help and examples";

export const getCommand: Command = {
  name: 'get',
  run(ctx) {
    const p = ctx.parse(FLAGS);
    const f = p.flags;
    const output = String(f.output);
    const raw = String(f.raw);
    if (raw) {
      if (p.args.length) throw new KubectlError('arguments may not be passed when --raw is specified');
      if (output) throw new KubectlError('--raw and --output are mutually exclusive');
      return rawGet(ctx, raw);
    }
    const watching = f.watch || f['watch-only'];
    const sortBy = String(f['sort-by']);
    if (watching && sortBy) ctx.out.warn(`warning: --${f.watch ? 'watch' : 'watch-only'} requested, --sort-by will be ignored${f.watch ? ' for watch events received' : ''}`);
    const filenames = f.filename as string[];
    if (!watching && p.args.length === 0 && filenames.length === 0) {
      ctx.out.warn(MISSING_TYPE_HINT);
      throw new KubectlError(MISSING_TYPE);
    }
    if (f['show-labels'] && output && output !== 'wide') {
      throw new KubectlError(`--show-labels option cannot be used with ${output} printer`);
    }
    if (f['output-watch-events'] && !watching) {
      throw new KubectlError('--output-watch-events option can only be used with --watch or --watch-only');
    }
    if (f.kustomize) throw new KubectlError('kubectl get -k is not available in kubeplay (no kustomize here)');

    const namespace = ctx.namespace(p);
    const opts: FetchOptions = {
      namespace,
      allNamespaces: !!f['all-namespaces'],
      labelSelector: p.changed.has('selector') ? String(f.selector ?? '') : undefined,
      fieldSelector: p.changed.has('field-selector') ? String(f['field-selector'] ?? '') : undefined,
      filenames,
      recursive: !!f.recursive,
    };
    const plan = planRequests(ctx, p.args, opts);
    if (watching && new Set(plan.items.map((i) => i.def.resource)).size > 1) {
      throw new KubectlError('watch is only supported on individual resources and resource collections - more than 1 resource was found');
    }
    const humanReadable = (output === '' && !f.template) || output === 'wide';
    const run = { ctx, plan, opts, sortBy: watching ? '' : sortBy, ignoreNotFound: !!f['ignore-not-found'], watching };
    return humanReadable ? printHuman(run, f) : printGeneric(run, f);
  },
};

interface Run {
  ctx: CommandContext;
  plan: FetchRequest;
  opts: FetchOptions;
  sortBy: string;
  ignoreNotFound: boolean;
  watching: boolean;
}

function relaxedSortField(sortBy: string): string {
  try {
    return relaxedJsonPathExpression(sortBy);
  } catch {
    return sortBy;
  }
}

/** The errors kubectl prints after the output: `Error from server (NotFound): ...` one per line. */
function reportErrors(ctx: CommandContext, errors: string[]): number {
  if (errors.length === 0) return 0;
  ctx.out.warn(errors.join('\n'));
  return 1;
}

function printHuman(run: Run, f: Record<string, any>): number {
  const { ctx, plan, opts } = run;
  const fetched = fetchTables(ctx, plan, opts, !!run.sortBy);
  const errors: string[] = [];
  const tables: { def: (typeof plan.items)[number]['def']; table: Table }[] = [];
  for (const r of fetched) {
    if (r.error) {
      if (!(run.ignoreNotFound && r.error.status.reason === 'NotFound')) errors.push(formatApiError(r.error));
    } else tables.push({ def: r.def, table: r.result });
  }
  if (run.sortBy) {
    const field = relaxedSortField(run.sortBy);
    for (const t of tables) {
      if (t.table.rows.length > 0) t.table.rows = sortByField(t.table.rows, field, (row) => row.object);
    }
  }
  const withKind = !!f['show-kind'] || new Set(tables.map((t) => `${t.def.group}/${t.def.kind}`)).size > 1;
  const labelColumns = (f['label-columns'] as string[]).flatMap((v) => v.split(',')).filter(Boolean);
  let out = '';
  let block = '';
  let printer: HumanPrinter | undefined;
  let lastResource: string | undefined;
  const flush = () => {
    const text = tabwrite(block);
    if (text && out && lastResource !== undefined && !f['no-headers']) out += '\n';
    out += text;
    block = '';
  };
  for (const { def, table } of tables) {
    const key = `${def.group}/${def.resource}`;
    if (!printer || key !== lastResource) {
      flush();
      printer = new HumanPrinter({
        wide: f.output === 'wide',
        noHeaders: !!f['no-headers'],
        withNamespace: opts.allNamespaces && def.namespaced,
        kindPrefix: withKind ? kindPrefix({ apiVersion: def.group ? `${def.group}/${def.version}` : def.version, kind: def.kind }) : undefined,
        showLabels: !!f['show-labels'],
        labelColumns,
      });
      lastResource = key;
    }
    block += printer.print(table);
  }
  flush();
  ctx.out.write(out);
  if (out === '' && !run.ignoreNotFound && errors.length === 0 && !run.watching) {
    const allNamespaced = !opts.allNamespaces && tables.every((t) => t.def.namespaced);
    ctx.out.warn(allNamespaced ? `No resources found in ${opts.namespace} namespace.` : 'No resources found');
  }
  return reportErrors(ctx, errors);
}

function printGeneric(run: Run, f: Record<string, any>): number {
  const { ctx, plan, opts } = run;
  const fetched = fetchObjects(ctx, plan, opts);
  const errors: string[] = [];
  const objects = [];
  for (const r of fetched) {
    if (r.error) {
      if (run.ignoreNotFound && r.error.status.reason === 'NotFound') continue;
      if (plan.singleItemImplied) throw r.error;
      errors.push(formatApiError(r.error));
    } else objects.push(...r.result!);
  }
  if (objects.length === 0 && run.ignoreNotFound) return reportErrors(ctx, errors);
  const printer = makePrinter(
    {
      output: String(f.output),
      template: String(f.template || ''),
      noHeaders: !!f['no-headers'],
      allowMissingKeys: !!f['allow-missing-template-keys'],
      showManagedFields: !!f['show-managed-fields'],
      fs: ctx.env.fs,
    },
    GET_FORMATS,
  );
  if (plan.singleItemImplied && objects.length === 1) {
    printer.print(objects[0], ctx.out);
  } else {
    const items = run.sortBy ? sortByField(objects, relaxedSortField(run.sortBy), (o) => o) : objects;
    printer.print({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, ctx.out);
  }
  return reportErrors(ctx, errors);
}
