/**
 * GET pods/{name}/log: the API server's container check (LogLocation), then the kubelet's
 * validateContainerLogStatus, then the container's lines with tailLines / timestamps / sinceSeconds / limitBytes.
 */
import { badRequest, StatusError } from '../api/errors';
import type { KObject } from '../types';
import { terminatedOf, type ContainerState } from './container-state';
import type { Kubelet } from './kubelet';
import type { ContainerProcess } from './process';

/** Go's time.RFC3339Nano (trailing zeros of the fraction dropped). */
function rfc3339Nano(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, (_, f: string) => (f === '000' ? 'Z' : `.${f.replace(/0+$/, '')}Z`));
}

function names(list: any[] | undefined): string {
  return (list ?? []).map((c) => c.name).join(' ');
}

function chooseContainer(pod: KObject, query: Record<string, string | undefined>): string {
  const name = pod.metadata.name;
  const spec = pod.spec ?? {};
  if (query.container) {
    const all = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
    if (!all.some((c: any) => c.name === query.container)) throw badRequest(`container ${query.container} is not valid for pod ${name}`);
    return query.container;
  }
  if ((spec.containers ?? []).length === 1) return spec.containers[0].name;
  let msg = `a container name must be specified for pod ${name}, choose one of: [${names(spec.containers)}]`;
  if (spec.initContainers?.length) msg += ` or one of the init containers: [${names(spec.initContainers)}]`;
  throw badRequest(msg);
}

/** The instance whose output the request is about (validateContainerLogStatus). */
function instanceFor(c: ContainerState, podName: string, previous: boolean): ContainerProcess | undefined {
  const term = terminatedOf(c);
  const q = `container "${c.name}" in pod "${podName}"`;
  if (previous) {
    const last = c.waiting && term ? c.proc : c.prev;
    if (!last && !c.lastTerminated) throw badRequest(`previous terminated container "${c.name}" in pod "${podName}" not found`);
    return last;
  }
  if (c.proc && !c.waiting) return c.proc;
  if (term || c.lastTerminated) return c.proc ?? c.prev;
  switch (c.waiting?.reason) {
    case 'ErrImagePull':
      throw badRequest(`${q} is waiting to start: image can't be pulled`);
    case 'ImagePullBackOff':
      throw badRequest(`${q} is waiting to start: trying and failing to pull image`);
    case undefined:
      throw badRequest(`${q} is waiting to start: ContainerCreating`);
    default:
      throw badRequest(`${q} is waiting to start: ${c.waiting?.reason}`);
  }
}

export function servePodLog(
  kubelets: Map<string, Kubelet>,
  pod: KObject,
  query: Record<string, string | undefined>,
  epochMs: (at: number) => number,
  now: number,
): { status: number; body: string } {
  const container = chooseContainer(pod, query);
  const nodeName: string | undefined = pod.spec?.nodeName;
  if (!nodeName) return { status: 200, body: '' };
  const kubelet = kubelets.get(nodeName);
  if (!kubelet || !kubelet.alive()) {
    const ip = kubelet?.hostIP() || nodeName;
    // The API server's proxy error carries no reason: kubectl prints `Error from server: Get ...`.
    const message = `Get "https://${ip}:10250/containerLogs/${pod.metadata.namespace}/${pod.metadata.name}/${container}": dial tcp ${ip}:10250: connect: no route to host`;
    throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 } as ConstructorParameters<typeof StatusError>[0]);
  }
  const w = kubelet.workers.get(pod.metadata.uid!);
  const c = w?.containers().find((x) => x.name === container);
  if (!c) throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating`);
  const proc = instanceFor(c, pod.metadata.name!, query.previous === 'true');
  let lines = proc ? proc.logLines() : [];
  if (query.sinceSeconds) lines = lines.filter((l) => l.at >= now - Number(query.sinceSeconds) * 1000);
  if (query.sinceTime) lines = lines.filter((l) => epochMs(l.at) >= Date.parse(query.sinceTime!));
  const tail = query.tailLines === undefined ? -1 : Number(query.tailLines);
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  const stamp = query.timestamps === 'true';
  let body = lines.map((l) => `${stamp ? `${rfc3339Nano(epochMs(l.at))} ` : ''}${l.text}\n`).join('');
  if (query.limitBytes) body = body.slice(0, Number(query.limitBytes));
  return { status: 200, body };
}
