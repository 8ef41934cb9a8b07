/** The Events section: events found with an involvedObject field selector, printed as DescribeEvents does. */
import type { KObject } from '../../types';
import type { DescribeContext } from './context';
import { listItems } from './context';
import { since } from './format';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';

export interface EventRef {
  kind?: string;
  namespace?: string;
  name: string;
  uid?: string;
}

/** The reference GetReference builds for an object. */
export function refOf(obj: KObject): EventRef {
  return { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name!, uid: obj.metadata.uid };
}

/** searchEvents: events in the object's namespace matching name, namespace, kind and uid (fields.Set, sorted). */
export function searchEvents(ctx: DescribeContext, ref: EventRef): KObject[] {
  const terms: Record<string, string> = {
    'involvedObject.name': ref.name,
    'involvedObject.namespace': ref.namespace ?? '',
  };
  if (ref.kind) terms['involvedObject.kind'] = ref.kind;
  if (ref.uid) terms['involvedObject.uid'] = ref.uid;
  const fieldSelector = Object.keys(terms)
    .sort()
    .map((k) => `${k}=${terms[k]}`)
    .join(',');
  return listItems(ctx, '', 'events', ref.namespace || undefined, { fieldSelector, limit: '500' });
}

/** Events for an object when --show-events is on, else undefined (the section is left out). */
export function eventsFor(ctx: DescribeContext, obj: KObject): KObject[] | undefined {
  return ctx.showEvents ? searchEvents(ctx, refOf(obj)) : undefined;
}

function stamp(ts: string | undefined): number {
  const t = ts ? Date.parse(ts) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/** DescribeEvents: `Events:  <none>` or the Type/Reason/Age/From/Message table, oldest last-seen first. */
export function describeEvents(w: PrefixWriter, events: KObject[], now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => stamp(a.lastTimestamp) - stamp(b.lastTimestamp));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}
