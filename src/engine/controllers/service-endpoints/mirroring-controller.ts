/**
 * The EndpointSliceMirroring controller (pkg/controller/endpointslicemirroring): Endpoints written by hand for a
 * Service without a selector are mirrored into EndpointSlices managed by `endpointslicemirroring-controller.k8s.io`,
 * one group per distinct port set, at most 1000 addresses per subset, owned by the Service. Endpoints labelled
 * `endpointslice.kubernetes.io/skip-mirror: "true"` (the API server's own) and Services with a selector are skipped.
 */
import { resourcePath } from '../../api/paths';
import { findResource } from '../../api/resources';
import type { KObject } from '../../types';
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import { withTypeMeta } from '../../runtime/events';
import { objectKey } from '../../runtime/informer';
import { deepEqual } from '../../util';
import { isNamespaceTerminating } from './endpoints-controller';
import { serviceSelector } from './pod-endpoints';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL, portMapKey } from './slice-endpoints';
import { serviceOwnerRef } from './slice-reconciler';

const slicesDef = findResource('discovery.k8s.io', 'v1', 'endpointslices')!;
export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
const SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ENDPOINTS_PER_SUBSET = 1000;
const RETRY_MS = 1000;

interface State {
  ctx: ControllerContext;
  services: { get(key: string): KObject | undefined };
  endpoints: { get(key: string): KObject | undefined };
  /** Endpoints key -> mirrored slices by name. */
  slices: Map<string, Map<string, KObject>>;
  writing: boolean;
}

interface Group {
  ports: any[];
  addressType: string;
  endpoints: any[];
}

const mirrored = (s: KObject | undefined) => s?.metadata.labels?.[MANAGED_BY_LABEL] === MIRRORING_CONTROLLER_NAME;

export const endpointSliceMirroringController: Controller = {
  name: 'endpointslicemirroring',
  start(ctx) {
    const st: State = { ctx, services: ctx.informer('services'), endpoints: ctx.informer('endpoints'), slices: new Map(), writing: false };
    const queue = ctx.queue((key) => {
      try {
        sync(st, key);
      } catch {
        queue.addAfter(key, RETRY_MS);
      }
    });
    ctx.informer('endpoints').on((_type, ep) => queue.add(objectKey(ep)));
    ctx.informer('services').on((type, svc, old) => {
      const hadSelector = old ? serviceSelector(old) !== undefined : undefined;
      if (type === 'MODIFIED' && hadSelector === (serviceSelector(svc) !== undefined)) return;
      queue.add(objectKey(svc));
    });
    ctx.informer('endpointslices', 'discovery.k8s.io').on((type, slice, old) => {
      for (const s of [old, slice]) {
        if (!mirrored(s)) continue;
        const key = `${s!.metadata.namespace}/${s!.metadata.labels![SERVICE_NAME_LABEL]}`;
        if (s === old || type === 'DELETED') st.slices.get(key)?.delete(s!.metadata.name!);
        else {
          let set = st.slices.get(key);
          if (!set) st.slices.set(key, (set = new Map()));
          set.set(s!.metadata.name!, s!);
        }
        if (!st.writing && s === slice) queue.addAfter(key, RETRY_MS);
      }
    });
  },
};

function shouldMirror(ep: KObject | undefined, svc: KObject | undefined): boolean {
  if (!ep || !svc || serviceSelector(svc) !== undefined) return false;
  return ep.metadata.labels?.[SKIP_MIRROR] !== 'true' && !ep.metadata.annotations?.[LEADER_ANNOTATION];
}

function desiredGroups(ep: KObject): Group[] {
  const groups = new Map<string, Group>();
  for (const ss of ep.subsets ?? []) {
    const ports = (ss.ports ?? []).map((p: any) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
    let added = 0;
    const add = (a: any, ready: boolean) => {
      if (added >= MAX_ENDPOINTS_PER_SUBSET) return;
      const addressType = String(a.ip).includes(':') ? 'IPv6' : 'IPv4';
      const key = `${addressType}\u0000${portMapKey(ports)}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { ports, addressType, endpoints: [] }));
      const e: any = { addresses: [a.ip], conditions: { ready } };
      if (a.hostname) e.hostname = a.hostname;
      if (a.targetRef) e.targetRef = a.targetRef;
      if (a.nodeName) e.nodeName = a.nodeName;
      g.endpoints.push(e);
      added++;
    };
    for (const a of ss.addresses ?? []) add(a, true);
    for (const a of ss.notReadyAddresses ?? []) add(a, false);
  }
  return [...groups.values()];
}

function sliceMeta(ep: KObject, svc: KObject) {
  const labels: Record<string, string> = { ...(ep.metadata.labels ?? {}), [SERVICE_NAME_LABEL]: ep.metadata.name!, [MANAGED_BY_LABEL]: MIRRORING_CONTROLLER_NAME };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(ep.metadata.annotations ?? {})) if (k !== LAST_APPLIED) annotations[k] = v as string;
  return { labels, annotations, ownerReferences: [serviceOwnerRef(svc)] };
}

function sync(st: State, key: string): void {
  const { ctx } = st;
  const [ns, name] = key.split('/');
  const ep = st.endpoints.get(key);
  const svc = st.services.get(key);
  const existing = [...(st.slices.get(key)?.values() ?? [])];
  const creates: KObject[] = [];
  const updates: KObject[] = [];
  const deletes: KObject[] = [];
  if (!shouldMirror(ep, svc)) deletes.push(...existing);
  else {
    const meta = sliceMeta(ep!, svc!);
    const byPorts = new Map<string, KObject[]>();
    for (const s of existing) {
      const k = `${s.addressType}\u0000${portMapKey(s.ports)}`;
      byPorts.set(k, [...(byPorts.get(k) ?? []), s]);
    }
    for (const g of desiredGroups(ep!)) {
      const k = `${g.addressType}\u0000${portMapKey(g.ports)}`;
      const [current, ...extra] = byPorts.get(k) ?? [];
      byPorts.delete(k);
      deletes.push(...extra);
      const body = { ports: g.ports.length ? g.ports : null, endpoints: g.endpoints };
      if (!current) {
        creates.push({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { generateName: `${name}-`, namespace: ns, ...meta }, addressType: g.addressType, ...body });
        continue;
      }
      const same =
        deepEqual(current.endpoints ?? [], g.endpoints) &&
        deepEqual(current.metadata.labels ?? {}, meta.labels) &&
        deepEqual(current.metadata.annotations ?? {}, meta.annotations) &&
        deepEqual(current.metadata.ownerReferences ?? [], meta.ownerReferences);
      if (!same) updates.push({ ...withTypeMeta(current, { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' }), metadata: { ...current.metadata, ...meta }, ...body });
    }
    for (const rest of byPorts.values()) deletes.push(...rest);
  }
  st.writing = true;
  try {
    for (const s of creates) {
      if (!Object.keys(s.metadata.annotations ?? {}).length) delete s.metadata.annotations;
      const res = ctx.request({ method: 'POST', path: resourcePath(slicesDef, ns), body: s });
      if (res.status >= 300 && !isNamespaceTerminating(res)) throw new Error(res.body?.message);
    }
    for (const s of updates) {
      if (!Object.keys(s.metadata.annotations ?? {}).length) delete s.metadata.annotations;
      const res = ctx.request({ method: 'PUT', path: resourcePath(slicesDef, ns, s.metadata.name), body: s });
      if (res.status >= 300) throw new Error(res.body?.message);
    }
    for (const s of deletes) {
      const res = ctx.request({ method: 'DELETE', path: resourcePath(slicesDef, ns, s.metadata.name) });
      if (res.status >= 300 && res.status !== 404) throw new Error(res.body?.message);
    }
  } finally {
    st.writing = false;
  }
}
