/** The generic describer kubectl uses for kinds without their own: every field, sorted, with smart labels. */
import type { Describer } from './context';
import { describeEvents, eventsFor } from './events';
import { printAnnotationsMultiline, printLabelsMultiline } from './format';
import { LEVEL_0, type PrefixWriter, tabbed } from './writer';

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

function charClass(ch: string): number {
  if (/\p{Ll}/u.test(ch)) return 1;
  if (/\p{Lu}/u.test(ch)) return 2;
  if (/\p{Nd}/u.test(ch)) return 3;
  return 4;
}

/** fatih/camelcase.Split: runs of one character class, an upper run's last letter moved before a lower run. */
function camelSplit(src: string): string[] {
  const runs: string[][] = [];
  let last = 0;
  for (const ch of src) {
    const c = charClass(ch);
    if (c === last) runs[runs.length - 1].push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (charClass(runs[i][0]) === 2 && charClass(runs[i + 1][0]) === 1) runs[i + 1].unshift(runs[i].pop()!);
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

/** smartLabelFor: `apiVersion` -> `API Version`; fields with other characters than letters and '-' stay as they are. */
export function smartLabel(field: string): string {
  if ([...field].some((ch) => !/\p{L}/u.test(ch) && ch !== '-')) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path)) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path);
        else w.write(level + 1, `${Array.isArray(child) ? `[${child.join(' ')}]` : scalar(child)}\n`);
      }
    } else if (value && typeof value === 'object') {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, path);
    } else {
      w.write(level, `${smartLabel(field)}:\t${scalar(value)}\n`);
    }
  }
}

export const describeGeneric: Describer = (ctx, def, namespace, name) => {
  const obj = ctx.client.get(def, def.namespaced ? namespace : undefined, name);
  const events = eventsFor(ctx, obj);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printContent(w, LEVEL_0, obj, '');
    if (events) describeEvents(w, events, ctx.now);
  });
};
