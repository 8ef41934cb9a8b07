/** `kubectl create -f FILE...`: every document is created on its own; errors are collected and printed at the end. */
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import { dryRunQuery, dryRunStrategy } from '../dry-run';
import { reportErrors, sourceContext, type CollectedError } from '../error-list';
import { ApiError, KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { loadManifests, quotedSource, resolveManifests } from '../manifests';
import { ObjectPrinter } from '../object-output';
import { sortKeysDeep } from '../printers/yaml-json';
import { fieldValidationParam, validationDirective } from '../validate-flag';
import { LAST_APPLIED } from './submit';
import { matchesRequirements, parseLabelSelector, SelectorParseError } from '../../api/selectors';

export function createFromFiles(ctx: CommandContext, flags: ParsedFlags): number {
  const filenames = flags.flags.filename as string[];
  if (flags.args.length) {
    throw new KubectlError(`Unexpected args: [${flags.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  }
  if (!filenames.length) throw new KubectlError('must specify one of -f and -k');
  const directive = validationDirective(flags.flags.validate);
  const dryRun = dryRunStrategy(ctx, flags);
  const printer = ObjectPrinter.from(ctx, flags, 'created', dryRun);
  const loaded = loadManifests(ctx, filenames, !!flags.flags.recursive, { validate: directive });
  const errors: CollectedError[] = [...loaded.errors];
  const selector = flags.flags.selector as string | undefined;
  const reqs = selector ? parseSelector(selector) : undefined;
  const docs = reqs ? loaded.docs.filter((d) => matchesRequirements(reqs, d.obj.metadata?.labels ?? {})) : loaded.docs;
  const { resolved, errors: mappingErrors } = resolveManifests(ctx, docs, flags);
  errors.push(...mappingErrors);
  const query = {
    ...dryRunQuery(dryRun),
    fieldManager: String(flags.flags['field-manager'] || 'kubectl-create'),
    fieldValidation: fieldValidationParam(directive),
  };
  let count = 0;
  for (const doc of resolved) {
    const obj = flags.flags['save-config'] ? withLastApplied(doc.obj) : doc.obj;
    if (dryRun === 'client') {
      printer.print(obj);
      count++;
      continue;
    }
    try {
      printer.print(ctx.client.create(doc.def, doc.namespace, obj, query));
      count++;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      errors.push({ err: e, context: sourceContext('creating', quotedSource(doc)) });
    }
  }
  if (count === 0 && errors.length === 0) throw new KubectlError('no objects passed to create');
  return reportErrors(ctx.out, errors);
}

/** --save-config on a manifest: the annotation holds the object's JSON (map keys sorted, as Go marshals maps). */
function withLastApplied(obj: KObject): KObject {
  const value = JSON.stringify(sortKeysDeep(obj)) + '\n';
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: value } } };
}

function parseSelector(selector: string) {
  try {
    return parseLabelSelector(selector);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new KubectlError(e.message);
    throw e;
  }
}
