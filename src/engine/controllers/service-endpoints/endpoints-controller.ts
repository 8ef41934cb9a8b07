/**
 * The Endpoints controller (pkg/controller/endpoint, "endpoint-controller"): for each Service with a selector, an
 * Endpoints object of the same name listing the selected pods' IPs, ready ones under `addresses` and the others under
 * `notReadyAddresses`, per resolved target port. Services without a selector are left alone (their Endpoints are
 * written by hand); the Endpoints of a deleted Service are deleted.
 */
import { resourcePath } from '../../api/paths';
import { findResource } from '../../api/resources';
import type { KObject } from '../../types';
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import { withTypeMeta, type EventRecorder } from '../../runtime/events';
import { objectKey } from '../../runtime/informer';
import { clone, deepEqual } from '../../util';
import { isPodReady } from '../shared/pods';
import { findPort, isServiceIPSet, managesEndpoints, podAddressFor, podTargetRef, shouldPodBeInEndpoints, shouldSetHostname } from './pod-endpoints';
import { repackSubsets, type AddressEntry } from './repack-subsets';
import { ServicePods } from './service-pods';
import { LAST_CHANGE_TRIGGER_TIME, TriggerTimeTracker } from './trigger-time';

const endpointsDef = findResource('', 'v1', 'endpoints')!;
const MAX_CAPACITY = 1000;
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
const HEADLESS_LABEL = 'service.kubernetes.io/headless';

interface State {
  ctx: ControllerContext;
  services: { get(key: string): KObject | undefined };
  endpoints: { get(key: string): KObject | undefined };
  index: ServicePods;
  triggers: TriggerTimeTracker;
  recorder: EventRecorder;
}

export const endpointsController: Controller = {
  name: 'endpoint',
  start(ctx) {
    const services = ctx.informer('services');
    const endpoints = ctx.informer('endpoints');
    const st: State = {
      ctx,
      services,
      endpoints,
      index: new ServicePods(),
      triggers: new TriggerTimeTracker(),
      recorder: ctx.recorder({ component: 'endpoint-controller' }),
    };
    const queue = ctx.queue((key) => {
      syncService(st, key);
      queue.forget(key);
    });
    services.on((type, svc) => {
      st.index.updateService(type, svc);
      queue.add(objectKey(svc));
    });
    ctx.informer('pods').on((type, pod, old) => {
      for (const key of st.index.podEvent(type, pod, old)) queue.add(key);
    });
    endpoints.on((type, ep) => {
      if (type === 'DELETED') queue.add(objectKey(ep));
    });
  },
};

function desiredSubsets(svc: KObject, pods: KObject[]): any[] {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  const ports: any[] = svc.spec?.ports ?? [];
  const entries: AddressEntry[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ip = podAddressFor(svc, pod);
    if (!ip) continue;
    const address: any = { ip };
    if (shouldSetHostname(pod, svc)) address.hostname = pod.spec.hostname;
    address.nodeName = pod.spec?.nodeName ?? '';
    address.targetRef = podTargetRef(pod);
    const ready = publishNotReady || isPodReady(pod);
    if (ports.length === 0) {
      if (svc.spec?.clusterIP === 'None') entries.push({ address, ready, port: undefined });
      continue;
    }
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const epp: any = { ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) epp.appProtocol = sp.appProtocol;
      entries.push({ address, ready, port: epp });
    }
  }
  return repackSubsets(entries);
}

function countAddresses(subsets: any[]): { ready: number; notReady: number } {
  let ready = 0;
  let notReady = 0;
  for (const ss of subsets) {
    ready += ss.addresses?.length ?? 0;
    notReady += ss.notReadyAddresses?.length ?? 0;
  }
  return { ready, notReady };
}

/** truncateEndpoints: keep at most 1000 addresses, ready ones first, spread over the subsets in proportion. */
function truncate(subsets: any[]): boolean {
  const { ready, notReady } = countAddresses(subsets);
  if (ready + notReady <= MAX_CAPACITY) return false;
  const truncateReady = ready > MAX_CAPACITY;
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - ready;
  const total = truncateReady ? ready : notReady;
  let canBeAdded = max;
  for (const ss of subsets) {
    const field = truncateReady ? 'addresses' : 'notReadyAddresses';
    const n = ss[field]?.length ?? 0;
    const toAdd = Math.min(Math.ceil((n / total) * max), canBeAdded);
    if (n > toAdd) ss[field] = ss[field].slice(0, toAdd);
    if (truncateReady) delete ss.notReadyAddresses;
    canBeAdded -= ss[field]?.length ?? 0;
    if (!ss[field]?.length) delete ss[field];
  }
  return true;
}

function labelsWithout(labels: Record<string, string> | undefined, key: string): Record<string, string> {
  const out = { ...(labels ?? {}) };
  delete out[key];
  return out;
}

export function isNamespaceTerminating(res: { status: number; body?: any }): boolean {
  return res.status === 403 && /because it is being terminated$/.test(res.body?.message ?? '');
}

function syncService(st: State, key: string): void {
  const { ctx } = st;
  const [ns, name] = key.split('/');
  const path = resourcePath(endpointsDef, ns, name);
  const svc = st.services.get(key);
  if (!svc) {
    const res = ctx.request({ method: 'DELETE', path });
    if (res.status >= 300 && res.status !== 404) throw new Error(res.body?.message);
    st.triggers.delete(key);
    return;
  }
  if (!managesEndpoints(svc)) return;
  const pods = st.index.podsOf(key);
  const triggerTime = st.triggers.compute(key, svc, pods);
  const subsets = desiredSubsets(svc, pods);
  const current = st.endpoints.get(key);
  const svcLabels = svc.metadata.labels ?? {};
  if (
    current &&
    deepEqual(current.subsets ?? [], subsets) &&
    deepEqual(labelsWithout(current.metadata.labels, HEADLESS_LABEL), svcLabels) &&
    countAddresses(current.subsets ?? []).ready + countAddresses(current.subsets ?? []).notReady <= MAX_CAPACITY &&
    !current.metadata.annotations?.[OVER_CAPACITY]
  ) {
    return;
  }
  const next: KObject = current
    ? clone(current)
    : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns } };
  const labels: Record<string, string> = { ...svcLabels };
  if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
  next.metadata.labels = labels;
  if (!Object.keys(labels).length) delete next.metadata.labels;
  const annotations: Record<string, string> = { ...(next.metadata.annotations ?? {}) };
  if (triggerTime) annotations[LAST_CHANGE_TRIGGER_TIME] = triggerTime;
  else delete annotations[LAST_CHANGE_TRIGGER_TIME];
  if (truncate(subsets)) annotations[OVER_CAPACITY] = 'truncated';
  else delete annotations[OVER_CAPACITY];
  next.metadata.annotations = annotations;
  if (!Object.keys(annotations).length) delete next.metadata.annotations;
  if (subsets.length) next.subsets = subsets;
  else delete next.subsets;

  const res = current ? ctx.request({ method: 'PUT', path, body: next }) : ctx.request({ method: 'POST', path: resourcePath(endpointsDef, ns), body: next });
  if (res.status < 300) return;
  // A terminating namespace refuses new objects: drop the key, as upstream does.
  if (!current && isNamespaceTerminating(res)) return;
  const ref = withTypeMeta(next, { group: '', version: 'v1', kind: 'Endpoints' });
  if (current) st.recorder.event(ref, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${ns}/${name}: ${res.body?.message}`);
  else st.recorder.event(ref, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${ns}/${name}: ${res.body?.message}`);
  throw new Error(res.body?.message);
}
