import type { Command } from '../context';
import { KubectlError } from '../errors';

export const replaceCommand: Command = {
  name: 'replace',
  run() {
    throw new KubectlError('kubectl replace is being written');
  },
};
