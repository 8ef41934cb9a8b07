import type { Command } from '../context';
import { KubectlError } from '../errors';

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  run() {
    throw new KubectlError('kubectl cluster-info is being written');
  },
};
