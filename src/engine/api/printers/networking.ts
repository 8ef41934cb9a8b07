/** Ingress and IngressClass tables. */
import type { KindPrinter } from './index';
import { ageColumn, col, loadBalancerStatus, nameColumn, since } from './cells';

/** formatHosts: up to 3 hosts, `*` when none, `+ N more...` past 3 rules. */
export function ingressHosts(rules: any[] | undefined): string {
  const list: string[] = [];
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === 3) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${(rules ?? []).length - 3} more...` : ret;
}

export const ingressPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn,
  ],
  row: (ing, now) => [
    ing.metadata.name,
    ing.spec?.ingressClassName ?? '<none>',
    ingressHosts(ing.spec?.rules),
    loadBalancerStatus(ing.status?.loadBalancer, true),
    ing.spec?.tls?.length ? '80, 443' : '80',
    since(ing.metadata.creationTimestamp, now),
  ],
};

export const ingressClassPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageColumn,
  ],
  row(ic, now) {
    const p = ic.spec?.parameters;
    const parameters = p ? `${p.kind ?? ''}${p.apiGroup !== undefined && p.apiGroup !== null ? '.' + p.apiGroup : ''}/${p.name ?? ''}` : '<none>';
    return [ic.metadata.name, ic.spec?.controller ?? '', parameters, since(ic.metadata.creationTimestamp, now)];
  },
};
