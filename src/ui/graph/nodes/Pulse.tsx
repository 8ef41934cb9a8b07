/** A badge that lights briefly each time its pulse counter in the mirror changes (the element remounts, restarting the CSS animation). */
import { useCluster } from '../../state/cluster-store';

export function Pulse({ counter, label, title }: { counter: string; label: string; title?: string }) {
  const value = useCluster((s) => s.pulses[counter] ?? 0);
  return (
    <span key={value} className={value ? 'badge lit' : 'badge'} title={title ?? label} data-pulse={value}>
      {label}
    </span>
  );
}
