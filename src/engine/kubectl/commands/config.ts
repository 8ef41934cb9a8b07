import type { Command } from '../context';
import { KubectlError } from '../errors';

export const configCommand: Command = {
  name: 'config',
  run() {
    throw new KubectlError('kubectl config is being written');
  },
};
