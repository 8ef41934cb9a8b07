/** --dry-run=none|client|server, and the pflag "optional value" flags kubectl has (bare --dry-run, bare --validate). */
import type { CommandContext } from './context';
import { makeParse } from './context';
import { KubectlError } from './errors';
import type { FlagSpec, ParsedFlags } from './flags';

export type DryRun = 'none' | 'client' | 'server';

/** pflag NoOptDefVal: a bare `--dry-run` means `--dry-run=unchanged`, a bare `--validate` strict, a bare `--cascade` background. */
const OPTIONAL_VALUES: Record<string, string> = { 'dry-run': 'unchanged', validate: 'strict', cascade: 'background' };

/** Parse the command's words, honouring flags whose value is optional (the next word is never taken as it). */
export function parseWithOptionalValues(ctx: CommandContext, specs: FlagSpec[]): ParsedFlags {
  const names = new Set(specs.map((s) => s.name));
  const words: string[] = [];
  let dashed = false;
  for (const w of ctx.words) {
    if (w === '--') dashed = true;
    const bare = !dashed && w.startsWith('--') && !w.includes('=') ? w.slice(2) : undefined;
    words.push(bare && names.has(bare) && OPTIONAL_VALUES[bare] ? `${w}=${OPTIONAL_VALUES[bare]}` : w);
  }
  return makeParse(ctx.name, words)(specs);
}

export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', default: 'none' };

export function dryRunStrategy(ctx: CommandContext, flags: ParsedFlags): DryRun {
  const v = String(flags.flags['dry-run'] ?? 'none');
  switch (v) {
    case 'unchanged':
      ctx.out.warn('Warning: --dry-run is deprecated and can be replaced with --dry-run=client.');
      return 'client';
    case 'client':
    case 'server':
    case 'none':
      return v;
    default:
      throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}

/** Query parameters for a write: dryRun=All for server dry runs. */
export function dryRunQuery(d: DryRun): Record<string, string> {
  return d === 'server' ? { dryRun: 'All' } : {};
}
