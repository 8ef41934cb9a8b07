/**
 * kube-apiserver's endpoint reconciler (lease type, pkg/controlplane/reconcilers): every 10s it puts back the
 * `kubernetes` Endpoints and EndpointSlice when someone deleted or changed them. Event-driven here: a change to
 * either schedules the next 10s tick; an untouched cluster does no work.
 */
import type { KObject } from '../../types';
import type { Controller } from '../../runtime/controller-manager';
import { deepEqual } from '../../util';
import { ENDPOINTS_PATH, SLICES_PATH, apiServerEndpointSlice, apiServerEndpoints } from '../../scenarios/apiserver-endpoints';

const INTERVAL_MS = 10_000;
const KEY = 'default/kubernetes';

export const apiServerEndpointReconciler: Controller = {
  name: 'apiserver-endpoint-reconciler',
  start(ctx) {
    const endpoints = ctx.informer('endpoints');
    const slices = ctx.informer('endpointslices', 'discovery.k8s.io');
    let address: string | undefined;
    let scheduled = false;

    const reconcile = () => {
      scheduled = false;
      if (!address) return;
      const wantEp = apiServerEndpoints(address);
      const ep = endpoints.get(KEY);
      if (!ep) ctx.request({ method: 'POST', path: ENDPOINTS_PATH, body: wantEp });
      else if (!deepEqual(ep.subsets ?? [], wantEp.subsets) || !deepEqual(ep.metadata.labels ?? {}, wantEp.metadata.labels)) {
        ctx.request({ method: 'PUT', path: `${ENDPOINTS_PATH}/kubernetes`, body: { ...ep, subsets: wantEp.subsets, metadata: { ...ep.metadata, labels: wantEp.metadata.labels } } });
      }
      const wantSlice = apiServerEndpointSlice(address);
      const slice = slices.get(KEY);
      if (!slice) ctx.request({ method: 'POST', path: SLICES_PATH, body: wantSlice });
      else if (!['endpoints', 'ports', 'addressType'].every((f) => deepEqual(slice[f] ?? [], wantSlice[f])) || !deepEqual(slice.metadata.labels ?? {}, wantSlice.metadata.labels)) {
        ctx.request({ method: 'PUT', path: `${SLICES_PATH}/kubernetes`, body: { ...slice, ...wantSlice, metadata: { ...slice.metadata, labels: wantSlice.metadata.labels } } });
      }
    };
    const onChange = (type: string, obj: KObject) => {
      if (obj.metadata.namespace !== 'default' || obj.metadata.name !== 'kubernetes') return;
      if (!address && type === 'ADDED') {
        address = obj.kind === 'Endpoints' ? obj.subsets?.[0]?.addresses?.[0]?.ip : obj.endpoints?.[0]?.addresses?.[0];
        return;
      }
      if (scheduled) return;
      scheduled = true;
      const now = ctx.clock.now();
      ctx.clock.schedule(INTERVAL_MS - (now % INTERVAL_MS), reconcile);
    };
    endpoints.on(onChange);
    slices.on(onChange);
  },
};
