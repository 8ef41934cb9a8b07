/** Events, Endpoints, EndpointSlices, ServiceAccounts and Leases: light validation as the real registry does it. */
import type { KObject } from '../../types';
import type { KindStrategy } from '../context';
import { badRequest } from '../errors';
import type { FieldError } from '../field-errors';
import { duplicate, forbiddenField, invalidValue, notSupported, required } from '../field-errors';
import { immutableField, parseIPv4, validateIP, validateNonSpecialIP } from '../validation/common';
import { validateObjectMeta } from '../validation/meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from '../validation/names';
import { registerStrategy } from './index';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const noGeneration = (obj: KObject) => void delete obj.metadata.generation;

// ---- Event (core/v1 gets only the legacy checks, not full ObjectMeta validation)

function validateEvent(ev: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata.namespace ?? '';
  const involvedNs = ev.involvedObject?.namespace ?? '';
  // Components record tens of thousands of these: the common case (a matching namespace) builds nothing.
  if (!ev.eventTime && ns === involvedNs && ns !== '') {
    const nsErrs = isDNS1123Subdomain(ns);
    return nsErrs.length ? nsErrs.map((m) => invalidValue('namespace', ns, m)) : errs;
  }
  const mismatch = () => invalidValue('involvedObject.namespace', involvedNs, 'does not match event.namespace');
  if (!ev.eventTime) {
    if (!involvedNs) {
      if (ns !== '' && ns !== 'default') errs.push(mismatch());
    } else if (ns !== involvedNs) {
      errs.push(mismatch());
    }
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system') errs.push(mismatch());
    const controller = String(ev.reportingComponent ?? '');
    if (!controller) errs.push(required('reportingComponent'));
    errs.push(...isQualifiedName(controller).map((m) => invalidValue('reportingComponent', controller, m)));
    const limited: [string, number][] = [['reportingInstance', 128], ['action', 128], ['reason', 128]];
    for (const [f, limit] of limited) {
      const v = String(ev[f] ?? '');
      if (!v) errs.push(required(f));
      if (v.length > limit) errs.push(invalidValue(f, '', `can have at most ${limit} characters`));
    }
    if (String(ev.message ?? '').length > 1024) errs.push(invalidValue('message', '', 'can have at most 1024 characters'));
  }
  errs.push(...isDNS1123Subdomain(ns).map((m) => invalidValue('namespace', ns, m)));
  return errs;
}

const eventStrategy: KindStrategy = {
  prepareForCreate(ev) {
    noGeneration(ev);
    if (!ev.metadata.name) throw badRequest('Name parameter required.');
  },
  validate: validateEvent,
  bumpsGeneration: () => false,
};

// ---- Endpoints

function validateEndpointAddress(a: any, f: string): FieldError[] {
  const ip = String(a?.ip ?? '');
  const errs = validateIP(ip, `${f}.ip`);
  if (a?.hostname) errs.push(...isDNS1123Label(a.hostname).map((m) => invalidValue(`${f}.hostname`, a.hostname, m)));
  if (a?.nodeName != null) errs.push(...isDNS1123Subdomain(a.nodeName).map((m) => invalidValue(`${f}.nodeName`, a.nodeName, m)));
  errs.push(...validateNonSpecialIP(ip, `${f}.ip`));
  return errs;
}

function validatePorts(ports: any[], f: string, requireName: boolean, protocolRequired = true): FieldError[] {
  const errs: FieldError[] = [];
  ports.forEach((p, i) => {
    const pf = `${f}[${i}]`;
    if (requireName && !p?.name) errs.push(required(`${pf}.name`));
    else if (p?.name) errs.push(...isDNS1123Label(p.name).map((m) => invalidValue(`${pf}.name`, p.name, m)));
    errs.push(...isValidPortNum(p?.port ?? 0).map((m) => invalidValue(`${pf}.port`, p?.port ?? 0, m)));
    if (!p?.protocol) {
      if (protocolRequired) errs.push(required(`${pf}.protocol`));
    } else if (!PROTOCOLS.includes(p.protocol)) {
      errs.push(notSupported(`${pf}.protocol`, p.protocol, PROTOCOLS));
    }
    if (p?.appProtocol != null) errs.push(...isQualifiedName(p.appProtocol).map((m) => invalidValue(`${pf}.appProtocol`, p.appProtocol, m)));
  });
  return errs;
}

function validateEndpoints(ep: KObject): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, { namespaced: true, nameRule: 'subdomain' });
  (ep.subsets ?? []).forEach((ss: any, i: number) => {
    const f = `subsets[${i}]`;
    if (!ss?.addresses?.length && !ss?.notReadyAddresses?.length) {
      errs.push(required(f, 'must specify `addresses` or `notReadyAddresses`'));
    }
    (ss?.addresses ?? []).forEach((a: any, j: number) => errs.push(...validateEndpointAddress(a, `${f}.addresses[${j}]`)));
    (ss?.notReadyAddresses ?? []).forEach((a: any, j: number) => errs.push(...validateEndpointAddress(a, `${f}.notReadyAddresses[${j}]`)));
    const ports: any[] = ss?.ports ?? [];
    errs.push(...validatePorts(ports, `${f}.ports`, ports.length > 1));
  });
  return errs;
}

const endpointsStrategy: KindStrategy = {
  defaults(ep) {
    for (const ss of ep.subsets ?? []) for (const p of ss?.ports ?? []) if (p && !p.protocol) p.protocol = 'TCP';
  },
  prepareForCreate: noGeneration,
  validate: validateEndpoints,
  bumpsGeneration: () => false,
};

// ---- EndpointSlice (discovery.k8s.io/v1)

function validateSliceAddress(type: string, addr: string, f: string): FieldError[] {
  if (type === 'IPv4') {
    if (parseIPv4(addr) === undefined) return [invalidValue(f, addr, 'must be a valid IPv4 address')];
    return validateNonSpecialIP(addr, f);
  }
  if (type === 'IPv6') {
    if (!addr.includes(':')) return [invalidValue(f, addr, 'must be a valid IPv6 address')];
    return validateNonSpecialIP(addr, f);
  }
  if (type === 'FQDN') {
    if (!addr.includes('.')) return [invalidValue(f, addr, 'should be a domain with at least two segments separated by dots')];
    return isDNS1123Subdomain(addr.toLowerCase()).map((m) => invalidValue(f, addr, m));
  }
  return [];
}

function validateEndpointSlice(eps: KObject): FieldError[] {
  const errs = validateObjectMeta(eps.metadata, { namespaced: true, nameRule: 'subdomain' });
  const type = eps.addressType ?? '';
  if (!type) errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(notSupported('addressType', type, ADDRESS_TYPES));
  const endpoints: any[] = eps.endpoints ?? [];
  if (endpoints.length > 1000) errs.push({ type: 'TooMany', field: 'endpoints', badValue: endpoints.length, detail: 'must have at most 1000 items' });
  endpoints.forEach((ep, i) => {
    const f = `endpoints[${i}]`;
    const addrs: string[] = ep?.addresses ?? [];
    if (!addrs.length) errs.push(required(`${f}.addresses`, 'must contain at least 1 address'));
    else if (addrs.length > 100) errs.push({ type: 'TooMany', field: `${f}.addresses`, badValue: addrs.length, detail: 'must have at most 100 items' });
    addrs.forEach((a, j) => errs.push(...validateSliceAddress(type, String(a), `${f}.addresses[${j}]`)));
    if (ep?.nodeName != null) errs.push(...isDNS1123Subdomain(ep.nodeName).map((m) => invalidValue(`${f}.nodeName`, ep.nodeName, m)));
    if (ep?.hostname != null) errs.push(...isDNS1123Label(ep.hostname).map((m) => invalidValue(`${f}.hostname`, ep.hostname, m)));
  });
  const names = new Set<string>();
  (eps.ports ?? []).forEach((p: any, i: number) => {
    const f = `ports[${i}]`;
    const name = p?.name ?? '';
    if (name) errs.push(...isDNS1123Label(name).map((m) => invalidValue(`${f}.name`, name, m)));
    if (names.has(name)) errs.push(duplicate(`${f}.name`, name));
    names.add(name);
    if (p?.protocol == null) errs.push(required(`${f}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${f}.protocol`, p.protocol, PROTOCOLS));
    if (p?.appProtocol != null) errs.push(...isQualifiedName(p.appProtocol).map((m) => invalidValue(`${f}.appProtocol`, p.appProtocol, m)));
  });
  return errs;
}

const endpointSliceStrategy: KindStrategy = {
  defaults(eps) {
    for (const p of eps.ports ?? []) {
      if (!p) continue;
      if (p.name == null) p.name = '';
      if (p.protocol == null) p.protocol = 'TCP';
    }
  },
  validate: validateEndpointSlice,
  validateUpdate: (eps, old) => immutableField(eps.addressType, old.addressType, 'addressType'),
};

// ---- ServiceAccount and Lease

const serviceAccountStrategy: KindStrategy = {
  prepareForCreate: noGeneration,
  validate: (sa) => validateObjectMeta(sa.metadata, { namespaced: true, nameRule: 'subdomain' }),
  bumpsGeneration: () => false,
};

function validateLease(lease: KObject): FieldError[] {
  const spec = lease.spec ?? {};
  const errs = validateObjectMeta(lease.metadata, { namespaced: true, nameRule: 'subdomain' });
  if (spec.leaseDurationSeconds != null && spec.leaseDurationSeconds <= 0) {
    errs.push(invalidValue('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions != null && spec.leaseTransitions < 0) {
    errs.push(invalidValue('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (spec.preferredHolder && !spec.strategy) {
    errs.push(forbiddenField('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

const leaseStrategy: KindStrategy = {
  prepareForCreate: noGeneration,
  validate: validateLease,
  bumpsGeneration: () => false,
};

registerStrategy('Event', eventStrategy);
registerStrategy('Endpoints', endpointsStrategy);
registerStrategy('EndpointSlice', endpointSliceStrategy);
registerStrategy('ServiceAccount', serviceAccountStrategy);
registerStrategy('Lease', leaseStrategy);
