/**
 * A container's environment as the kubelet builds it (makeEnvironmentVariables): envFrom, then env, with $(VAR)
 * references, ConfigMap/Secret lookups (a missing non-optional one is a CreateContainerConfigError), downward
 * API fields, and the service variables of the `kubernetes` Service.
 */
import type { KObject } from '../types';

export interface ConfigLookup {
  configMap(namespace: string, name: string): KObject | undefined;
  secret(namespace: string, name: string): KObject | undefined;
}

export type EnvResult = { vars: Map<string, string> } | { error: string };

/** Kubernetes' $(VAR) expansion in env values, command and args: `$$` escapes, unknown references stay. */
export function expandRefs(s: string, vars: Map<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name) => (m === '$$' ? '$' : (vars.get(name) ?? m)));
}

function decode(b64: string): string {
  try {
    return atob(b64);
  } catch {
    return '';
  }
}

function fieldValue(path: string, pod: KObject, hostIP: string, podIP: string): string {
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

export function containerEnv(pod: KObject, container: any, lookup: ConfigLookup, ips: { hostIP: string; podIP: string }): EnvResult {
  const ns = pod.metadata.namespace ?? 'default';
  const vars = new Map<string, string>([
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['HOSTNAME', pod.spec?.hostname ?? pod.metadata.name ?? ''],
  ]);
  for (const [k, v] of Object.entries(KUBERNETES_SERVICE_VARS)) vars.set(k, v);
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = lookup.configMap(ns, from.configMapRef.name);
      if (!cm) {
        if (from.configMapRef.optional) continue;
        return { error: `configmap "${from.configMapRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) vars.set(prefix + k, String(v));
    } else if (from.secretRef) {
      const s = lookup.secret(ns, from.secretRef.name);
      if (!s) {
        if (from.secretRef.optional) continue;
        return { error: `secret "${from.secretRef.name}" not found` };
      }
      for (const [k, v] of Object.entries(s.data ?? {})) vars.set(prefix + k, decode(String(v)));
    }
  }
  for (const e of container.env ?? []) {
    const src = e.valueFrom;
    if (!src) {
      vars.set(e.name, expandRefs(e.value ?? '', vars));
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
      vars.set(e.name, String(v));
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
      vars.set(e.name, decode(String(v)));
    } else if (src.fieldRef) {
      vars.set(e.name, fieldValue(src.fieldRef.fieldPath, pod, ips.hostIP, ips.podIP));
    } else if (src.resourceFieldRef) {
      vars.set(e.name, resourceValue(container, src.resourceFieldRef.resource));
    }
  }
  return { vars };
}

function resourceValue(container: any, resource: string): string {
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
