/** Field formats shared by the describers (describe.go helpers: labels, annotations, taints, tolerations, times). */
import type { KObject } from '../../types';
import { LEVEL_0, type PrefixWriter } from './writer';

export { formatLabels, formatLabelSelector, selectorString, since, quantityString, boolPtr } from '../../api/printers/cells';

type W = Pick<PrefixWriter, 'write' | 'writeLine'>;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** time.RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:00 +0000`; Go's zero time for a missing timestamp. */
export function rfc1123z(ts: string | undefined | null): string {
  const t = ts ? Date.parse(ts) : NaN;
  if (Number.isNaN(t)) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export function stringOrNone(s: string | undefined | null): string {
  return s ? s : '<none>';
}

/** Go's %v of a string slice: `[a b]`. */
export function goList(items: unknown[] | undefined | null): string {
  return `[${(items ?? []).join(' ')}]`;
}

/** printBool: `True` / `False`. */
export function goBool(v: unknown): string {
  return v ? 'True' : 'False';
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

/** printLabelsMultilineWithIndent: one `k=v` per line, sorted, `<none>` when empty. */
export function printLabelsMultiline(w: W, title: string, labels: Record<string, string> | undefined | null, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

/** printAnnotationsMultiline: `key: value` sorted, long or multi-line values on their own lines, last-applied skipped. */
export function printAnnotationsMultiline(w: W, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key].replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) {
        const short = s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s;
        w.write(LEVEL_0, `${indent}  ${short}\n`);
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** Taint.ToString: `key=value:Effect` or `key:Effect`. */
export function taintString(t: any): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

export function printTaintsMultiline(w: W, title: string, taints: any[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!taints?.length) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: any) => `${t.effect ?? ''},${t.key ?? ''}`;
  [...taints]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .forEach((t, i) => {
      if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
      w.write(LEVEL_0, `${taintString(t)}\n`);
    });
}

/** printTolerationsMultilineWithIndent: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function printTolerationsMultiline(w: W, title: string, tolerations: any[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations?.length) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, s + '\n');
  });
}

/** printController: `Kind/name` of the controlling owner reference, or ''. */
export function controllerOf(obj: KObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** helper.GetAccessModesAsString. */
export { accessModes } from '../../api/printers/cells';
