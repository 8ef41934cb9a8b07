/** The selected object: describe text, YAML, events, and for pods the scheduler's reasoning. */
import { useUi } from '../state/ui-store';

export function DetailsPanel() {
  const selected = useUi((s) => s.selected);
  if (!selected) return <p className="hint">Click an object in the graph to see its details.</p>;
  return (
    <section className="details" aria-label="Details">
      <h2>
        {selected.kind} {selected.namespace ? `${selected.namespace}/` : ''}
        {selected.name}
      </h2>
    </section>
  );
}
