/**
 * The service environment variables the kubelet gives every container (envvars.FromServices): for each Service of
 * the pod's namespace with a cluster IP (all of them with enableServiceLinks, otherwise only `kubernetes` from
 * `default`), `NAME_SERVICE_HOST`, `NAME_SERVICE_PORT[_PORTNAME]` and the Docker-link style `NAME_PORT...` variables.
 * Services created after the container started are not in its environment.
 */
import type { KObject } from '../types';

const envName = (s: string) => s.toUpperCase().replace(/-/g, '_');

function hasClusterIP(svc: KObject): boolean {
  const ip = svc.spec?.clusterIP;
  return !!ip && ip !== 'None';
}

/** The variables of one stored (immutable) Service, computed once: every container started later gets them. */
const varsByService = new WeakMap<KObject, [string, string][]>();

function varsOf(svc: KObject): [string, string][] {
  let vars = varsByService.get(svc);
  if (!vars) {
    const out = new Map<string, string>();
    addVars(svc, out);
    varsByService.set(svc, (vars = [...out]));
  }
  return vars;
}

function addVars(svc: KObject, out: Map<string, string>): void {
  const prefix = envName(svc.metadata.name ?? '');
  const ip: string = svc.spec.clusterIP;
  const ports: any[] = svc.spec.ports ?? [];
  if (!ports.length) return;
  out.set(`${prefix}_SERVICE_HOST`, ip);
  out.set(`${prefix}_SERVICE_PORT`, String(ports[0].port));
  for (const p of ports) if (p.name) out.set(`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port));
  const host = (port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
  ports.forEach((p, i) => {
    const protocol = String(p.protocol || 'TCP');
    const url = `${protocol.toLowerCase()}://${host(p.port)}`;
    if (i === 0) out.set(`${prefix}_PORT`, url);
    const portPrefix = `${prefix}_PORT_${p.port}_${protocol.toUpperCase()}`;
    out.set(portPrefix, url);
    out.set(`${portPrefix}_PROTO`, protocol.toLowerCase());
    out.set(`${portPrefix}_PORT`, String(p.port));
    out.set(`${portPrefix}_ADDR`, ip);
  });
}

/** getServiceEnvVarMap: `services` lists the Services of the pod's namespace and of `default`. The map is read-only. */
export function serviceEnv(pod: KObject, services: KObject[]): Map<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  const chosen = new Map<string, KObject>();
  for (const svc of services) {
    if (!hasClusterIP(svc)) continue;
    const name = svc.metadata.name ?? '';
    if (svc.metadata.namespace === 'default' && name === 'kubernetes') {
      if (!chosen.has(name)) chosen.set(name, svc);
    } else if (svc.metadata.namespace === ns && links) chosen.set(name, svc);
  }
  const picked = [...chosen.values()];
  const cacheKey = links ? ns : `${ns}\u0000nolinks`;
  const byKey = picked.length ? lastResults.get(picked[0]) : undefined;
  const cached = byKey?.get(cacheKey);
  if (cached && cached.services.length === picked.length && cached.services.every((s, i) => s === picked[i])) return cached.vars;
  const out = new Map<string, string>();
  for (const svc of picked) for (const [k, v] of varsOf(svc)) out.set(k, v);
  if (picked.length && picked.every((svc) => Object.isFrozen(svc))) {
    let entries = lastResults.get(picked[0]);
    if (!entries) lastResults.set(picked[0], (entries = new Map()));
    entries.set(cacheKey, { services: picked, vars: out });
  }
  return out;
}

/**
 * The last result per namespace (and service-links setting) with the stored Services it came from: the pods of a
 * namespace mostly see the same Services, so their containers share one (read-only) map. Filed under the first of
 * those Services (a stored, frozen object), so a cluster's entries go when its objects do.
 */
const lastResults = new WeakMap<KObject, Map<string, { services: KObject[]; vars: Map<string, string> }>>();
