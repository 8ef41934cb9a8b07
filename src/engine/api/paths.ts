/** Parse real API paths into what they address. */
import { findResource, type ResourceDef } from './resources';

export type ParsedPath =
  | { type: 'root' | 'api' | 'apis' | 'version' | 'healthz' }
  | { type: 'groupVersion'; group: string; version: string }
  | { type: 'group'; group: string }
  | {
      type: 'resource';
      def: ResourceDef;
      namespace?: string;
      name?: string;
      subresource?: string;
    }
  | { type: 'unknown' };

export function splitPath(raw: string): { path: string; query: Record<string, string> } {
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query: Record<string, string> = {};
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(raw.slice(q + 1))) query[k] = v;
  }
  return { path, query };
}

export function parsePath(path: string): ParsedPath {
  const parts = path.split('/').filter(Boolean).map((p) => (p.includes('%') ? decodeURIComponent(p) : p));
  if (parts.length === 0) return { type: 'root' };
  if (parts[0] === 'version' && parts.length === 1) return { type: 'version' };
  if (['healthz', 'readyz', 'livez'].includes(parts[0])) return { type: 'healthz' };
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return { type: 'api' };
    group = '';
    version = parts[1];
    rest = parts.slice(2);
    if (version !== 'v1') return { type: 'unknown' };
  } else if (parts[0] === 'apis') {
    if (parts.length === 1) return { type: 'apis' };
    if (parts.length === 2) return { type: 'group', group: parts[1] };
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return { type: 'unknown' };
  }
  if (rest.length === 0) return { type: 'groupVersion', group, version };
  let namespace: string | undefined;
  // /namespaces/{ns}/{resource}... addresses namespaced resources; /namespaces/{name}[/sub] the namespace itself.
  if (rest[0] === 'namespaces' && group === '' && rest.length >= 3 && !['status', 'finalize'].includes(rest[2])) {
    namespace = rest[1];
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces' && group !== '' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const def = findResource(group, version, rest[0]);
  if (!def || rest.length > 3) return { type: 'unknown' };
  if (namespace !== undefined && !def.namespaced) return { type: 'unknown' };
  const name = rest[1];
  const subresource = rest[2];
  if (subresource && !def.subresources.includes(subresource)) return { type: 'unknown' };
  return { type: 'resource', def, namespace, name, subresource };
}

/** The API path of a resource collection or object. */
export function resourcePath(def: ResourceDef, namespace?: string, name?: string, subresource?: string): string {
  let p = def.group ? `/apis/${def.group}/${def.version}` : `/api/${def.version}`;
  if (def.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${def.resource}`;
  if (name) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}
