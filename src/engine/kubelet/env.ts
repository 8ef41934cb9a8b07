/**
 * A container's environment as the kubelet builds it (makeEnvironmentVariables): envFrom, then env, with $(VAR)
 * references, ConfigMap/Secret lookups (a missing non-optional one is a CreateContainerConfigError), downward
 * API fields, and the service variables (service-env.ts).
 */
import type { KObject } from '../types';
import { decodeBase64 } from '../api/strategies/go-base64';
import { serviceEnv } from './service-env';

export interface ConfigLookup {
  configMap(namespace: string, name: string): KObject | undefined;
  secret(namespace: string, name: string): KObject | undefined;
  /** The Services of a namespace (for the service environment variables); without it only `kubernetes`'s. */
  services?(namespace: string): KObject[];
}

export type EnvResult = { vars: Map<string, string> } | { error: string };

/** Kubernetes' $(VAR) expansion in env values, command and args: `$$` escapes, unknown references stay. */
export function expandRefs(s: string, vars: Map<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name) => (m === '$$' ? '$' : (vars.get(name) ?? m)));
}

/** A Secret or binaryData value (base64 of bytes) as the text the container sees: Go's string(bytes). */
export function bytesText(b64: string): string {
  const d = decodeBase64(String(b64 ?? ''));
  return 'bytes' in d ? new TextDecoder().decode(Uint8Array.from(d.bytes)) : '';
}

export function fieldValue(path: string, pod: KObject, hostIP: string, podIP: string): string {
  const meta = pod.metadata;
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? meta.labels : meta.annotations)?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name': return meta.name ?? '';
    case 'metadata.namespace': return meta.namespace ?? '';
    case 'metadata.uid': return meta.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': return hostIP;
    case 'status.podIP': return podIP;
    case 'status.hostIPs': return hostIP;
    case 'status.podIPs': return podIP;
    default: return '';
  }
}

/** Image-level variables every container starts with (before the pod's env). */
function runtimeDefaults(pod: KObject): [string, string][] {
  return [
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['HOSTNAME', pod.spec?.hostname ?? pod.metadata.name ?? ''],
  ];
}

function servicesEnv(pod: KObject, lookup: ConfigLookup): Map<string, string> {
  if (!lookup.services) return new Map(Object.entries(KUBERNETES_SERVICE_VARS));
  const ns = pod.metadata.namespace ?? 'default';
  const list = ns === 'default' ? lookup.services('default') : [...lookup.services('default'), ...lookup.services(ns)];
  return serviceEnv(pod, list);
}

/**
 * makeEnvironmentVariables: envFrom (in order, with prefix), then env (values expanded against what is defined so
 * far and the service variables), then the service variables not overridden. A missing non-optional source is the
 * error the container waits in (CreateContainerConfigError).
 */
export function containerEnv(pod: KObject, container: any, lookup: ConfigLookup, ips: { hostIP: string; podIP: string }): EnvResult {
  const ns = pod.metadata.namespace ?? 'default';
  const services = servicesEnv(pod, lookup);
  const tmp = new Map<string, string>();
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = lookup.configMap(ns, from.configMapRef.name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { error: `configmap "${from.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) tmp.set(prefix + k, String(v));
    } else if (from.secretRef) {
      const s = lookup.secret(ns, from.secretRef.name);
      if (!s) {
        if (from.secretRef.optional) continue;
        return { error: `secret "${from.secretRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(s.data ?? {})) tmp.set(prefix + k, bytesText(String(v)));
    }
  }
  for (const e of container.env ?? []) {
    const src = e.valueFrom;
    if (e.value || !src) {
      tmp.set(e.name, expandRefs(e.value ?? '', new Map([...services, ...tmp])));
      continue;
    }
    if (src.configMapKeyRef) {
      const ref = src.configMapKeyRef;
      const cm = lookup.configMap(ns, ref.name);
      if (!cm) {
        if (ref.optional) continue;
        return { error: `configmap "${ref.name}" not found` };
      }
      const v = cm.data?.[ref.key];
      if (v === undefined) {
        if (ref.optional) continue;
        return { error: `couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}` };
      }
      tmp.set(e.name, String(v));
    } else if (src.secretKeyRef) {
      const ref = src.secretKeyRef;
      const s = lookup.secret(ns, ref.name);
      if (!s) {
        if (ref.optional) continue;
        return { error: `secret "${ref.name}" not found` };
      }
      const v = s.data?.[ref.key];
      if (v === undefined) {
        if (ref.optional) continue;
        return { error: `couldn't find key ${ref.key} in Secret ${ns}/${ref.name}` };
      }
      tmp.set(e.name, bytesText(String(v)));
    } else if (src.fieldRef) {
      tmp.set(e.name, fieldValue(src.fieldRef.fieldPath, pod, ips.hostIP, ips.podIP));
    } else if (src.resourceFieldRef) {
      tmp.set(e.name, resourceValue(container, src.resourceFieldRef.resource));
    }
  }
  const vars = new Map<string, string>(runtimeDefaults(pod));
  tmp.forEach((v, k) => vars.set(k, v));
  services.forEach((v, k) => {
    if (!tmp.has(k)) vars.set(k, v);
  });
  return { vars };
}

export function resourceValue(container: any, resource: string): string {
  const [kind, name] = resource.split('.');
  const v = container.resources?.[kind]?.[name];
  if (v === undefined) return name === 'cpu' ? '4' : '8589934592';
  return String(v);
}

const KUBERNETES_SERVICE_VARS: Record<string, string> = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
};
