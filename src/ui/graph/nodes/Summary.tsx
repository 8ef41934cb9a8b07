/** Counts by status when a box is summarized (`running=3 pending=1`). */
import { CATEGORY_LABELS, type PodCategory } from '../pod-status';

const LABEL = new Map<PodCategory, string>(CATEGORY_LABELS.map(([c, l]) => [c, l]));

export function Summary({ summary }: { summary: string }) {
  if (!summary) return <p className="box-summary empty">no pods</p>;
  return (
    <ul className="box-summary" aria-label="Pods by status">
      {summary.split(' ').map((pair) => {
        const [category, count] = pair.split('=') as [PodCategory, string];
        return (
          <li key={category} className={`pod-chip cat-${category}`} title={LABEL.get(category)}>
            <strong>{count}</strong> {LABEL.get(category)}
          </li>
        );
      })}
    </ul>
  );
}
