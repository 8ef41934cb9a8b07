/**
 * The Events section: the mirror's Event objects whose involvedObject is the selected object, ordered and
 * formatted as `kubectl describe` prints them (oldest last-seen first; "x3 over 2m" for repeated events).
 */
import type { KObject } from '../../engine/types';
import { humanDuration } from '../../engine/api/printers/duration';

export interface EventTarget {
  kind: string;
  namespace: string;
  name: string;
  /** When known, events of an earlier object with the same name are left out (kubectl matches the uid too). */
  uid?: string;
}

export interface EventRow {
  key: string;
  type: string;
  reason: string;
  age: string;
  from: string;
  message: string;
}

function instant(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || !ts) return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t;
}

export function matchesTarget(event: KObject, target: EventTarget): boolean {
  const io = event.involvedObject as { kind?: string; namespace?: string; name?: string; uid?: string } | undefined;
  if (!io) return false;
  if (io.kind !== target.kind || io.name !== target.name || (io.namespace ?? '') !== target.namespace) return false;
  return !target.uid || !io.uid || io.uid === target.uid;
}

/** Events of the target, oldest last-seen first, as DescribeEvents sorts them. */
export function eventsOf(events: Iterable<KObject>, target: EventTarget): KObject[] {
  const found: KObject[] = [];
  for (const e of events) if (matchesTarget(e, target)) found.push(e);
  const seen = (e: KObject) => instant(e.lastTimestamp) ?? instant(e.eventTime) ?? -Infinity;
  return found.sort((a, b) => seen(a) - seen(b));
}

function since(ts: unknown, now: number): string {
  const t = instant(ts);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** The Age cell as describe prints it; `now` is a wall-clock instant (EPOCH_MS + virtual time). */
export function eventAge(e: KObject, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

export function eventRows(events: KObject[], now: number): EventRow[] {
  return events.map((e) => ({
    key: `${e.metadata.namespace ?? ''}/${e.metadata.name}`,
    type: String(e.type ?? ''),
    reason: String(e.reason ?? ''),
    age: eventAge(e, now),
    from: String(e.source?.component || e.reportingComponent || ''),
    message: String(e.message ?? '').trim(),
  }));
}
