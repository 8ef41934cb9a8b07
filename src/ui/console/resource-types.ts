/** The API resource types the console completes, read from the engine's discovery documents as kubectl does. */
import type { ApiRequest, ApiResponse } from '../../engine/types';

export interface ResourceType {
  /** Plural resource name (`deployments`): what completion writes. */
  name: string;
  singular: string;
  shortNames: string[];
  kind: string;
  group: string;
  namespaced: boolean;
}

type Request = (req: ApiRequest) => Promise<ApiResponse>;

/** Reads /api/v1 and each group's preferred version; subresources are skipped. Core types come first. */
export async function loadResourceTypes(request: Request): Promise<ResourceType[]> {
  const out: ResourceType[] = [];
  const add = (group: string, body: any) => {
    for (const r of body?.resources ?? []) {
      if (typeof r?.name !== 'string' || r.name.includes('/')) continue;
      out.push({
        name: r.name,
        singular: r.singularName || String(r.kind ?? '').toLowerCase(),
        shortNames: r.shortNames ?? [],
        kind: r.kind,
        group,
        namespaced: !!r.namespaced,
      });
    }
  };
  const core = await request({ method: 'GET', path: '/api/v1' });
  if (core.status === 200) add('', core.body);
  const groups = await request({ method: 'GET', path: '/apis' });
  const lists = await Promise.all(
    ((groups.status === 200 && groups.body?.groups) || []).map(async (g: any) => {
      const version = g.preferredVersion?.version ?? g.versions?.[0]?.version;
      const res = await request({ method: 'GET', path: `/apis/${g.name}/${version}` });
      return { group: g.name as string, body: res.status === 200 ? res.body : undefined };
    }),
  );
  for (const { group, body } of lists) add(group, body);
  return out;
}

/** The type a word names, as kubectl's RESTMapper resolves it: plural, singular, short name, then kind. */
export function findResourceType(types: ResourceType[], word: string): ResourceType | undefined {
  const dot = word.indexOf('.');
  const name = (dot < 0 ? word : word.slice(0, dot)).toLowerCase();
  const group = dot < 0 ? undefined : word.slice(dot + 1).replace(/^v\d+(?:(?:alpha|beta)\d+)?\.?/, '');
  const pool = group === undefined ? types : types.filter((t) => t.group === group);
  return (
    pool.find((t) => t.name === name) ??
    pool.find((t) => t.singular === name) ??
    pool.find((t) => t.shortNames.includes(name)) ??
    pool.find((t) => t.kind.toLowerCase() === name)
  );
}
