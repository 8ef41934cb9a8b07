/** The API server: one request handler on real paths and verbs. Nothing else writes the store. */
import type { ApiRequest, ApiResponse, WatchEvent } from '../types';
import type { ApiContext, StrategyLookup } from './context';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from './discovery';
import { StatusError, badRequest, internal, methodNotSupported, notFoundPath, requestEntityTooLarge } from './errors';
import { deleteObject, deleteOptionsFrom } from './handlers/delete';
import { getObject, listObjects, selectorFilter } from './handlers/read';
import { create, patch, scaleOf, update, updateFinalize, updateScale, updateStatus } from './handlers/write';
import { parsePath, splitPath } from './paths';
import { bindPod, evictPod, podLog } from './handlers/pod-subresources';
import { podSchedulingRecord } from './handlers/pod-scheduling';
import { podExec } from './handlers/pod-exec';
import { startWatch } from './watch';
import { parseBody } from './body';
import { bodyOver } from './body-size';
import { resourceKey } from './resources';
import { clone } from '../util';
import { serveMetricsApi } from '../metrics/metrics-api';

/** kube-apiserver's --max-request-body-bytes default (3 MiB). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/** etcd compaction interval of kube-apiserver (--etcd-compaction-interval). */
export const COMPACTION_INTERVAL_MS = 5 * 60 * 1000;

export class ApiServer {
  private lastCompaction = { at: 0, revision: 1 };

  constructor(
    private readonly ctx: ApiContext,
    private readonly strategies: StrategyLookup,
  ) {}

  /**
   * Handle one request. Handlers answer with the store's own (never mutated) objects; callers outside the engine
   * get a copy, in-engine components (`shareObjects`) read those objects directly and must not change them.
   */
  request(req: ApiRequest, shareObjects = false): ApiResponse {
    try {
      this.compactIfDue();
      const res = this.dispatch(req, shareObjects);
      return shareObjects || typeof res.body !== 'object' ? res : { ...res, body: clone(res.body) };
    } catch (e) {
      if (e instanceof StatusError) return { status: e.code, body: e.status };
      const message = e instanceof Error ? e.message : String(e);
      const err = internal(message);
      return { status: 500, body: err.status };
    }
  }

  /**
   * A watch request (GET with watch=true semantics). Returns the initial response: 200 with a stop function, or an
   * error Status (410 when the resourceVersion was compacted).
   */
  watch(
    req: ApiRequest,
    onEvent: (e: WatchEvent) => void,
    shareObjects = false,
  ): { response: ApiResponse; stop: () => void } {
    const none = () => {};
    try {
      this.compactIfDue();
      const { path, query } = this.split(req);
      const parsed = parsePath(path);
      if (parsed.type !== 'resource' || parsed.subresource) throw notFoundPath();
      const match = query.labelSelector || query.fieldSelector ? selectorFilter(parsed.def, query) : undefined;
      const stop = startWatch(
        this.ctx.store,
        { def: parsed.def, namespace: parsed.namespace, name: parsed.name ?? fieldName(query.fieldSelector), match },
        query.resourceVersion,
        onEvent,
        shareObjects,
      );
      return { response: { status: 200, body: { kind: 'Status', status: 'Success' } }, stop };
    } catch (e) {
      if (e instanceof StatusError) return { response: { status: e.code, body: e.status }, stop: none };
      return { response: { status: 500, body: internal(String(e)).status }, stop: none };
    }
  }

  private split(req: ApiRequest): { path: string; query: Readonly<Record<string, string>> } {
    const split = splitPath(req.path);
    const extra = req.query;
    if (!extra) return split;
    const query: Record<string, string> = { ...split.query };
    for (const k of Object.keys(extra)) {
      const v = extra[k];
      if (v !== undefined) query[k] = v;
    }
    return { path: split.path, query };
  }

  private compactIfDue(): void {
    const now = this.ctx.clock.now();
    if (now - this.lastCompaction.at < COMPACTION_INTERVAL_MS) return;
    // Like kube-apiserver, compact to the revision seen at the previous compaction tick.
    this.ctx.store.compact(this.lastCompaction.revision);
    this.lastCompaction = { at: now - ((now - this.lastCompaction.at) % COMPACTION_INTERVAL_MS), revision: this.ctx.store.revision() };
  }

  /** `internal`: a request from an in-engine component, whose bodies need no size check. */
  private dispatch(req: ApiRequest, internal: boolean): ApiResponse {
    const { path, query } = this.split(req);
    const parsed = parsePath(path);
    const method = req.method;
    if (parsed.type !== 'resource') {
      if (method !== 'GET') throw notFoundPath();
      const body = discovery(parsed);
      if (body === undefined) throw notFoundPath();
      return { status: 200, body };
    }
    const res = this.serveResource(req, parsed, query, internal);
    // kube-apiserver warns on every request to a deprecated API (v1 Endpoints from v1.33).
    return parsed.def.deprecation ? { ...res, warnings: [...(res.warnings ?? []), parsed.def.deprecation] } : res;
  }

  private serveResource(req: ApiRequest, parsed: ResourcePath, query: Record<string, string>, internal: boolean): ApiResponse {
    const method = req.method;
    const { def, namespace, name, subresource } = parsed;
    if (def.group === 'metrics.k8s.io') return serveMetricsApi(this.ctx, { def, namespace, name, method, query, accept: req.accept });
    const dryRun = query.dryRun === 'All';
    const fieldValidation = query.fieldValidation;
    const ctx = this.ctx;
    const s = this.strategies;
    if (subresource === 'finalize' && method === 'PUT' && name) {
      return updateFinalize(ctx, def, name, parseBody(req.body, req.contentType), { dryRun });
    }
    if (def.kind === 'Pod' && name && namespace && subresource) {
      if (subresource === 'binding' && method === 'POST') return bindPod(ctx, def, namespace, name, parseBody(req.body, req.contentType));
      if (subresource === 'eviction' && method === 'POST') return evictPod(ctx, def, namespace, name, parseBody(req.body, req.contentType));
      if (subresource === 'log' && method === 'GET') return podLog(ctx, def, namespace, name, query);
      if (subresource === 'scheduling' && method === 'GET') return podSchedulingRecord(ctx, def, namespace, name);
      if (subresource === 'exec' && (method === 'POST' || method === 'GET')) return podExec(ctx, def, namespace, name, req, query);
    }
    if (subresource && !['status', 'scale'].includes(subresource)) {
      throw methodNotSupported(def.group, `${def.resource}/${subresource}`, method.toLowerCase());
    }
    if (!internal && method !== 'GET' && req.body !== undefined && bodyOver(req.body, MAX_REQUEST_BODY_BYTES)) {
      throw requestEntityTooLarge(`Request entity too large: limit is ${MAX_REQUEST_BODY_BYTES}`);
    }
    const body = method === 'GET' || method === 'DELETE' ? req.body : parseBody(req.body, req.contentType);
    switch (method) {
      case 'GET':
        if (query.watch === 'true' || query.watch === '1') {
          throw badRequest('watch requests go through watch(): the engine delivers watch events by callback');
        }
        if (!name) return listObjects(ctx, def, namespace, query, req.accept);
        if (subresource === 'scale') {
          const got = getObject(ctx, def, namespace, name, {}, undefined);
          return { status: 200, body: scaleOf(def, got.body) };
        }
        return getObject(ctx, def, namespace, name, query, req.accept);
      case 'POST':
        if (name) throw methodNotSupported(def.group, def.resource, 'create');
        return create(ctx, s, def, namespace, body, { dryRun, fieldValidation });
      case 'PUT':
        if (!name) throw methodNotSupported(def.group, def.resource, 'update');
        if (subresource === 'status') return updateStatus(ctx, s, def, namespace, name, body, { dryRun, fieldValidation, internal });
        if (subresource === 'scale') return updateScale(ctx, s, def, namespace, name, body, { dryRun, fieldValidation });
        return update(ctx, s, def, namespace, name, body, { dryRun, fieldValidation });
      case 'PATCH':
        if (!name) throw methodNotSupported(def.group, def.resource, 'patch');
        return patch(ctx, s, def, namespace, name, body, req.contentType ?? 'application/merge-patch+json', { dryRun, fieldManager: query.fieldManager, force: query.force === 'true', fieldValidation, internal }, subresource);
      case 'DELETE': {
        const opts = deleteOptionsFrom(req.body, query);
        if (name) return deleteObject(ctx, def, namespace, name, opts);
        return this.deleteCollection(def, namespace, query, opts);
      }
      default:
        throw methodNotSupported(def.group, def.resource, String(method).toLowerCase());
    }
  }

  private deleteCollection(def: any, namespace: string | undefined, query: Record<string, string>, opts: any): ApiResponse {
    if (!def.verbs.includes('deletecollection')) throw methodNotSupported(def.group, def.resource, 'deletecollection');
    const match = selectorFilter(def, query);
    const items = this.ctx.store.list(resourceKey(def), def.namespaced ? namespace : undefined).map((e) => e.obj).filter(match);
    const deleted = items.map((o) => deleteObject(this.ctx, def, o.metadata.namespace, o.metadata.name!, opts).body);
    return {
      status: 200,
      body: { kind: `${def.kind}List`, apiVersion: def.group ? `${def.group}/${def.version}` : def.version, metadata: {}, items: deleted },
    };
  }
}

function fieldName(fieldSelector: string | undefined): string | undefined {
  const m = /^metadata\.name=([^,]+)$/.exec(fieldSelector ?? '');
  return m?.[1];
}

function discovery(parsed: ReturnType<typeof parsePath>): unknown {
  switch (parsed.type) {
    case 'root':
      return { paths: ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/readyz', '/version'] };
    case 'api':
      return apiVersions();
    case 'apis':
      return apiGroupList();
    case 'group':
      return apiGroup(parsed.group);
    case 'groupVersion':
      return apiResourceList(parsed.group, parsed.version);
    case 'version':
      return SERVER_VERSION;
    case 'healthz':
      return 'ok';
    default:
      return undefined;
  }
}

type ResourcePath = Extract<ReturnType<typeof parsePath>, { type: 'resource' }>;
