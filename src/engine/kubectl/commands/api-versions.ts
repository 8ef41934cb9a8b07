import type { Command } from '../context';
import { KubectlError } from '../errors';

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  run() {
    throw new KubectlError('kubectl api-versions is being written');
  },
};
