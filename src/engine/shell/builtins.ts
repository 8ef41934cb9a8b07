/** The commands the shell knows: kubectl, kubeplay, curl, minikube ip and the few shell builtins tutorials use. */
import type { Cluster } from '../cluster';
import type { CommandResult, FileSystem, KObject } from '../types';
import { joinWords } from './quote';

/** The part of a Cluster the shell drives. */
export type ShellCluster = Pick<Cluster, 'kubectl' | 'sim' | 'advance' | 'request'>;

export interface BuiltinEnv {
  cluster: ShellCluster;
  fs?: FileSystem;
  /** What the command reads: a pipe, a here-document or `< FILE`; undefined when nothing was given. */
  stdin?: string;
  variables: Map<string, string>;
}

type Builtin = (args: string[], env: BuiltinEnv) => CommandResult;

const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): CommandResult => ({ stdout: '', stderr: stderr.endsWith('\n') ? stderr : stderr + '\n', exitCode });

export const BUILTINS: Record<string, Builtin> = {
  kubectl: (args, env) => env.cluster.kubectl(joinWords(['kubectl', ...args]), env.stdin),
  kubeplay: (args, env) => env.cluster.sim(joinWords(['kubeplay', ...args])),
  curl: (args, env) => env.cluster.sim(joinWords(['kubeplay', 'curl', ...args])),
  minikube,
  echo,
  sleep,
  export: exportBuiltin,
  unset: (args, env) => {
    for (const a of args) env.variables.delete(a);
    return ok();
  },
  cat,
  true: () => ok(),
  false: () => ({ stdout: '', stderr: '', exitCode: 1 }),
};

/** The command names the shell runs (for completion of the first word). */
export const COMMAND_NAMES = Object.keys(BUILTINS).sort();

export const NOT_FOUND_HINT = `Kubeplay's shell runs kubectl, kubeplay, curl, minikube ip, echo, cat, export, sleep`;

function echo(args: string[]): CommandResult {
  let newline = true;
  let escapes = false;
  let k = 0;
  for (; k < args.length && /^-[neE]+$/.test(args[k]); k++) {
    for (const f of args[k].slice(1)) {
      if (f === 'n') newline = false;
      else escapes = f === 'e';
    }
  }
  let text = args.slice(k).join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) {
      text = text.slice(0, cut);
      newline = false;
    }
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };
    text = text.replace(/\\([ntr\\abfve])/g, (_, c: string) => map[c]);
  }
  return ok(newline ? text + '\n' : text);
}

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** GNU sleep: each argument is a number with an optional s/m/h/d suffix; they add up. Time is virtual. */
function sleep(args: string[], env: BuiltinEnv): CommandResult {
  if (!args.length) return fail("sleep: missing operand\nTry 'sleep --help' for more information.");
  let total = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return fail(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.`);
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  env.cluster.advance(Math.round(total));
  return ok();
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function exportBuiltin(args: string[], env: BuiltinEnv): CommandResult {
  const names = args.filter((a) => a !== '-p' && a !== '--');
  if (!names.length) {
    const lines = [...env.variables].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `declare -x ${k}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`);
    return ok(lines.join(''));
  }
  let stderr = '';
  for (const a of names) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) stderr += `export: \`${a}': not a valid identifier\n`;
    else if (eq >= 0) env.variables.set(name, a.slice(eq + 1));
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

function cat(args: string[], env: BuiltinEnv): CommandResult {
  const files = args.length ? args : ['-'];
  let stdout = '';
  let stderr = '';
  for (const f of files) {
    if (f === '-') {
      stdout += env.stdin ?? '';
      continue;
    }
    const text = env.fs?.readFile(f);
    if (text === undefined) stderr += `cat: ${f}: No such file or directory\n`;
    else stdout += text;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

/** `minikube ip`: the InternalIP of the first worker node (minikube prints its node's address). */
function minikube(args: string[], env: BuiltinEnv): CommandResult {
  if (args[0] !== 'ip') {
    const what = args.length ? `"minikube ${args[0]}"` : 'minikube';
    return fail(`${what}: Kubeplay is not minikube; its cluster is already running. Only "minikube ip" is simulated.`);
  }
  const res = env.cluster.request({ method: 'GET', path: '/api/v1/nodes' });
  const nodes: KObject[] = res.status === 200 ? res.body.items : [];
  const isWorker = (n: KObject) => !('node-role.kubernetes.io/control-plane' in (n.metadata.labels ?? {}));
  const node = [...nodes].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1)).find(isWorker) ?? nodes[0];
  const ip = node?.status?.addresses?.find((a: { type: string }) => a.type === 'InternalIP')?.address;
  if (!ip) return fail('minikube ip: no node of the cluster has an InternalIP');
  return ok(`${ip}\n`);
}
