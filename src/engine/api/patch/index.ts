/** Apply a PATCH body of any supported content type to the current object. */
import type { KObject } from '../../types';
import { StatusError, badRequest, unsupportedMediaType } from '../errors';
import type { ResourceDef } from '../resources';
import { mergePatch } from './merge-patch';
import { isPlainObject } from '../../util';
import { jsonPatch } from './json-patch';
import { PatchError, strategicMergePatch } from './strategic-merge';
import { schemaForKind } from './patch-meta';
import { jsonKind } from './go-format';

export { isApplyPatch, serverSideApply, type ApplyRequest } from './server-side-apply';

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;

/**
 * JSON, merge and strategic merge patches (apply patches go through serverSideApply). Throws StatusError.
 * `valuesOwned`: a JSON patch's values may be used uncopied (see jsonPatch).
 */
export function applyPatch(contentType: string, current: KObject, patch: unknown, def: ResourceDef, valuesOwned = false): KObject {
  const type = contentType.split(';')[0].trim();
  try {
    switch (type) {
      case 'application/merge-patch+json': {
        if (!isPlainObject(patch)) throw badRequest('the body of the request was not a JSON object');
        return mergePatch(current, patch) as KObject;
      }
      case 'application/strategic-merge-patch+json': {
        if (!isPlainObject(patch)) {
          const k = jsonKind(patch);
          const what = k === 'slice' ? 'array' : k === 'null' ? 'null' : k === 'map' ? 'object' : k;
          throw badRequest(`json: cannot unmarshal ${what} into Go value of type map[string]interface {}`);
        }
        return strategicMergePatch(current, patch, schemaForKind(def.kind)) as KObject;
      }
      case 'application/json-patch+json':
        return jsonPatch(current, patch, valuesOwned) as KObject;
      default:
        throw unsupportedMediaType(contentType);
    }
  } catch (e) {
    if (e instanceof PatchError) throw patchStatus(e);
    throw e;
  }
}

/** How the API server reports a patch it cannot apply. */
function patchStatus(e: PatchError): StatusError {
  if (e.status === 400) return badRequest(e.message);
  if (e.status === 422) {
    // NewGenericServerResponse(422): the detail is dropped for a generic text, with empty details.
    return new StatusError({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: {},
      code: 422,
    });
  }
  // Errors that are not API statuses reach the client as a 500 with no reason and the bare message.
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: e.message, reason: '', code: 500 });
}
