import type { Command } from '../context';
import { KubectlError } from '../errors';

export const labelCommand: Command = {
  name: 'label',
  run() {
    throw new KubectlError('kubectl label is being written');
  },
};
