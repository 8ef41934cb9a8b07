/** kubectl api-versions: every group/version the server serves, sorted. */
import type { Command } from '../context';

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  run(ctx) {
    ctx.parse([]);
    const versions: string[] = [];
    for (const v of ctx.client.raw({ method: 'GET', path: '/api' }).versions ?? []) versions.push(v);
    for (const g of ctx.client.raw({ method: 'GET', path: '/apis' }).groups ?? []) {
      for (const v of g.versions ?? []) versions.push(v.groupVersion);
    }
    versions.sort();
    ctx.out.write(versions.map((v) => v + '\n').join(''));
  },
};
