/** `kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]] [--class] [--default-backend] [--annotation]` */
import type { CommandContext } from '../context';
import { parseWithOptionalValues } from '../dry-run';
import { KubectlError } from '../errors';
import { CREATE_COMMON_FLAGS, enforcedNamespace, nameFromArgs, submitGenerated } from './submit';
import { typedMeta } from './typed-meta';

const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

type Backend = { service: { name: string; port: { number?: number; name?: string } } };

export function createIngress(ctx: CommandContext): number {
  const flags = parseWithOptionalValues(ctx, [
    ...CREATE_COMMON_FLAGS,
    { name: 'rule', type: 'strings' },
    { name: 'class', type: 'string', default: '' },
    { name: 'default-backend', type: 'string', default: '' },
    { name: 'annotation', type: 'strings' },
  ]);
  const name = nameFromArgs(flags, 'ingress');
  const rules = flags.flags.rule as string[];
  const defaultBackend = flags.flags['default-backend'] as string;
  const annotationArgs = flags.flags.annotation as string[];
  if (!defaultBackend && rules.length === 0) {
    throw new KubectlError(
      'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
    );
  }
  for (const r of rules) {
    if (!RULE.test(r)) throw new KubectlError(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  }
  const annotations: Record<string, string> = {};
  for (const a of annotationArgs) {
    const eq = a.indexOf('=');
    if (eq < 0) throw new KubectlError(`annotation ${a} is invalid and should be in format key=[value]`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  if (defaultBackend && defaultBackend.split(':').length !== 2) {
    throw new KubectlError('default-backend should be in format servicename:serviceport');
  }
  const spec: Record<string, unknown> = {};
  if (flags.flags.class) spec.ingressClassName = flags.flags.class;
  if (defaultBackend) spec.defaultBackend = backend(defaultBackend);
  const tls = tlsRules(rules);
  if (tls.length) spec.tls = tls;
  const httpRules = ingressRules(rules);
  if (httpRules.length) spec.rules = httpRules;
  const obj = {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: typedMeta({ name, namespace: enforcedNamespace(ctx, flags), annotations }),
    spec,
    status: { loadBalancer: {} },
  };
  return submitGenerated(ctx, flags, obj, 'failed to create ingress: ');
}

function backend(svc: string): Backend {
  const [name, port] = svc.split(':');
  return { service: { name, port: /^-?\d+$/.test(port) ? { number: parseInt(port, 10) } : { name: port } } };
}

function tlsRules(rules: string[]): { hosts?: string[]; secretName?: string }[] {
  const seen = new Set<string>();
  const out: { hosts?: string[]; secretName?: string }[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const secretParts = parts[1].split('=');
    const secret = secretParts.length > 1 ? secretParts[1] : '';
    if (seen.has(host)) continue;
    seen.add(host);
    const idx = out.findIndex((t) => (t.secretName ?? '') === secret);
    if (idx >= 0) {
      out[idx].hosts = [...(out[idx].hosts ?? []), host];
      continue;
    }
    const entry: { hosts?: string[]; secretName?: string } = {};
    if (host) entry.hosts = [host];
    if (secret) entry.secretName = secret;
    if (entry.hosts || entry.secretName) out.push(entry);
  }
  return out;
}

function ingressRules(rules: string[]): Record<string, unknown>[] {
  const out: { host?: string; http: { paths: unknown[] } }[] = [];
  for (const rule of rules) {
    const noTls = rule.split(',')[0];
    const slash = noTls.indexOf('/');
    const host = noTls.slice(0, slash);
    const [pathPart, service] = noTls.slice(slash + 1).split('=');
    let path = '/' + pathPart;
    let pathType = 'Exact';
    if (path.endsWith('*')) {
      pathType = 'Prefix';
      path = path.slice(0, -1);
    }
    const entry = { path, pathType, backend: backend(service) };
    const existing = out.find((r) => (r.host ?? '') === host);
    if (existing) existing.http.paths.push(entry);
    else out.push({ ...(host ? { host } : {}), http: { paths: [entry] } });
  }
  return out;
}
