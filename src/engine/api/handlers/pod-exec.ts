/**
 * POST (or GET) pods/{name}/exec: the API server's part of `kubectl exec` (ExecLocation): the pod must exist, the
 * container be one of the pod's and the pod be bound to a node; then the node's kubelet runs the command.
 *
 * A real exec upgrades to a stream (SPDY or WebSocket) with stdout, stderr and an error channel carrying a v1 Status.
 * The simulation answers the finished stream at once, as JSON: `{ stdout, stderr, status }` (`PodExecResult`).
 * Errors before the upgrade are a Status (from the API server) or the kubelet's plain-text answer (a string body),
 * which kubectl prints as `error: unable to upgrade connection: <text>`.
 */
import type { ApiRequest, ApiResponse, KObject } from '../../types';
import type { ApiContext } from '../context';
import { badRequest, notFound } from '../errors';
import { resourceKey, type ResourceDef } from '../resources';

export interface PodExecOptions {
  container: string;
  command: string[];
  stdin: boolean;
  tty: boolean;
  /** What the client sends on stdin (with `stdin`), all at once. */
  input?: string;
}

/** The finished stream of one exec. With a TTY, stderr is part of stdout (a terminal has one stream). */
export interface PodExecResult {
  kind: 'PodExecResult';
  stdout: string;
  stderr: string;
  /** The error channel: Success, NonZeroExitCode with an ExitCode cause, or an InternalError. */
  status: ExecStatus;
}

/** The v1 Status the error channel carries (remotecommand's status; `code` only on errors). */
export interface ExecStatus {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes: { reason: string; message: string }[] };
}

export type PodExecHandler = (pod: KObject, options: PodExecOptions) => ApiResponse;

const truthy = (v: string | undefined) => v === 'true' || v === '1';

/** Every `command` parameter, in order (the query record keeps only one value per key). */
function commandOf(req: ApiRequest): string[] {
  const q = req.path.indexOf('?');
  const fromPath = q < 0 ? [] : new URLSearchParams(req.path.slice(q + 1)).getAll('command');
  const extra = req.query?.command;
  return extra === undefined ? fromPath : [...fromPath, extra];
}

/** validateContainer of the pod registry: the named container (any kind), or the only app container. */
function containerOf(pod: KObject, wanted: string | undefined): string {
  const spec = pod.spec ?? {};
  const all: string[] = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c: any) => c.name);
  const name = pod.metadata.name;
  if (wanted) {
    if (!all.includes(wanted)) throw badRequest(`container ${wanted} is not valid for pod ${name}`);
    return wanted;
  }
  const apps = spec.containers ?? [];
  if (apps.length === 1) return apps[0].name;
  if (!apps.length) throw badRequest(`a container name must be specified for pod ${name}`);
  throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${all.join(' ')}]`);
}

export function podExec(ctx: ApiContext, def: ResourceDef, namespace: string, name: string, req: ApiRequest, query: Record<string, string | undefined>): ApiResponse {
  const entry = ctx.store.get(resourceKey(def), namespace, name);
  if (!entry) throw notFound('', 'pods', name);
  const pod = entry.obj;
  const container = containerOf(pod, query.container);
  if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  const command = commandOf(req);
  if (!command.length) throw badRequest('you must specify at least one command for the container');
  const options: PodExecOptions = {
    container,
    command,
    stdin: truthy(query.stdin),
    tty: truthy(query.tty),
    input: typeof req.body === 'string' ? req.body : undefined,
  };
  if (ctx.podExec) return ctx.podExec(pod, options);
  // No kubelet in this cluster: the node never answers.
  return { status: 404, body: 'pod does not exist' };
}
