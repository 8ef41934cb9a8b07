/** `kubectl top node|pod`: resource usage from the metrics.k8s.io API (pkg/cmd/top). */
import { makeParse, type Command, type CommandContext } from '../context';
import { KubectlError } from '../errors';
import type { FlagSpec } from '../flags';
import { splitSubcommand } from '../subcommand';
import { goDuration } from '../../go-duration';
import { parseCpuNanos, parseMemoryBytes } from '../../metrics/metrics-api';
import { EPOCH_MS } from '../../clock';
import { alignRows, milliValue, NODE_COLUMNS, POD_COLUMNS, usageCells, value, type Usage } from '../top/printer';
import type { KObject } from '../../types';

const TOP_HELP = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** kubectl top pod: a pod younger than this without metrics is merely waiting for the pipeline. */
const METRICS_CREATION_DELAY_MS = 2 * 60 * 1000;
const METRICS = '/apis/metrics.k8s.io/v1beta1';

const COMMON: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string', default: '' },
  { name: 'sort-by', type: 'string', default: '' },
  { name: 'no-headers', type: 'bool' },
  { name: 'use-protocol-buffers', type: 'bool', default: true },
];
const NODE_FLAGS: FlagSpec[] = [...COMMON, { name: 'show-capacity', type: 'bool' }];
const POD_FLAGS: FlagSpec[] = [
  ...COMMON,
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'containers', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'sum', type: 'bool' },
];

export const topCommand: Command = {
  name: 'top',
  run(ctx) {
    const { sub, rest } = splitSubcommand(ctx.words);
    if (!sub) {
      ctx.out.warn(TOP_HELP);
      return 1;
    }
    const subCtx = (name: string): CommandContext => ({ ...ctx, name: `top ${name}`, words: rest, parse: makeParse(`top ${name}`, rest) });
    if (['node', 'nodes', 'no'].includes(sub)) return topNode(subCtx('node'));
    if (['pod', 'pods', 'po'].includes(sub)) return topPod(subCtx('pod'));
    ctx.out.warn(`Error: unknown command "${sub}"\nSee 'kubectl top -h' for help and examples`);
    return 1;
  },
};

function validateSort(sortBy: string): void {
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new KubectlError('--sort-by accepts only cpu or memory');
}

function requireMetricsApi(ctx: CommandContext): void {
  const groups = ctx.client.raw({ method: 'GET', path: '/apis' });
  const ok = (groups.groups ?? []).some((g: any) => g.name === 'metrics.k8s.io' && g.versions?.some((v: any) => v.version === 'v1beta1'));
  if (!ok) throw new KubectlError('Metrics API not available');
}

/** The metrics sorter: by name unless --sort-by names cpu or memory (largest first). */
function sortBy<T>(items: T[], by: string, name: (t: T) => string, usage: (t: T) => Usage): T[] {
  const key = (t: T) => (by === 'cpu' ? milliValue(usage(t).cpu) : value(usage(t).memory));
  return [...items].sort((a, b) => (by ? key(b) - key(a) : name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

function topNode(ctx: CommandContext): number {
  const flags = ctx.parse(NODE_FLAGS);
  const f = flags.flags;
  if (flags.args.length > 1) throw new KubectlError("node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples");
  const name = flags.args[0];
  validateSort(f['sort-by']);
  if (name && f.selector) throw new KubectlError('only one of NAME or --selector can be provided');
  requireMetricsApi(ctx);
  const query = f.selector ? { labelSelector: f.selector } : {};
  const metrics: KObject[] = name
    ? [ctx.client.raw({ method: 'GET', path: `${METRICS}/nodes/${encodeURIComponent(name)}` })]
    : ctx.client.raw({ method: 'GET', path: `${METRICS}/nodes`, query }).items;
  if (!metrics.length) throw new KubectlError('metrics not available yet');
  const nodes: KObject[] = name
    ? [ctx.client.raw({ method: 'GET', path: `/api/v1/nodes/${encodeURIComponent(name)}` })]
    : ctx.client.raw({ method: 'GET', path: '/api/v1/nodes', query }).items;
  const available = new Map<string, Usage>(
    nodes.map((n) => [n.metadata.name!, (f['show-capacity'] ? n.status?.capacity : n.status?.allocatable) ?? {}]),
  );
  const rows: string[][] = f['no-headers'] ? [] : [NODE_COLUMNS];
  for (const m of sortBy(metrics, f['sort-by'], (x) => x.metadata.name!, (x) => x.usage)) {
    const avail = available.get(m.metadata.name!);
    available.delete(m.metadata.name!);
    rows.push([m.metadata.name!, ...usageCells(m.usage, avail)]);
  }
  for (const missing of [...available.keys()].sort()) rows.push([missing, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
  ctx.out.write(alignRows(rows));
  return 0;
}

/** The pod's usage: its containers' quantities added up. */
function podUsage(m: KObject): Usage {
  let cpu = 0;
  let memory = 0;
  for (const c of m.containers ?? []) {
    cpu += parseCpuNanos(c.usage?.cpu);
    memory += parseMemoryBytes(c.usage?.memory);
  }
  return { cpu: `${cpu}n`, memory: String(memory) };
}

function topPod(ctx: CommandContext): number {
  const flags = ctx.parse(POD_FLAGS);
  const f = flags.flags;
  if (flags.args.length > 1) throw new KubectlError("pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples");
  const name = flags.args[0];
  validateSort(f['sort-by']);
  if (name && (f.selector || f['field-selector'])) throw new KubectlError('only one of NAME or selector can be provided');
  requireMetricsApi(ctx);
  const ns = ctx.namespace(flags);
  const all = !!f['all-namespaces'];
  const query = { labelSelector: f.selector || undefined, fieldSelector: f['field-selector'] || undefined };
  const base = all ? `${METRICS}/pods` : `${METRICS}/namespaces/${encodeURIComponent(ns)}/pods`;
  const metrics: KObject[] = name
    ? [ctx.client.raw({ method: 'GET', path: `${base}/${encodeURIComponent(name)}` })]
    : ctx.client.raw({ method: 'GET', path: base, query }).items;
  if (!metrics.length) {
    verifyEmptyMetrics(ctx, ns, name, query);
    ctx.out.warn(all ? 'No resources found' : `No resources found in ${ns} namespace.`);
    return 0;
  }
  const header = [...(all ? ['NAMESPACE'] : []), ...(f.containers ? ['POD'] : []), ...POD_COLUMNS];
  const rows: string[][] = f['no-headers'] ? [] : [header];
  const sorted = sortBy(metrics, f['sort-by'], (m) => (all ? `${m.metadata.namespace}\u0000${m.metadata.name}` : m.metadata.name!), podUsage);
  for (const m of sorted) {
    const prefix = all ? [m.metadata.namespace!] : [];
    if (!f.containers) {
      rows.push([...prefix, m.metadata.name!, ...usageCells(podUsage(m))]);
      continue;
    }
    const containers = sortBy(m.containers ?? [], f['sort-by'], (c: any) => c.name, (c: any) => c.usage);
    for (const c of containers) rows.push([...prefix, m.metadata.name!, c.name, ...usageCells(c.usage)]);
  }
  if (f.sum) {
    const width = header.length;
    const total = metrics.map(podUsage).reduce((t, u) => ({ cpu: t.cpu + parseCpuNanos(u.cpu), memory: t.memory + parseMemoryBytes(u.memory) }), { cpu: 0, memory: 0 });
    rows.push([...Array(width - 2).fill(''), '________', '________']);
    rows.push([...Array(width - 3).fill(''), '', ...usageCells({ cpu: `${total.cpu}n`, memory: String(total.memory) })]);
  }
  ctx.out.write(alignRows(rows));
  return 0;
}

/** Why a list came back empty: pods too new for metrics, pods that should have them, or no pods at all. */
function verifyEmptyMetrics(ctx: CommandContext, ns: string, name: string | undefined, query: Record<string, string | undefined>): void {
  const pods: KObject[] = name
    ? [ctx.client.raw({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}` })]
    : ctx.client.raw({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, query }).items;
  if (!pods.length) return;
  for (const pod of pods) {
    const age = ctx.env.now() - (Date.parse(pod.metadata.creationTimestamp ?? '') - EPOCH_MS);
    if (age > METRICS_CREATION_DELAY_MS) {
      throw new KubectlError(`Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(age)}`);
    }
  }
  throw new KubectlError('metrics not available yet');
}
