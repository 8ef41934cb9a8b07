/**
 * Services: v1 defaults, the registry's begin-create/begin-update work (normalising clusterIP/clusterIPs, IP family
 * fields, ClusterIP and NodePort allocation) and the strategy's prepare hooks, in kube-apiserver's order.
 */
import type { KObject } from '../../types';
import { deepEqual } from '../../util';
import type { ApiContext, KindStrategy } from '../context';
import { internal, invalid } from '../errors';
import type { FieldError } from '../field-errors';
import { invalidValue } from '../field-errors';
import { goStrings, ipFamilyOf } from '../validation/common';
import { registerStrategy } from './index';
import {
  allocateNextIP,
  checkStaticIP,
  ERR_FULL,
  NodePortOperation,
  takenClusterIPs,
  takenNodePorts,
} from './service-allocators';
import { externallyAccessible, needsHealthCheck, validateClusterIPsRelatedFields, validateService, validateServiceUpdate } from './service-validation';

/** SetDefaults_Service (pkg/apis/core/v1/defaults.go). */
export function defaultService(svc: KObject): void {
  const spec = (svc.spec ??= {});
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!p || typeof p !== 'object') continue;
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port ?? 0;
  }
  if (externallyAccessible(svc) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy == null && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) spec.allocateLoadBalancerNodePorts = true;
}

const needsClusterIP = (svc: KObject) => svc.spec?.type !== 'ExternalName';
const needsNodePort = (svc: KObject) => svc.spec?.type === 'NodePort' || svc.spec?.type === 'LoadBalancer';
const sameList = (a: unknown, b: unknown) => deepEqual(a ?? [], b ?? []);

function shouldAllocateNodePorts(svc: KObject): boolean {
  if (svc.spec.type === 'NodePort') return true;
  if (svc.spec.type === 'LoadBalancer') return svc.spec.allocateLoadBalancerNodePorts !== false;
  return false;
}

/** normalizeClusterIPs: keep the singular and plural fields in step for clients that set only one. */
function normalizeClusterIPs(svc: KObject, old?: KObject): void {
  const spec = svc.spec;
  if (!old) {
    if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  const oldSpec = old.spec ?? {};
  if (oldSpec.clusterIPs?.length && !spec.clusterIPs?.length && (oldSpec.clusterIP ?? '') === (spec.clusterIP ?? '')) {
    spec.clusterIPs = oldSpec.clusterIPs;
  }
  if ((oldSpec.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    const same = sameList(oldSpec.clusterIPs, spec.clusterIPs);
    if (oldSpec.clusterIP && !spec.clusterIP) {
      if (same) delete spec.clusterIPs;
    } else if (same) {
      spec.clusterIPs = [spec.clusterIP];
    }
  }
}

/** patchAllocatedValues: a PUT that omits allocated values keeps them. */
function patchAllocatedValues(svc: KObject, old: KObject): void {
  const spec = svc.spec;
  const oldSpec = old.spec ?? {};
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if (!spec.clusterIPs?.length && oldSpec.clusterIPs?.length) spec.clusterIPs = [...oldSpec.clusterIPs];
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const used = (s: any) => new Set<number>((s.ports ?? []).map((p: any) => p?.nodePort).filter(Boolean));
    const newUsed = used(spec);
    const both = new Set([...used(oldSpec)].filter((p) => newUsed.has(p)));
    const byName = new Map<string, number>((oldSpec.ports ?? []).map((p: any) => [p?.name ?? '', p?.nodePort ?? 0]));
    for (const p of spec.ports ?? []) {
      if (p && !p.nodePort) {
        const oldVal = byName.get(p.name ?? '') ?? 0;
        if (oldVal && !both.has(oldVal)) p.nodePort = oldVal;
      }
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(svc) && !spec.healthCheckNodePort && oldSpec.healthCheckNodePort) {
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }
}

function fail(svc: KObject, errs: FieldError[]): never {
  throw invalid('', 'Service', svc.metadata.name ?? '', errs);
}

/** initIPFamilyFields on a single-stack IPv4 cluster. */
function initIPFamilyFields(svc: KObject, old?: KObject): void {
  const spec = svc.spec;
  if (spec.type === 'ExternalName') return;
  if (spec.ipFamilyPolicy == null) {
    if (old?.spec?.ipFamilyPolicy != null) spec.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    else if (spec.clusterIP === 'None' && !hasSelector(svc)) spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  const pre = validateClusterIPsRelatedFields(svc);
  if (pre.length) fail(svc, pre);
  const errs: FieldError[] = [];
  if (old) {
    if (spec.ipFamilyPolicy === 'SingleStack') {
      if (sameList(old.spec?.clusterIPs, spec.clusterIPs) && spec.clusterIPs?.length > 1) spec.clusterIPs = spec.clusterIPs.slice(0, 1);
      if (sameList(old.spec?.ipFamilies, spec.ipFamilies) && spec.ipFamilies?.length > 1) spec.ipFamilies = spec.ipFamilies.slice(0, 1);
    } else {
      if ((spec.clusterIPs?.length ?? 0) < (old.spec?.clusterIPs?.length ?? 0)) {
        errs.push(invalidValue('spec.ipFamilyPolicy', spec.ipFamilyPolicy, "must be 'SingleStack' to release the secondary cluster IP"));
      }
      if ((spec.ipFamilies?.length ?? 0) < (old.spec?.ipFamilies?.length ?? 0)) {
        errs.push(invalidValue('spec.ipFamilyPolicy', spec.ipFamilyPolicy, "must be 'SingleStack' to release the secondary IP family"));
      }
    }
  }
  if (spec.ipFamilyPolicy === 'SingleStack') {
    if (spec.clusterIPs?.length === 2) {
      errs.push(invalidValue('spec.ipFamilyPolicy', 'SingleStack', "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if (spec.ipFamilies?.length === 2) {
      errs.push(invalidValue('spec.ipFamilyPolicy', 'SingleStack', "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  const families: string[] = spec.ipFamilies ? [...spec.ipFamilies] : [];
  for (const [i, ip] of (spec.clusterIPs ?? []).entries()) {
    if (ip === 'None') break;
    if (i >= families.length) {
      const fam = ipFamilyOf(ip) ?? 'IPv4';
      if (fam !== 'IPv4') {
        errs.push({ type: 'Invalid', field: `spec.clusterIPs[${i}]`, goValue: goStrings('[]string', spec.clusterIPs), detail: `${fam} is not configured on this cluster` });
      } else {
        families.push(fam);
      }
    }
  }
  if (families.length) spec.ipFamilies = families;
  if (errs.length) fail(svc, errs);
  if (spec.clusterIP === 'None' && !hasSelector(svc)) {
    if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
    if (spec.ipFamilies.length < 2 && spec.ipFamilyPolicy !== 'SingleStack') {
      spec.ipFamilies = [...spec.ipFamilies, spec.ipFamilies[0] === 'IPv4' ? 'IPv6' : 'IPv4'];
    }
    return;
  }
  if (spec.ipFamilyPolicy === 'RequireDualStack') {
    errs.push(invalidValue('spec.ipFamilyPolicy', 'RequireDualStack', 'this cluster is not configured for dual-stack services'));
  }
  (spec.ipFamilies ?? []).forEach((fam: string, i: number) => {
    if (fam !== 'IPv4') errs.push(invalidValue(`spec.ipFamilies[${i}]`, fam, 'not configured on this cluster'));
  });
  if (errs.length) fail(svc, errs);
  if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
}

const hasSelector = (svc: KObject) => Object.keys(svc.spec?.selector ?? {}).length > 0;

/** allocClusterIPs: the primary (and only, on this IPv4 cluster) address, chosen or allocated. */
function allocClusterIPs(svc: KObject, ctx: ApiContext, except?: { ns: string; name: string }): void {
  const spec = svc.spec;
  if (spec.type === 'ExternalName' || spec.clusterIPs?.[0] === 'None') return;
  const requested: string = spec.clusterIPs?.[0] ?? '';
  const taken = takenClusterIPs(ctx, except);
  if (!requested) {
    const ip = allocateNextIP(ctx, taken);
    if (!ip) throw internal(`failed to allocate a serviceIP: ${ERR_FULL}`);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip, ...(spec.clusterIPs ?? []).slice(1)];
    return;
  }
  const err = checkStaticIP(requested, taken);
  if (err) {
    fail(svc, [{ type: 'Invalid', field: 'spec.clusterIPs', goValue: goStrings('[]string', spec.clusterIPs), detail: `failed to allocate IP ${requested}: ${err}` }]);
  }
}

function nodePortError(svc: KObject, i: number, port: number, err: string): never {
  return fail(svc, [invalidValue(`spec.ports[${i}].nodePort`, port, err)]);
}

/** initNodePorts: ports that share a port number share a node port; requested ones are reserved. */
function initNodePorts(svc: KObject, op: NodePortOperation): void {
  const ports: any[] = svc.spec.ports ?? [];
  const byPort = new Map<number, number>();
  ports.forEach((sp, i) => {
    if (!sp) return;
    if (!sp.nodePort && !shouldAllocateNodePorts(svc)) return;
    const allocated = byPort.get(sp.port) ?? 0;
    if (!allocated) {
      const np = ports.find((p) => p?.port === sp.port && p?.nodePort)?.nodePort ?? 0;
      if (np) {
        const err = op.allocate(np);
        if (err) nodePortError(svc, i, np, err);
        sp.nodePort = np;
        byPort.set(sp.port, np);
      } else {
        const next = op.allocateNext();
        if (next === undefined) throw internal(`failed to allocate a nodePort: ${ERR_FULL}`);
        sp.nodePort = next;
        byPort.set(sp.port, next);
      }
    } else if (sp.nodePort !== allocated) {
      if (!sp.nodePort) sp.nodePort = allocated;
      else {
        const err = op.allocate(sp.nodePort);
        if (err) nodePortError(svc, i, sp.nodePort, err);
      }
    }
  });
}

function allocHealthCheckNodePort(svc: KObject, op: NodePortOperation): void {
  const hc = svc.spec.healthCheckNodePort;
  if (hc) {
    const err = op.allocate(hc);
    if (err) throw internal(`failed to allocate requested HealthCheck NodePort ${hc}: ${err}`);
  } else {
    const next = op.allocateNext();
    if (next === undefined) throw internal(`failed to allocate a HealthCheck NodePort 0: ${ERR_FULL}`);
    svc.spec.healthCheckNodePort = next;
  }
}

function updateNodePorts(svc: KObject, old: KObject, op: NodePortOperation): void {
  const oldPorts = new Set<number>((old.spec?.ports ?? []).map((p: any) => p?.nodePort).filter(Boolean));
  const done = new Set<number>();
  (svc.spec.ports ?? []).forEach((sp: any, i: number) => {
    if (!sp) return;
    if (!sp.nodePort && !shouldAllocateNodePorts(svc)) return;
    if (sp.nodePort) {
      if (!oldPorts.has(sp.nodePort) && !done.has(sp.nodePort)) {
        const err = op.allocate(sp.nodePort);
        if (err) nodePortError(svc, i, sp.nodePort, err);
        done.add(sp.nodePort);
      }
    } else {
      const next = op.allocateNext();
      if (next === undefined) throw internal(`failed to allocate a nodePort: ${ERR_FULL}`);
      sp.nodePort = next;
    }
  });
}

/** dropTypeDependentFields: switching type clears what the old type allocated, unless the user changed it too. */
function dropTypeDependentFields(svc: KObject, old: KObject): void {
  const spec = svc.spec;
  const oldSpec = old.spec ?? {};
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if ((oldSpec.clusterIP ?? '') === (spec.clusterIP ?? '') && sameList(oldSpec.clusterIPs, spec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameList(oldSpec.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if ((oldSpec.ipFamilyPolicy ?? null) === (spec.ipFamilyPolicy ?? null)) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(svc)) {
    const np = (s: any) => (s.ports ?? []).map((p: any) => p?.nodePort ?? 0);
    if (sameList(np(oldSpec), np(spec))) for (const p of spec.ports ?? []) if (p) delete p.nodePort;
    if ((oldSpec.healthCheckNodePort ?? 0) === (spec.healthCheckNodePort ?? 0)) delete spec.healthCheckNodePort;
  }
  if (oldSpec.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts != null && spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if ((spec.loadBalancerClass ?? null) === (oldSpec.loadBalancerClass ?? null)) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(old) && !externallyAccessible(svc) && (spec.externalTrafficPolicy ?? '') === (oldSpec.externalTrafficPolicy ?? '')) {
    delete spec.externalTrafficPolicy;
  }
  if (spec.type !== 'LoadBalancer') svc.status = { ...(svc.status ?? {}), loadBalancer: {} };
}

function beginCreate(svc: KObject, ctx: ApiContext): void {
  defaultService(svc);
  normalizeClusterIPs(svc);
  initIPFamilyFields(svc);
  allocClusterIPs(svc, ctx);
  const op = new NodePortOperation(ctx, takenNodePorts(ctx));
  if (needsNodePort(svc)) initNodePorts(svc, op);
  if (needsHealthCheck(svc)) allocHealthCheckNodePort(svc, op);
}

function beginUpdate(svc: KObject, old: KObject, ctx: ApiContext): void {
  defaultService(svc);
  patchAllocatedValues(svc, old);
  normalizeClusterIPs(svc, old);
  initIPFamilyFields(svc, old);
  const self = { ns: old.metadata.namespace ?? '', name: old.metadata.name ?? '' };
  if (old.spec?.type === 'ExternalName' && svc.spec.type !== 'ExternalName') allocClusterIPs(svc, ctx, self);
  const op = new NodePortOperation(ctx, takenNodePorts(ctx, self));
  if (needsNodePort(svc)) updateNodePorts(svc, old, op);
  if (needsHealthCheck(svc) && !needsHealthCheck(old)) allocHealthCheckNodePort(svc, op);
}

const serviceStrategy: KindStrategy = {
  defaults: defaultService,
  prepareForCreate(svc, ctx) {
    delete svc.metadata.generation;
    beginCreate(svc, ctx);
    svc.status = { loadBalancer: {} };
  },
  prepareForUpdate(svc, old, ctx) {
    svc.spec ??= {};
    beginUpdate(svc, old, ctx);
    svc.status = old.status ?? { loadBalancer: {} };
    dropTypeDependentFields(svc, old);
  },
  validate: validateService,
  validateUpdate: validateServiceUpdate,
  bumpsGeneration: () => false,
};

registerStrategy('Service', serviceStrategy);
