import type { Command } from '../context';
import { KubectlError } from '../errors';

export const createCommand: Command = {
  name: 'create',
  run() {
    throw new KubectlError('kubectl create is being written');
  },
};
