/** What the pod colours mean. */
import { CATEGORY_LABELS } from './pod-status';

export function Legend() {
  return (
    <details className="graph-legend">
      <summary>Legend</summary>
      <ul>
        {CATEGORY_LABELS.map(([category, label]) => (
          <li key={category}>
            <span className={`swatch cat-${category}`} aria-hidden="true" />
            {label}
          </li>
        ))}
        <li>
          <span className="badge lit static" aria-hidden="true">
            lit
          </span>
          a component acting
        </li>
        <li>↻N restarts</li>
      </ul>
    </details>
  );
}
