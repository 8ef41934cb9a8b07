/** kubectl's RESTMapper: resource words (`po`, `deployments.apps`, `Deployment`) to resources, from discovery. */
import type { ResourceDef } from '../api/resources';
import type { Client } from './client';
import { KubectlError } from './errors';

export class RestMapper {
  private constructor(readonly resources: ResourceDef[]) {}

  /** Reads /api/v1 and every group's preferred version, as kubectl's discovery client does. */
  static load(client: Client): RestMapper {
    const resources: ResourceDef[] = [];
    const add = (group: string, version: string, list: any) => {
      for (const r of list.resources ?? []) {
        if (r.name.includes('/')) continue;
        resources.push({
          group,
          version,
          resource: r.name,
          singular: r.singularName || r.kind.toLowerCase(),
          kind: r.kind,
          namespaced: r.namespaced,
          shortNames: r.shortNames ?? [],
          categories: r.categories ?? [],
          verbs: r.verbs ?? [],
          subresources: (list.resources as any[])
            .filter((s) => s.name.startsWith(r.name + '/'))
            .map((s) => s.name.slice(r.name.length + 1)),
        });
      }
    };
    add('', 'v1', client.raw({ method: 'GET', path: '/api/v1' }));
    const groups = client.raw({ method: 'GET', path: '/apis' });
    for (const g of groups.groups ?? []) {
      const v = g.preferredVersion?.version ?? g.versions[0].version;
      add(g.name, v, client.raw({ method: 'GET', path: `/apis/${g.name}/${v}` }));
    }
    return new RestMapper(resources);
  }

  /** The resource a word names, or undefined. */
  find(word: string): ResourceDef | undefined {
    const dot = word.indexOf('.');
    const name = (dot < 0 ? word : word.slice(0, dot)).toLowerCase();
    let group: string | undefined;
    let version: string | undefined;
    if (dot >= 0) {
      const rest = word.slice(dot + 1);
      const m = /^(v\d+(?:(?:alpha|beta)\d+)?)\.(.+)$/.exec(rest);
      if (m) {
        version = m[1];
        group = m[2];
      } else if (/^v\d+(?:(?:alpha|beta)\d+)?$/.test(rest)) {
        version = rest;
        group = '';
      } else group = rest;
    }
    const candidates = this.resources.filter(
      (r) => (group === undefined || r.group === group) && (version === undefined || r.version === version),
    );
    return (
      candidates.find((r) => r.resource === name) ??
      candidates.find((r) => r.singular === name) ??
      candidates.find((r) => r.shortNames.includes(name)) ??
      candidates.find((r) => r.kind.toLowerCase() === name)
    );
  }

  /** Like find, but with kubectl's error for an unknown type. */
  resourceFor(word: string): ResourceDef {
    const r = this.find(word);
    if (!r) throw new KubectlError(`the server doesn't have a resource type "${word}"`);
    return r;
  }

  /** A comma list of types; `all` (or another category) expands to its members. */
  expand(words: string): ResourceDef[] {
    const out: ResourceDef[] = [];
    for (const w of words.split(',').filter(Boolean)) {
      const members = this.resources.filter((r) => r.categories.includes(w.toLowerCase()));
      if (members.length && !this.find(w)) out.push(...orderAll(members));
      else out.push(this.resourceFor(w));
    }
    return out;
  }

  forKind(apiVersion: string, kind: string): ResourceDef | undefined {
    const slash = apiVersion.lastIndexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    return this.resources.find((r) => r.group === group && r.version === version && r.kind === kind);
  }
}

/** `kubectl get all` prints kinds in this order. */
const ALL_ORDER = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];

function orderAll(members: ResourceDef[]): ResourceDef[] {
  return [...members].sort((a, b) => rank(a) - rank(b));
}

function rank(r: ResourceDef): number {
  const i = ALL_ORDER.indexOf(r.resource);
  return i < 0 ? ALL_ORDER.length : i;
}
