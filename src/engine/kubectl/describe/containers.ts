/** Containers, probes, environment and mounts as describe.go prints them (pods and pod templates). */
import type { KObject } from '../../types';
import { parseQuantity } from '../../api/quantity';
import { quantityString, rfc1123z, stringOrNone, goBool } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './writer';

type W = { write(level: number, text: string): void; writeLine(text?: string): void };

/** describeResources: Limits then Requests, resource names sorted. */
export function describeResources(w: W, resources: any, level: number): void {
  if (!resources) return;
  for (const [title, list] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${quantityString(list[n])}\n`);
  }
}

function intOrString(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

function hostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const port = intOrString(g.port);
    const host = port ? hostPort(g.host ?? '', port) : (g.host ?? '');
    let path: string = g.path ?? '';
    if (path && !path.startsWith('/') && host) path = '/' + path;
    const scheme = String(g.scheme ?? '').toLowerCase();
    return `http-get ${scheme ? scheme + ':' : ''}//${host}${path} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${intOrString(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

/** The value of a downward-API field path of the pod (EnvValueRetriever). */
function podField(pod: KObject, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return (pod.metadata as any)[m[1]]?.[m[2]] ?? '';
  const simple: Record<string, () => unknown> = {
    'metadata.name': () => pod.metadata.name,
    'metadata.namespace': () => pod.metadata.namespace,
    'metadata.uid': () => pod.metadata.uid,
    'spec.nodeName': () => pod.spec?.nodeName,
    'spec.serviceAccountName': () => pod.spec?.serviceAccountName,
    'status.hostIP': () => pod.status?.hostIP,
    'status.podIP': () => pod.status?.podIP,
  };
  return String(simple[path]?.() ?? '');
}

/** ExtractContainerResourceValue for limits/requests of cpu and memory, rounded up by the divisor. */
function resourceFieldValue(ref: any, container: any): string {
  const [kind, name] = String(ref.resource ?? '').split('.');
  const q = parseQuantity(container.resources?.[kind]?.[name]);
  if (q === undefined) return '0';
  const divisor = parseQuantity(ref.divisor) || 1;
  return String(Math.ceil(q / divisor));
}

function describeEnv(w: W, container: any, pod: KObject | undefined): void {
  const env: any[] = container.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length ? '' : '\t<none>'}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      String(e.value ?? '')
        .split('\n')
        .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) {
      const value = pod ? podField(pod, vf.fieldRef.fieldPath) : '';
      w.write(LEVEL_3, `${e.name}:\t${value} (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath})\n`);
    } else if (vf.resourceFieldRef) {
      let value = resourceFieldValue(vf.resourceFieldRef, container);
      const res = vf.resourceFieldRef.resource;
      if (value === '0' && (res === 'limits.cpu' || res === 'limits.memory')) value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${res})\n`);
    } else if (vf.secretKeyRef) {
      const r = vf.secretKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key}' in secret '${r.name}'>\tOptional: ${!!r.optional}\n`);
    } else if (vf.configMapKeyRef) {
      const r = vf.configMapKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key}' of config map '${r.name}'>\tOptional: ${!!r.optional}\n`);
    }
  }
}

function describeEnvFrom(w: W, container: any): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const e of container.envFrom ?? []) {
    const ref = e.configMapRef ?? e.secretRef;
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
    const optional = !!ref?.optional;
    if (!e.prefix) w.write(LEVEL_3, `${ref?.name ?? ''}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

function describeMounts(w: W, container: any): void {
  const mounts: any[] = [...(container.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  const none = mounts.length ? '' : '\t<none>';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices: any[] = container.volumeDevices ?? [];
  if (devices.length) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of [...devices].sort((a, b) => (a.devicePath < b.devicePath ? -1 : 1))) w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
  }
}

/** describeStatus: the state of a container (Running / Waiting / Terminated with its details). */
function describeState(w: W, title: string, state: any): void {
  if (state?.running) {
    w.write(LEVEL_2, `${title}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
  }
}

/** describeContainers: the label line, then each container; statuses are absent for pod templates. */
export function describeContainers(
  w: W,
  label: string,
  containers: any[] | undefined,
  statuses: any[] | undefined,
  pod: KObject | undefined,
  space: string,
): void {
  const list = containers ?? [];
  const byName = new Map((statuses ?? []).map((s: any) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${list.length ? '' : ' <none>'}\n`);
  for (const c of list) {
    const status = statuses ? byName.get(c.name) : undefined;
    w.write(LEVEL_1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports: any[] = c.ports ?? [];
    const portString = ports.map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
    if (portString.includes(',')) w.write(LEVEL_2, `Ports:\t${portString}\n`);
    else w.write(LEVEL_2, `Port:\t${stringOrNone(portString)}\n`);
    const hostPorts = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
    if (c.command?.length) {
      w.write(LEVEL_2, 'Command:\n');
      for (const cmd of c.command) for (const s of String(cmd).split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(LEVEL_2, 'Args:\n');
      for (const arg of c.args) for (const s of String(arg).split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (status) {
      describeState(w, 'State', status.state);
      if (status.lastState?.terminated) describeState(w, 'Last State', status.lastState);
      w.write(LEVEL_2, `Ready:\t${goBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom?.length) describeEnvFrom(w, c);
    describeEnv(w, c, pod);
    describeMounts(w, c);
  }
}
