/** `kubectl cordon|uncordon NODE... | -l SELECTOR`. */
import type { Command, CommandContext } from '../context';
import { dryRunStrategy, DRY_RUN_FLAG, parseWithOptionalValues } from '../dry-run';
import { KubectlError } from '../errors';
import { cordonNodes, selectNodes } from '../drain/nodes';

function run(ctx: CommandContext, desired: boolean): number {
  const flags = parseWithOptionalValues(ctx, [DRY_RUN_FLAG, { name: 'selector', short: 'l', type: 'string', default: '' }]);
  const dryRun = dryRunStrategy(ctx, flags);
  if (!flags.args.length && !flags.changed.has('selector')) {
    throw new KubectlError(`USAGE: ${ctx.name} NODE [flags]\nSee 'kubectl ${ctx.name} -h' for help and examples`);
  }
  if (flags.args.length && flags.flags.selector) {
    throw new KubectlError(`error: cannot specify both a node name and a --selector option\nSee 'kubectl ${ctx.name} -h' for help and examples`);
  }
  cordonNodes(ctx, selectNodes(ctx, flags.args, flags.flags.selector), desired, dryRun);
  return 0;
}

export const cordonCommand: Command = { name: 'cordon', run: (ctx) => run(ctx, true) };
export const uncordonCommand: Command = { name: 'uncordon', run: (ctx) => run(ctx, false) };
