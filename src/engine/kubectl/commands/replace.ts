/**
 * kubectl replace -f FILE: PUT each object (taking the live resourceVersion when the file has none).
 * --force deletes every object, waits for it to go, and creates it again.
 */
import { resourcePath } from '../../api/paths';
import type { KObject } from '../../types';
import { clone } from '../../util';
import { LAST_APPLIED, modifiedConfiguration } from '../apply/last-applied';
import { dryRunStrategy, FILE_FLAGS, fieldValidation, parseFileCommandFlags, requireFilenames, waitUntilGone } from '../apply/options';
import { call, printErrors, withSource, type ObjectError } from '../apply/requests';
import type { Command, CommandContext } from '../context';
import { ApiError, KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import { loadManifests, quotedSource, resolveManifests, validationDirective, type ResolvedManifest } from '../manifests';
import { dryRunSuffix, kindPrefix, nameLine } from '../printers/name';
import { toJson, toYaml } from '../printers/yaml-json';

const FLAGS: FlagSpec[] = [...FILE_FLAGS, { name: 'save-config', type: 'bool' }, { name: 'raw', type: 'string' }];

export const replaceCommand: Command = {
  name: 'replace',
  run(ctx) {
    const flags = parseFileCommandFlags(ctx, FLAGS);
    const f = flags.flags;
    const dryRun = dryRunStrategy(f['dry-run'] as string);
    const validate = validationDirective(f.validate as string);
    if ((f['grace-period'] as number) >= 0 && !f.force) throw new KubectlError('--grace-period must have --force specified');
    if (flags.changed.has('timeout') && f.timeout !== '0s' && f.timeout !== '0' && !f.force) {
      throw new KubectlError('--timeout must have --force specified');
    }
    if (f.force && dryRun !== 'none') throw new KubectlError('--dry-run can not be used when --force is set');
    if (!(f.filename as string[]).length && !f.kustomize) throw new KubectlError('must specify --filename to replace');
    const files = requireFilenames(flags);

    const loaded = loadManifests(ctx, files, f.recursive as boolean, { validate });
    const { resolved, errors: mapErrors } = resolveManifests(ctx, loaded.docs, flags);
    const loadErrors = [...loaded.errors, ...mapErrors];
    if (loadErrors.length) {
      printErrors(ctx, loadErrors);
      return 1;
    }
    const settings = { flags, dryRun, manager: (f['field-manager'] as string | undefined) ?? 'kubectl-replace' };
    const errors: ObjectError[] = [];
    const printer = objectPrinter(ctx, f.output as string, dryRunSuffix(dryRun));
    if (f.force) {
      forceReplace(ctx, resolved, settings, printer, errors);
    } else {
      for (const doc of resolved) {
        const r = replaceOne(ctx, doc, settings);
        if ('error' in r) errors.push(r.error);
        else printer(r.object);
      }
    }
    if (errors.length) {
      printErrors(ctx, errors);
      return 1;
    }
    return 0;
  },
};

interface Settings {
  flags: ParsedFlags;
  dryRun: 'none' | 'client' | 'server';
  manager: string;
}

/** The object from the file, with its namespace, and the last-applied annotation kept up to date (or created). */
function prepared(doc: ResolvedManifest, saveConfig: boolean): KObject {
  const obj = clone(doc.obj);
  if (doc.def.namespaced && doc.namespace) obj.metadata.namespace = doc.namespace;
  if (saveConfig || obj.metadata.annotations?.[LAST_APPLIED] !== undefined) {
    const { annotation } = modifiedConfiguration(obj);
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: annotation };
  }
  return obj;
}

function query(s: Settings): Record<string, string | undefined> {
  return {
    fieldManager: s.manager,
    fieldValidation: fieldValidation(s.flags),
    dryRun: s.dryRun === 'server' ? 'All' : undefined,
  };
}

function replaceOne(ctx: CommandContext, doc: ResolvedManifest, s: Settings): { object: KObject } | { error: ObjectError } {
  const obj = prepared(doc, s.flags.flags['save-config'] as boolean);
  if (s.dryRun === 'client') return { object: obj };
  const path = resourcePath(doc.def, doc.namespace, doc.name);
  try {
    if (!obj.metadata.resourceVersion) {
      const live = call(ctx, { method: 'GET', path });
      obj.metadata.resourceVersion = live.metadata.resourceVersion;
    }
    const object = call(ctx, { method: 'PUT', path, body: obj, contentType: 'application/json', query: query(s) });
    return { object };
  } catch (e) {
    return { error: withSource('replacing', quotedSource(doc), e) };
  }
}

function forceReplace(
  ctx: CommandContext,
  docs: ResolvedManifest[],
  s: Settings,
  printer: (o: KObject) => void,
  errors: ObjectError[],
): void {
  const grace = s.flags.flags['grace-period'] as number;
  for (const doc of docs) {
    const res = ctx.client.send({
      method: 'DELETE',
      path: resourcePath(doc.def, doc.namespace, doc.name),
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) },
    });
    if (res.status === 404) continue;
    if (res.status >= 400) {
      errors.push(new ApiError(res.body, res.status));
      continue;
    }
    ctx.out.print(`${kindPrefix(doc.obj)} "${doc.name}" deleted`);
  }
  if (errors.length) return;
  for (const doc of docs) waitUntilGone(ctx, doc);
  for (const doc of docs) {
    const obj = prepared(doc, s.flags.flags['save-config'] as boolean);
    delete obj.metadata.resourceVersion;
    try {
      printer(call(ctx, { method: 'POST', path: resourcePath(doc.def, doc.namespace), body: obj, contentType: 'application/json', query: query(s) }));
    } catch (e) {
      errors.push(e as ObjectError);
    }
  }
}

function objectPrinter(ctx: CommandContext, output: string, suffix: string): (o: KObject) => void {
  let count = 0;
  return (o) => {
    const obj = clone(o);
    if (obj.metadata) delete obj.metadata.managedFields;
    if (output === 'yaml') ctx.out.write((count++ ? '---\n' : '') + toYaml(obj));
    else if (output === 'json') ctx.out.write(toJson(obj));
    else ctx.out.print(nameLine(obj, `replaced${suffix}`));
  };
}
