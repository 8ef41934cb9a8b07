/** kubectl version (pkg/cmd/version/version.go): client v1.33.4 with kustomize v5.6.0, server from GET /version. */
import type { Command } from '../context';
import { KubectlError } from '../errors';
import { toYaml } from '../printers/yaml-json';
import { SERVER_VERSION } from '../../api/discovery';

/** The emulated client is the same v1.33 build as the server (kubectl's JSON keeps the struct's field order). */
export const CLIENT_VERSION = { ...SERVER_VERSION };
export const KUSTOMIZE_VERSION = 'v5.6.0';

export const versionCommand: Command = {
  name: 'version',
  run(ctx) {
    const p = ctx.parse([
      { name: 'client', type: 'bool' },
      { name: 'output', short: 'o', type: 'string', default: '' },
    ]);
    const clientOnly = !!p.flags.client;
    const output = String(p.flags.output);
    if (!clientOnly && p.args.length) throw new KubectlError(`extra arguments: [${p.args.join(' ')}]`);
    if (output && output !== 'yaml' && output !== 'json') throw new KubectlError(`--output must be 'yaml' or 'json'`);
    const info: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
    if (!clientOnly) info.serverVersion = ctx.client.raw({ method: 'GET', path: '/version' });
    const server = info.serverVersion as { gitVersion: string } | undefined;
    if (output === 'yaml') ctx.out.write(toYaml(info) + '\n');
    else if (output === 'json') ctx.out.write(JSON.stringify(info, null, 2) + '\n');
    else {
      ctx.out.write(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (server) ctx.out.write(`Server Version: ${server.gitVersion}\n`);
    }
  },
};
