/** `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME [--tcp=port:targetPort]` */
import type { CommandContext } from '../context';
import { parseWithOptionalValues } from '../dry-run';
import { KubectlError } from '../errors';
import type { FlagSpec } from '../flags';
import { CREATE_COMMON_FLAGS, enforcedNamespace, nameFromArgs, requireFlags, submitGenerated } from './submit';
import { typedMeta } from './typed-meta';

const TYPES: Record<string, string> = {
  clusterip: 'ClusterIP',
  nodeport: 'NodePort',
  loadbalancer: 'LoadBalancer',
  externalname: 'ExternalName',
};

const EXTRA: Record<string, FlagSpec[]> = {
  clusterip: [{ name: 'tcp', type: 'strings' }, { name: 'clusterip', type: 'string', default: '' }],
  nodeport: [{ name: 'tcp', type: 'strings' }, { name: 'node-port', type: 'int', default: 0 }],
  loadbalancer: [{ name: 'tcp', type: 'strings' }],
  externalname: [{ name: 'tcp', type: 'strings' }, { name: 'external-name', type: 'string', default: '' }],
};

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isServiceSubcommand(word: string | undefined): boolean {
  return !!word && word in TYPES;
}

export function createService(ctx: CommandContext, sub: string): number {
  const type = TYPES[sub];
  const flags = parseWithOptionalValues(ctx, [...CREATE_COMMON_FLAGS, ...EXTRA[sub]]);
  if (sub === 'externalname') requireFlags(flags, ['external-name']);
  const name = nameFromArgs(flags, `service ${sub}`);
  const tcp = (flags.flags.tcp as string[]).flatMap((t) => t.split(',')).filter(Boolean);
  const clusterIP = (flags.flags.clusterip as string | undefined) ?? '';
  const externalName = (flags.flags['external-name'] as string | undefined) ?? '';
  if (clusterIP === 'None' && type !== 'ClusterIP') throw new KubectlError('ClusterIP=None can only be used with ClusterIP service type');
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') {
    throw new KubectlError('at least one tcp port specifier must be provided');
  }
  if (type === 'ExternalName' && (externalName.length > 253 || !DNS1123_SUBDOMAIN.test(externalName))) {
    throw new KubectlError(`invalid service external name ${externalName}`);
  }
  const nodePort = (flags.flags['node-port'] as number | undefined) ?? 0;
  const ports = tcp.map((spec) => {
    const { port, targetPort } = parsePorts(spec);
    return {
      name: spec.replace(/:/g, '-'),
      protocol: 'TCP',
      port,
      targetPort,
      ...(nodePort ? { nodePort } : {}),
    };
  });
  const spec: Record<string, unknown> = {};
  if (ports.length) spec.ports = ports;
  spec.selector = { app: name };
  if (clusterIP) spec.clusterIP = clusterIP;
  spec.type = type;
  if (externalName) spec.externalName = externalName;
  const obj = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: typedMeta({ name, namespace: enforcedNamespace(ctx, flags), labels: { app: name } }),
    spec,
    status: { loadBalancer: {} },
  };
  return submitGenerated(ctx, flags, obj, `failed to create ${type} service: `);
}

function parsePorts(spec: string): { port: number; targetPort: number | string } {
  const parts = spec.split(':');
  const port = parsePort(parts[0]);
  if (parts.length === 1) return { port, targetPort: port };
  const target = parts[1];
  if (/^-?\d+$/.test(target)) {
    const n = parseInt(target, 10);
    if (n < 1 || n > 65535) throw new KubectlError('must be between 1 and 65535, inclusive');
    return { port, targetPort: n };
  }
  const errs = portNameErrors(target);
  if (errs.length) throw new KubectlError(errs.join(','));
  return { port, targetPort: target };
}

function parsePort(s: string): number {
  if (!/^\d+$/.test(s)) throw new KubectlError(`strconv.ParseUint: parsing "${s}": invalid syntax`);
  const n = parseInt(s, 10);
  if (n > 65535) throw new KubectlError(`strconv.ParseUint: parsing "${s}": value out of range`);
  return n;
}

/** validation.IsValidPortName (IANA service name). */
function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}
