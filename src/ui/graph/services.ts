/**
 * Which pods a Service sends traffic to: the ready endpoints of its EndpointSlices (or its Endpoints object).
 * Until an endpoints controller publishes them, the pods its selector matches that are Ready and not
 * terminating, which is what the EndpointSlice controller would publish.
 */
import type { KObject } from '../../engine/types';
import { nameOf } from './pod-groups';

export interface EndpointSources {
  endpointSlices: Record<string, KObject> | undefined;
  endpoints: Record<string, KObject> | undefined;
  pods: Record<string, KObject> | undefined;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Names of the pods behind a Service's ready endpoints, in its namespace. */
export function readyEndpointPods(service: KObject, src: EndpointSources): string[] {
  const ns = service.metadata.namespace ?? '';
  const name = nameOf(service);
  const slices = Object.values(src.endpointSlices ?? {}).filter(
    (s) => s.metadata.namespace === ns && s.metadata.labels?.[SERVICE_NAME_LABEL] === name,
  );
  if (slices.length > 0) {
    const out: string[] = [];
    for (const slice of slices) {
      for (const ep of (slice as any).endpoints ?? []) {
        // A nil ready condition means ready (discovery/v1 EndpointConditions).
        if (ep.conditions?.ready === false) continue;
        if (ep.targetRef?.kind === 'Pod' && ep.targetRef.name) out.push(ep.targetRef.name);
      }
    }
    return out;
  }
  const endpoints = src.endpoints?.[`${ns}/${name}`];
  if (endpoints) {
    const out: string[] = [];
    for (const subset of (endpoints as any).subsets ?? []) {
      for (const a of subset.addresses ?? []) if (a.targetRef?.kind === 'Pod' && a.targetRef.name) out.push(a.targetRef.name);
    }
    return out;
  }
  return selectedReadyPods(service, src.pods);
}

function selectedReadyPods(service: KObject, pods: Record<string, KObject> | undefined): string[] {
  const selector: Record<string, string> | undefined = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  const ns = service.metadata.namespace;
  const out: string[] = [];
  for (const pod of Object.values(pods ?? {})) {
    if (pod.metadata.namespace !== ns || pod.metadata.deletionTimestamp) continue;
    const labels = pod.metadata.labels ?? {};
    if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) continue;
    const ready = (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
    if (ready) out.push(nameOf(pod));
  }
  return out;
}

/** `80/TCP,443/TCP` (with the node port for NodePort and LoadBalancer types), as `kubectl get svc` prints PORT(S). */
export function servicePorts(service: KObject): string {
  const ports: any[] = service.spec?.ports ?? [];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

/** EXTERNAL-IP of a LoadBalancer Service: its ingress addresses, or <pending>. */
export function externalAddress(service: KObject): string {
  if (service.spec?.type !== 'LoadBalancer') return '';
  const ingress: any[] = service.status?.loadBalancer?.ingress ?? [];
  const addrs = ingress.map((i) => i.ip || i.hostname).filter(Boolean);
  return addrs.length ? addrs.join(',') : '<pending>';
}

/** The Services an Ingress routes to (default backend and every rule path). */
export function ingressBackends(ingress: KObject): string[] {
  const names = new Set<string>();
  const def = ingress.spec?.defaultBackend?.service?.name;
  if (def) names.add(def);
  for (const rule of ingress.spec?.rules ?? []) {
    for (const path of rule.http?.paths ?? []) {
      const svc = path.backend?.service?.name;
      if (svc) names.add(svc);
    }
  }
  return [...names];
}

export function ingressHosts(ingress: KObject): string {
  const hosts = (ingress.spec?.rules ?? []).map((r: any) => r.host).filter(Boolean);
  return hosts.length ? hosts.join(',') : '*';
}
