/** Apply a PATCH body of any supported content type to the current object. */
import type { KObject } from '../../types';
import { badRequest, unsupportedMediaType } from '../errors';
import type { ResourceDef } from '../resources';
import { mergePatch } from './merge-patch';
import { isPlainObject } from '../../util';

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;

export function applyPatch(contentType: string, current: KObject, patch: unknown, _def: ResourceDef): KObject {
  const type = contentType.split(';')[0].trim();
  switch (type) {
    case 'application/merge-patch+json':
    case 'application/strategic-merge-patch+json': {
      if (!isPlainObject(patch)) throw badRequest('the body of the request was not a JSON object');
      return mergePatch(current, patch) as KObject;
    }
    default:
      throw unsupportedMediaType(contentType);
  }
}
