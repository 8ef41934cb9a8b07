/**
 * ClusterIP and NodePort allocation as kube-apiserver does it, with the store as the allocation table: an address
 * or port is taken when a stored Service holds it (as the IPAddress objects and the port bitmap would say).
 *
 * Both allocators split their range (KEP-3070, KEP-3668): dynamic allocation starts at a random point of the upper
 * band and only falls back to the lower band, which is left for addresses and ports users pick themselves.
 */
import type { KObject } from '../../types';
import type { ApiContext } from '../context';
import { formatIPv4, parseIPv4 } from '../validation/common';

export const SERVICE_CIDR = '10.96.0.0/12';
const CIDR_BASE = parseIPv4('10.96.0.0')!;
const CIDR_BITS = 12;
const CIDR_SIZE = 2 ** (32 - CIDR_BITS);
/** Usable addresses: not the network address, not the broadcast address. */
const FIRST = CIDR_BASE + 1;
const LAST = CIDR_BASE + CIDR_SIZE - 2;
const IP_RANGE_OFFSET = Math.min(Math.max(16, Math.floor(CIDR_SIZE / 16)), 256);

export const NODE_PORT_BASE = 30000;
export const NODE_PORT_SIZE = 2768;
export const NODE_PORT_RANGE = '30000-32767';
const PORT_RANGE_OFFSET = Math.min(Math.max(16, Math.floor(NODE_PORT_SIZE / 32)), 128);

export const ERR_FULL = 'range is full';
export const ERR_IP_ALLOCATED = 'provided IP is already allocated';
export const ERR_MISMATCHED_NETWORK = 'the provided network does not match the current range';
export const ERR_PORT_ALLOCATED = 'provided port is already allocated';

const sameService = (a: KObject, ns: string, name: string) => a.metadata.namespace === ns && a.metadata.name === name;

/** Cluster IPs held by stored Services (optionally ignoring one Service, the one being updated). */
export function takenClusterIPs(ctx: ApiContext, except?: { ns: string; name: string }): Set<string> {
  const taken = new Set<string>();
  for (const { obj } of ctx.store.list('/services')) {
    if (except && sameService(obj, except.ns, except.name)) continue;
    for (const ip of obj.spec?.clusterIPs ?? (obj.spec?.clusterIP ? [obj.spec.clusterIP] : [])) {
      if (ip && ip !== 'None') taken.add(ip);
    }
  }
  return taken;
}

/** Reserve a user-chosen IP: the error text when it cannot be had. */
export function checkStaticIP(ip: string, taken: Set<string>): string | undefined {
  const n = parseIPv4(ip);
  if (n === undefined) return ERR_MISMATCHED_NETWORK;
  if (n < CIDR_BASE || n >= CIDR_BASE + CIDR_SIZE) return ERR_MISMATCHED_NETWORK;
  if (n < FIRST || n > LAST) return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`;
  if (taken.has(formatIPv4(n))) return ERR_IP_ALLOCATED;
  return undefined;
}

/** Pick a free IP: a random start in the upper band, then the lower band. */
export function allocateNextIP(ctx: ApiContext, taken: Set<string>): string | undefined {
  const offsetAddress = FIRST + IP_RANGE_OFFSET;
  const upper = scan(offsetAddress, LAST, ctx.rng.int(LAST - offsetAddress + 1), (n) => !taken.has(formatIPv4(n)));
  if (upper !== undefined) return formatIPv4(upper);
  const lower = scan(FIRST, offsetAddress - 1, ctx.rng.int(IP_RANGE_OFFSET), (n) => !taken.has(formatIPv4(n)));
  return lower === undefined ? undefined : formatIPv4(lower);
}

function scan(first: number, last: number, offset: number, free: (n: number) => boolean): number | undefined {
  const size = last - first + 1;
  for (let i = 0; i < size; i++) {
    const n = first + ((offset + i) % size);
    if (free(n)) return n;
  }
  return undefined;
}

/** Node ports (and health-check node ports) held by stored Services. */
export function takenNodePorts(ctx: ApiContext, except?: { ns: string; name: string }): Set<number> {
  const taken = new Set<number>();
  for (const { obj } of ctx.store.list('/services')) {
    if (except && sameService(obj, except.ns, except.name)) continue;
    for (const p of obj.spec?.ports ?? []) if (p?.nodePort) taken.add(p.nodePort);
    if (obj.spec?.healthCheckNodePort) taken.add(obj.spec.healthCheckNodePort);
  }
  return taken;
}

/** One allocation operation: ports it hands out are taken for the rest of the operation. */
export class NodePortOperation {
  constructor(
    private readonly ctx: ApiContext,
    private readonly taken: Set<number>,
  ) {}

  /** Reserve a chosen port; returns the error text when it cannot be had. */
  allocate(port: number): string | undefined {
    if (port < NODE_PORT_BASE || port >= NODE_PORT_BASE + NODE_PORT_SIZE) {
      return `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE}`;
    }
    if (this.taken.has(port)) return ERR_PORT_ALLOCATED;
    this.taken.add(port);
    return undefined;
  }

  allocateNext(): number | undefined {
    const free = (n: number) => !this.taken.has(NODE_PORT_BASE + n);
    const upperSize = NODE_PORT_SIZE - PORT_RANGE_OFFSET;
    let at = scan(PORT_RANGE_OFFSET, NODE_PORT_SIZE - 1, this.ctx.rng.int(upperSize), free);
    if (at === undefined) at = scan(0, PORT_RANGE_OFFSET - 1, this.ctx.rng.int(PORT_RANGE_OFFSET), free);
    if (at === undefined) return undefined;
    this.taken.add(NODE_PORT_BASE + at);
    return NODE_PORT_BASE + at;
  }
}
