import type { Command } from '../context';
import { KubectlError } from '../errors';

export const versionCommand: Command = {
  name: 'version',
  run() {
    throw new KubectlError('kubectl version is being written');
  },
};
