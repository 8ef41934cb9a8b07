/** What apply and replace share: requests that print the server's warnings, and kubectl's error wrapping. */
import type { ResourceDef } from '../../api/resources';
import { apiVersionOf } from '../../api/resources';
import type { ApiRequest } from '../../types';
import type { CommandContext } from '../context';
import { ApiError, formatApiError } from '../errors';

/** Send a request (its `Warning:` headers are printed by the client's warning handler). */
export function call(ctx: CommandContext, req: ApiRequest): any {
  const res = ctx.client.send(req);
  if (res.status >= 400) throw new ApiError(res.body, res.status);
  return res.body;
}

/** A failure that is not an API status: printed as `error: <message>` alone, its bare message in a list. */
export class PlainError extends Error {}

export type ObjectError = ApiError | PlainError | string;

/** cmdutil.AddSourceToErr: `error when <verb> "<source>": ` goes in front of the status message. */
export function withSource(verb: string, source: string, err: unknown): ObjectError {
  if (err instanceof ApiError) {
    const status = { ...err.status, message: `error when ${verb} ${source}: ${err.status.message}` };
    return new ApiError(status, err.code);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new PlainError(`error when ${verb} ${source}: ${message}`);
}

/** resource.Info.String(): the mapping and the name, as kubectl puts them in messages. */
export function infoString(def: ResourceDef, namespace: string | undefined, name: string): string {
  const gv = apiVersionOf(def);
  const group = def.group ? gv : `/${gv}`;
  return (
    `Resource: "${group}, Resource=${def.resource}", GroupVersionKind: "${group}, Kind=${def.kind}"\n` +
    `Name: "${name}", Namespace: "${namespace ?? ''}"`
  );
}

/**
 * Print a command's errors as checkErr does: one error in its own form (Invalid as `The Kind "x" is invalid: ...`),
 * several as `Error from server (Reason): message` / bare messages, one per line.
 */
export function printErrors(ctx: CommandContext, errors: ObjectError[]): void {
  if (errors.length === 1) {
    const e = errors[0];
    if (typeof e === 'string') ctx.out.warn(e);
    else if (e instanceof ApiError) ctx.out.warn(formatApiError(e));
    else ctx.out.warn(e.message.startsWith('error: ') ? e.message : `error: ${e.message}`);
    return;
  }
  for (const e of errors) {
    if (typeof e === 'string') ctx.out.warn(e.replace(/^error: /, ''));
    else if (e instanceof ApiError) {
      const s = e.status;
      ctx.out.warn(s.reason ? `Error from server (${s.reason}): ${s.message}` : `Error from server: ${s.message}`);
    } else ctx.out.warn(e.message);
  }
}
