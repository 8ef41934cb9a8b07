/**
 * The EndpointSlice reconciler (k8s.io/endpointslice reconciler.go): compares the endpoints the selected pods should
 * have with the Service's existing slices and plans the creates, updates and deletes, changing as few slices as it
 * can: endpoints stay in the slice they are in, changed slices are filled up first, the remainder goes into the
 * unchanged slice closest to full or into new slices of at most maxEndpointsPerSlice; a Service without endpoints
 * keeps one empty placeholder slice.
 */
import type { KObject } from '../../types';
import { clone, deepEqual } from '../../util';
import { isServiceIPSet, shouldPodBeInEndpoints } from './pod-endpoints';
import {
  HEADLESS_LABEL,
  MANAGED_BY_LABEL,
  SERVICE_NAME_LABEL,
  endpointKey,
  endpointPorts,
  endpointsEqualBeyondHash,
  podToEndpoint,
  portMapKey,
} from './slice-endpoints';

export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

export interface SlicePlan {
  creates: KObject[];
  updates: KObject[];
  deletes: KObject[];
  /** Pods skipped this time (their node is unknown): the Service is synced again later. */
  errors: string[];
}

export interface ReconcileInput {
  svc: KObject;
  pods: KObject[];
  existing: KObject[];
  maxEndpointsPerSlice: number;
  node(name: string): KObject | undefined;
}

const isReserved = (k: string) => k === SERVICE_NAME_LABEL || k === MANAGED_BY_LABEL || k === HEADLESS_LABEL;

/** setEndpointSliceLabels: the Service's labels plus the reserved ones; `changed` when the Service's part differs. */
function sliceLabels(slice: KObject | undefined, svc: KObject): { labels: Record<string, string>; changed: boolean } {
  const mine: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice?.metadata.labels ?? {})) if (!isReserved(k)) mine[k] = v as string;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (!isReserved(k)) labels[k] = v as string;
  const changed = !deepEqual(mine, labels);
  if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = svc.metadata.name!;
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  return { labels, changed };
}

export function serviceOwnerRef(svc: KObject) {
  return { apiVersion: 'v1', kind: 'Service', name: svc.metadata.name!, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

function ownedBy(slice: KObject, svc: KObject): boolean {
  return (slice.metadata.ownerReferences ?? []).some((o: any) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** getEndpointSlicePrefix: `<service>-`. */
function newSlice(svc: KObject, ports: any[], addressType: string): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${svc.metadata.name}-`,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(undefined, svc).labels,
      ownerReferences: [serviceOwnerRef(svc)],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

function isPlaceholder(slice: KObject, svc: KObject, addressType: string): boolean {
  return (
    slice.metadata.namespace === svc.metadata.namespace &&
    slice.addressType === addressType &&
    !(slice.endpoints ?? []).length &&
    !(slice.ports ?? []).length &&
    deepEqual(slice.metadata.labels ?? {}, sliceLabels(undefined, svc).labels) &&
    deepEqual(slice.metadata.ownerReferences ?? [], [serviceOwnerRef(svc)])
  );
}

/** The address types a Service's slices carry: its IP families (IPv4 in these clusters). */
function addressTypes(svc: KObject): string[] {
  const families: string[] = svc.spec?.ipFamilies ?? [];
  const types = families.filter((f) => f === 'IPv4' || f === 'IPv6');
  return types.length ? types : ['IPv4'];
}

export function reconcileSlices(input: ReconcileInput): SlicePlan {
  const { svc } = input;
  const plan: SlicePlan = { creates: [], updates: [], deletes: [], errors: [] };
  const supported = addressTypes(svc);
  const byType = new Map<string, KObject[]>();
  for (const slice of input.existing) {
    if (!supported.includes(slice.addressType)) plan.deletes.push(slice);
    else byType.set(slice.addressType, [...(byType.get(slice.addressType) ?? []), slice]);
  }
  for (const type of supported) reconcileByAddressType(input, byType.get(type) ?? [], type, plan);
  return plan;
}

function reconcileByAddressType(input: ReconcileInput, existing: KObject[], addressType: string, plan: SlicePlan): void {
  const { svc } = input;
  const creates: KObject[] = [];
  const updates: KObject[] = [];
  const deletes: KObject[] = [];
  const existingByPortMap = new Map<string, KObject[]>();
  for (const slice of existing) {
    if (!ownedBy(slice, svc)) {
      deletes.push(slice);
      continue;
    }
    const key = portMapKey(slice.ports);
    existingByPortMap.set(key, [...(existingByPortMap.get(key) ?? []), slice]);
  }
  const desiredPorts = new Map<string, any[]>();
  const desired = new Map<string, Map<string, any>>();
  for (const pod of input.pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(svc, pod);
    const key = portMapKey(ports);
    if (!desired.has(key)) {
      desired.set(key, new Map());
      desiredPorts.set(key, ports);
    }
    const node = input.node(pod.spec?.nodeName ?? '');
    if (!node && !svc.spec?.publishNotReadyAddresses) {
      const nodeName: string = pod.spec?.nodeName ?? '';
      plan.errors.push(`skipping Pod ${pod.metadata.name} for Service ${svc.metadata.namespace}/${svc.metadata.name}: Node ${nodeName} Not Found`);
      continue;
    }
    const ep = podToEndpoint(pod, node, svc, addressType);
    if (ep.addresses.length) desired.get(key)!.set(endpointKey(ep), ep);
  }
  for (const [key, set] of desired) {
    const r = reconcileByPortMapping(input, existingByPortMap.get(key) ?? [], set, desiredPorts.get(key)!, addressType);
    creates.push(...r.creates);
    updates.push(...r.updates);
    deletes.push(...r.deletes);
  }
  for (const [key, slices] of existingByPortMap) if (!desired.has(key)) deletes.push(...slices);
  // A Service without endpoints keeps one empty placeholder slice.
  if (existing.length === deletes.length && creates.length < 1) {
    if (deletes.length === 1 && isPlaceholder(deletes[0], svc, addressType)) deletes.length = 0;
    else creates.push(newSlice(svc, [], addressType));
  }
  // finalize: rather than create one slice and delete another, reuse the one to delete.
  for (let i = 0; i < deletes.length && creates.length > 0; ) {
    const toDelete = deletes[i];
    const slice = creates[creates.length - 1];
    if (toDelete.addressType === slice.addressType && ownedBy(toDelete, svc)) {
      const reused = clone(toDelete);
      reused.metadata.labels = slice.metadata.labels;
      reused.metadata.ownerReferences = slice.metadata.ownerReferences;
      reused.endpoints = slice.endpoints;
      reused.ports = slice.ports;
      creates.pop();
      updates.push(reused);
      deletes.splice(i, 1);
    } else i++;
  }
  plan.creates.push(...creates);
  plan.updates.push(...updates);
  plan.deletes.push(...deletes);
}

function reconcileByPortMapping(
  input: ReconcileInput,
  existing: KObject[],
  desired: Map<string, any>,
  ports: any[],
  addressType: string,
): { creates: KObject[]; updates: KObject[]; deletes: KObject[] } {
  const { svc, maxEndpointsPerSlice: max } = input;
  const byName = new Map<string, KObject>();
  const unchanged = new Set<string>();
  const toUpdate = new Set<string>();
  const toDelete = new Set<string>();
  // 1. Keep the endpoints still desired where they are, updated; drop the others.
  for (const slice of existing) {
    const name = slice.metadata.name!;
    byName.set(name, slice);
    const kept: any[] = [];
    let updated = false;
    for (const ep of slice.endpoints ?? []) {
      const key = endpointKey(ep);
      const want = desired.get(key);
      if (!want) continue;
      kept.push(want);
      if (!endpointsEqualBeyondHash(want, ep)) updated = true;
      desired.delete(key);
    }
    const { labels, changed } = sliceLabels(slice, svc);
    if (updated || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.add(name);
      else {
        const copy = clone(slice);
        copy.endpoints = kept;
        copy.metadata.labels = labels;
        byName.set(name, copy);
        toUpdate.add(name);
      }
    } else if (changed) {
      const copy = clone(slice);
      copy.metadata.labels = labels;
      byName.set(name, copy);
      toUpdate.add(name);
    } else unchanged.add(name);
  }
  const pending = [...desired.values()];
  // 2. Fill the slices being updated anyway, fullest first.
  if (pending.length && toUpdate.size) {
    const slices = [...toUpdate].map((n) => byName.get(n)!).sort((a, b) => (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0));
    for (const slice of slices) while (pending.length && slice.endpoints.length < max) slice.endpoints.push(pending.shift());
  }
  // 3. The rest into the unchanged slice it fits best, else into new slices.
  const creates: KObject[] = [];
  while (pending.length) {
    let fill: KObject | undefined;
    if (pending.length < max && unchanged.size) {
      let closest = max;
      for (const name of unchanged) {
        const slice = byName.get(name)!;
        const diff = max - (pending.length + (slice.endpoints?.length ?? 0));
        if (diff >= 0 && diff < closest) {
          closest = diff;
          fill = slice;
          if (diff === 0) break;
        }
      }
    }
    if (fill) {
      fill = clone(fill);
      fill.endpoints = fill.endpoints ?? [];
      byName.set(fill.metadata.name!, fill);
    } else fill = newSlice(svc, ports, addressType);
    while (pending.length && fill.endpoints.length < max) fill.endpoints.push(pending.shift());
    if (fill.metadata.name) {
      toUpdate.add(fill.metadata.name);
      unchanged.delete(fill.metadata.name);
    } else creates.push(fill);
  }
  return {
    creates,
    updates: [...toUpdate].map((n) => byName.get(n)!),
    deletes: [...toDelete].map((n) => byName.get(n)!),
  };
}
