/**
 * The Service `kubectl expose` generates (ExposeServiceOptions.createService), built in corev1.Service's field
 * order so `-o json` matches the Go encoder.
 */
import type { KObject } from '../../types';
import { KubectlError } from '../errors';
import { typedMeta } from '../create/typed-meta';

export interface ExposeOptions {
  name: string;
  defaultName: string;
  /** The namespace printed in a client dry run (only with an explicit -n). */
  namespace?: string;
  selector: string;
  /** --port, or the single port the object has. */
  port: string;
  /** The object's ports when it has several and --port was not given. */
  ports: string;
  labels: string;
  externalIP: string;
  loadBalancerIP: string;
  type: string;
  protocol: string;
  protocols: Map<string, string[]>;
  targetPort: string;
  sessionAffinity: string;
  clusterIP: string;
}

/** parseLabels: `k=v,k2=v2` (no operators; each pair exactly one `=`). */
export function parseLabels(spec: string): Record<string, string> {
  if (!spec) throw new KubectlError('no label spec passed');
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new KubectlError(`unexpected label spec: ${part}`);
    if (!kv[0]) throw new KubectlError('unexpected empty label key');
    out[kv[0]] = kv[1];
  }
  return out;
}

const INT32_MAX = 2 ** 31 - 1;

/** strconv.Atoi (64-bit int). */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) && Math.abs(n) > 2 ** 63 - 1) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** int32(x) as Go converts it (wraps around). */
function int32(n: number): number {
  return n > INT32_MAX || n < -INT32_MAX - 1 ? Number(BigInt.asIntN(32, BigInt(n))) : n;
}

/** intstr.Parse: a number when Atoi accepts it, else the name. */
function intOrString(s: string): number | string {
  return /^[+-]?\d+$/.test(s) && Math.abs(Number(s)) <= 2 ** 63 - 1 ? int32(Number(s)) : s;
}

interface PortEntry {
  name?: string;
  protocol: string;
  port: number;
}

function servicePorts(o: ExposeOptions): PortEntry[] {
  const portString = o.ports || o.port;
  if (!portString) return [];
  const parts = portString.split(',');
  const out: PortEntry[] = [];
  parts.forEach((text, i) => {
    const port = int32(atoi(text));
    const name = parts.length > 1 ? `port-${i + 1}` : undefined;
    let protocol = o.protocol;
    if (!protocol) {
      protocol = 'TCP';
      const found = o.protocols.get(text);
      if (found?.length === 1) protocol = found[0];
      else if (found && found.length > 1) {
        for (const p of found) out.push({ name: `port-${i + 1}-${p.toLowerCase()}`, protocol: p, port });
        return;
      }
    }
    out.push({ ...(name ? { name } : {}), protocol, port });
  });
  return out;
}

export function buildService(o: ExposeOptions): KObject {
  if (!o.selector) throw new KubectlError('selector must be specified');
  const selector = parseLabels(o.selector);
  const labels = o.labels ? parseLabels(o.labels) : undefined;
  const name = o.name || o.defaultName;
  if (!name) throw new KubectlError('name must be specified');
  const target = o.targetPort ? intOrString(o.targetPort) : undefined;
  const ports = servicePorts(o).map((p) => ({ ...p, targetPort: target ?? p.port }));
  const spec: Record<string, unknown> = {};
  if (ports.length) spec.ports = ports;
  spec.selector = selector;
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  if (o.type) spec.type = o.type;
  if (o.externalIP) spec.externalIPs = [o.externalIP];
  if (o.sessionAffinity) {
    if (o.sessionAffinity !== 'None' && o.sessionAffinity !== 'ClientIP') throw new KubectlError(`unknown session affinity: ${o.sessionAffinity}`);
    spec.sessionAffinity = o.sessionAffinity;
  }
  if (o.type === 'LoadBalancer' && o.loadBalancerIP) spec.loadBalancerIP = o.loadBalancerIP;
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: typedMeta({ name, namespace: o.namespace, labels }),
    spec,
    status: { loadBalancer: {} },
  };
}
