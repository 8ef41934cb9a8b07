/** Printing written objects as kubectl's create/run/patch do: `kind.group/name created`, or -o yaml|json|name. */
import type { KObject } from '../types';
import type { CommandContext } from './context';
import type { DryRun } from './dry-run';
import { KubectlError } from './errors';
import type { FlagSpec, ParsedFlags } from './flags';
import { dryRunSuffix, nameLine } from './printers/name';
import { toJson, toYaml } from './printers/yaml-json';

export type OutputFormat = '' | 'yaml' | 'json' | 'name';

export const OUTPUT_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'show-managed-fields', type: 'bool' },
];

const ALLOWED =
  'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

export function outputFormat(flags: ParsedFlags): OutputFormat {
  const o = String(flags.flags.output ?? '');
  if (o === '' || o === 'yaml' || o === 'json' || o === 'name') return o;
  if (ALLOWED.split(',').includes(o.split('=')[0])) {
    throw new KubectlError(`output format "${o.split('=')[0]}" is not supported by this command in kubeplay; use -o yaml, -o json or -o name`);
  }
  throw new KubectlError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`);
}

/** Prints objects one after another; YAML documents after the first get a `---` separator, as kubectl's printer does. */
export class ObjectPrinter {
  private count = 0;
  constructor(
    private readonly ctx: CommandContext,
    private readonly format: OutputFormat,
    private readonly operation: string,
    private readonly dryRun: DryRun,
    private readonly showManagedFields = false,
  ) {}

  static from(ctx: CommandContext, flags: ParsedFlags, operation: string, dryRun: DryRun): ObjectPrinter {
    return new ObjectPrinter(ctx, outputFormat(flags), operation, dryRun, !!flags.flags['show-managed-fields']);
  }

  /**
   * `typed`: the object was built by the client (struct field order is kept in JSON, as Go's encoder keeps it).
   * `operation` overrides the printer's for this object (`patched (no change)`).
   */
  print(obj: KObject, typed = false, operation = this.operation): void {
    const out = this.ctx.out;
    const shown = this.showManagedFields ? obj : withoutManagedFields(obj);
    switch (this.format) {
      case 'name':
        out.print(nameLine(obj));
        break;
      case 'yaml':
        if (this.count > 0) out.write('---\n');
        out.write(toYaml(shown));
        break;
      case 'json':
        out.write(typed ? JSON.stringify(shown, null, 4) + '\n' : toJson(shown));
        break;
      default:
        out.print(nameLine(obj, operation + dryRunSuffix(this.dryRun)));
    }
    this.count++;
  }
}

function withoutManagedFields(obj: KObject): KObject {
  if (!obj.metadata?.managedFields) return obj;
  const metadata = { ...obj.metadata };
  delete metadata.managedFields;
  return { ...obj, metadata };
}
