/**
 * The kubelet's exec endpoint (GetExec, then the runtime's exec): the pod must be one this kubelet runs and the
 * container be running (else the plain-text `container not found ("x")`), the program must be in the image (else
 * the OCI runtime's error), then the command runs in the container's simulated state: its files (mounted volumes,
 * the kubelet-managed /etc files, what the container wrote), its environment plus HOME (and TERM with a TTY), and
 * the network tools answered by the cluster network. Exec'd processes share the container's files, not its
 * variables. Sleeps inside an exec take no virtual time.
 */
import type { ApiResponse, KObject } from '../../types';
import type { ExecStatus, PodExecOptions, PodExecResult } from '../../api/handlers/pod-exec';
import type { ClusterNetwork } from '../../network/cluster-network';
import { isRunning } from '../container-state';
import { hex64 } from '../images/reference';
import { imageTools } from '../images/tools';
import type { Kubelet } from '../kubelet';
import type { ContainerProcess } from '../process';
import { BUILTINS, type Builtin } from '../shell/builtins';
import { basename, isShell, runArgv } from '../shell/run';
import { managedFiles } from './managed-files';
import { finished } from './finished';
import { networkTools } from './network-tools';
import { lsTool, type Userland } from './ls';

/** Words a shell runs itself: never looked up in $PATH inside `sh -c`. */
const SHELL_BUILTINS = new Set(['exit', 'export', 'cd', 'set', 'trap', 'read', 'wait', ':', 'echo', 'printf', 'test', '[', 'true', 'false', 'kill']);
/** Steps a command may take before it counts as never ending (`sleep infinity`, `tail -f`, an endless loop). */
const MAX_STEPS = 20_000;

const text = (status: number, body: string): ApiResponse => ({ status, body });

function nodeUnreachable(kubelet: Kubelet | undefined, nodeName: string): ApiResponse {
  const ip = kubelet?.hostIP() || nodeName;
  return { status: 500, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `error dialing backend: dial tcp ${ip}:10250: connect: no route to host`, code: 500 } };
}

function result(stdout: string, stderr: string, status: ExecStatus): ApiResponse {
  const body: PodExecResult = { kind: 'PodExecResult', stdout, stderr, status };
  return { status: 200, body };
}

function exitStatus(code: number, command: string[]): ExecStatus {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** containerd's answer when the program is not in the image. */
function notInImage(program: string, execID: string): ExecStatus {
  const why = program.includes('/') ? `stat ${program}: no such file or directory` : 'executable file not found in $PATH';
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execID}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": ${why}: unknown`,
    reason: 'InternalError',
    code: 500,
  };
}

/** What the running shell says of a program the image lacks: bash, Debian's dash as sh, or busybox ash. */
function missing(shell: string, userland: Userland, name: string): Builtin {
  const message =
    shell === 'bash' ? `bash: line 1: ${name}: command not found\n` : userland === 'gnu' ? `sh: 1: ${name}: not found\n` : `sh: ${name}: not found\n`;
  return (_args, io) => {
    io.error(message);
    return finished(127);
  };
}

/** busybox ps: the container's main process as PID 1, then the exec'd ps itself. */
function psTool(proc: ContainerProcess): Builtin {
  const main = proc.spec.argv.length ? proc.spec.argv.join(' ') : (proc.spec.image?.servers?.[0] ?? basename(proc.spec.repo));
  return (_args, io) => {
    io.write(`PID   USER     TIME  COMMAND\n    1 root      0:00 ${main}\n    7 root      0:00 ps\n`);
    return finished(0);
  };
}

/** cat with no file reads stdin: what `kubectl exec -i` sent. */
function catTool(input: string | undefined): Builtin {
  return (args, io) => (args.length === 0 && input !== undefined ? (io.write(input), finished(0)) : BUILTINS.cat(args, io));
}

/** Small utilities with fixed answers in a container running as root. */
function fixedTools(userland: Userland): Record<string, Builtin> {
  const say = (text: string): Builtin => (_args, io) => (io.write(text), finished(0));
  return {
    pwd: (_args, io) => (io.write(`${io.vars.get('PWD') ?? '/'}\n`), finished(0)),
    cd: (args, io) => {
      const to = args[0] ?? '/root';
      const from = io.vars.get('PWD') ?? '/';
      io.vars.set('PWD', to.startsWith('/') ? to : `${from === '/' ? '' : from}/${to}`);
      return finished(0);
    },
    id: say(userland === 'busybox' ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n'),
    uname: say('Linux\n'),
    ls: lsTool(userland),
  };
}

/** A program the image has but the simulation does not run: say so rather than pretend. */
function unsimulated(name: string): Builtin {
  return (_args, io) => {
    io.error(`kubeplay: "${name}" is in this image, but Kubeplay does not simulate it. Simulated here: env, printenv, hostname, cat, ls, echo, ps, sh -c, nslookup, curl, wget.\n`);
    return finished(126);
  };
}

export function serveExec(kubelets: Map<string, Kubelet>, net: ClusterNetwork | undefined, pod: KObject, o: PodExecOptions): ApiResponse {
  const nodeName: string = pod.spec.nodeName;
  const kubelet = kubelets.get(nodeName);
  if (!kubelet || !kubelet.alive()) return nodeUnreachable(kubelet, nodeName);
  const w = kubelet.workers.get(pod.metadata.uid!);
  if (!w || w.gone) return text(404, 'pod does not exist');
  const c = w.containers().find((x) => x.name === o.container);
  if (!c || !isRunning(c) || !c.proc) return text(500, `container not found (${JSON.stringify(o.container)})`);
  const proc = c.proc;
  const tools = c.ref ? imageTools(c.ref) : new Set(Object.keys(BUILTINS).concat('sh'));
  const execID = hex64(`exec/${c.containerID}/${kubelet.clock.now()}/${o.command.join(' ')}`);
  const program = o.command[0];
  if (!tools.has(basename(program))) return result('', '', notInImage(program, execID));

  for (const [path, content] of managedFiles(w.pod, w.podIP)) if (!proc.files.has(path)) proc.files.set(path, content);
  const vars = new Map(proc.spec.vars);
  if (o.tty) vars.set('TERM', 'xterm');
  if (!vars.has('HOME')) vars.set('HOME', '/root');
  // A shell with stdin and no -c reads its script from stdin (`kubectl exec -i POD -- sh < script.sh`).
  const scriptOnStdin = isShell(program) && !o.command.includes('-c') && o.stdin && o.input !== undefined;
  const userland: Userland = tools.has('dash') ? 'gnu' : 'busybox';
  const shell = isShell(program) ? basename(program) : 'sh';
  const extra: Record<string, Builtin> = {
    ...fixedTools(userland),
    ps: psTool(proc),
    cat: catTool(o.stdin && !scriptOnStdin ? o.input : undefined),
    ...(net ? networkTools(net, w.pod, tools) : {}),
  };
  let stdout = '';
  let stderr = '';
  const argv = scriptOnStdin ? [program, '-c', o.input!] : o.command;
  const run = runArgv(argv, {
    files: proc.files,
    vars,
    hostname: proc.spec.hostname,
    epochMs: () => kubelet.processHost.epochMs(),
    write: (t, stream) => (stream === 'out' || o.tty ? (stdout += t) : (stderr += t)),
    command: (name) => {
      if (name === 'cd') return extra.cd;
      if (SHELL_BUILTINS.has(name)) return undefined;
      if (!tools.has(name)) return missing(shell, userland, name);
      if (extra[name]) return extra[name];
      return isShell(name) || name in BUILTINS ? undefined : unsimulated(name);
    },
  });
  let code: number;
  try {
    code = drive(run);
  } catch {
    code = 2;
  }
  if (code === -1) {
    const note = `kubeplay: "${o.command.join(' ')}" never ends on its own; Kubeplay stopped it as Ctrl-C would.\n`;
    if (o.tty) stdout += note;
    else stderr += note;
    code = 130;
  }
  return result(stdout, stderr, exitStatus(code, o.command));
}

/** Run the process to its end, sleeps skipped; -1 when it would run forever. */
function drive(run: Generator<number, number, void>): number {
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    const r = run.next();
    if (r.done) return r.value;
    if (r.value === Infinity) return -1;
  }
  return -1;
}
