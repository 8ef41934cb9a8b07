/** The line under the editor: what the apply created/configured, or kubectl's errors with links to their lines. */
import type { ApplyDiagnostic } from './apply-diagnostics';
import type { ApplyOutcome } from './apply-manifest';

interface Props {
  outcome: ApplyOutcome | undefined;
  busy: boolean;
  /** The text was edited since: the result is kept for reference, without links into text that moved. */
  stale: boolean;
  onReveal(d: ApplyDiagnostic): void;
}

export function ApplyResult({ outcome, busy, stale, onReveal }: Props) {
  if (busy) return <div className="apply-result" role="status">Applying…</div>;
  if (!outcome) {
    return (
      <div className="apply-result muted" role="status">
        Ctrl+Enter (⌘+Enter) applies · Ctrl+M lets Tab leave the editor
      </div>
    );
  }
  const { result, diagnostics } = outcome;
  const ok = result.exitCode === 0;
  return (
    <div className={`apply-result ${ok ? 'ok' : 'failed'}${stale ? ' stale' : ''}`} role="status" aria-label="Apply result">
      {stale && <p className="apply-stale">Last apply (the text has changed since):</p>}
      {result.stdout && <pre className="apply-stdout">{result.stdout.trimEnd()}</pre>}
      {result.stderr && <pre className="apply-stderr">{result.stderr.trimEnd()}</pre>}
      {diagnostics.length > 0 && !stale && (
        <ul className="apply-locations" aria-label="Error locations">
          {diagnostics.map((d, i) => (
            <li key={i}>
              <button type="button" onClick={() => onReveal(d)} title={d.message}>
                Line {d.line}, column {d.column}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
