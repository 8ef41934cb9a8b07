/** What a describer gets: the REST client, discovery, the virtual now, and the describe settings. */
import type { KObject } from '../../types';
import type { ResourceDef } from '../../api/resources';
import { resourcePath } from '../../api/paths';
import type { Client } from '../client';
import type { RestMapper } from '../rest-mapper';

export interface DescribeContext {
  client: Client;
  mapper: RestMapper;
  /** Virtual ms, for ages. */
  now: number;
  showEvents: boolean;
}

/** Fetches the object itself (a 404 surfaces as ApiError) and renders it. */
export type Describer = (ctx: DescribeContext, def: ResourceDef, namespace: string | undefined, name: string) => string;

/** A served resource by group and plural name, as discovery lists it. */
export function resourceDef(ctx: DescribeContext, group: string, resource: string): ResourceDef | undefined {
  return ctx.mapper.resources.find((r) => r.group === group && r.resource === resource);
}

/** List items of a resource, or [] when the resource is not served or the list fails. */
export function listItems(
  ctx: DescribeContext,
  group: string,
  resource: string,
  namespace: string | undefined,
  query: Record<string, string | undefined> = {},
): KObject[] {
  const def = resourceDef(ctx, group, resource);
  if (!def) return [];
  const res = ctx.client.send({
    method: 'GET',
    path: resourcePath(def, namespace),
    query,
  });
  return res.status < 400 ? (res.body?.items ?? []) : [];
}
