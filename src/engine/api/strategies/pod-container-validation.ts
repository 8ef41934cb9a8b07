/**
 * Container validation as core/validation does it (validateContainerCommon and the checks of regular and init
 * containers): names, image, ports, env, mounts, pull policy, resources, probes and lifecycle handlers.
 */
import type { FieldError } from '../field-errors';
import { duplicate, forbiddenField, invalidValue, notSupported, required } from '../field-errors';
import { formatQuantity } from '../quantity';
import { parseQuantityCached } from './pod-quantities';
import { validatePortNumOrName } from '../validation/common';
import { isConfigMapKey, isDNS1123Label, isQualifiedName, nameIsDNSSubdomain } from '../validation/meta';
import { isValidPortName, isValidPortNum } from '../validation/names';

const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): any => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

export interface ContainerContext {
  /** Volumes that validated, by name: mounts must name one of them. */
  volumes: Map<string, any>;
  gracePeriod: number | undefined;
}

export function validateContainers(containers: unknown, ctx: ContainerContext, field: string): FieldError[] {
  const list = arr(containers);
  if (list.length === 0) return [required(field)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const path = `${field}[${i}]`;
    const ctr = obj(c) ?? {};
    errs.push(...validateContainerCommon(ctr, ctx, path));
    const name = str(ctr.name);
    if (names.has(name)) errs.push(duplicate(`${path}.name`, name));
    else names.add(name);
    if (obj(ctr.lifecycle)) errs.push(...validateLifecycle(ctr.lifecycle, ctx, `${path}.lifecycle`));
    errs.push(...validateProbe(ctr.livenessProbe, ctx, `${path}.livenessProbe`, 'liveness'));
    errs.push(...validateProbe(ctr.readinessProbe, ctx, `${path}.readinessProbe`, 'readiness'));
    errs.push(...validateProbe(ctr.startupProbe, ctx, `${path}.startupProbe`, 'startup'));
    if (ctr.restartPolicy != null) errs.push(forbiddenField(`${path}.restartPolicy`, 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(list, field));
  return errs;
}

export function validateInitContainers(init: unknown, regular: unknown, ctx: ContainerContext, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(arr(regular).map((c) => str(obj(c)?.name)));
  arr(init).forEach((c, i) => {
    const path = `${field}[${i}]`;
    const ctr = obj(c) ?? {};
    errs.push(...validateContainerCommon(ctr, ctx, path));
    let restartAlways = false;
    if (ctr.restartPolicy != null) {
      if (ctr.restartPolicy !== 'Always') errs.push(notSupported(`${path}.restartPolicy`, ctr.restartPolicy, ['Always']));
      restartAlways = ctr.restartPolicy === 'Always';
    }
    const name = str(ctr.name);
    if (names.has(name)) errs.push(duplicate(`${path}.name`, name));
    else if (name) names.add(name);
    errs.push(...hostPortConflicts([ctr], field));
    if (restartAlways) {
      if (obj(ctr.lifecycle)) errs.push(...validateLifecycle(ctr.lifecycle, ctx, `${path}.lifecycle`));
      errs.push(...validateProbe(ctr.livenessProbe, ctx, `${path}.livenessProbe`, 'liveness'));
      errs.push(...validateProbe(ctr.readinessProbe, ctx, `${path}.readinessProbe`, 'readiness'));
      errs.push(...validateProbe(ctr.startupProbe, ctx, `${path}.startupProbe`, 'startup'));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (ctr[f] != null) errs.push(forbiddenField(`${path}.${f}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

function validateContainerCommon(ctr: any, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ctr.name);
  if (!name) errs.push(required(`${path}.name`));
  else for (const msg of isDNS1123Label(name)) errs.push(invalidValue(`${path}.name`, name, msg));
  if (!str(ctr.image)) errs.push(required(`${path}.image`));
  const tmp = ctr.terminationMessagePolicy;
  if (!tmp) errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validatePorts(ctr.ports, `${path}.ports`));
  errs.push(...validateEnv(ctr.env, `${path}.env`));
  errs.push(...validateEnvFrom(ctr.envFrom, `${path}.envFrom`));
  errs.push(...validateVolumeMounts(ctr.volumeMounts, ctx, `${path}.volumeMounts`));
  const pull = ctr.imagePullPolicy;
  if (!pull) errs.push(required(`${path}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) {
    errs.push(notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...validateResourceRequirements(ctr.resources, `${path}.resources`));
  return errs;
}

function validatePorts(ports: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((p, i) => {
    const port = obj(p) ?? {};
    const path = `${field}[${i}]`;
    if (port.name) {
      const msgs = isValidPortName(str(port.name));
      if (msgs.length) for (const m of msgs) errs.push(invalidValue(`${path}.name`, port.name, m));
      else if (names.has(port.name)) errs.push(duplicate(`${path}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(`${path}.containerPort`));
    else for (const m of isValidPortNum(port.containerPort)) errs.push(invalidValue(`${path}.containerPort`, port.containerPort, m));
    if (port.hostPort) for (const m of isValidPortNum(port.hostPort)) errs.push(invalidValue(`${path}.hostPort`, port.hostPort, m));
    if (!port.protocol) errs.push(required(`${path}.protocol`));
    else if (!['TCP', 'UDP', 'SCTP'].includes(port.protocol)) {
      errs.push(notSupported(`${path}.protocol`, port.protocol, ['SCTP', 'TCP', 'UDP']));
    }
  });
  return errs;
}

/** RelaxedEnvironmentVariableValidation is on by default in v1.33. */
function envNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length === 0) errs.push('environment variable name must be non-empty');
  if (!/^[ -<>-~]+$/.test(name)) errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
  return errs;
}

const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
];
const CONVERTIBLE_FIELD_PATHS = new Set([
  ...ENV_FIELD_PATHS, 'metadata.annotations', 'metadata.labels', 'spec.restartPolicy', 'spec.schedulerName', 'status.phase',
]);

function validateEnv(env: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(env).forEach((e, i) => {
    const ev = obj(e) ?? {};
    const path = `${field}[${i}]`;
    const name = str(ev.name);
    if (!name) errs.push(required(`${path}.name`));
    else for (const m of envNameErrors(name)) errs.push(invalidValue(`${path}.name`, name, m));
    errs.push(...validateEnvValueFrom(ev, `${path}.valueFrom`));
  });
  return errs;
}

function validateEnvValueFrom(ev: any, field: string): FieldError[] {
  const from = obj(ev.valueFrom);
  if (!from) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  if (obj(from.fieldRef)) {
    sources++;
    errs.push(...validateObjectFieldSelector(from.fieldRef, `${field}.fieldRef`));
  }
  if (obj(from.resourceFieldRef)) {
    sources++;
    if (!str(from.resourceFieldRef.resource)) errs.push(required(`${field}.resourceFieldRef.resource`));
  }
  for (const key of ['configMapKeyRef', 'secretKeyRef']) {
    const ref = obj(from[key]);
    if (!ref) continue;
    sources++;
    for (const m of nameIsDNSSubdomain(str(ref.name), false)) errs.push(invalidValue(`${field}.${key}.name`, str(ref.name), m));
    if (!str(ref.key)) errs.push(required(`${field}.${key}.key`));
    else for (const m of isConfigMapKey(str(ref.key))) errs.push(invalidValue(`${field}.${key}.key`, ref.key, m));
  }
  if (sources === 0) {
    errs.push(invalidValue(field, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (str(ev.value)) {
    errs.push(invalidValue(field, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errs.push(invalidValue(field, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

function validateObjectFieldSelector(ref: any, field: string): FieldError[] {
  const version = str(ref.apiVersion);
  const path = str(ref.fieldPath);
  if (!version) return [required(`${field}.apiVersion`)];
  if (!path) return [required(`${field}.fieldPath`)];
  if (version !== 'v1') return [invalidValue(`${field}.fieldPath`, path, `error converting fieldPath: unsupported pod version: ${version}`)];
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(path);
  if (sub) {
    const key = sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2];
    return isQualifiedName(key).map((m) => invalidValue(field, key, m));
  }
  if (!CONVERTIBLE_FIELD_PATHS.has(path)) {
    return [invalidValue(`${field}.fieldPath`, path, `error converting fieldPath: field label not supported: ${path}`)];
  }
  if (!ENV_FIELD_PATHS.includes(path)) return [notSupported(`${field}.fieldPath`, path, ENV_FIELD_PATHS)];
  return [];
}

function validateEnvFrom(envFrom: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(envFrom).forEach((e, i) => {
    const ev = obj(e) ?? {};
    const path = `${field}[${i}]`;
    if (str(ev.prefix)) for (const m of envNameErrors(str(ev.prefix))) errs.push(invalidValue(`${path}.prefix`, ev.prefix, m));
    let sources = 0;
    for (const key of ['configMapRef', 'secretRef']) {
      const ref = obj(ev[key]);
      if (!ref) continue;
      sources++;
      const name = str(ref.name);
      if (!name) errs.push(required(`${path}.${key}.name`));
      else for (const m of nameIsDNSSubdomain(name, true)) errs.push(invalidValue(`${path}.${key}.name`, name, m));
    }
    if (sources === 0) errs.push(invalidValue(field, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalidValue(field, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, ctx: ContainerContext, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  arr(mounts).forEach((m, i) => {
    const mnt = obj(m) ?? {};
    const path = `${field}[${i}]`;
    const name = str(mnt.name);
    const mountPath = str(mnt.mountPath);
    if (!name) errs.push(required(`${path}.name`));
    if (!ctx.volumes.has(name)) errs.push({ type: 'NotFound', field: `${path}.name`, badValue: name });
    if (!mountPath) errs.push(required(`${path}.mountPath`));
    if (paths.has(mountPath)) errs.push(invalidValue(`${path}.mountPath`, mountPath, 'must be unique'));
    paths.add(mountPath);
    // Kubernetes reports subPath problems on the list path, without the index.
    if (str(mnt.subPath)) errs.push(...validateLocalDescendingPath(str(mnt.subPath), `${field}.subPath`));
    if (str(mnt.subPathExpr)) {
      if (str(mnt.subPath)) {
        errs.push(invalidValue(`${path}.subPathExpr`, mnt.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      }
      errs.push(...validateLocalDescendingPath(str(mnt.subPathExpr), `${field}.subPathExpr`));
    }
  });
  return errs;
}

export function validateLocalDescendingPath(p: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(invalidValue(field, p, 'must be a relative path'));
  if (p.split('/').includes('..')) errs.push(invalidValue(field, p, "must not contain '..'"));
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string) => name.startsWith('hugepages-');
/** cpu, memory and ephemeral storage may be overcommitted; hugepages and extended resources may not. */
const overcommitAllowed = (name: string) => STANDARD_CONTAINER_RESOURCES.has(name) || !(isHugePages(name) || name.includes('/'));

function resourceNameErrors(name: string, field: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalidValue(field, name, m));
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) {
      errs.push(invalidValue(field, name, 'must be a standard resource for containers'));
    }
  }
  return errs;
}

function canonical(v: unknown): string {
  const q = parseQuantityCached(typeof v === 'number' ? v : str(v));
  return typeof q === 'string' ? str(v) : formatQuantity(q);
}

function quantityErrors(name: string, value: unknown, field: string): FieldError[] {
  const q = parseQuantityCached(typeof value === 'number' ? value : str(value));
  if (typeof q === 'string') return [];
  const errs: FieldError[] = [];
  if (q.nanos < 0n) errs.push(invalidValue(field, formatQuantity(q), 'must be greater than or equal to 0'));
  if (name.includes('/') && !name.startsWith('kubernetes.io/') && q.nanos % 1_000_000_000n !== 0n) {
    errs.push(invalidValue(field, formatQuantity(q), 'must be an integer'));
  }
  return errs;
}

export function validateResourceRequirements(resources: unknown, field: string): FieldError[] {
  const res = obj(resources) ?? {};
  const limits = obj(res.limits) ?? {};
  const requests = obj(res.requests) ?? {};
  const errs: FieldError[] = [];
  for (const [name, q] of Object.entries(limits)) {
    const f = `${field}.limits[${name}]`;
    errs.push(...resourceNameErrors(name, f), ...quantityErrors(name, q, f));
  }
  for (const [name, q] of Object.entries(requests)) {
    const f = `${field}.requests[${name}]`;
    errs.push(...resourceNameErrors(name, f), ...quantityErrors(name, q, f));
    if (name in limits) {
      const rq = parseQuantityCached(typeof q === 'number' ? q : str(q));
      const lq = parseQuantityCached(typeof limits[name] === 'number' ? limits[name] : str(limits[name]));
      if (typeof rq === 'string' || typeof lq === 'string') continue;
      if (rq.nanos !== lq.nanos && !overcommitAllowed(name)) {
        errs.push(invalidValue(`${field}.requests`, canonical(q), `must be equal to ${name} limit of ${canonical(limits[name])}`));
      } else if (rq.nanos > lq.nanos) {
        errs.push(invalidValue(`${field}.requests`, canonical(q), `must be less than or equal to ${name} limit of ${canonical(limits[name])}`));
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(required(`${field}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

type ProbeKind = 'liveness' | 'readiness' | 'startup';

function validateProbe(probe: unknown, ctx: ContainerContext, field: string, kind: ProbeKind): FieldError[] {
  const p = obj(probe);
  if (!p) return [];
  const errs = validateHandler(p, ['exec', 'httpGet', 'tcpSocket', 'grpc'], ctx, field);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    if (typeof p[f] === 'number' && p[f] < 0) errs.push(invalidValue(`${field}.${f}`, p[f], 'must be greater than or equal to 0'));
  }
  if (typeof p.terminationGracePeriodSeconds === 'number' && p.terminationGracePeriodSeconds <= 0) {
    errs.push(invalidValue(`${field}.terminationGracePeriodSeconds`, p.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind !== 'readiness' && p.successThreshold !== 1) {
    errs.push(invalidValue(`${field}.successThreshold`, p.successThreshold ?? 0, 'must be 1'));
  }
  if (kind === 'readiness' && p.terminationGracePeriodSeconds != null) {
    errs.push(invalidValue(`${field}.terminationGracePeriodSeconds`, p.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

function validateLifecycle(lifecycle: any, ctx: ContainerContext, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    if (obj(lifecycle[hook])) errs.push(...validateHandler(lifecycle[hook], ['exec', 'httpGet', 'tcpSocket', 'sleep'], ctx, `${field}.${hook}`));
  }
  return errs;
}

function validateHandler(h: any, kinds: string[], ctx: ContainerContext, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const k of kinds) {
    if (h[k] == null) continue;
    if (n > 0) {
      errs.push(forbiddenField(`${field}.${k}`, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const a = obj(h[k]) ?? {};
    const f = `${field}.${k}`;
    if (k === 'exec' && arr(a.command).length === 0) errs.push(required(`${f}.command`));
    if (k === 'httpGet') {
      if (!str(a.path)) errs.push(required(`${f}.path`));
      errs.push(...validatePortNumOrName(a.port ?? 0, `${f}.port`));
      if (a.scheme !== 'HTTP' && a.scheme !== 'HTTPS') errs.push(notSupported(`${f}.scheme`, a.scheme ?? '', ['HTTP', 'HTTPS']));
    }
    if (k === 'tcpSocket') errs.push(...validatePortNumOrName(a.port ?? 0, `${f}.port`));
    if (k === 'grpc') errs.push(...validatePortNumOrName(typeof a.port === 'number' ? a.port : 0, `${f}.port`));
    if (k === 'sleep' && ctx.gracePeriod !== undefined) {
      const s = typeof a.seconds === 'number' ? a.seconds : 0;
      if (s < 0 || s > ctx.gracePeriod) {
        errs.push(invalidValue(f, s, `must be non-negative and less than terminationGracePeriodSeconds (${ctx.gracePeriod})`));
      }
    }
  }
  if (n === 0) errs.push(required(field, 'must specify a handler type'));
  return errs;
}

function hostPortConflicts(containers: any[], field: string): FieldError[] {
  const seen = new Set<string>();
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    arr(obj(c)?.ports).forEach((p, pi) => {
      const port = obj(p);
      if (!port?.hostPort) return;
      const key = `${str(port.protocol)}/${str(port.hostIP)}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(`${field}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}
