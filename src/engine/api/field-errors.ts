/** Field errors as apimachinery's field.Error renders them (v1.33: Go syntax for non-scalar values). */

export type FieldErrorType =
  | 'Required'
  | 'Forbidden'
  | 'TooLong'
  | 'TooMany'
  | 'Internal'
  | 'Invalid'
  | 'TypeInvalid'
  | 'NotSupported'
  | 'Duplicate'
  | 'NotFound';

export interface FieldError {
  type: FieldErrorType;
  /** Dotted path with [i] indexes: spec.template.spec.containers[0].image */
  field: string;
  badValue?: unknown;
  /** Exact rendering of the value where Go's %#v of a typed struct is needed; overrides badValue. */
  goValue?: string;
  detail?: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  Required: 'Required value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  Internal: 'Internal error',
  Invalid: 'Invalid value',
  TypeInvalid: 'Invalid value',
  NotSupported: 'Unsupported value',
  Duplicate: 'Duplicate value',
  NotFound: 'Not found',
};

const CAUSE: Record<FieldErrorType, string> = {
  Required: 'FieldValueRequired',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  Internal: 'InternalError',
  Invalid: 'FieldValueInvalid',
  TypeInvalid: 'FieldValueTypeInvalid',
  NotSupported: 'FieldValueNotSupported',
  Duplicate: 'FieldValueDuplicate',
  NotFound: 'FieldValueNotFound',
};

export function causeReason(type: FieldErrorType): string {
  return CAUSE[type];
}

/** The error body without the field: `Invalid value: "X": detail`. */
export function errorBody(e: FieldError): string {
  let s: string;
  if (e.type === 'Required' || e.type === 'Forbidden' || e.type === 'TooLong' || e.type === 'Internal') {
    s = TYPE_TEXT[e.type];
  } else {
    s = `${TYPE_TEXT[e.type]}: ${e.goValue ?? goValue(e.badValue)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function renderFieldError(e: FieldError): string {
  return e.field ? `${e.field}: ${errorBody(e)}` : errorBody(e);
}

/** Go's %q of a string. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u([0-9a-f]{4})/g, (_m, h) => `\\u${h}`);
}

/** Go's rendering of a decoded JSON value as field.Error prints it in v1.33. */
export function goValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => goQuote(x)).join(', ')}}`;
    return `[]interface {}{${v.map(goInterface).join(', ')}}`;
  }
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.every(([, x]) => typeof x === 'string')) {
    return `map[string]string{${entries.map(([k, x]) => `${goQuote(k)}:${goQuote(x as string)}`).join(', ')}}`;
  }
  return `map[string]interface {}{${entries.map(([k, x]) => `${goQuote(k)}:${goInterface(x)}`).join(', ')}}`;
}

function goInterface(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return Number.isInteger(v) ? `${v}` : `${v}`;
  if (typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'interface {}(nil)';
  return goValue(v);
}

export const required = (field: string, detail?: string): FieldError => ({ type: 'Required', field, detail });
export const invalidValue = (field: string, badValue: unknown, detail?: string): FieldError => ({
  type: 'Invalid',
  field,
  badValue,
  detail,
});
export const forbiddenField = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
export const notSupported = (field: string, badValue: unknown, supported: string[]): FieldError => ({
  type: 'NotSupported',
  field,
  badValue,
  detail: supported.length ? `supported values: ${supported.map((s) => goQuote(s)).join(', ')}` : undefined,
});
export const duplicate = (field: string, badValue: unknown): FieldError => ({ type: 'Duplicate', field, badValue });
export const tooLong = (field: string, maxLength: number): FieldError => ({
  type: 'TooLong',
  field,
  detail: `may not be more than ${maxLength} bytes`,
});
