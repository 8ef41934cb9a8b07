/** Event table: printEvent (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; wide adds SUBOBJECT SOURCE FIRST SEEN COUNT NAME). */
import type { KObject } from '../../types';
import type { KindPrinter } from './index';
import { col, since } from './cells';
import {
  EV_COUNT,
  EV_FIELD_PATH,
  EV_FIRST,
  EV_LAST,
  EV_MESSAGE,
  EV_OBJECT,
  EV_REASON,
  EV_SOURCE,
  EV_TYPE,
  META_NAME,
} from './descriptions';

/** formatEventSource: component (or reportingComponent), then `, host` (or reportingInstance) when set. */
export function eventSource(e: KObject): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: KindPrinter = {
  columns: [
    col('Last Seen', 'string', EV_LAST),
    col('Type', 'string', EV_TYPE),
    col('Reason', 'string', EV_REASON),
    col('Object', 'string', EV_OBJECT),
    col('Subobject', 'string', EV_FIELD_PATH, 1),
    col('Source', 'string', EV_SOURCE, 1),
    col('Message', 'string', EV_MESSAGE),
    col('First Seen', 'string', EV_FIRST, 1),
    col('Count', 'string', EV_COUNT, 1),
    col('Name', 'string', META_NAME, 1, 'name'),
  ],
  row(e, now) {
    const first = e.firstTimestamp ? since(e.firstTimestamp, now) : since(e.eventTime, now);
    let last = e.lastTimestamp ? since(e.lastTimestamp, now) : first;
    let count: number = e.count ?? 0;
    if (e.series) {
      last = since(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      count = 1;
    }
    const io = e.involvedObject ?? {};
    const kind = String(io.kind ?? '').toLowerCase();
    const target = io.name ? `${kind}/${io.name}` : kind;
    return [
      last,
      e.type ?? '',
      e.reason ?? '',
      target,
      io.fieldPath ?? '',
      eventSource(e),
      String(e.message ?? '').trim(),
      first,
      count,
      e.metadata.name,
    ];
  },
};
