/** kubectl get --raw PATH: the server's response body as it is sent. */
import type { CommandContext } from '../context';
import { KubectlError, ApiError } from '../errors';

export function rawGet(ctx: CommandContext, path: string): number {
  if (!path.startsWith('/')) throw new KubectlError(`--raw must be a valid URL path: parse "${path}": invalid URI for request`);
  const res = ctx.client.send({ method: 'GET', path });
  if (res.status >= 400) {
    const body = res.body;
    if (body && body.kind === 'Status') throw new ApiError(body, res.status);
    throw new KubectlError(`the server could not find the requested resource`);
  }
  ctx.out.write(typeof res.body === 'string' ? res.body : JSON.stringify(res.body) + '\n');
  return 0;
}
