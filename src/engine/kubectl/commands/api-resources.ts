import type { Command } from '../context';
import { KubectlError } from '../errors';

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  run() {
    throw new KubectlError('kubectl api-resources is being written');
  },
};
