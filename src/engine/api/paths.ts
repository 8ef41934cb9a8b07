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

/** The query of a path without one: shared, so it must never be written to (copy it first). */
export const NO_QUERY: Readonly<Record<string, string>> = Object.freeze({});

export function splitPath(raw: string): { path: string; query: Readonly<Record<string, string>> } {
  const q = raw.indexOf('?');
  if (q < 0) return { path: raw, query: NO_QUERY };
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw.slice(q + 1))) query[k] = v;
  return { path: raw.slice(0, q), query };
}

/** Parsed collection paths (no object name): the components post to the same few over and over. */
const collections = new Map<string, ParsedPath>();
const MAX_CACHED_COLLECTIONS = 1024;

/** The parts of an API path. The result is shared between calls with the same path: read it, never change it. */
export function parsePath(path: string): ParsedPath {
  const hit = collections.get(path);
  if (hit) return hit;
  const parsed = parseSegments(path);
  if (parsed.type === 'resource' && parsed.name === undefined) {
    if (collections.size >= MAX_CACHED_COLLECTIONS) collections.clear();
    collections.set(path, parsed);
  }
  return parsed;
}

function parseSegments(path: string): ParsedPath {
  const parts = segments(path);
  const n = parts.length;
  if (n === 0) return { type: 'root' };
  const first = parts[0];
  if (first === 'version' && n === 1) return { type: 'version' };
  if (first === 'healthz' || first === 'readyz' || first === 'livez') return { type: 'healthz' };
  let group: string;
  let version: string;
  // parts[r..] address the resource.
  let r: number;
  if (first === 'api') {
    if (n === 1) return { type: 'api' };
    group = '';
    version = parts[1];
    r = 2;
    if (version !== 'v1') return { type: 'unknown' };
  } else if (first === 'apis') {
    if (n === 1) return { type: 'apis' };
    if (n === 2) return { type: 'group', group: parts[1] };
    group = parts[1];
    version = parts[2];
    r = 3;
  } else {
    return { type: 'unknown' };
  }
  if (r === n) return { type: 'groupVersion', group, version };
  let namespace: string | undefined;
  // /namespaces/{ns}/{resource}... addresses namespaced resources; /namespaces/{name}[/sub] the namespace itself.
  if (parts[r] === 'namespaces' && n - r >= 3 && (group !== '' || (parts[r + 2] !== 'status' && parts[r + 2] !== 'finalize'))) {
    namespace = parts[r + 1];
    r += 2;
  }
  const def = resourceDef(group, version, parts[r]);
  if (!def || n - r > 3) return { type: 'unknown' };
  if (namespace !== undefined && !def.namespaced) return { type: 'unknown' };
  const name = parts[r + 1];
  const subresource = parts[r + 2];
  if (subresource && !def.subresources.includes(subresource)) return { type: 'unknown' };
  return { type: 'resource', def, namespace, name, subresource };
}

/** The non-empty segments of a path, percent-decoded. */
function segments(path: string): string[] {
  const parts = path.split('/');
  let n = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p !== '') parts[n++] = p.includes('%') ? decodeURIComponent(p) : p;
  }
  parts.length = n;
  return parts;
}

/** Served resources by group, version and resource name (the set is fixed; only hits are kept). */
const defs = new Map<string, Map<string, Map<string, ResourceDef>>>();

function resourceDef(group: string, version: string, resource: string): ResourceDef | undefined {
  const byResource = defs.get(group)?.get(version);
  const hit = byResource?.get(resource);
  if (hit) return hit;
  const def = findResource(group, version, resource);
  if (!def) return undefined;
  let byVersion = defs.get(group);
  if (!byVersion) defs.set(group, (byVersion = new Map()));
  let m = byVersion.get(version);
  if (!m) byVersion.set(version, (m = new Map()));
  m.set(resource, def);
  return def;
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
