/** kubectl's error printing: `error: ...`, `Error from server (Reason): ...`, `The Kind "x" is invalid: ...`. */
import type { StatusBody } from '../api/errors';

/** A client-side error, printed as `error: <message>`. */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** An error Status from the API server. */
export class ApiError extends Error {
  constructor(
    readonly status: StatusBody,
    readonly code: number,
  ) {
    super(status.message);
  }
}

/**
 * The text kubectl prints for an API error (cmdutil.StandardErrorMessage / checkErr).
 * `context` is inserted after the reason, as kubectl does for file operations: `error when creating "x.yaml": `.
 */
export function formatApiError(err: ApiError, context = ''): string {
  const s = err.status;
  if (s.reason === 'Invalid' && s.details?.kind && s.details.causes?.length && !context) {
    const causes = s.details.causes;
    const head = `The ${s.details.kind} "${s.details.name ?? ''}" is invalid`;
    if (causes.length === 1) return `${head}: ${causeText(causes[0])}`;
    return `${head}: \n${causes.map((c) => `* ${causeText(c)}`).join('\n')}`;
  }
  if (!s.message) return `Error from server (${s.reason || 'Unknown'}): ${context}an error on the server ("unknown") has prevented the request from succeeding`;
  // cmdutil.StandardErrorMessage: the reason in brackets only when the Status has one.
  return `Error from server${s.reason ? ` (${s.reason})` : ''}: ${context}${s.message}`;
}

function causeText(c: { field?: string; message: string }): string {
  return c.field ? `${c.field}: ${c.message}` : c.message;
}
