import type { Command } from '../context';
import { KubectlError } from '../errors';

export const runCommand: Command = {
  name: 'run',
  run() {
    throw new KubectlError('kubectl run is being written');
  },
};
