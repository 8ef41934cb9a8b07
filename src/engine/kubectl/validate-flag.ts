/** kubectl's --validate flag: strict (or true), warn, ignore (or false); it also sets the server's fieldValidation. */
import { KubectlError } from './errors';

export type ValidationDirective = 'strict' | 'warn' | 'ignore';

/** The directive for a --validate value ('' or absent means the default, strict). */
export function validationDirective(value: string | undefined): ValidationDirective {
  const v = (value ?? 'strict').toLowerCase();
  if (v === 'strict' || v === 'true' || v === '') return 'strict';
  if (v === 'warn') return 'warn';
  if (v === 'ignore' || v === 'false') return 'ignore';
  throw new KubectlError(`invalid - validate option "${value}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** The fieldValidation query parameter kubectl sends for a directive. */
export function fieldValidationParam(d: ValidationDirective): string {
  return d === 'strict' ? 'Strict' : d === 'warn' ? 'Warn' : 'Ignore';
}
