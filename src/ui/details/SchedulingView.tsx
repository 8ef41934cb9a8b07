/** The scheduler's per-node reasoning for a pod: why this node, why not the others, or why it is Pending. */
import { useState } from 'react';
import type { AttemptView, NodeRow, SchedulingRecord } from './scheduling-view';
import { attemptView } from './scheduling-view';

export type SchedulingAnswer = { record: SchedulingRecord } | { missing: string };

const VERDICT: Record<NodeRow['verdict'], string> = { selected: 'chosen', feasible: 'passed', rejected: 'rejected' };

function NodeTableRow({ row, plugins, scored }: { row: NodeRow; plugins: string[]; scored: boolean }) {
  return (
    <tr className={`verdict-${row.verdict}`} aria-label={`${row.node} ${VERDICT[row.verdict]}`}>
      <th scope="row">
        {row.verdict === 'selected' ? '★ ' : ''}
        {row.node}
      </th>
      <td>
        {row.verdict === 'rejected' ? (
          <>
            <span className="verdict">✗ {row.plugin}</span>
            <span className="reason">{row.reasons.join('; ')}</span>
          </>
        ) : (
          <>
            <span className="verdict">{row.verdict === 'selected' ? '✓ passed, chosen' : '✓ passed'}</span>
            {scored && (
              <ul className="score-list" aria-label={`${row.node} scores`}>
                {plugins.map((p) => {
                  const cell = row.scores[p];
                  return (
                    <li key={p} title={cell ? `${p}: normalized score × weight = ${cell.weighted}` : undefined}>
                      {p} <strong>{cell?.weighted ?? 0}</strong>
                      {cell && <span className="detail"> ({cell.detail})</span>}
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        )}
      </td>
      {scored && <td className="num total">{row.total ?? '–'}</td>}
    </tr>
  );
}

function Attempt({ view }: { view: AttemptView }) {
  return (
    <>
      <p className={`headline result-${view.result}`}>{view.headline}</p>
      {view.message && (
        <p className="message">
          <span className="label">FailedScheduling:</span> <code>{view.message}</code>
        </p>
      )}
      {view.preemption && (
        <p className="message">
          <span className="label">Preemption:</span> nominated node <strong>{view.preemption.nominatedNode}</strong>, victims:{' '}
          {view.preemption.victims.join(', ') || 'none'}
        </p>
      )}
      <p className="counts">
        Attempt {view.attempt} of {view.attempts} at {view.time} · {view.counts}
      </p>
      <div className="table-scroll">
        <table className="sched-table">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Filters and scores</th>
              {view.plugins.length > 0 && (
                <th scope="col" className="num">
                  Total
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <NodeTableRow key={r.node} row={r} plugins={view.plugins} scored={view.plugins.length > 0} />
            ))}
          </tbody>
        </table>
      </div>
      {view.plugins.length > 0 && <p className="note">Scores: points each plugin adds to the total, as (normalized score × weight). The highest total wins.</p>}
      {view.notes.map((n) => (
        <p className="note" key={n}>
          {n}
        </p>
      ))}
    </>
  );
}

export function SchedulingView({ answer }: { answer: SchedulingAnswer | undefined }) {
  const [picked, setPicked] = useState<number | undefined>(undefined);
  if (!answer) return <p className="hint">Asking the scheduler…</p>;
  if ('missing' in answer) return <p className="hint">{answer.missing}</p>;
  const { record } = answer;
  const last = record.history.length - 1;
  const index = picked !== undefined && picked <= last ? picked : last;
  const view = attemptView(record, index);
  return (
    <div className="scheduling" aria-label="Scheduling">
      {record.history.length > 1 && (
        <label className="attempt-pick">
          Attempt{' '}
          <select value={index} onChange={(e) => setPicked(Number(e.target.value) === last ? undefined : Number(e.target.value))}>
            {record.history.map((a, i) => (
              <option key={a.attempt} value={i}>
                {a.attempt}: {a.result}
                {i === last ? ' (latest)' : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {view && <Attempt view={view} />}
    </div>
  );
}
