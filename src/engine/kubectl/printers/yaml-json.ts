/** -o yaml and -o json as kubectl prints them: keys sorted (Go marshals maps sorted), lists as `kind: List`. */
import type { KObject } from '../../types';
import { goJson } from './go-format';
import { goYaml } from './go-yaml';

export function sortKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeysDeep(x);
    }
    return out;
  }
  return v;
}

/** YAML byte-for-byte as kubectl's printer (sigs.k8s.io/yaml, go-yaml v2) writes it. */
export function toYaml(v: unknown): string {
  return goYaml(JSON.parse(JSON.stringify(v ?? null)));
}

/** JSON with 4-space indent, as kubectl's JSON printer writes it (Go escapes <, > and & in strings). */
export function toJson(v: unknown): string {
  return goJson(v, '    ') + '\n';
}

/** One object as itself; several (or a list request) as a `List`. */
export function asListOrSingle(objs: KObject[], forceList: boolean): unknown {
  if (objs.length === 1 && !forceList) return objs[0];
  return { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
}
