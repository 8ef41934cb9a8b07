/** What every `kubectl create <generator>` shares: its flags, --save-config, dry runs, the request and the output. */
import type { KObject } from '../../types';
import type { CommandContext } from '../context';
import { dryRunQuery, dryRunStrategy, DRY_RUN_FLAG } from '../dry-run';
import { ApiError, KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import { ObjectPrinter, OUTPUT_FLAGS } from '../object-output';
import { fieldValidationParam, validationDirective } from '../validate-flag';
import { typedMeta } from './typed-meta';

export const CREATE_COMMON_FLAGS: FlagSpec[] = [
  DRY_RUN_FLAG,
  ...OUTPUT_FLAGS,
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string', default: 'strict' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'windows-line-endings', type: 'bool' },
];

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The namespace a generated object carries: only an explicit -n puts it in the object. */
export function enforcedNamespace(ctx: CommandContext, flags: ParsedFlags): string | undefined {
  return flags.changed.has('namespace') && flags.flags.namespace ? ctx.namespace(flags) : undefined;
}

/** kubectl's usage error for the NAME argument of a generator (args after `--` are not names). */
export function nameFromArgs(flags: ParsedFlags, command: string): string {
  if (flags.args.length !== 1) {
    throw new KubectlError(`exactly one NAME is required, got ${flags.args.length}\nSee 'kubectl create ${command} -h' for help and examples`);
  }
  return flags.args[0];
}

export function requireFlags(flags: ParsedFlags, names: string[]): void {
  const missing = names.filter((n) => {
    const v = flags.flags[n];
    return !flags.changed.has(n) || v === '' || (Array.isArray(v) && v.length === 0);
  });
  if (missing.length) throw new KubectlError(`required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set`);
}

/** Add the last-applied annotation as `kubectl create --save-config` does: the object's JSON (struct order) + newline. */
export function withSaveConfig(obj: KObject): KObject {
  const annotation = JSON.stringify(obj) + '\n';
  const m = obj.metadata;
  const metadata = typedMeta({
    name: m.name,
    generateName: m.generateName,
    namespace: m.namespace,
    labels: m.labels,
    annotations: { ...(m.annotations ?? {}), [LAST_APPLIED]: annotation },
    ownerReferences: m.ownerReferences,
  });
  return { ...obj, metadata };
}

/**
 * Create (or dry-run) a generated object and print it. `failPrefix` is how this generator words server errors
 * (`failed to create deployment: `); '' prints them as API errors.
 */
export function submitGenerated(ctx: CommandContext, flags: ParsedFlags, generated: KObject, failPrefix: string): number {
  const dryRun = dryRunStrategy(ctx, flags);
  const directive = validationDirective(flags.flags.validate);
  const printer = ObjectPrinter.from(ctx, flags, 'created', dryRun);
  const obj = flags.flags['save-config'] ? withSaveConfig(generated) : generated;
  if (dryRun === 'client') {
    printer.print(obj, true);
    return 0;
  }
  const def = ctx.mapper().forKind(obj.apiVersion, obj.kind);
  if (!def) throw new KubectlError(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  const query = {
    ...dryRunQuery(dryRun),
    fieldManager: String(flags.flags['field-manager'] || 'kubectl-create'),
    fieldValidation: fieldValidationParam(directive),
  };
  try {
    const created = ctx.client.create(def, def.namespaced ? ctx.namespace(flags) : undefined, obj, query);
    printer.print(created);
  } catch (e) {
    if (e instanceof ApiError && failPrefix) throw new KubectlError(failPrefix + e.status.message);
    throw e;
  }
  return 0;
}
