/** Ingresses and IngressClasses (networking.k8s.io/v1): validation as pkg/apis/networking/validation does it. */
import type { KObject } from '../../types';
import type { KindStrategy } from '../context';
import type { FieldError } from '../field-errors';
import { forbiddenField, invalidValue, notSupported, required } from '../field-errors';
import { immutableField, parseIPv4, ipFamilyOf } from '../validation/common';
import { validateObjectMeta } from '../validation/meta';
import {
  isDNS1035Label,
  isDNS1123Subdomain,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  regexError,
} from '../validation/names';
import { registerStrategy } from './index';
import { admitDefaultIngressClass } from '../../network/default-ingress-class';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

const isIP = (host: string) => parseIPv4(host) !== undefined || ipFamilyOf(host) === 'IPv6';

function validateBackend(b: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  const hasResource = b?.resource != null;
  const hasService = b?.service != null;
  if (hasResource && hasService) return [invalidValue(f, '', 'cannot set both resource and service backends')];
  if (hasResource) return validateTypedRef(b.resource, `${f}.resource`);
  if (!hasService) return [invalidValue(f, '', 'resource or service backend is required')];
  const svc = b.service;
  if (!svc.name) errs.push(required(`${f}.service.name`));
  else errs.push(...isDNS1035Label(svc.name).map((m) => invalidValue(`${f}.service.name`, svc.name, m)));
  const portName = svc.port?.name ?? '';
  const portNumber = svc.port?.number ?? 0;
  if (portName && portNumber) errs.push(invalidValue(f, '', 'cannot set both port name & port number'));
  else if (portName) errs.push(...isValidPortName(portName).map((m) => invalidValue(`${f}.service.port.name`, portName, m)));
  else if (portNumber) errs.push(...isValidPortNum(portNumber).map((m) => invalidValue(`${f}.service.port.number`, portNumber, m)));
  else errs.push(required(f, 'port name or number is required'));
  return errs;
}

function validateTypedRef(ref: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (ref.apiGroup != null) errs.push(...isDNS1123Subdomain(ref.apiGroup).map((m) => invalidValue(`${f}.apiGroup`, ref.apiGroup, m)));
  for (const key of ['kind', 'name']) {
    if (!ref[key]) errs.push(required(`${f}.${key}`));
    else errs.push(...isValidPathSegmentName(ref[key]).map((m) => invalidValue(`${f}.${key}`, ref[key], m)));
  }
  return errs;
}

function validatePath(p: any, f: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p?.pathType == null) return [required(`${f}.pathType`, 'pathType must be specified')];
  const path: string = p.path ?? '';
  if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
    if (!path.startsWith('/')) errs.push(invalidValue(`${f}.path`, path, 'must be an absolute path'));
    if (path) {
      for (const seq of INVALID_PATH_SEQUENCES) if (path.includes(seq)) errs.push(invalidValue(`${f}.path`, path, `must not contain '${seq}'`));
      for (const suf of INVALID_PATH_SUFFIXES) if (path.endsWith(suf)) errs.push(invalidValue(`${f}.path`, path, `cannot end with '${suf}'`));
    }
  } else if (p.pathType === 'ImplementationSpecific') {
    if (path && !path.startsWith('/')) errs.push(invalidValue(`${f}.path`, path, 'must be an absolute path'));
  } else {
    errs.push(notSupported(`${f}.pathType`, p.pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(p.backend, `${f}.backend`));
  return errs;
}

function validateRules(rules: any[]): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((rule, i) => {
    const f = `spec.rules[${i}]`;
    const host: string = rule?.host ?? '';
    if (host) {
      if (isIP(host)) errs.push(invalidValue(`${f}.host`, host, 'must be a DNS name, not an IP address'));
      const check = host.includes('*') ? isWildcardDNS1123Subdomain : isDNS1123Subdomain;
      errs.push(...check(host).map((m) => invalidValue(`${f}.host`, host, m)));
    }
    if (rule?.http != null) {
      const paths: any[] = rule.http.paths ?? [];
      if (!paths.length) errs.push(required(`${f}.http.paths`));
      paths.forEach((p, j) => errs.push(...validatePath(p, `${f}.http.paths[${j}]`)));
    }
  });
  return errs;
}

function validateIngress(ing: KObject): FieldError[] {
  const spec = ing.spec ?? {};
  const errs = validateObjectMeta(ing.metadata, { namespaced: true, nameRule: 'subdomain' });
  const rules: any[] = Array.isArray(spec.rules) ? spec.rules : [];
  if (!rules.length && spec.defaultBackend == null) {
    errs.push({ type: 'Invalid', field: 'spec', goValue: '[]networking.IngressRule(nil)', detail: 'either `defaultBackend` or `rules` must be specified' });
  }
  if (spec.defaultBackend != null) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  errs.push(...validateRules(rules));
  (spec.tls ?? []).forEach((tls: any, i: number) => {
    (tls?.hosts ?? []).forEach((host: string, j: number) => {
      const check = host.includes('*') ? isWildcardDNS1123Subdomain : isDNS1123Subdomain;
      errs.push(...check(host).map((m) => invalidValue(`spec.tls[${i}].hosts[${j}]`, host, m)));
    });
    if (tls?.secretName) {
      errs.push(...isDNS1123Subdomain(tls.secretName).map((m) => invalidValue(`spec.tls[${i}].secretName`, tls.secretName, m)));
    }
  });
  if (spec.ingressClassName != null) {
    errs.push(...isDNS1123Subdomain(spec.ingressClassName).map((m) => invalidValue('spec.ingressClassName', spec.ingressClassName, m)));
  }
  return errs;
}

function validateIngressCreate(ing: KObject): FieldError[] {
  const errs = validateIngress(ing);
  const ann = ing.metadata.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (ann !== undefined && ing.spec?.ingressClassName != null && ann !== ing.spec.ingressClassName) {
    errs.push(invalidValue(`annotations.${INGRESS_CLASS_ANNOTATION}`, ann, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

/** Objects being created: the class-annotation check is create-only (ValidateIngressCreate). */
const beingCreated = new WeakSet<KObject>();

const ingressStrategy: KindStrategy = {
  prepareForCreate(ing, ctx) {
    beingCreated.add(ing);
    admitDefaultIngressClass(ing, ctx);
    ing.status = { loadBalancer: {} };
  },
  prepareForUpdate(ing, old) {
    ing.status = old.status ?? { loadBalancer: {} };
  },
  validate: (ing) => (beingCreated.has(ing) ? validateIngressCreate(ing) : validateIngress(ing)),
};

// ---- IngressClass

function validateController(controller: unknown): FieldError[] {
  const f = 'spec.controller';
  const c = String(controller ?? '');
  if (!c) return [required(f)];
  const errs: FieldError[] = [];
  if (c.length > 250) errs.push({ type: 'TooLong', field: f, detail: 'may not be more than 250 bytes' });
  const slash = c.indexOf('/');
  if (slash <= 0 || slash === c.length - 1) {
    errs.push(invalidValue(f, c, 'must be a domain-prefixed path (such as "acme.io/foo")'));
    return errs;
  }
  const host = c.slice(0, slash);
  const path = c.slice(slash + 1);
  errs.push(...isDNS1123Subdomain(host).map((m) => invalidValue(f, host, m)));
  if (!new RegExp(`^${HTTP_PATH_FMT}$`).test(path)) errs.push(invalidValue(f, path, regexError('Invalid path', HTTP_PATH_FMT)));
  return errs;
}

function validateIngressClass(ic: KObject): FieldError[] {
  const errs = validateObjectMeta(ic.metadata, { namespaced: false, nameRule: 'subdomain' });
  errs.push(...validateController(ic.spec?.controller));
  const params = ic.spec?.parameters;
  if (params != null) {
    const f = 'spec.parameters';
    errs.push(...validateTypedRef(params, f));
    const scope = params.scope;
    if (scope !== 'Cluster' && scope !== 'Namespace') {
      errs.push(notSupported(`${f}.scope`, scope ?? '', ['Cluster', 'Namespace']));
    } else if (scope === 'Namespace' && !params.namespace) {
      errs.push(required(`${f}.namespace`, '`parameters.scope` is set to \'Namespace\''));
    } else if (scope === 'Cluster' && params.namespace) {
      errs.push(forbiddenField(`${f}.namespace`, '`parameters.scope` is set to \'Cluster\''));
    }
  }
  return errs;
}

const ingressClassStrategy: KindStrategy = {
  defaults(ic) {
    if (ic.spec?.parameters && ic.spec.parameters.scope == null) ic.spec.parameters.scope = 'Cluster';
  },
  validate: validateIngressClass,
  validateUpdate: (ic, old) => immutableField(ic.spec?.controller, old.spec?.controller, 'spec.controller'),
};

registerStrategy('Ingress', ingressStrategy);
registerStrategy('IngressClass', ingressClassStrategy);
