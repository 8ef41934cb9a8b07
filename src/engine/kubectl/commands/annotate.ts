import type { Command } from '../context';
import { KubectlError } from '../errors';

export const annotateCommand: Command = {
  name: 'annotate',
  run() {
    throw new KubectlError('kubectl annotate is being written');
  },
};
