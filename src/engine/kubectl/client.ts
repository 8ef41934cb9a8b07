/** The REST client kubectl commands use: typed calls on top of the API server's request handler. */
import type { ApiRequest, ApiResponse, KObject } from '../types';
import { ApiError } from './errors';
import type { ResourceDef } from '../api/resources';
import { resourcePath } from '../api/paths';

export type Requester = (req: ApiRequest) => ApiResponse;

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export class Client {
  constructor(private readonly requester: Requester) {}

  raw(req: ApiRequest): any {
    const res = this.requester(req);
    if (res.status >= 400) throw new ApiError(res.body, res.status);
    return res.body;
  }

  /** The response, errors included (for callers that handle 404 themselves). */
  send(req: ApiRequest): ApiResponse {
    return this.requester(req);
  }

  get(def: ResourceDef, namespace: string | undefined, name: string): KObject {
    return this.raw({ method: 'GET', path: resourcePath(def, namespace, name) });
  }

  /** GET that answers undefined on 404. */
  tryGet(def: ResourceDef, namespace: string | undefined, name: string): KObject | undefined {
    const res = this.requester({ method: 'GET', path: resourcePath(def, namespace, name) });
    if (res.status === 404) return undefined;
    if (res.status >= 400) throw new ApiError(res.body, res.status);
    return res.body;
  }

  list(def: ResourceDef, namespace: string | undefined, query: Record<string, string | undefined> = {}): any {
    return this.raw({ method: 'GET', path: resourcePath(def, namespace), query });
  }

  table(def: ResourceDef, namespace: string | undefined, name: string | undefined, query: Record<string, string | undefined> = {}): any {
    return this.raw({ method: 'GET', path: resourcePath(def, namespace, name), query, accept: TABLE_ACCEPT });
  }

  create(def: ResourceDef, namespace: string | undefined, obj: unknown, query: Record<string, string | undefined> = {}): KObject {
    return this.raw({ method: 'POST', path: resourcePath(def, namespace), body: obj, contentType: 'application/json', query });
  }

  replace(def: ResourceDef, namespace: string | undefined, name: string, obj: unknown, query: Record<string, string | undefined> = {}): KObject {
    return this.raw({ method: 'PUT', path: resourcePath(def, namespace, name), body: obj, contentType: 'application/json', query });
  }

  patch(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    contentType: string,
    body: unknown,
    query: Record<string, string | undefined> = {},
    subresource?: string,
  ): KObject {
    return this.raw({ method: 'PATCH', path: resourcePath(def, namespace, name, subresource), body, contentType, query });
  }

  delete(def: ResourceDef, namespace: string | undefined, name: string, options: Record<string, unknown> = {}, query: Record<string, string | undefined> = {}): any {
    return this.raw({
      method: 'DELETE',
      path: resourcePath(def, namespace, name),
      body: { kind: 'DeleteOptions', apiVersion: 'v1', ...options },
      query,
    });
  }
}
