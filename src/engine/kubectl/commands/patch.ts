import type { Command } from '../context';
import { KubectlError } from '../errors';

export const patchCommand: Command = {
  name: 'patch',
  run() {
    throw new KubectlError('kubectl patch is being written');
  },
};
