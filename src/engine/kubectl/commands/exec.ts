/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: pick the pod (a workload's most
 * active one), default the container as podcmd does, then POST pods/{name}/exec and print the stream: stdout,
 * stderr, and `command terminated with exit code N` (kubectl's exit code) when the command fails.
 * Interactive terminals are not simulated: `-i` with a bare shell and nothing on stdin gets a clear message.
 */
import type { KObject } from '../../types';
import type { PodExecResult } from '../../api/handlers/pod-exec';
import { resourcePath } from '../../api/paths';
import type { Command, CommandContext } from '../context';
import { ApiError, KubectlError } from '../errors';
import type { ParsedFlags } from '../flags';
import { allContainerNames, selectorOf } from '../logs/select-pods';
import { isShell } from '../../kubelet/shell/run';

const SEE_HELP = "See 'kubectl exec -h' for help and examples";

export const execCommand: Command = {
  name: 'exec',
  run(ctx) {
    const flags = ctx.parse([
      { name: 'container', short: 'c', type: 'string', default: '' },
      { name: 'filename', short: 'f', type: 'strings' },
      { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
      { name: 'quiet', short: 'q', type: 'bool' },
      { name: 'stdin', short: 'i', type: 'bool' },
      { name: 'tty', short: 't', type: 'bool' },
    ]);
    const f = flags.flags;
    const dashed = ctx.words.includes('--');
    const files: string[] = f.filename;
    // cobra's ArgsLenAtDash: without `--`, extra words would be the command, which v1.x no longer accepts.
    if (!dashed && (flags.args.length > 1 || (flags.args.length > 0 && files.length))) {
      throw new KubectlError(`exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n${SEE_HELP}`);
    }
    const target: string | undefined = flags.args[0];
    const command = flags.rest;
    if (!target && !files.length) throw new KubectlError('pod, type/name or --filename must be specified');
    if (!command.length) throw new KubectlError('you must specify at least one command for the container');
    if (!target) throw new KubectlError('kubeplay: exec -f is not supported; name the pod (kubectl exec POD -- COMMAND)');

    const pod = podFor(ctx, flags, target);
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
      throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
    }
    const container: string = f.container || defaultContainer(ctx, pod, !!f.quiet);
    const stdin = !!f.stdin;
    // SetupTTY: a TTY only with stdin attached; piped stdin is not a terminal.
    let tty = stdin && !!f.tty;
    const input = stdin ? ctx.env.stdin : undefined;
    if (tty && input !== undefined) {
      if (!f.quiet) ctx.out.warn('Unable to use a TTY - input is not a terminal or the right kind of file');
      tty = false;
    }
    if (stdin && input === undefined && isShell(command[0]) && !command.includes('-c')) {
      throw new KubectlError(interactiveMessage(ctx, flags, target, command[0]));
    }
    return send(ctx, pod, { container, command, stdin, tty, input });
  },
};

function interactiveMessage(ctx: CommandContext, flags: ParsedFlags, target: string, shell: string): string {
  const ns = flags.changed.has('namespace') ? ` -n ${ctx.namespace(flags)}` : '';
  const c = flags.flags.container ? ` -c ${flags.flags.container}` : '';
  const base = `kubectl exec ${target}${ns}${c} --`;
  return [
    `interactive sessions are not available in kubeplay: kubectl exec cannot open a terminal for "${shell}" in ${target}.`,
    'Run one command at a time instead, for example:',
    `  ${base} ls /`,
    `  ${base} sh -c 'echo $HOSTNAME; cat /etc/resolv.conf'`,
  ].join('\n');
}

const asPod = (p: KObject): KObject => ({ ...p, apiVersion: 'v1', kind: 'Pod' });

/** The pod to exec into: POD, or TYPE/NAME's most active pod (AttachablePodForObject). */
function podFor(ctx: CommandContext, flags: ParsedFlags, target: string): KObject {
  const ns = ctx.namespace(flags);
  const podDef = ctx.mapper().resourceFor('pods');
  const slash = target.indexOf('/');
  const def = slash < 0 ? podDef : ctx.mapper().resourceFor(target.slice(0, slash));
  const name = slash < 0 ? target : target.slice(slash + 1);
  const obj = { ...ctx.client.get(def, def.namespaced ? ns : undefined, name), kind: def.kind };
  if (def.kind === 'Pod') return asPod(obj);
  const selector = selectorOf(obj);
  if (selector === undefined) {
    throw new KubectlError(`cannot attach to *${def.version}.${def.kind}: selector for *${def.version}.${def.kind} not implemented`);
  }
  const pods: KObject[] = (ctx.client.list(podDef, obj.metadata.namespace, { labelSelector: selector }).items ?? []).map(asPod);
  if (!pods.length) throw new KubectlError('timed out waiting for the condition');
  return [...pods].sort(mostActiveFirst)[0];
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const readyCondition = (p: KObject) => (p.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
const isReady = (p: KObject) => readyCondition(p)?.status === 'True';
const restarts = (p: KObject) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c: any) => c.restartCount ?? 0));

/** sort.Reverse(podutils.ActivePods): assigned, Running, ready, ready longer, fewer restarts, older first. */
function mostActiveFirst(a: KObject, b: KObject): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (!an || !bn)) return an ? -1 : 1;
  const ar = PHASE_RANK[a.status?.phase] ?? 0;
  const br = PHASE_RANK[b.status?.phase] ?? 0;
  if (ar !== br) return br - ar;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (isReady(a) && isReady(b)) {
    const at = readyCondition(a)?.lastTransitionTime ?? '';
    const bt = readyCondition(b)?.lastTransitionTime ?? '';
    if (at !== bt) return at < bt ? -1 : 1;
  }
  if (restarts(a) !== restarts(b)) return restarts(a) - restarts(b);
  const ac = a.metadata.creationTimestamp ?? '';
  const bc = b.metadata.creationTimestamp ?? '';
  return ac === bc ? 0 : ac < bc ? -1 : 1;
}

/** podcmd.FindOrDefaultContainerByName: the default-container annotation, else the first container. */
function defaultContainer(ctx: CommandContext, pod: KObject, quiet: boolean): string {
  const spec = pod.spec ?? {};
  const containers: any[] = spec.containers ?? [];
  if (!containers.length) throw new KubectlError(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const all = [...containers, ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  if (annotated && all.some((c: any) => c.name === annotated)) return annotated;
  const first = containers[0].name;
  if (!quiet && (containers.length > 1 || spec.initContainers?.length || spec.ephemeralContainers?.length)) {
    ctx.out.warn(`Defaulted container "${first}" out of: ${allContainerNames(pod)}`);
  }
  return first;
}

interface ExecParams {
  container: string;
  command: string[];
  stdin: boolean;
  tty: boolean;
  input?: string;
}

function send(ctx: CommandContext, pod: KObject, p: ExecParams): number {
  const podDef = ctx.mapper().resourceFor('pods');
  const q = new URLSearchParams();
  q.append('container', p.container);
  for (const c of p.command) q.append('command', c);
  if (p.stdin) q.append('stdin', 'true');
  q.append('stdout', 'true');
  if (!p.tty) q.append('stderr', 'true');
  if (p.tty) q.append('tty', 'true');
  const res = ctx.client.send({
    method: 'POST',
    path: `${resourcePath(podDef, pod.metadata.namespace, pod.metadata.name, 'exec')}?${q.toString()}`,
    ...(p.input !== undefined ? { body: p.input } : {}),
  });
  if (res.status >= 400) {
    // The kubelet answers in plain text, which the stream upgrade reports as is; the API server answers a Status.
    if (typeof res.body === 'string') throw new KubectlError(`unable to upgrade connection: ${res.body}`);
    if (!res.body?.reason) {
      ctx.out.warn(`Error from server: ${res.body?.message ?? ''}`);
      return 1;
    }
    throw new ApiError(res.body, res.status);
  }
  const r = res.body as PodExecResult;
  ctx.out.write(r.stdout);
  ctx.out.err += r.stderr;
  const s = r.status;
  if (s.status === 'Success') return 0;
  if (s.reason === 'NonZeroExitCode') {
    const code = Number(s.details?.causes.find((c) => c.reason === 'ExitCode')?.message ?? 1);
    ctx.out.warn(`command terminated with exit code ${code}`);
    return code;
  }
  throw new KubectlError(s.message ?? 'error stream protocol error: unknown error');
}
