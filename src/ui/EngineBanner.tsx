/** Says when the engine stopped and the cluster was rebuilt from its journal. */
import { useCluster } from './state/cluster-store';

export function EngineBanner() {
  const status = useCluster((s) => s.status);
  const failure = useCluster((s) => s.failure);
  if (status === 'starting') return <p className="banner">Starting the cluster…</p>;
  if (!failure) return null;
  const firstLine = failure.split('\n')[0];
  return (
    <p className="banner warning" role="alert">
      {status === 'restoring' ? 'The engine stopped; restoring the cluster from its journal…' : 'The engine stopped and the cluster was restored from its journal.'}{' '}
      <span className="detail">({firstLine})</span>
      <button type="button" onClick={() => useCluster.setState({ failure: undefined })} aria-label="Dismiss">
        ×
      </button>
    </p>
  );
}
