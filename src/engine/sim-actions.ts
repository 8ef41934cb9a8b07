/** `kubeplay ...` simulator actions: things that happen to machines and processes, with no kubectl equivalent. */
import { parseQuantity } from './api/quantity';
import type { KubeletHost } from './kubelet/host';
import type { ClusterNetwork } from './network/cluster-network';
import { runCurl } from './network/curl';
import { runIptables } from './network/iptables-command';
import type { TrafficLoad } from './traffic/load';
import { runLoadAction } from './traffic/load-action';
import { nodeIndexOfCidr, nodeObject } from './scenarios/default-cluster';
import { runScenarioAction, SCENARIO_USAGE } from './scenarios/built-in';
import type { ApiRequest, ApiResponse, CommandResult } from './types';

export interface SimEngine {
  request(req: ApiRequest): ApiResponse;
  kubelets: KubeletHost;
  /** The cluster's simulated Service traffic (`kubeplay load`). */
  traffic?: TrafficLoad;
  /** kube-proxy, DNS and ingress (`kubeplay curl`, `kubeplay iptables`). */
  network?: ClusterNetwork;
  /** The cluster's kubectl (`kubeplay scenario apply` applies manifests with it). */
  kubectl?: (line: string, stdin?: string) => CommandResult;
}

const USAGE = `Usage:
  kubeplay node add NAME [--cpu 4] [--memory 8Gi] [--pods 110]
  kubeplay node fail NAME
  kubeplay node recover NAME
  kubeplay pod crash NAME [-n NAMESPACE] [-c CONTAINER]
  kubeplay load SERVICE RPS [-n NAMESPACE]
  kubeplay curl URL [--from POD] [-n NAMESPACE] [-H 'Host: NAME'] [--resolve HOST:PORT:ADDR] [-i] [-f] [-m SECONDS]
  kubeplay iptables NODE [SERVICE] [-n NAMESPACE]   (kube-proxy's rules on NODE, as iptables-save prints them)
${SCENARIO_USAGE}`;

const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string): CommandResult => ({ stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, exitCode: 1 });

/** Flags as --name value / --name=value / -n value; the rest are positional. */
function parseArgs(words: string[]): { positional: string[]; flags: Map<string, string> } | string {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const m = /^(--?[a-z-]+)(?:=(.*))?$/.exec(w);
    if (!m) {
      positional.push(w);
      continue;
    }
    const value = m[2] ?? words[++i];
    if (value === undefined) return `flag needs an argument: ${m[1]}`;
    flags.set(m[1], value);
  }
  return { positional, flags };
}

export function runSimAction(line: string, engine: SimEngine): CommandResult {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words[0] === 'kubeplay') words.shift();
  const [noun, verb, ...rest] = words;
  if (noun === 'curl') return runCurl(line, engine.network);
  const args = parseArgs(rest);
  if (typeof args === 'string') return fail(`error: ${args}`);
  if (noun === 'node' && verb === 'add') return nodeAdd(engine, args.positional, args.flags);
  if (noun === 'node' && (verb === 'fail' || verb === 'recover')) return nodeFailRecover(engine, verb, args.positional);
  if (noun === 'pod' && verb === 'crash') return podCrash(engine, args.positional, args.flags);
  if (noun === 'load') return runLoadAction(engine, words.slice(1));
  if (noun === 'scenario' && engine.kubectl) return runScenarioAction(verb, args.positional, engine.kubectl);
  if (noun === 'iptables') return runIptables(verb === undefined ? [] : [verb, ...args.positional], args.flags, engine.network);
  return fail(`error: unknown command "kubeplay ${words.slice(0, 2).join(' ')}"\n${USAGE}`);
}

function nodeAdd(engine: SimEngine, positional: string[], flags: Map<string, string>): CommandResult {
  const name = positional[0];
  if (!name || positional.length > 1) return fail(`error: exactly one NAME is required\n${USAGE}`);
  for (const f of flags.keys()) if (!['--cpu', '--memory', '--pods'].includes(f)) return fail(`error: unknown flag: ${f}`);
  const cpu = flags.get('--cpu') ?? '4';
  const memory = flags.get('--memory') ?? '8Gi';
  const pods = flags.get('--pods') ?? '110';
  for (const [flag, v] of [['cpu', cpu], ['memory', memory], ['pods', pods]]) {
    const q = parseQuantity(v);
    if (q === undefined || q <= 0) return fail(`error: invalid value "${v}" for --${flag}`);
  }
  const list = engine.request({ method: 'GET', path: '/api/v1/nodes' });
  const items: any[] = list.body?.items ?? [];
  if (items.some((n) => n.metadata.name === name)) return fail(`Error from server (AlreadyExists): nodes "${name}" already exists`);
  const used = items.map((n) => nodeIndexOfCidr(n.spec?.podCIDR));
  const index = Math.max(-1, ...used) + 1;
  const node = nodeObject(name, index, { cpu, memory, pods });
  const status = node.status;
  const created = engine.request({ method: 'POST', path: '/api/v1/nodes', body: node });
  if (created.status >= 300) return fail(`Error from server (${created.body?.reason ?? 'Invalid'}): ${created.body?.message ?? 'node not created'}`);
  engine.request({ method: 'PATCH', path: `/api/v1/nodes/${name}/status`, contentType: 'application/merge-patch+json', body: { status } });
  return ok(`node/${name} added\n`);
}

function nodeFailRecover(engine: SimEngine, verb: 'fail' | 'recover', positional: string[]): CommandResult {
  const name = positional[0];
  if (!name) return fail(`error: NAME is required\n${USAGE}`);
  const k = engine.kubelets.kubelet(name);
  if (!k) return fail(`Error from server (NotFound): nodes "${name}" not found`);
  if (verb === 'fail') {
    if (!k.alive()) return fail(`error: node "${name}" has already failed`);
    k.fail();
    return ok(`node/${name} failed\n`);
  }
  if (k.alive()) return fail(`error: node "${name}" is running; only a failed node can recover`);
  k.recover();
  return ok(`node/${name} recovered\n`);
}

function podCrash(engine: SimEngine, positional: string[], flags: Map<string, string>): CommandResult {
  const name = positional[0];
  if (!name) return fail(`error: NAME is required\n${USAGE}`);
  for (const f of flags.keys()) if (!['-n', '--namespace', '-c', '--container'].includes(f)) return fail(`error: unknown flag: ${f}`);
  const ns = flags.get('-n') ?? flags.get('--namespace') ?? 'default';
  const got = engine.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/pods/${name}` });
  if (got.status === 404) return fail(`Error from server (NotFound): pods "${name}" not found`);
  const result = engine.kubelets.crash(got.body, flags.get('-c') ?? flags.get('--container'));
  if ('error' in result) return fail(`error: ${result.error}`);
  return ok(`pod/${name} crashed (container ${result.container} exited with code 1)\n`);
}
