/** get and list, with label and field selectors, chunking, and Table output. */
import type { KObject } from '../../types';
import type { ApiContext } from '../context';
import { badRequest, gone, notFound } from '../errors';
import { toTable, type IncludeObject } from '../printers';
import { resourceKey, apiVersionOf, type ResourceDef } from '../resources';
import {
  SelectorParseError,
  fieldMatcher,
  matchesRequirements,
  parseFieldSelector,
  parseLabelSelector,
} from '../selectors';

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept);
}

function includeObject(query: Record<string, string | undefined>): IncludeObject {
  const v = query.includeObject;
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

export function getObject(
  ctx: ApiContext,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
  query: Record<string, string | undefined>,
  accept: string | undefined,
): { status: number; body: any } {
  const entry = ctx.store.get(resourceKey(def), def.namespaced ? (namespace ?? '') : '', name);
  if (!entry) throw notFound(def.group, def.resource, name);
  if (wantsTable(accept)) {
    return { status: 200, body: toTable(def, [entry.obj], ctx.clock.now(), includeObject(query), entry.obj.metadata.resourceVersion!) };
  }
  return { status: 200, body: entry.obj };
}

/** A predicate for the request's labelSelector and fieldSelector; 400 on a selector that does not parse. */
export function selectorFilter(def: ResourceDef, query: Record<string, string | undefined>): (o: KObject) => boolean {
  try {
    const labels = parseLabelSelector(query.labelSelector ?? '');
    const fields = fieldMatcher(def.kind, parseFieldSelector(query.fieldSelector ?? ''));
    return (o) => matchesRequirements(labels, o.metadata.labels) && fields(o);
  } catch (e) {
    if (e instanceof SelectorParseError) throw badRequest(e.message);
    throw e;
  }
}

export function listObjects(
  ctx: ApiContext,
  def: ResourceDef,
  namespace: string | undefined,
  query: Record<string, string | undefined>,
  accept: string | undefined,
): { status: number; body: any } {
  const match = selectorFilter(def, query);
  let items = ctx.store.list(resourceKey(def), def.namespaced ? namespace : undefined).map((e) => e.obj).filter(match);
  const rv = String(ctx.store.revision());
  const metadata: Record<string, unknown> = { resourceVersion: rv };
  const limit = query.limit ? parseInt(query.limit, 10) : 0;
  if (query.continue) {
    const token = decodeContinue(query.continue);
    if (token.rv < ctx.store.compactedRevision()) {
      throw gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
    }
    items = items.filter((o) => keyOf(o) > token.start);
  }
  if (limit > 0 && items.length > limit) {
    items = items.slice(0, limit);
    metadata.continue = encodeContinue(ctx.store.revision(), keyOf(items[items.length - 1]));
    metadata.remainingItemCount = undefined;
  }
  if (wantsTable(accept)) {
    const table: any = toTable(def, items, ctx.clock.now(), includeObject(query), rv);
    if (metadata.continue) table.metadata.continue = metadata.continue;
    return { status: 200, body: table };
  }
  return {
    status: 200,
    body: {
      kind: `${def.kind}List`,
      apiVersion: apiVersionOf(def),
      metadata: JSON.parse(JSON.stringify(metadata)),
      items,
    },
  };
}

function keyOf(o: KObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function encodeContinue(rv: number, start: string): string {
  return btoa(unescape(encodeURIComponent(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start }))));
}

function decodeContinue(token: string): { rv: number; start: string } {
  try {
    const t = JSON.parse(decodeURIComponent(escape(atob(token))));
    if (typeof t.rv === 'number' && typeof t.start === 'string') return t;
  } catch {
    /* fall through */
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}
