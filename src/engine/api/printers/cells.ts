/** Helpers shared by the kind printers: column definitions and the cell formats of printers.go. */
import type { ColumnDefinition } from './index';
import { ageColumn, nameColumn } from './index';
import { EPOCH_MS } from '../../clock';
import { humanDuration } from './duration';
import { canonicalQuantity } from '../quantity';

/** A column as printers.go declares it: `{Name, Type, Format, Priority, Description}`. */
export function col(name: string, type: string, description: string, priority = 0, format = ''): ColumnDefinition {
  return { name, type, format, description, priority };
}

export { ageColumn, nameColumn };

export const CONTAINERS_DESC = 'Names of each container in the template.';
export const IMAGES_DESC = 'Images referenced by each container in the template.';

/** Virtual ms of an RFC3339 timestamp, or undefined when absent or unparsable. */
export function instant(ts: string | undefined | null): number | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t - EPOCH_MS;
}

/** translateTimestampSince: HumanDuration(now - ts), `<unknown>` for a zero timestamp. */
export function since(ts: string | undefined | null, now: number): string {
  const t = instant(ts);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** layoutContainerCells: container names and images joined with commas. */
export function containerCells(containers: any[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key; '' when empty. */
export function selectorString(sel: any): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, text: `${key}=${value}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : e.operator === 'DoesNotExist'
              ? `!${e.key}`
              : '';
    reqs.push({ key: e.key, text });
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty or missing. */
export function formatLabelSelector(sel: any): string {
  return selectorString(sel) || '<none>';
}

/** resource.Quantity.String() of a stored quantity; `0` when missing. */
export function quantityString(q: string | number | undefined | null): string {
  if (q === undefined || q === null || q === '') return '0';
  return canonicalQuantity(q);
}

/** printBoolPtr: `True`, `False` or `<unset>`. */
export function boolPtr(v: boolean | undefined | null): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

/** net.JoinHostPort: IPv6 addresses get brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `a,b,c + N more...` as the list printers shorten long lists. */
export function listWithMore(list: string[], more: boolean, count: number, max: number, empty: string): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? empty : ret;
}

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
export function accessModes(modes: string[] | undefined): string {
  const m = new Set(modes ?? []);
  const out: string[] = [];
  if (m.has('ReadWriteOnce')) out.push('RWO');
  if (m.has('ReadOnlyMany')) out.push('ROX');
  if (m.has('ReadWriteMany')) out.push('RWX');
  if (m.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** loadBalancerStatusStringer: unique IPs or hostnames, sorted; clipped to 16 characters unless wide. */
export function loadBalancerStatus(status: any, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of status?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  let r = [...set].sort().join(',');
  if (!wide && r.length > 16) r = r.slice(0, 13) + '...';
  return r;
}
