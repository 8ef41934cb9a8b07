/** `kubectl annotate TYPE NAME KEY=VAL KEY-` */
import type { Command } from '../context';
import { runPairsCommand } from '../metadata-pairs';

export const annotateCommand: Command = {
  name: 'annotate',
  run: (ctx) => runPairsCommand(ctx, 'annotation'),
};
