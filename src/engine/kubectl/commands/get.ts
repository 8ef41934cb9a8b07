import type { Command } from '../context';
import { KubectlError } from '../errors';

export const getCommand: Command = {
  name: 'get',
  run() {
    throw new KubectlError('kubectl get is being written');
  },
};
