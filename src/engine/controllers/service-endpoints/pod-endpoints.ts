/**
 * Pod and Service facts the Endpoints and EndpointSlice controllers share (k8s.io/endpointslice util and utils.go):
 * which pods belong in endpoints, their addresses, target ports, and which pod changes matter.
 */
import type { KObject } from '../../types';
import { isPodReady, isPodTerminal } from '../shared/pods';

/**
 * The Service's selector, or undefined when it selects nothing. An empty `selector: {}` is stored as nil by the
 * real API server (protobuf), so it counts as "no selector" too.
 */
export function serviceSelector(svc: KObject): Record<string, string> | undefined {
  const sel = svc.spec?.selector;
  return sel && typeof sel === 'object' && Object.keys(sel).length ? sel : undefined;
}

/** Services whose endpoints these controllers manage: a selector and not ExternalName. */
export function managesEndpoints(svc: KObject): boolean {
  return svc.spec?.type !== 'ExternalName' && serviceSelector(svc) !== undefined;
}

export function isServiceIPSet(svc: KObject): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== 'None';
}

export function podIPs(pod: KObject): string[] {
  const list: any[] = pod.status?.podIPs ?? [];
  if (list.length) return list.map((p) => p.ip).filter(Boolean);
  return pod.status?.podIP ? [pod.status.podIP] : [];
}

const isIPv6 = (ip: string) => ip.includes(':');

/** The first pod IP of the Service's (first) family; these clusters are IPv4 single-stack. */
export function podAddressFor(svc: KObject, pod: KObject): string | undefined {
  const v6 = (svc.spec?.ipFamilies?.[0] ?? 'IPv4') === 'IPv6';
  return podIPs(pod).find((ip) => isIPv6(ip) === v6);
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and not terminating unless those are included. */
export function shouldPodBeInEndpoints(pod: KObject, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (podIPs(pod).length === 0) return false;
  return includeTerminating || !pod.metadata.deletionTimestamp;
}

/** ShouldSetHostname: the pod names this Service as its subdomain and has a hostname. */
export function shouldSetHostname(pod: KObject, svc: KObject): boolean {
  return !!pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

/**
 * FindPort: a numeric targetPort as is; a named one looked up in the containers' ports (and restartable init
 * containers') with the same protocol. undefined when the pod does not offer it.
 */
export function findPort(pod: KObject, svcPort: any): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(String(target))) return Number(target);
  const protocol = svcPort.protocol ?? 'TCP';
  const search = (containers: any[]) => {
    for (const c of containers) {
      for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort as number;
    }
    return undefined;
  };
  const found = search(pod.spec?.containers ?? []);
  if (found !== undefined) return found;
  return search((pod.spec?.initContainers ?? []).filter((c: any) => c.restartPolicy === 'Always'));
}

export function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => b![k] === a![k]);
}

/**
 * podEndpointsChanged: whether the pod changed in a way that can change its endpoints (deletion, readiness, IPs),
 * and whether it changed in a way that can change which Services select it (labels, hostname, subdomain).
 */
export function podEndpointsChanged(old: KObject, pod: KObject): { podChanged: boolean; labelsChanged: boolean } {
  const labelsChanged =
    !sameLabels(old.metadata.labels, pod.metadata.labels) || old.spec?.hostname !== pod.spec?.hostname || old.spec?.subdomain !== pod.spec?.subdomain;
  const oldIPs = podIPs(old);
  const newIPs = podIPs(pod);
  const podChanged =
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp ||
    isPodReady(old) !== isPodReady(pod) ||
    oldIPs.length !== newIPs.length ||
    oldIPs.some((ip, i) => ip !== newIPs[i]);
  return { podChanged, labelsChanged };
}

/** An ObjectReference to the pod, as endpoints carry it. */
export function podTargetRef(pod: KObject) {
  return { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
}
