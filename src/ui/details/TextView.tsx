/** kubectl's text output for the selected object (describe, or its YAML), in a monospace block. */
import type { ReactNode } from 'react';

export interface CommandText {
  text: string;
  failed: boolean;
}

export function TextView({ line, answer, toolbar }: { line: string; answer: CommandText | undefined; toolbar?: ReactNode }) {
  return (
    <div className="text-view">
      <div className="text-toolbar">
        <code className="command-line">$ {line}</code>
        {toolbar}
      </div>
      {answer ? (
        <pre className={`kubectl-text${answer.failed ? ' failed' : ''}`} tabIndex={0}>
          {answer.text}
        </pre>
      ) : (
        <p className="hint">Running…</p>
      )}
    </div>
  );
}
