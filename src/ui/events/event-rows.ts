/**
 * Rows of the events panel, with the texts kubectl prints: OBJECT as `kubectl get events` writes it (`pod/web-1`),
 * LAST SEEN as `kubectl events` writes it (`2m (x3 over 10m)`), sorted as `kubectl events` sorts them (by last
 * observed time, oldest first: the newest event is at the bottom).
 */
import type { KObject } from '../../engine/types';
import { EPOCH_MS } from '../../engine/clock';
import { humanDuration } from '../../engine/api/printers/duration';

export interface EventRow {
  /** Mirror key of the Event (`namespace/name`). */
  key: string;
  namespace: string;
  type: string;
  reason: string;
  /** `kind/name`, kind in lower case. */
  object: string;
  message: string;
  /** How many times it happened (count, or series.count). */
  count: number;
  /** Virtual ms of the last occurrence and of the first one (undefined when the event has no time). */
  last: number | undefined;
  first: number | undefined;
  involved: { kind: string; namespace: string; name: string };
  /** Lower-cased text the filter searches. */
  haystack: string;
}

export type EventType = '' | 'Normal' | 'Warning';

export interface EventFilter {
  text: string;
  type: EventType;
  /** '' for every namespace. */
  namespace: string;
}

/** Virtual ms of an RFC3339 time, undefined when absent. */
function at(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || !ts) return undefined;
  const ms = Date.parse(ts);
  return Number.isNaN(ms) ? undefined : ms - EPOCH_MS;
}

const cache = new WeakMap<KObject, EventRow>();

/** One event's row; cached per object, so an unchanged event costs nothing on the next update. */
export function eventRow(e: KObject): EventRow {
  const hit = cache.get(e);
  if (hit) return hit;
  const io = e.involvedObject ?? {};
  const kind = String(io.kind ?? '');
  const namespace = e.metadata.namespace ?? '';
  const first = at(e.eventTime) ?? at(e.firstTimestamp);
  const last = at(e.series?.lastObservedTime) ?? at(e.lastTimestamp) ?? at(e.eventTime) ?? first;
  const count = e.series ? Number(e.series.count ?? 0) : Number(e.count ?? 0) || 1;
  const object = io.name ? `${kind.toLowerCase()}/${io.name}` : kind.toLowerCase();
  const message = String(e.message ?? '').trim();
  const type = String(e.type ?? '');
  const reason = String(e.reason ?? '');
  const row: EventRow = {
    key: `${namespace}/${e.metadata.name}`,
    namespace,
    type,
    reason,
    object,
    message,
    count,
    last,
    first,
    involved: { kind, namespace: String(io.namespace ?? ''), name: String(io.name ?? '') },
    haystack: `${namespace} ${type} ${reason} ${object} ${message}`.toLowerCase(),
  };
  cache.set(e, row);
  return row;
}

/** The rows that pass the filter, oldest first (newest at the bottom, as `kubectl events` and `get -w` print). */
export function eventRows(events: Iterable<KObject>, filter: EventFilter): EventRow[] {
  const text = filter.text.trim().toLowerCase();
  const rows: EventRow[] = [];
  for (const e of events) {
    const row = eventRow(e);
    if (filter.namespace && row.namespace !== filter.namespace) continue;
    if (filter.type && row.type !== filter.type) continue;
    if (text && !row.haystack.includes(text)) continue;
    rows.push(row);
  }
  return rows.sort((a, b) => (a.last ?? -Infinity) - (b.last ?? -Infinity) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The LAST SEEN cell at virtual time `now`: `45s`, or `2m (x3 over 10m)` for a repeated event. */
export function lastSeen(row: EventRow, now: number): string {
  const since = (t: number | undefined) => (t === undefined ? '<unknown>' : humanDuration(now - t));
  return row.count > 1 ? `${since(row.last)} (x${row.count} over ${since(row.first)})` : since(row.first ?? row.last);
}
