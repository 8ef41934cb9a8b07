/**
 * The metrics.k8s.io/v1beta1 API as metrics-server serves it through API aggregation: NodeMetrics and PodMetrics,
 * get and list only, built on request from the latest scrapes (they are never stored). Lists select the pods or
 * nodes first (label and field selectors) and answer for those with metrics; a get of an object without metrics
 * is NotFound on podmetrics/nodemetrics, of a missing object NotFound on pods/nodes.
 */
import type { HttpMethod, KObject } from '../types';
import type { ApiContext } from '../api/context';
import { methodNotSupported, notFound, StatusError } from '../api/errors';
import { selectorFilter, wantsTable } from '../api/handlers/read';
import { nameColumn, registerPrinter, toTable, type KindPrinter } from '../api/printers';
import { formatQuantity, parseQuantity } from '../api/quantity';
import { goDuration } from '../go-duration';
import { findResource, resourceKey, type ResourceDef } from '../api/resources';

export interface ContainerSample {
  name: string;
  cpuNanocores: number;
  memoryBytes: number;
}

export interface PodSample {
  /** Virtual ms of the scrape the usage ends at. */
  timestamp: number;
  windowMs: number;
  containers: ContainerSample[];
}

export interface NodeSample {
  timestamp: number;
  windowMs: number;
  cpuNanocores: number;
  memoryBytes: number;
}

/** What the metrics pipeline knows now. */
export interface MetricsReader {
  pod(namespace: string, name: string): PodSample | undefined;
  node(name: string): NodeSample | undefined;
}

const GROUP = 'metrics.k8s.io';
const API_VERSION = 'metrics.k8s.io/v1beta1';

export function cpuQuantity(nanocores: number): string {
  return formatQuantity({ nanos: BigInt(Math.floor(nanocores)), format: 'DecimalSI' });
}

export function memoryQuantity(bytes: number): string {
  return formatQuantity({ nanos: BigInt(Math.floor(bytes)) * 1_000_000_000n, format: 'BinarySI' });
}

function podMetricsObject(ctx: ApiContext, pod: KObject, sample: PodSample): KObject {
  return {
    kind: 'PodMetrics',
    apiVersion: API_VERSION,
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      creationTimestamp: ctx.clock.timestamp(),
      ...(pod.metadata.labels ? { labels: { ...pod.metadata.labels } } : {}),
    },
    timestamp: ctx.clock.timestamp(sample.timestamp),
    window: goDuration(sample.windowMs),
    containers: sample.containers.map((c) => ({
      name: c.name,
      usage: { cpu: cpuQuantity(c.cpuNanocores), memory: memoryQuantity(c.memoryBytes) },
    })),
  };
}

function nodeMetricsObject(ctx: ApiContext, node: KObject, sample: NodeSample): KObject {
  return {
    kind: 'NodeMetrics',
    apiVersion: API_VERSION,
    metadata: {
      name: node.metadata.name,
      creationTimestamp: ctx.clock.timestamp(),
      ...(node.metadata.labels ? { labels: { ...node.metadata.labels } } : {}),
    },
    timestamp: ctx.clock.timestamp(sample.timestamp),
    window: goDuration(sample.windowMs),
    usage: { cpu: cpuQuantity(sample.cpuNanocores), memory: memoryQuantity(sample.memoryBytes) },
  };
}

function unavailable(def: ResourceDef): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `the server is currently unable to handle the request (get ${def.resource}.${GROUP})`,
    reason: 'ServiceUnavailable',
    details: { group: GROUP, kind: def.resource, causes: [{ reason: 'UnexpectedServerResponse', message: 'service unavailable' }] },
    code: 503,
  });
}

export interface MetricsRequest {
  def: ResourceDef;
  namespace?: string;
  name?: string;
  method: HttpMethod;
  query: Record<string, string | undefined>;
  accept?: string;
}

/** GET /apis/metrics.k8s.io/v1beta1/{nodes | namespaces/NS/pods | pods}[/NAME]. */
export function serveMetricsApi(ctx: ApiContext, req: MetricsRequest): { status: number; body: any } {
  const { def, namespace, name, query } = req;
  if (req.method !== 'GET') throw methodNotSupported(def.group, def.resource, req.method.toLowerCase());
  if (query.watch === 'true' || query.watch === '1') throw methodNotSupported(def.group, def.resource, 'watch');
  const reader = ctx.metrics;
  if (!reader) throw unavailable(def);
  const objectDef = findResource('', 'v1', def.resource)!;
  const build = (obj: KObject): KObject | undefined => {
    if (def.kind === 'PodMetrics') {
      const s = reader.pod(obj.metadata.namespace!, obj.metadata.name!);
      return s && podMetricsObject(ctx, obj, s);
    }
    const s = reader.node(obj.metadata.name!);
    return s && nodeMetricsObject(ctx, obj, s);
  };
  let items: KObject[];
  if (name) {
    const entry = ctx.store.get(resourceKey(objectDef), def.namespaced ? (namespace ?? '') : '', name);
    const label = def.namespaced ? `${namespace}/${name}` : name;
    if (!entry) throw notFound('', objectDef.resource, def.namespaced ? name : label);
    const m = build(entry.obj);
    if (!m) throw notFound(GROUP, def.kind.toLowerCase(), label);
    if (!wantsTable(req.accept)) return { status: 200, body: m };
    items = [m];
  } else {
    const match = selectorFilter(objectDef, query);
    const objs = ctx.store.list(resourceKey(objectDef), def.namespaced ? namespace : undefined).map((e) => e.obj).filter(match);
    items = objs.map(build).filter((m): m is KObject => !!m);
    items.sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name!.localeCompare(b.metadata.name!));
  }
  if (wantsTable(req.accept)) return { status: 200, body: toTable(def, items, ctx.clock.now(), 'Metadata', '') };
  return { status: 200, body: { kind: `${def.kind}List`, apiVersion: API_VERSION, metadata: {}, items } };
}

/** metrics-server's table: Name, then cpu and memory summed over containers, then Window. */
function metricsPrinter(usage: (m: KObject) => { cpu: number; memory: number }): KindPrinter {
  const q = (name: string) => ({ name, type: 'string', format: 'quantity', description: '', priority: 0 });
  return {
    columns: [{ ...nameColumn, description: 'Name of the resource' }, q('cpu'), q('memory'), { name: 'Window', type: 'string', format: 'duration', description: '', priority: 0 }],
    row: (m) => {
      const u = usage(m);
      return [m.metadata.name, cpuQuantity(u.cpu), memoryQuantity(u.memory), m.window];
    },
  };
}

const nanos = (q: string) => parseCpuNanos(q);
const bytes = (q: string) => parseMemoryBytes(q);

registerPrinter('PodMetrics', metricsPrinter((m) => ({
  cpu: (m.containers ?? []).reduce((s: number, c: any) => s + nanos(c.usage.cpu), 0),
  memory: (m.containers ?? []).reduce((s: number, c: any) => s + bytes(c.usage.memory), 0),
})));
registerPrinter('NodeMetrics', metricsPrinter((m) => ({ cpu: nanos(m.usage.cpu), memory: bytes(m.usage.memory) })));

/** A CPU quantity in nanocores. */
export function parseCpuNanos(q: string): number {
  return Math.round((parseQuantity(q) ?? 0) * 1e9);
}

/** A memory quantity in bytes. */
export function parseMemoryBytes(q: string): number {
  return Math.round(parseQuantity(q) ?? 0);
}
