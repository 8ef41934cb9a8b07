/**
 * Live cluster events, like `kubectl get events -w`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, newest at the
 * bottom, Warning rows highlighted, filtered by text, type and namespace. Only the newest MAX_ROWS rows render.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCluster } from '../state/cluster-store';
import { useUi } from '../state/ui-store';
import { eventRows, lastSeen, type EventRow, type EventType } from './event-rows';
import './events.css';

export const MAX_ROWS = 300;

export function EventsPanel() {
  const events = useCluster((s) => s.byKind.Event);
  const namespaces = useCluster(useShallow((s) => Object.keys(s.byKind.Namespace ?? {}).map((k) => k.slice(k.indexOf('/') + 1)).sort()));
  // LAST SEEN moves once per virtual second; finer clock ticks do not re-render the table.
  const second = useCluster((s) => Math.floor(s.clock.time / 1000));
  const graphNamespace = useUi((s) => s.namespace);
  // Follows the graph's namespace until one is picked here.
  const [picked, setNamespace] = useState<string | undefined>(undefined);
  const namespace = picked ?? graphNamespace;
  const [type, setType] = useState<EventType>('');
  const [text, setText] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  const rows = useMemo(() => eventRows(Object.values(events ?? {}), { text, type, namespace }), [events, text, type, namespace]);
  const shown = rows.length > MAX_ROWS ? rows.slice(-MAX_ROWS) : rows;
  const warnings = useMemo(() => rows.filter((r) => r.type === 'Warning').length, [rows]);
  const total = Object.keys(events ?? {}).length;

  // Follow the newest event while the view is at the bottom; leave it alone when the user scrolled up to read.
  // A hidden tab has no layout, so it scrolls again when shown.
  const visible = useUi((s) => s.bottomTab === 'events');
  useEffect(() => {
    const el = scroller.current;
    if (el && pinned.current && visible) el.scrollTop = el.scrollHeight;
  }, [shown, visible]);

  const now = second * 1000;
  return (
    <section className="events-panel" aria-label="Events">
      <div className="events-toolbar">
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Filter events" aria-label="Filter events" />
        <label>
          Type{' '}
          <select value={type} onChange={(e) => setType(e.target.value as EventType)} aria-label="Event type">
            <option value="">All</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
          </select>
        </label>
        <label>
          Namespace{' '}
          <select value={namespace} onChange={(e) => setNamespace(e.target.value)} aria-label="Event namespace">
            <option value="">All namespaces</option>
            {[...new Set([...namespaces, ...(namespace ? [namespace] : [])])].map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </select>
        </label>
        <span className="events-count" role="status">
          {rows.length === total ? `${total} events` : `${rows.length} of ${total} events`}
          {warnings > 0 && <span className="events-warnings"> · {warnings} Warning</span>}
          {shown.length < rows.length && ` · newest ${shown.length} shown`}
        </span>
      </div>
      <div
        className="events-scroll"
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        <table className="events-table">
          <thead>
            <tr>
              {!namespace && <th scope="col">NAMESPACE</th>}
              <th scope="col">LAST SEEN</th>
              <th scope="col">TYPE</th>
              <th scope="col">REASON</th>
              <th scope="col">OBJECT</th>
              <th scope="col">MESSAGE</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <EventLine key={row.key} row={row} seen={lastSeen(row, now)} showNamespace={!namespace} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="hint">{total ? 'No events match the filter.' : namespace ? `No events found in ${namespace} namespace.` : 'No events found.'}</p>}
      </div>
    </section>
  );
}

const EventLine = memo(function EventLine({ row, seen, showNamespace }: { row: EventRow; seen: string; showNamespace: boolean }) {
  const { kind, namespace, name } = row.involved;
  return (
    <tr className={row.type === 'Warning' ? 'warning' : undefined}>
      {showNamespace && <td>{row.namespace}</td>}
      <td className="seen">{seen}</td>
      <td className="type">{row.type}</td>
      <td className="reason">{row.reason}</td>
      <td className="object">
        {name ? (
          <button type="button" className="object-link" title={`Select ${row.object}`} onClick={() => useUi.getState().select({ kind, namespace, name })}>
            {row.object}
          </button>
        ) : (
          row.object
        )}
      </td>
      <td className="message">{row.message}</td>
    </tr>
  );
});
