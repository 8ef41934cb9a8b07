/** kubectl api-resources (pkg/cmd/apiresources/apiresources.go): preferred versions from discovery, by group then name. */
import type { Command } from '../context';
import { KubectlError } from '../errors';
import { tabwrite } from '../printers/tabwriter';

interface Row {
  group: string;
  groupVersion: string;
  r: { name: string; shortNames?: string[]; namespaced: boolean; kind: string; verbs?: string[]; categories?: string[] };
}

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  run(ctx) {
    const p = ctx.parse([
      { name: 'output', short: 'o', type: 'string', default: '' },
      { name: 'no-headers', type: 'bool' },
      { name: 'api-group', type: 'string', default: '' },
      { name: 'namespaced', type: 'bool', default: true },
      { name: 'verbs', type: 'strings' },
      { name: 'categories', type: 'strings' },
      { name: 'sort-by', type: 'string', default: '' },
      { name: 'cached', type: 'bool' },
    ]);
    const f = p.flags;
    if (p.args.length) throw new KubectlError(`unexpected arguments: [${p.args.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`);
    const output = String(f.output);
    if (!['', 'wide', 'name'].includes(output)) throw new KubectlError(`--output ${output} is not available`);
    const sortBy = String(f['sort-by']);
    if (sortBy && !['name', 'kind'].includes(sortBy)) throw new KubectlError('--sort-by accepts only name or kind');
    const verbs = (f.verbs as string[]).flatMap((v) => v.split(',')).filter(Boolean);
    const categories = (f.categories as string[]).flatMap((v) => v.split(',')).filter(Boolean);

    const lists: { groupVersion: string; group: string; resources: Row['r'][] }[] = [];
    lists.push({ groupVersion: 'v1', group: '', resources: ctx.client.raw({ method: 'GET', path: '/api/v1' }).resources });
    for (const g of ctx.client.raw({ method: 'GET', path: '/apis' }).groups ?? []) {
      const gv = g.preferredVersion?.groupVersion ?? g.versions[0].groupVersion;
      lists.push({ groupVersion: gv, group: g.name, resources: ctx.client.raw({ method: 'GET', path: `/apis/${gv}` }).resources });
    }
    const rows: Row[] = [];
    for (const l of lists) {
      for (const r of l.resources ?? []) {
        if (r.name.includes('/') || !r.verbs?.length) continue;
        if (p.changed.has('api-group') && f['api-group'] !== l.group) continue;
        if (p.changed.has('namespaced') && f.namespaced !== r.namespaced) continue;
        if (verbs.length && !verbs.every((v) => r.verbs!.includes(v))) continue;
        if (categories.length && !categories.every((c) => (r.categories ?? []).includes(c))) continue;
        rows.push({ group: l.group, groupVersion: l.groupVersion, r });
      }
    }
    const key = (x: Row) => (sortBy === 'name' ? x.r.name : sortBy === 'kind' ? x.r.kind : x.group);
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    rows.sort((a, b) => cmp(key(a), key(b)) || cmp(a.r.name, b.r.name));

    let text = '';
    if (!f['no-headers'] && output !== 'name') {
      text += ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])].join('\t') + '\n';
    }
    for (const { group, groupVersion, r } of rows) {
      if (output === 'name') {
        text += (group ? `${r.name}.${group}` : r.name) + '\n';
        continue;
      }
      const cells = [r.name, (r.shortNames ?? []).join(','), groupVersion, String(r.namespaced), r.kind];
      if (output === 'wide') cells.push(r.verbs!.join(','), (r.categories ?? []).join(','));
      text += cells.join('\t') + '\n';
    }
    ctx.out.write(tabwrite(text));
  },
};
