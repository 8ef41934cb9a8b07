/** Discovery documents: /api, /apis, /api/v1, /apis/{group}/{version}, /version. */
import { SERVED_RESOURCES, groupVersions, apiVersionOf } from './resources';

export const SERVER_VERSION = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.4',
  gitCommit: '74cdb426ac4d1f8bbf3c1c1cdae86f5f1d3a2c9e',
  gitTreeState: 'clean',
  buildDate: '2025-08-12T10:00:00Z',
  goVersion: 'go1.24.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions() {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.1:6443' }],
  };
}

function groupDoc(group: string) {
  const versions = groupVersions()
    .filter((gv) => gv.group === group)
    .map((gv) => ({ groupVersion: `${group}/${gv.version}`, version: gv.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList() {
  const groups = [...new Set(groupVersions().map((gv) => gv.group).filter(Boolean))];
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(groupDoc) };
}

export function apiGroup(group: string) {
  const doc = groupDoc(group);
  return doc.versions.length ? { kind: 'APIGroup', apiVersion: 'v1', ...doc } : undefined;
}

export function apiResourceList(group: string, version: string) {
  const defs = SERVED_RESOURCES.filter((r) => r.group === group && r.version === version);
  if (!defs.length) return undefined;
  const resources: any[] = [];
  for (const r of defs) {
    const entry: any = {
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
    };
    if (r.shortNames.length) entry.shortNames = r.shortNames;
    if (r.categories.length) entry.categories = r.categories;
    resources.push(entry);
    for (const sub of r.subresources) {
      const kind = sub === 'scale' ? 'Scale' : sub === 'eviction' ? 'Eviction' : sub === 'binding' ? 'Binding' : sub === 'exec' ? 'PodExecOptions' : r.kind;
      const verbs = sub === 'scale' || sub === 'status' ? ['get', 'patch', 'update'] : sub === 'log' || sub === 'scheduling' ? ['get'] : sub === 'exec' ? ['create', 'get'] : ['create'];
      const subEntry: any = { name: `${r.resource}/${sub}`, singularName: '', namespaced: r.namespaced, kind, verbs };
      if (sub === 'scale') Object.assign(subEntry, { group: 'autoscaling', version: 'v1' });
      if (sub === 'finalize') subEntry.verbs = ['update'];
      resources.push(subEntry);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources };
}
