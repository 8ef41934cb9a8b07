/** What one pod contributes to an EndpointSlice (endpointslice utils.go): its endpoint, its ports, and their keys. */
import type { KObject } from '../../types';
import { isPodReady } from '../shared/pods';
import { findPort, podIPs, podTargetRef, shouldSetHostname } from './pod-endpoints';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** podToEndpoint: ready = serving and not terminating (or publishNotReadyAddresses). */
export function podToEndpoint(pod: KObject, node: KObject | undefined, svc: KObject, addressType: string): any {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  const ep: any = {
    addresses: podIPs(pod).filter((ip) => ip.includes(':') === (addressType === 'IPv6')),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
  ep.targetRef = podTargetRef(pod);
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[ZONE_LABEL];
  if (zone) ep.zone = zone;
  return ep;
}

/** getEndpointPorts: each Service port the pod offers, with its resolved number. */
export function endpointPorts(svc: KObject, pod: KObject): any[] {
  const out: any[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: any = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/** NewPortMapKey: the same set of ports in any order gives the same key. */
export function portMapKey(ports: any[] | null | undefined): string {
  return (ports ?? [])
    .map((p) => `${p.name ?? ''}\u0000${p.port ?? ''}\u0000${p.protocol ?? ''}\u0000${p.appProtocol ?? ''}`)
    .sort()
    .join('\u0001');
}

/** The EndpointSet hash: addresses, hostname and the target's namespace/name. */
export function endpointKey(ep: any): string {
  return [[...(ep.addresses ?? [])].sort().join(','), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? ''].join('\u0000');
}

const sameRef = (a: any, b: any) =>
  (a?.kind ?? '') === (b?.kind ?? '') && (a?.namespace ?? '') === (b?.namespace ?? '') && (a?.name ?? '') === (b?.name ?? '') && (a?.uid ?? '') === (b?.uid ?? '');

/** EndpointsEqualBeyondHash: node, zone, conditions and target (its resourceVersion ignored). */
export function endpointsEqualBeyondHash(a: any, b: any): boolean {
  return (
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    a.conditions?.ready === b.conditions?.ready &&
    a.conditions?.serving === b.conditions?.serving &&
    a.conditions?.terminating === b.conditions?.terminating &&
    sameRef(a.targetRef, b.targetRef)
  );
}
