/** apps/v1 ControllerRevision: ValidateControllerRevision and its update rule (data is immutable). */
import type { KindStrategy } from '../context';
import type { FieldError } from '../field-errors';
import { invalidValue, required } from '../field-errors';
import { immutableField } from '../validation/common';
import { validateObjectMeta } from '../validation/meta';
import { registerStrategy } from './index';

const controllerRevisionStrategy: KindStrategy = {
  prepareForCreate: (cr) => void delete cr.metadata.generation,
  validate(cr) {
    const errs: FieldError[] = validateObjectMeta(cr.metadata, { namespaced: true, nameRule: 'subdomain' });
    if (cr.data == null) errs.push(required('data'));
    const revision = Number(cr.revision ?? 0);
    if (revision < 0) errs.push(invalidValue('revision', revision, 'must be greater than or equal to 0'));
    return errs;
  },
  validateUpdate: (cr, old) => immutableField(cr.data, old.data, 'data'),
  bumpsGeneration: () => false,
};

registerStrategy('ControllerRevision', controllerRevisionStrategy);
