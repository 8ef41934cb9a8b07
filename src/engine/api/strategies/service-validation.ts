/** ValidateService and ValidateServiceUpdate (pkg/apis/core/validation), with the real messages. */
import type { KObject } from '../../types';
import type { FieldError } from '../field-errors';
import { duplicate, forbiddenField, goQuote, invalidValue, notSupported, required } from '../field-errors';
import { goStrings, ipFamilyOf, validateCIDR, validateIP, validateNonSpecialIP, validatePortNumOrName } from '../validation/common';
import { validateLabels, validateObjectMeta } from '../validation/meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from '../validation/names';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const FAMILIES = ['IPv4', 'IPv6'];
const FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const MAX_AFFINITY_SECONDS = 86400;

export const isHeadless = (svc: KObject): boolean => svc.spec?.clusterIPs?.length === 1 && svc.spec.clusterIPs[0] === 'None';

export function externallyAccessible(svc: KObject): boolean {
  const t = svc.spec?.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec?.externalIPs?.length ?? 0) > 0);
}

export const needsHealthCheck = (svc: KObject): boolean =>
  svc.spec?.type === 'LoadBalancer' && svc.spec?.externalTrafficPolicy === 'Local';

const clusterIPsValue = (svc: KObject) => goStrings('[]string', svc.spec?.clusterIPs ?? []);

/** Go's %#v of a core.ServicePort holding only protocol and port (the duplicate-port key). */
function goPortKey(protocol: string, port: number): string {
  return (
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
    'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'
  );
}

export function validateService(svc: KObject): FieldError[] {
  const spec = svc.spec ?? {};
  const errs = validateObjectMeta(svc.metadata, { namespaced: true, nameRule: 'dns1035' });
  const ports: any[] = Array.isArray(spec.ports) ? spec.ports : [];
  const headless = isHeadless(svc);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  if (spec.type === 'LoadBalancer' && headless) {
    errs.push(invalidValue('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
  } else if (spec.type === 'NodePort' && headless) {
    errs.push(invalidValue('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
  } else if (spec.type === 'ExternalName') {
    if (spec.clusterIPs?.length) errs.push(forbiddenField('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (spec.ipFamilies?.length) errs.push(forbiddenField('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy != null) errs.push(forbiddenField('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => invalidValue('spec.externalName', cname, m)));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p ?? {}, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.selector != null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!spec.sessionAffinity) errs.push(required('spec.sessionAffinity'));
  else if (!AFFINITIES.includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITIES));
  if (spec.sessionAffinity === 'ClientIP') errs.push(...validateClientIPAffinity(spec.sessionAffinityConfig));
  else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig != null) {
    errs.push(forbiddenField('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPsRelatedFields(svc));
  (spec.externalIPs ?? []).forEach((ip: string, i: number) => {
    const f = `spec.externalIPs[${i}]`;
    const bad = validateIP(String(ip), f);
    errs.push(...(bad.length ? bad : validateNonSpecialIP(String(ip), f)));
  });
  if (!spec.type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p?.nodePort) errs.push(forbiddenField(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p?.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p?.protocol}/${p?.port}`;
    if (seen.has(key)) errs.push({ type: 'Duplicate', field: `spec.ports[${i}]`, goValue: goPortKey(p?.protocol ?? '', p?.port ?? 0) });
    seen.add(key);
  });
  errs.push(...validateSourceRanges(svc));
  if (spec.allocateLoadBalancerNodePorts != null && spec.type !== 'LoadBalancer') {
    errs.push(forbiddenField('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) {
    errs.push(required('allocateLoadBalancerNodePorts'));
  }
  errs.push(...validateExternalTrafficPolicy(svc));
  if (spec.internalTrafficPolicy == null) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) errs.push(required('spec.internalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (spec.trafficDistribution != null && spec.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

function validateServicePort(sp: any, requireName: boolean, names: Set<string>, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) {
    errs.push(required(`${f}.name`));
  } else if (sp.name) {
    errs.push(...isDNS1123Label(sp.name).map((m) => invalidValue(`${f}.name`, sp.name, m)));
    if (names.has(sp.name)) errs.push(duplicate(`${f}.name`, sp.name));
    else names.add(sp.name);
  }
  errs.push(...isValidPortNum(sp.port ?? 0).map((m) => invalidValue(`${f}.port`, sp.port ?? 0, m)));
  if (!sp.protocol) errs.push(required(`${f}.protocol`));
  else if (!PROTOCOLS.includes(sp.protocol)) errs.push(notSupported(`${f}.protocol`, sp.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, `${f}.targetPort`));
  if (sp.appProtocol != null) {
    errs.push(...isQualifiedName(String(sp.appProtocol)).map((m) => invalidValue(`${f}.appProtocol`, sp.appProtocol, m)));
  }
  return errs;
}

function validateClientIPAffinity(config: any): FieldError[] {
  const why = 'when session affinity type is ClientIP';
  if (config == null) return [required('spec.sessionAffinityConfig', why)];
  if (config.clientIP == null) return [required('spec.sessionAffinityConfig.clientIP', why)];
  const t = config.clientIP.timeoutSeconds;
  if (t == null) return [required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', why)];
  if (t <= 0 || t > MAX_AFFINITY_SECONDS) {
    return [invalidValue('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`)];
  }
  return [];
}

function validateSourceRanges(svc: KObject): FieldError[] {
  const ranges: unknown[] = svc.spec?.loadBalancerSourceRanges ?? [];
  if (!ranges.length) return [];
  const f = 'spec.LoadBalancerSourceRanges';
  const errs: FieldError[] = [];
  if (svc.spec.type !== 'LoadBalancer') errs.push(forbiddenField(f, "may only be used when `type` is 'LoadBalancer'"));
  ranges.forEach((r, i) => errs.push(...validateCIDR(String(r).trim(), `${f}[${i}]`)));
  return errs;
}

function validateExternalTrafficPolicy(svc: KObject): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  if (!externallyAccessible(svc)) {
    if (spec.externalTrafficPolicy) {
      errs.push(invalidValue('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    }
  } else if (!spec.externalTrafficPolicy) {
    errs.push(required('spec.externalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy)) {
    errs.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (!needsHealthCheck(svc)) {
    if (spec.healthCheckNodePort) {
      errs.push(
        invalidValue('spec.healthCheckNodePort', spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"),
      );
    }
  } else if (!spec.healthCheckNodePort) {
    errs.push(required('spec.healthCheckNodePort'));
  } else {
    errs.push(...isValidPortNum(spec.healthCheckNodePort).map((m) => invalidValue('spec.healthCheckNodePort', spec.healthCheckNodePort, m)));
  }
  return errs;
}

/** ValidateServiceClusterIPsRelatedFields: clusterIP/clusterIPs in sync, families and policy known. */
export function validateClusterIPsRelatedFields(svc: KObject): FieldError[] {
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips: string[] = spec.clusterIPs ?? [];
  const ipsValue = clusterIPsValue(svc);
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP) errs.push({ type: 'Invalid', field: 'spec.clusterIPs', goValue: ipsValue, detail: 'first value must match `clusterIP`' });
  } else if (ips.length) {
    errs.push({ type: 'Invalid', field: 'spec.clusterIPs', goValue: ipsValue, detail: 'must be empty when `clusterIP` is not specified' });
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((fam: string, i: number) => {
    if (!FAMILIES.includes(fam)) errs.push(notSupported(`spec.ipFamilies[${i}]`, fam, FAMILIES));
    if (seen.has(fam)) errs.push(duplicate(`spec.ipFamilies[${i}]`, fam));
    seen.add(fam);
  });
  if (spec.ipFamilyPolicy != null && !FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, FAMILY_POLICIES));
  }
  let hasInvalid = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        hasInvalid = true;
        errs.push({ type: 'Invalid', field: 'spec.clusterIPs', goValue: ipsValue, detail: "'None' must be the first and only value" });
      }
      return;
    }
    const bad = validateIP(String(ip), `spec.clusterIPs[${i}]`);
    if (bad.length) hasInvalid = true;
    errs.push(...bad);
  });
  if (ips.length > 2) errs.push({ type: 'Invalid', field: 'spec.clusterIPs', goValue: ipsValue, detail: 'may only hold up to 2 values' });
  if (hasInvalid) return errs;
  if (ips.length > 1 && ipFamilyOf(ips[0]) === ipFamilyOf(ips[1])) {
    errs.push({ type: 'Invalid', field: 'spec.clusterIPs', goValue: ipsValue, detail: 'may specify no more than one IP for each IP family' });
  }
  if (!isHeadless(svc) && ips.length && spec.ipFamilies?.length) {
    ips.forEach((ip, i) => {
      const fam = spec.ipFamilies[i];
      if (fam === 'IPv4' && ipFamilyOf(ip) === 'IPv6') {
        errs.push(invalidValue(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      }
      if (fam === 'IPv6' && ipFamilyOf(ip) !== 'IPv6') {
        errs.push(invalidValue(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
      }
    });
  }
  return errs;
}

/** The update-only checks of ValidateServiceUpdate: the primary clusterIP and family may not change. */
export function validateServiceUpdate(svc: KObject, old: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = svc.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return errs;
  const newHeadless = isHeadless(svc);
  const oldHeadless = isHeadless(old);
  const ips: string[] = spec.clusterIPs ?? [];
  const oldIps: string[] = oldSpec.clusterIPs ?? [];
  const ipsValue = clusterIPsValue(svc);
  if (!(oldHeadless && newHeadless)) {
    if (oldIps.length === ips.length) {
      oldIps.forEach((ip, i) => {
        if (ip !== ips[i]) errs.push({ type: 'Invalid', field: `spec.clusterIPs[${i}]`, goValue: ipsValue, detail: 'may not change once set' });
      });
    } else if (oldIps.length > ips.length) {
      if (ips.length === 0) errs.push({ type: 'Invalid', field: 'spec.clusterIPs[0]', goValue: ipsValue, detail: 'primary clusterIP can not be unset' });
      if (oldIps.length > 0 && ips.length > 0 && ips[0] !== oldIps[0]) {
        errs.push({ type: 'Invalid', field: 'spec.clusterIPs[0]', goValue: ipsValue, detail: 'may not change once set' });
      }
    } else if (oldIps.length > 0 && ips[0] !== oldIps[0]) {
      errs.push({ type: 'Invalid', field: 'spec.clusterIPs[0]', goValue: ipsValue, detail: 'may not change once set' });
    }
  }
  if (newHeadless === oldHeadless && !newHeadless) {
    const fams: string[] = spec.ipFamilies ?? [];
    const oldFams: string[] = oldSpec.ipFamilies ?? [];
    if (fams.length === oldFams.length && oldFams.some((f, i) => f !== fams[i])) {
      errs.push({ type: 'Invalid', field: 'spec.ipFamilies[0]', goValue: goStrings('[]core.IPFamily', fams), detail: 'may not change once set' });
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(svc) && spec.healthCheckNodePort !== oldSpec.healthCheckNodePort) {
    errs.push(forbiddenField('spec.healthCheckNodePort', 'field is immutable'));
  }
  return errs;
}
