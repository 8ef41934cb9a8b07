/** Turn a request body into an object of the endpoint's kind, or a 400 as the real decoder gives. */
import type { KObject } from '../types';
import { clone, isPlainObject } from '../util';
import { badRequest } from './errors';
import { apiVersionOf, type ResourceDef } from './resources';

export function decodeObject(def: ResourceDef, body: unknown): KObject {
  if (!isPlainObject(body)) {
    throw badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: the body of the request was not a JSON object`);
  }
  const obj = clone(body) as KObject;
  const want = apiVersionOf(def);
  if (obj.apiVersion === undefined) obj.apiVersion = want;
  if (obj.kind === undefined) obj.kind = def.kind;
  if (obj.apiVersion !== want) {
    throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${want})`);
  }
  if (obj.kind !== def.kind) {
    throw badRequest(`${obj.kind} in version "${def.version}" cannot be handled as a ${def.kind}: the kind in the data does not match the endpoint`);
  }
  if (obj.metadata === undefined) obj.metadata = {};
  if (!isPlainObject(obj.metadata)) {
    throw badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: json: cannot unmarshal ${typeof obj.metadata === 'string' ? 'string' : 'array'} into Go struct field ${def.kind}.metadata of type v1.ObjectMeta`);
  }
  return obj;
}
