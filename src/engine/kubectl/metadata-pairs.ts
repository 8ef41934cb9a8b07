/**
 * `kubectl label` and `kubectl annotate`: KEY=VAL and KEY- pairs applied to objects' labels or annotations, sent as the
 * JSON merge patch kubectl computes between the object before and after.
 */
import type { KObject } from '../types';
import type { CommandContext } from './context';
import { dryRunQuery, dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues } from './dry-run';
import { reportErrors, sourceContext, type CollectedError } from './error-list';
import { ApiError, KubectlError } from './errors';
import type { FlagSpec, ParsedFlags } from './flags';
import { loadManifests, quotedSource, resolveManifests } from './manifests';
import { ObjectPrinter, OUTPUT_FLAGS } from './object-output';
import { parseResourceArgs } from './resource-args';
import type { ResourceDef } from '../api/resources';

export type PairKind = 'label' | 'annotation';

const FLAGS: FlagSpec[] = [
  DRY_RUN_FLAG,
  ...OUTPUT_FLAGS,
  { name: 'overwrite', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string', default: '' },
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'list', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'resource-version', type: 'string', default: '' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'record', type: 'bool' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
];

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

interface Target {
  def: ResourceDef;
  obj: KObject;
}

export function runPairsCommand(ctx: CommandContext, kind: PairKind): number {
  const flags = parseWithOptionalValues(ctx, FLAGS);
  const f = flags.flags;
  const { resources, pairs } = splitResourcesAndPairs(flags.args, kind);
  const { set, remove } = parsePairs([...pairs, ...flags.rest], kind);
  if (f.list && f.output) throw new KubectlError('--list and --output may not be specified together');
  if (f.all && f.selector) throw new KubectlError('cannot set --all and --selector at the same time');
  if (f.all && f['field-selector']) throw new KubectlError('cannot set --all and --field-selector at the same time');
  if (f.local) throw new KubectlError('--local is not available in kubeplay; use --dry-run=client');
  const filenames = f.filename as string[];
  if (!resources.length && !filenames.length) {
    throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (!Object.keys(set).length && !remove.length && !f.list) throw new KubectlError(`at least one ${kind} update is required`);
  const dryRun = dryRunStrategy(ctx, flags);
  const errors: CollectedError[] = [];
  const { targets, single } = findTargets(ctx, flags, resources, errors);
  if (!single && f['resource-version']) throw new KubectlError('--resource-version may only be used with a single resource');
  const field = kind === 'label' ? 'labels' : 'annotations';
  const printer = ObjectPrinter.from(ctx, flags, kind === 'label' ? 'labeled' : 'annotated', dryRun);
  for (const { def, obj } of targets) {
    const before: Record<string, string> = { ...(obj.metadata[field] ?? {}) };
    const after = { ...before };
    const problem = kind === 'label' ? labelOverwrites(before, set, f.overwrite) : annotationOverwrites(before, set, f.overwrite);
    if (problem) {
      errors.push(problem);
      continue;
    }
    Object.assign(after, set);
    for (const k of remove) delete after[k];
    const rv = String(f['resource-version'] || '');
    let output: KObject = { ...obj, metadata: { ...obj.metadata, [field]: after } };
    if (rv) output.metadata.resourceVersion = rv;
    if (dryRun !== 'client' && !f.list) {
      if (kind === 'label') {
        for (const k of remove) if (!(k in before)) ctx.out.print(`label "${k}" not found.`);
      }
      const patch = mergePatchFor(field, before, after, rv);
      try {
        output = ctx.client.patch(def, obj.metadata.namespace, obj.metadata.name!, 'application/merge-patch+json', patch, {
          ...dryRunQuery(dryRun),
          ...(f['field-manager'] ? { fieldManager: f['field-manager'] } : {}),
        });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push({ err: e });
        continue;
      }
    }
    if (f.list) {
      const indent = single ? '' : ' ';
      if (!single) ctx.out.print(`Listing ${field} for ${def.kind}.${def.group}/${obj.metadata.name}:`);
      const shown = output.metadata[field] ?? {};
      for (const k of Object.keys(shown).sort()) ctx.out.print(`${indent}${k}=${shown[k]}`);
      continue;
    }
    const operation = kind === 'annotation' ? 'annotated' : labelMessage(obj, before, after, f.overwrite);
    printer.print(output, false, operation);
  }
  return reportErrors(ctx.out, errors);
}

/** cmdutil.GetResourcesAndPairs: resources first, then KEY=VAL / KEY- pairs. */
function splitResourcesAndPairs(args: string[], kind: PairKind): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const isPair = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (isPair) pairs.push(s);
    else if (pairs.length) throw new KubectlError(`all resources must be specified before ${kind} changes: ${s}`);
    else resources.push(s);
  }
  return { resources, pairs };
}

function parsePairs(specs: string[], kind: PairKind): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = kind === 'label' ? spec.split('=') : [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)];
      if (parts.length !== 2 || !parts[0]) throw new KubectlError(`invalid ${kind} spec: ${spec}`);
      if (kind === 'label' && (parts[1].length > 63 || !LABEL_VALUE.test(parts[1]))) {
        const errs: string[] = [];
        if (parts[1].length > 63) errs.push('must be no more than 63 characters');
        if (!LABEL_VALUE.test(parts[1])) {
          errs.push(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
          );
        }
        throw new KubectlError(`invalid label value: "${spec}": ${errs.join(';')}`);
      }
      set[parts[0]] = parts[1];
    } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
    else throw new KubectlError(`unknown ${kind} spec: ${spec}`);
  }
  const both = remove.filter((k) => k in set);
  if (both.length) {
    throw new KubectlError(
      kind === 'label'
        ? 'can not both modify and remove a label in the same command'
        : `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`,
    );
  }
  return { set, remove };
}

function labelOverwrites(current: Record<string, string>, set: Record<string, string>, overwrite: boolean): string | undefined {
  if (overwrite) return undefined;
  const errs = Object.keys(set)
    .filter((k) => k in current && current[k] !== set[k])
    .map((k) => `'${k}' already has a value (${current[k]}), and --overwrite is false`);
  if (!errs.length) return undefined;
  return errs.length === 1 ? `error: ${errs[0]}` : `error: [${errs.join(', ')}]`;
}

function annotationOverwrites(current: Record<string, string>, set: Record<string, string>, overwrite: boolean): string | undefined {
  if (overwrite) return undefined;
  const found = Object.keys(set)
    .filter((k) => k !== 'kubernetes.io/change-cause' && k in current && current[k] !== set[k])
    .map((k) => `'${k}' already has a value (${current[k]})`);
  return found.length ? `error: --overwrite is false but found the following declared annotation(s): ${found.join('; ')}` : undefined;
}

/** labeled / not labeled / unlabeled, decided as kubectl decides it (from the object's JSON before and after). */
function labelMessage(obj: KObject, before: Record<string, string>, after: Record<string, string>, overwrite: boolean): string {
  const oldJson = JSON.stringify({ ...obj, metadata: { ...obj.metadata, labels: before } });
  const newJson = JSON.stringify({ ...obj, metadata: { ...obj.metadata, labels: after } });
  if (oldJson === newJson) return 'not labeled';
  return !overwrite && newJson.length < oldJson.length ? 'unlabeled' : 'labeled';
}

/** The merge patch between the object before and after: changed keys, removed keys as null, and the RV when given. */
function mergePatchFor(field: string, before: Record<string, string>, after: Record<string, string>, rv: string): unknown {
  const diff: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) diff[k] = v;
  for (const k of Object.keys(before)) if (!(k in after)) diff[k] = null;
  const metadata: Record<string, unknown> = {};
  if (Object.keys(diff).length) metadata[field] = diff;
  if (rv) metadata.resourceVersion = rv;
  return Object.keys(metadata).length ? { metadata } : {};
}

function findTargets(ctx: CommandContext, flags: ParsedFlags, resources: string[], errors: CollectedError[]): { targets: Target[]; single: boolean } {
  const f = flags.flags;
  const ns = ctx.namespace(flags);
  const fetch = (def: ResourceDef, namespace: string | undefined, name: string, context?: string): Target | undefined => {
    try {
      return { def, obj: ctx.client.get(def, namespace, name) };
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      errors.push({ err: e, context });
      return undefined;
    }
  };
  const filenames = f.filename as string[];
  if (filenames.length) {
    const loaded = loadManifests(ctx, filenames, !!f.recursive, { validate: 'ignore' });
    errors.push(...loaded.errors);
    const { resolved, errors: mapping } = resolveManifests(ctx, loaded.docs, flags);
    errors.push(...mapping);
    const targets = resolved.map((r) => fetch(r.def, r.namespace, r.name, sourceContext('getting', quotedSource(r))));
    return { targets: targets.filter((t): t is Target => !!t), single: resolved.length === 1 };
  }
  const sel = parseResourceArgs(ctx.mapper(), resources);
  const listing = f.all || f.selector || f['field-selector'];
  if (sel.named.length) {
    const targets = sel.named.map((n) => fetch(n.def, n.def.namespaced ? ns : undefined, n.name));
    return { targets: targets.filter((t): t is Target => !!t), single: sel.named.length === 1 };
  }
  if (!listing) throw new KubectlError('resource(s) were provided, but no name was specified');
  const query = { labelSelector: f.selector || undefined, fieldSelector: f['field-selector'] || undefined };
  const targets: Target[] = [];
  for (const def of sel.types) {
    const list = ctx.client.list(def, def.namespaced && !f['all-namespaces'] ? ns : undefined, query);
    const apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
    for (const item of list.items ?? []) targets.push({ def, obj: { apiVersion, kind: def.kind, ...item } });
  }
  return { targets, single: false };
}
