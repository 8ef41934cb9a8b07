/** API errors as the real server returns them: a Status with reason, code, details and causes. */
import { renderFieldError, type FieldError, causeReason } from './field-errors';

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: { reason: string; message: string; field?: string }[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export class StatusError extends Error {
  constructor(readonly status: StatusBody) {
    super(status.message);
  }
  get code(): number {
    return this.status.code;
  }
}

function failure(code: number, reason: string, message: string, details?: StatusBody['details']): StatusError {
  const body: StatusBody = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) body.details = details;
  return new StatusError(body);
}

/** `resource` is the plural resource name, `group` its group ('' for core). */
export function notFound(group: string, resource: string, name: string): StatusError {
  const qr = group ? `${resource}.${group}` : resource;
  return failure(404, 'NotFound', `${qr} "${name}" not found`, { name, ...(group ? { group } : {}), kind: resource });
}

export function alreadyExists(group: string, resource: string, name: string): StatusError {
  const qr = group ? `${resource}.${group}` : resource;
  return failure(409, 'AlreadyExists', `${qr} "${name}" already exists`, {
    name,
    ...(group ? { group } : {}),
    kind: resource,
  });
}

export function conflict(group: string, resource: string, name: string, why: string): StatusError {
  const qr = group ? `${resource}.${group}` : resource;
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qr} "${name}": ${why}`, {
    name,
    ...(group ? { group } : {}),
    kind: resource,
  });
}

export const OPTIMISTIC_LOCK_MSG = 'the object has been modified; please apply your changes to the latest version and try again';

/** 422 Invalid: `Deployment.apps "x" is invalid: [a, b]`. */
export function invalid(group: string, kind: string, name: string, errors: FieldError[]): StatusError {
  const qk = group ? `${kind}.${group}` : kind;
  const rendered = errors.map(renderFieldError);
  const agg = rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  return failure(422, 'Invalid', `${qk} "${name}" is invalid: ${agg}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: errors.map((e) => ({
      reason: causeReason(e.type),
      message: renderFieldError({ ...e, field: '' }).replace(/^: /, ''),
      field: e.field,
    })),
  });
}

export function badRequest(message: string): StatusError {
  return failure(400, 'BadRequest', message);
}

export function forbidden(group: string, resource: string, name: string, why: string): StatusError {
  const qr = group ? `${resource}.${group}` : resource;
  return failure(403, 'Forbidden', `${qr} "${name}" is forbidden: ${why}`, {
    name,
    ...(group ? { group } : {}),
    kind: resource,
  });
}

export function methodNotSupported(group: string, resource: string, verb: string): StatusError {
  const qr = group ? `${resource}.${group}` : resource;
  return failure(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${qr}"`, {
    ...(group ? { group } : {}),
    kind: resource,
  });
}

export function notFoundPath(): StatusError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function gone(message: string): StatusError {
  return failure(410, 'Expired', message);
}

export function unsupportedMediaType(contentType: string): StatusError {
  return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType})`);
}

export function requestEntityTooLarge(message: string): StatusError {
  return failure(413, 'RequestEntityTooLarge', message);
}

export function internal(message: string): StatusError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ reason: 'UnexpectedServerResponse', message }],
  });
}

export function statusSuccess(details?: StatusBody['details']): Omit<StatusBody, 'message' | 'reason'> & { details?: StatusBody['details'] } {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}
