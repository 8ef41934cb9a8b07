/** Flags apply and replace share, parsed as kubectl parses them (string flags with a no-value default included). */
import { resourcePath } from '../../api/paths';
import type { CommandContext } from '../context';
import { makeParse } from '../context';
import { KubectlError } from '../errors';
import type { FlagSpec, ParsedFlags } from '../flags';
import type { ResolvedManifest } from '../manifests';
import { fieldValidationParam, validationDirective } from '../validate-flag';

export type DryRun = 'none' | 'client' | 'server';

export const FILE_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'dry-run', type: 'string', default: 'none' },
  { name: 'validate', type: 'string', default: 'strict' },
  { name: 'field-manager', type: 'string' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'timeout', type: 'string', default: '0s' },
  { name: 'wait', type: 'bool' },
  { name: 'cascade', type: 'string', default: 'background' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'record', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'subresource', type: 'string' },
];

/** Flags whose bare form means a default value (pflag NoOptDefVal): `--dry-run` is `--dry-run=unchanged`. */
const NO_OPT_DEFAULTS: Record<string, string> = { '--dry-run': 'unchanged', '--validate': 'strict' };

export function parseFileCommandFlags(ctx: CommandContext, specs: FlagSpec[]): ParsedFlags {
  const words = ctx.words.map((w) => (w in NO_OPT_DEFAULTS ? `${w}=${NO_OPT_DEFAULTS[w]}` : w));
  const flags = makeParse(ctx.name, words)(specs);
  if (flags.args.length) {
    throw new KubectlError(`Unexpected args: [${flags.args.join(' ')}]\nSee 'kubectl ${ctx.name} -h' for help and examples`);
  }
  const output = flags.flags.output as string;
  if (output && !['yaml', 'json', 'name'].includes(output)) {
    throw new KubectlError(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: ` +
        'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml',
    );
  }
  return flags;
}

export function dryRunStrategy(value: string): DryRun {
  switch (value) {
    case 'unchanged':
    case 'client':
    case 'true':
      return 'client';
    case 'server':
      return 'server';
    case 'none':
    case 'false':
      return 'none';
    default:
      throw new KubectlError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
  }
}

export function fieldValidation(flags: ParsedFlags): string {
  return fieldValidationParam(validationDirective(flags.flags.validate as string));
}

export function requireFilenames(flags: ParsedFlags): string[] {
  const files = flags.flags.filename as string[];
  if (flags.flags.kustomize) throw new KubectlError('kustomize (-k) is not available in this simulated cluster; use -f');
  if (!files.length) throw new KubectlError('must specify one of -f and -k');
  return files;
}

/** Poll (in virtual time, one second apart) until a deleted object is gone, as --force waits for it. */
export function waitUntilGone(ctx: CommandContext, doc: ResolvedManifest, timeoutSeconds = 300): void {
  const path = resourcePath(doc.def, doc.namespace, doc.name);
  for (let i = 0; i <= timeoutSeconds; i++) {
    const res = ctx.client.send({ method: 'GET', path });
    if (res.status === 404) return;
    if (!ctx.env.advance) break;
    ctx.env.advance(1000);
  }
  throw new KubectlError('timed out waiting for the condition');
}
