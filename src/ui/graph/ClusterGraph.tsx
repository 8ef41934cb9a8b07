/** The live cluster graph: control plane, worker nodes with their pods, the scheduler queue, services. */
import { useCluster } from '../state/cluster-store';

export function ClusterGraph() {
  const nodes = useCluster((s) => Object.keys(s.byKind.Node ?? {}).length);
  return <section className="graph" aria-label="Cluster graph" data-nodes={nodes} />;
}
