/**
 * The EndpointSlice controller (pkg/controller/endpointslice, events as "endpoint-slice-controller"): keeps the
 * EndpointSlices of every Service with a selector matching its pods, through the reconciler. Slices are owned by
 * their Service (the garbage collector removes them with it). Changes to its slices made by anyone else bring the
 * Service back after at least 1s; failed syncs are retried with back-off from 1s.
 */
import { resourcePath } from '../../api/paths';
import { findResource } from '../../api/resources';
import type { KObject } from '../../types';
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import { withTypeMeta, type EventRecorder } from '../../runtime/events';
import { objectKey } from '../../runtime/informer';
import { isNamespaceTerminating } from './endpoints-controller';
import { managesEndpoints } from './pod-endpoints';
import { ServicePods } from './service-pods';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from './slice-endpoints';
import { CONTROLLER_NAME, reconcileSlices } from './slice-reconciler';
import { LAST_CHANGE_TRIGGER_TIME, TriggerTimeTracker } from './trigger-time';

const slicesDef = findResource('discovery.k8s.io', 'v1', 'endpointslices')!;
export const MAX_ENDPOINTS_PER_SLICE = 100;
const SLICE_CHANGE_MIN_SYNC_DELAY_MS = 1000;
const SYNC_BACKOFF_MS = 1000;
const MAX_SYNC_BACKOFF_MS = 1000 * 1000;
const MAX_RETRIES = 15;

interface State {
  ctx: ControllerContext;
  services: { get(key: string): KObject | undefined };
  nodes: { get(key: string): KObject | undefined };
  index: ServicePods;
  /** Service key -> its slices managed by this controller, by name. */
  slices: Map<string, Map<string, KObject>>;
  triggers: TriggerTimeTracker;
  recorder: EventRecorder;
  /** True while this controller's own writes are delivered back through the informer. */
  writing: boolean;
}

const managed = (s: KObject | undefined) => s?.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME;
const serviceKeyOf = (s: KObject) => {
  const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
  return svc ? `${s.metadata.namespace}/${svc}` : undefined;
};

export const endpointSliceController: Controller = {
  name: 'endpointslice',
  start(ctx) {
    const services = ctx.informer('services');
    const st: State = {
      ctx,
      services,
      nodes: ctx.informer('nodes'),
      index: new ServicePods(),
      slices: new Map(),
      triggers: new TriggerTimeTracker(),
      recorder: ctx.recorder({ component: 'endpoint-slice-controller' }),
      writing: false,
    };
    const failures = new Map<string, number>();
    const queue = ctx.queue((key) => {
      try {
        syncService(st, key);
        failures.delete(key);
      } catch {
        const n = failures.get(key) ?? 0;
        if (n >= MAX_RETRIES) return void failures.delete(key);
        failures.set(key, n + 1);
        queue.addAfter(key, Math.min(SYNC_BACKOFF_MS * 2 ** n, MAX_SYNC_BACKOFF_MS));
      }
    });
    services.on((type, svc) => {
      st.index.updateService(type, svc);
      queue.add(objectKey(svc));
    });
    ctx.informer('pods').on((type, pod, old) => {
      for (const key of st.index.podEvent(type, pod, old)) queue.add(key);
    });
    ctx.informer('endpointslices', 'discovery.k8s.io').on((type, slice, old) => {
      trackSlice(st, type, slice, old);
      if (st.writing) return;
      const requeue = (s: KObject) => {
        const key = serviceKeyOf(s);
        if (key) queue.addAfter(key, SLICE_CHANGE_MIN_SYNC_DELAY_MS);
      };
      if (type === 'MODIFIED' && old && serviceKeyOf(old) !== serviceKeyOf(slice)) {
        requeue(slice);
        requeue(old);
      } else if (managed(slice) || (type === 'MODIFIED' && managed(old))) requeue(slice);
    });
  },
};

function trackSlice(st: State, type: string, slice: KObject, old: KObject | undefined): void {
  const name = slice.metadata.name!;
  const oldKey = old && managed(old) ? serviceKeyOf(old) : undefined;
  if (oldKey) st.slices.get(oldKey)?.delete(name);
  const key = type !== 'DELETED' && managed(slice) ? serviceKeyOf(slice) : undefined;
  if (!key) return;
  let set = st.slices.get(key);
  if (!set) st.slices.set(key, (set = new Map()));
  set.set(name, slice);
}

/** Go's aggregate error text: the message alone, or `[a, b]`. */
const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);

/** Empty lists are stored as null by the real API server (protobuf), so a placeholder reads back that way. */
function forWrite(slice: KObject, triggerTime: string | undefined): KObject {
  const out = withTypeMeta(slice, { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' });
  const annotations: Record<string, string> = { ...(out.metadata.annotations ?? {}) };
  if (triggerTime) annotations[LAST_CHANGE_TRIGGER_TIME] = triggerTime;
  else delete annotations[LAST_CHANGE_TRIGGER_TIME];
  out.metadata = { ...out.metadata, annotations };
  if (!Object.keys(annotations).length) delete out.metadata.annotations;
  if (!out.endpoints?.length) out.endpoints = null;
  if (!out.ports?.length) out.ports = null;
  return out;
}

function syncService(st: State, key: string): void {
  const { ctx } = st;
  const svc = st.services.get(key);
  if (!svc) {
    st.triggers.delete(key);
    return;
  }
  if (!managesEndpoints(svc)) return;
  const ns = svc.metadata.namespace!;
  const pods = st.index.podsOf(key);
  const existing = [...(st.slices.get(key)?.values() ?? [])].filter((s) => !s.metadata.deletionTimestamp);
  const triggerTime = st.triggers.compute(key, svc, pods);
  const plan = reconcileSlices({ svc, pods, existing, maxEndpointsPerSlice: MAX_ENDPOINTS_PER_SLICE, node: (n) => st.nodes.get(n) });
  const errors = [...plan.errors];
  st.writing = true;
  try {
    const write = (): string | undefined => {
      if (!svc.metadata.deletionTimestamp) {
        for (const slice of plan.creates) {
          const res = ctx.request({ method: 'POST', path: resourcePath(slicesDef, ns), body: forWrite(slice, triggerTime) });
          if (res.status < 300) continue;
          if (isNamespaceTerminating(res)) return undefined;
          return `failed to create EndpointSlice for Service ${key}: ${res.body?.message}`;
        }
      }
      for (const slice of plan.updates) {
        const res = ctx.request({ method: 'PUT', path: resourcePath(slicesDef, ns, slice.metadata.name), body: forWrite(slice, triggerTime) });
        if (res.status >= 300) return `failed to update ${slice.metadata.name} EndpointSlice for Service ${key}: ${res.body?.message}`;
      }
      for (const slice of plan.deletes) {
        const res = ctx.request({ method: 'DELETE', path: resourcePath(slicesDef, ns, slice.metadata.name) });
        if (res.status >= 300 && res.status !== 404) return `failed to delete ${slice.metadata.name} EndpointSlice for Service ${key}: ${res.body?.message}`;
      }
      return undefined;
    };
    const failed = write();
    if (failed) errors.push(failed);
  } finally {
    st.writing = false;
  }
  if (!errors.length) return;
  const message = `Error updating Endpoint Slices for Service ${key}: ${aggregate(errors)}`;
  st.recorder.event(withTypeMeta(svc, { group: '', version: 'v1', kind: 'Service' }), 'Warning', 'FailedToUpdateEndpointSlices', message);
  throw new Error(message);
}
