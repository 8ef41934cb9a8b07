/**
 * The Endpoints and EndpointSlice of the `kubernetes` Service, which kube-apiserver itself writes (the endpoint
 * reconciler in pkg/controlplane/reconcilers): the API server's advertise address on its secure port. The Service has
 * no selector, so the endpoint controllers leave them alone, and the label `skip-mirror` keeps the mirroring
 * controller off the Endpoints.
 */
import type { ApiRequest, ApiResponse, KObject } from '../types';

const PORTS = [{ name: 'https', port: 6443, protocol: 'TCP' }];
export const ENDPOINTS_PATH = '/api/v1/namespaces/default/endpoints';
export const SLICES_PATH = '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices';

export function apiServerEndpoints(advertiseAddress: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: advertiseAddress }], ports: PORTS }],
  };
}

export function apiServerEndpointSlice(advertiseAddress: string): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [advertiseAddress], conditions: { ready: true } }],
    ports: PORTS,
  };
}

export function bootstrapApiServerEndpoints(request: (req: ApiRequest) => ApiResponse, advertiseAddress: string): void {
  for (const [path, body] of [
    [ENDPOINTS_PATH, apiServerEndpoints(advertiseAddress)],
    [SLICES_PATH, apiServerEndpointSlice(advertiseAddress)],
  ] as const) {
    const res = request({ method: 'POST', path, body });
    if (res.status >= 300) throw new Error(`bootstrap: ${body.kind} kubernetes: ${res.body?.message ?? res.status}`);
  }
}
