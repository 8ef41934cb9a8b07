/** The selected object's events, as the Events section of `kubectl describe` lists them. */
import type { KObject } from '../../engine/types';
import { EPOCH_MS } from '../../engine/clock';
import { useCluster } from '../state/cluster-store';
import { eventRows } from './event-match';

export function EventsView({ events }: { events: KObject[] }) {
  // Ages only need whole seconds: re-render once per virtual second, not every frame.
  const seconds = useCluster((s) => Math.floor(s.clock.time / 1000));
  if (events.length === 0) return <p className="hint">Events: &lt;none&gt;</p>;
  const rows = eventRows(events, EPOCH_MS + seconds * 1000);
  // The side panel is narrow: each event takes two lines, its message under its type, reason, age and source.
  return (
    <table className="events-table" aria-label="Events">
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Reason</th>
          <th scope="col">Age</th>
          <th scope="col">From</th>
        </tr>
      </thead>
      {rows.map((r) => (
        <tbody key={r.key} className={r.type === 'Warning' ? 'warning' : undefined}>
          <tr>
            <td className="type">{r.type}</td>
            <td>{r.reason}</td>
            <td className="nowrap">{r.age}</td>
            <td>{r.from}</td>
          </tr>
          <tr>
            <td colSpan={4} className="message">
              {r.message}
            </td>
          </tr>
        </tbody>
      ))}
    </table>
  );
}
