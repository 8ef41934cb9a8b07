/**
 * Errors collected while a command goes on with other objects, printed as kubectl prints its aggregate at the end: one
 * error as `error: ...` (an Invalid API error as `The Kind "x" is invalid: ...`), several one per line without the
 * `error: ` prefix.
 */
import { ApiError, formatApiError } from './errors';
import type { Output } from './context';

export type CollectedError = string | { err: ApiError; context?: string };

export function sourceContext(verb: string, quotedSource: string): string {
  return `error when ${verb} ${quotedSource}: `;
}

/** Print the errors; returns the exit code (1 when there were any). */
export function reportErrors(out: Output, errors: CollectedError[]): number {
  if (errors.length === 0) return 0;
  const alone = errors.length === 1;
  for (const e of errors) {
    if (typeof e === 'string') out.warn(alone ? e : e.replace(/^error: /, ''));
    else {
      const invalid = e.err.status.reason === 'Invalid' && !!e.err.status.details?.causes?.length;
      out.warn(formatApiError(e.err, alone && invalid ? '' : (e.context ?? '')));
    }
  }
  return 1;
}
