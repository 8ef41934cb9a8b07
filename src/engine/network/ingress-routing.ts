/**
 * How the built-in ingress-nginx picks a backend for one request: the Ingresses of its class (ingressClassName
 * `nginx`, the legacy annotation, or no class while `nginx` is the default IngressClass), merged into one server per
 * host; an exact host beats a wildcard (`*.foo.com` covers one label), rules without a host and unknown hosts fall to
 * the catch-all server. Within a server the longest matching path wins, Exact before Prefix at equal length; Prefix
 * matches whole path elements; ImplementationSpecific is nginx's plain string prefix (what ingress-nginx does without
 * use-regex). No match: the Ingress's defaultBackend, else the controller's default backend (404).
 */
import type { KObject } from '../types';
import type { ClusterNetwork } from './cluster-network';

export const INGRESS_CONTROLLER = 'k8s.io/ingress-nginx';
export const INGRESS_CLASS = 'nginx';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export interface IngressBackend {
  ingress: KObject;
  service?: { name: string; port: { number?: number; name?: string } };
  /** The matched rule's path, or undefined for a default backend. */
  path?: string;
}

const TYPE_RANK: Record<string, number> = { Exact: 0, Prefix: 1, ImplementationSpecific: 2 };

/** Whether the built-in controller serves this Ingress. */
export function servesIngress(net: ClusterNetwork, ing: KObject): boolean {
  const classes = net.ingressClasses();
  const ours = (name: string) => classes.some((c) => c.metadata.name === name && c.spec?.controller === INGRESS_CONTROLLER);
  const byName = ing.spec?.ingressClassName ?? ing.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
  if (byName) return ours(byName);
  const defaults = classes.filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  return defaults.length === 1 && defaults[0].spec?.controller === INGRESS_CONTROLLER;
}

export function hostMatches(ruleHost: string, host: string): boolean {
  if (!ruleHost.startsWith('*.')) return ruleHost === host;
  const rest = ruleHost.slice(1);
  return host.endsWith(rest) && !host.slice(0, -rest.length).includes('.') && host.length > rest.length;
}

export function pathMatches(type: string, rulePath: string, path: string): boolean {
  if (type === 'Exact') return path === rulePath;
  if (type === 'Prefix') {
    const p = rulePath.replace(/\/+$/, '');
    return p === '' || path === p || path.startsWith(`${p}/`);
  }
  return path.startsWith(rulePath || '/');
}

/** The backend the controller sends a request for host + path to (undefined: its own default backend, a 404). */
export function routeIngress(net: ClusterNetwork, host: string, path: string): IngressBackend | undefined {
  const ingresses = net
    .ingresses()
    .filter((i) => !i.metadata.deletionTimestamp && servesIngress(net, i))
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name!.localeCompare(b.metadata.name!));
  const rules = ingresses.flatMap((ing) => (ing.spec?.rules ?? []).map((rule: any) => ({ ing, rule })));
  const h = host.toLowerCase();
  let server = rules.filter((r) => r.rule.host && r.rule.host === h);
  if (!server.length) server = rules.filter((r) => r.rule.host?.startsWith('*.') && hostMatches(r.rule.host, h));
  const catchAll = !server.length;
  if (catchAll) server = rules.filter((r) => !r.rule.host);
  const bare = path.replace(/[?#].*$/, '') || '/';
  let best: { ing: KObject; p: any } | undefined;
  for (const { ing, rule } of server) {
    for (const p of rule.http?.paths ?? []) {
      const rulePath = p.path ?? '/';
      const type = p.pathType ?? 'ImplementationSpecific';
      if (!pathMatches(type, rulePath, bare)) continue;
      const cur = best ? best.p.path ?? '/' : '';
      if (!best || rulePath.length > cur.length || (rulePath.length === cur.length && TYPE_RANK[type] < TYPE_RANK[best.p.pathType ?? 'ImplementationSpecific'])) best = { ing, p };
    }
  }
  if (best) return { ingress: best.ing, service: best.p.backend?.service, path: best.p.path ?? '/' };
  const withDefault = catchAll ? ingresses.find((i) => i.spec?.defaultBackend) : server.map((r) => r.ing).find((i) => i.spec?.defaultBackend);
  return withDefault ? { ingress: withDefault, service: withDefault.spec.defaultBackend.service } : undefined;
}

/** The ready upstreams (pod ip:port) of an Ingress backend, as ingress-nginx reads them off the EndpointSlices. */
export function upstreams(net: ClusterNetwork, ns: string, backend: NonNullable<IngressBackend['service']>): { ip: string; port: number; pod?: { namespace: string; name: string } }[] {
  const svc = net.service(ns, backend.name);
  if (!svc) return [];
  const sp = (svc.spec?.ports ?? []).find((p: any) => (backend.port.number !== undefined ? p.port === backend.port.number : p.name === backend.port.name));
  if (!sp) return [];
  const out = new Map<string, { ip: string; port: number; pod?: { namespace: string; name: string } }>();
  for (const s of net.endpointSlices(ns, backend.name)) {
    const port = (s.ports ?? []).find((p: any) => (p.name ?? '') === (sp.name ?? ''))?.port;
    if (!port) continue;
    for (const e of s.endpoints ?? []) {
      const ip = e.addresses?.[0];
      if (!ip || e.conditions?.ready === false) continue;
      out.set(`${ip}:${port}`, { ip, port, pod: e.targetRef?.kind === 'Pod' ? { namespace: e.targetRef.namespace ?? ns, name: e.targetRef.name } : undefined });
    }
  }
  return [...out.values()].sort((a, b) => (`${a.ip}:${a.port}` < `${b.ip}:${b.port}` ? -1 : 1));
}
