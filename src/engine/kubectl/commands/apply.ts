import type { Command } from '../context';
import { KubectlError } from '../errors';

export const applyCommand: Command = {
  name: 'apply',
  run() {
    throw new KubectlError('kubectl apply is being written');
  },
};
