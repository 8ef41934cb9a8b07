/** kubectl describe namespace: status, conditions, then the quota and limit range summaries. */
import type { KObject } from '../../types';
import type { Describer } from './context';
import { listItems } from './context';
import { printAnnotationsMultiline, printLabelsMultiline, quantityString, rfc1123z } from './format';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbed } from './writer';

const byName = (a: KObject, b: KObject) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0);

/** DescribeResourceQuotas: one Used/Hard table per quota, or `No resource quota.`. */
function describeQuotas(w: PrefixWriter, quotas: KObject[]): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of [...quotas].sort(byName)) {
    w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
    const scopes: string[] = [...(q.spec?.scopes ?? [])].sort();
    if (scopes.length) w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    for (const r of Object.keys(q.status?.hard ?? {}).sort()) {
      w.write(LEVEL_1, `${r}\t${quantityString(q.status?.used?.[r])}\t${quantityString(q.status.hard[r])}\n`);
    }
  }
}

/** DescribeLimitRanges: one row per limit type and resource, `-` for unset values, or `No LimitRange resource.`. */
function describeLimitRanges(w: PrefixWriter, limitRanges: KObject[]): void {
  if (limitRanges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  const v = (list: any, n: string) => (list?.[n] !== undefined ? quantityString(list[n]) : '-');
  for (const lr of limitRanges) {
    for (const item of lr.spec?.limits ?? []) {
      const lists = [item.max, item.min, item.default, item.defaultRequest, item.maxLimitRequestRatio];
      const names = [...new Set(lists.flatMap((l) => Object.keys(l ?? {})))].sort();
      for (const n of names) {
        w.write(
          LEVEL_0,
          ` ${item.type}\t${n}\t${v(item.min, n)}\t${v(item.max, n)}\t${v(item.defaultRequest, n)}\t${v(item.default, n)}\t${v(item.maxLimitRequestRatio, n)}\n`,
        );
      }
    }
  }
}

export const describeNamespace: Describer = (ctx, def, _namespace, name) => {
  const ns = ctx.client.get(def, undefined, name);
  // Every real API server serves quotas and limit ranges; when the simulation does not, they are simply empty.
  const quotas = listItems(ctx, '', 'resourcequotas', name);
  const limitRanges = listItems(ctx, '', 'limitranges', name);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    if (ns.status?.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of ns.status.conditions) {
        w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, '\n');
    describeQuotas(w, quotas);
    w.write(LEVEL_0, '\n');
    describeLimitRanges(w, limitRanges);
  });
};
