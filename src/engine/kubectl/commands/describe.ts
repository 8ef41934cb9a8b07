import type { Command } from '../context';
import { KubectlError } from '../errors';

export const describeCommand: Command = {
  name: 'describe',
  run() {
    throw new KubectlError('kubectl describe is being written');
  },
};
