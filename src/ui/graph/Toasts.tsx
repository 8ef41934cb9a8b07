/** The commands graph actions ran, with their output, for a few seconds. */
import { useToasts } from './toasts';

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="graph-toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`graph-toast${t.failed ? ' failed' : ''}`}>
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ×
          </button>
          <pre className="toast-command">$ {t.command}</pre>
          {t.output && <pre className="toast-output">{t.output}</pre>}
        </div>
      ))}
    </div>
  );
}
