/** `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json] [--subresource status|scale] [-f FILE]`. */
import { parse } from 'yaml';
import { applyPatch } from '../../api/patch';
import { StatusError } from '../../api/errors';
import type { ResourceDef } from '../../api/resources';
import type { KObject } from '../../types';
import { deepEqual } from '../../util';
import type { Command, CommandContext } from '../context';
import { dryRunQuery, dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues } from '../dry-run';
import { reportErrors, sourceContext, type CollectedError } from '../error-list';
import { ApiError, KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import { loadManifests, quotedSource, resolveManifests } from '../manifests';
import { ObjectPrinter, OUTPUT_FLAGS } from '../object-output';
import { parseResourceArgs } from '../resource-args';

const FLAGS: FlagSpec[] = [
  DRY_RUN_FLAG,
  ...OUTPUT_FLAGS,
  { name: 'patch', short: 'p', type: 'string', default: '' },
  { name: 'patch-file', type: 'string', default: '' },
  { name: 'type', type: 'string', default: 'strategic' },
  { name: 'subresource', type: 'string', default: '' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'local', type: 'bool' },
  { name: 'field-manager', type: 'string', default: 'kubectl-patch' },
  { name: 'record', type: 'bool' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
];

export const PATCH_CONTENT_TYPES: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

interface Target {
  def: ResourceDef;
  namespace: string | undefined;
  name: string;
  context?: string;
}

export const patchCommand: Command = {
  name: 'patch',
  run(ctx) {
    const flags = parseWithOptionalValues(ctx, FLAGS);
    const f = flags.flags;
    if (f.patch && f['patch-file']) throw new KubectlError('cannot specify --patch and --patch-file together');
    if (!f.patch && !f['patch-file']) throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
    const dryRun = dryRunStrategy(ctx, flags);
    if (f.local) throw new KubectlError('--local is not available in kubeplay; patch objects on the cluster, or use --dry-run=client');
    const type = String(f.type).toLowerCase();
    const contentType = PATCH_CONTENT_TYPES[type];
    if (!contentType) throw new KubectlError(`--type must be one of [json merge strategic], not "${f.type}"`);
    if (f.subresource && !['status', 'scale'].includes(f.subresource)) {
      throw new KubectlError(`invalid subresource value: "${f.subresource}". Must be one of [status scale]`);
    }
    const patch = readPatch(ctx, f.patch, f['patch-file']);
    const errors: CollectedError[] = [];
    const targets = findTargets(ctx, flags, errors);
    let count = 0;
    const printer = ObjectPrinter.from(ctx, flags, 'patched', dryRun);
    for (const t of targets) {
      count++;
      try {
        const before = ctx.client.raw({ method: 'GET', path: path(t, f.subresource) }) as KObject;
        const after =
          dryRun === 'client'
            ? localPatch(contentType, before, patch, t.def)
            : ctx.client.patch(t.def, t.namespace, t.name, contentType, patch, { ...dryRunQuery(dryRun), fieldManager: String(f['field-manager']) }, f.subresource || undefined);
        printer.print(after, false, deepEqual(before, after) ? 'patched (no change)' : 'patched');
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.code === 415) {
          errors.push(`error: ${contentType} is not supported by ${gvkString(t.def)}: ${e.status.message}`);
        } else errors.push({ err: e, context: t.context });
      }
    }
    if (count === 0 && errors.length === 0) throw new KubectlError('no objects passed to patch');
    return reportErrors(ctx.out, errors);
  },
};

function path(t: Target, subresource: string): string {
  const d = t.def;
  let p = d.group ? `/apis/${d.group}/${d.version}` : `/api/${d.version}`;
  if (d.namespaced && t.namespace) p += `/namespaces/${encodeURIComponent(t.namespace)}`;
  return `${p}/${d.resource}/${encodeURIComponent(t.name)}${subresource ? `/${subresource}` : ''}`;
}

function gvkString(d: ResourceDef): string {
  return `${d.group ? d.group + '/' : ''}${d.version}, Kind=${d.kind}`;
}

/** The patch text (JSON or YAML) as a JSON value, as kubectl's yaml.ToJSON reads it. */
function readPatch(ctx: CommandContext, inline: string, file: string): unknown {
  let text = inline;
  if (file) {
    const content = ctx.env.fs?.readFile(file);
    if (content === undefined) {
      throw new KubectlError(`unable to read patch file: open ${file}: ${ctx.env.fs ? 'no such file or directory' : 'there is no file system here (the cluster runs in your browser); use -p'}`);
    }
    text = content;
  }
  try {
    return parse(text, { version: '1.1', maxAliasCount: 100, uniqueKeys: false }) ?? null;
  } catch (e) {
    throw new KubectlError(`unable to parse "${inline}": yaml: ${(e as Error).message.split('\n')[0]}`);
  }
}

function localPatch(contentType: string, current: KObject, patch: unknown, def: ResourceDef): KObject {
  try {
    return applyPatch(contentType, JSON.parse(JSON.stringify(current)), patch, def);
  } catch (e) {
    if (e instanceof StatusError) throw new ApiError(e.status, e.code);
    throw e;
  }
}

function findTargets(ctx: CommandContext, flags: ParsedFlags, errors: CollectedError[]): Target[] {
  const filenames = flags.flags.filename as string[];
  if (filenames.length) {
    const loaded = loadManifests(ctx, filenames, !!flags.flags.recursive, { validate: 'ignore' });
    errors.push(...loaded.errors);
    const { resolved, errors: mapping } = resolveManifests(ctx, loaded.docs, flags);
    errors.push(...mapping);
    return resolved.map((r) => ({ def: r.def, namespace: r.namespace, name: r.name, context: sourceContext('patching', quotedSource(r)) }));
  }
  if (flags.args.length === 0) {
    throw new KubectlError(`You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`);
  }
  const sel = parseResourceArgs(ctx.mapper(), flags.args);
  if (!sel.named.length) throw new KubectlError('resource(s) were provided, but no name was specified');
  const ns = ctx.namespace(flags);
  return sel.named.map((n) => ({ def: n.def, namespace: n.def.namespaced ? ns : undefined, name: n.name }));
}
