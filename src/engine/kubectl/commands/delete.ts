import type { Command } from '../context';
import { KubectlError } from '../errors';

export const deleteCommand: Command = {
  name: 'delete',
  run() {
    throw new KubectlError('kubectl delete is being written');
  },
};
