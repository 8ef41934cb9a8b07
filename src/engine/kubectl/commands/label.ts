/** `kubectl label TYPE NAME KEY=VAL KEY-` */
import type { Command } from '../context';
import { runPairsCommand } from '../metadata-pairs';

export const labelCommand: Command = {
  name: 'label',
  run: (ctx) => runPairsCommand(ctx, 'label'),
};
