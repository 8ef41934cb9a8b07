/** `kubectl events`: LAST SEEN TYPE REASON OBJECT MESSAGE, sorted by time (pkg/cmd/events). */
import type { Command } from '../context';
import { KubectlError } from '../errors';
import { makePrinter, GENERIC_FORMATS } from '../printers/output';
import { tabwrite } from '../printers/tabwriter';
import { EPOCH_MS } from '../../clock';
import { humanDuration } from '../../api/printers/duration';

export const eventsCommand: Command = {
  name: 'events',
  run(ctx) {
    const flags = ctx.parse([
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'for', type: 'string', default: '' },
      { name: 'types', type: 'strings' },
      { name: 'no-headers', type: 'bool' },
      { name: 'watch', short: 'w', type: 'bool' },
      { name: 'output', short: 'o', type: 'string', default: '' },
      { name: 'chunk-size', type: 'int', default: 500 },
      { name: 'show-managed-fields', type: 'bool' },
      { name: 'template', type: 'string' },
      { name: 'allow-missing-template-keys', type: 'bool', default: true },
    ]);
    const f = flags.flags;
    const ns = ctx.namespace(flags);
    const all = !!f['all-namespaces'];
    const types = [...new Set((f.types as string[]).flatMap((t) => t.split(',')))].sort();
    let fieldSelector: string | undefined;
    if (f.for) {
      const parts = String(f.for).split('/');
      if (parts.length === 1) throw new KubectlError('--for must be in resource/name form');
      if (parts.length > 2) throw new KubectlError('arguments in resource/name form may not have more than one slash');
      const def = ctx.mapper().resourceFor(parts[0].toLowerCase());
      const apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
      fieldSelector = `involvedObject.kind=${def.kind},involvedObject.apiVersion=${apiVersion},involvedObject.name=${parts[1]}`;
    }
    for (const t of types) {
      if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new KubectlError('valid --types are Normal or Warning');
    }
    const printer = f.output ? makePrinter({ output: f.output, template: f.template, showManagedFields: f['show-managed-fields'], fs: ctx.env.fs }, GENERIC_FORMATS) : undefined;
    const list = ctx.client.list(ctx.mapper().resourceFor('events'), all ? undefined : ns, { fieldSelector });
    const items: any[] = (list.items ?? [])
      .filter((e: any) => !types.length || types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase()))
      .map((e: any) => ({ apiVersion: 'v1', kind: 'Event', ...e }));
    if (!items.length) {
      ctx.out.warn(all ? 'No events found.' : `No events found in ${ns} namespace.`);
      return 0;
    }
    const at = (ts: string | undefined) => (ts ? Date.parse(ts) - EPOCH_MS : undefined);
    const eventTime = (e: any) => at(e.series?.lastObservedTime) ?? at(e.lastTimestamp) ?? at(e.eventTime) ?? -Infinity;
    items.sort((a, b) => eventTime(a) - eventTime(b));
    if (printer) {
      printer.print({ kind: 'EventList', apiVersion: 'v1', metadata: {}, items }, ctx.out);
      return 0;
    }
    const now = ctx.env.now();
    const since = (ts: string | undefined) => (ts ? humanDuration(now - (Date.parse(ts) - EPOCH_MS)) : '<unknown>');
    let text = f['no-headers'] ? '' : `${all ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
    for (const e of items) {
      const first = e.eventTime ? since(e.eventTime) : since(e.firstTimestamp);
      const interval = e.series
        ? `${since(e.series.lastObservedTime)} (x${e.series.count} over ${first})`
        : (e.count ?? 0) > 1
          ? `${since(e.lastTimestamp)} (x${e.count} over ${first})`
          : first;
      const obj = `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`;
      text += `${all ? `${e.metadata?.namespace ?? ''}\t` : ''}${interval}\t${e.type ?? ''}\t${e.reason ?? ''}\t${obj}\t${String(e.message ?? '').trim()}\n`;
    }
    ctx.out.write(tabwrite(text));
    return 0;
  },
};
