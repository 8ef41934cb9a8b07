/**
 * The graph for the current mirror, namespace filter, owners toggle and zoom, rebuilt only when one of them changes;
 * pods new in a burst are revealed a few per frame (progressive-reveal.ts).
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCluster } from '../state/cluster-store';
import { useUi } from '../state/ui-store';
import { GraphBuilder, type GraphInput } from './build-graph';
import { reveal, type Revealed } from './progressive-reveal';

export function useGraph(expanded: boolean): Revealed {
  const input = useCluster(
    useShallow((s): GraphInput => ({
      Node: s.byKind.Node,
      Pod: s.byKind.Pod,
      Service: s.byKind.Service,
      EndpointSlice: s.byKind.EndpointSlice,
      Endpoints: s.byKind.Endpoints,
      Ingress: s.byKind.Ingress,
      ReplicaSet: s.byKind.ReplicaSet,
      DaemonSet: s.byKind.DaemonSet,
      StatefulSet: s.byKind.StatefulSet,
      Job: s.byKind.Job,
      Deployment: s.byKind.Deployment,
      CronJob: s.byKind.CronJob,
    })),
  );
  const namespace = useUi((s) => s.namespace);
  const showOwners = useUi((s) => s.showOwners);
  const [builder] = useState(() => new GraphBuilder());
  const graph = useMemo(() => builder.build(input, { namespace, showOwners, expanded }), [builder, input, namespace, showOwners, expanded]);
  const [drawn] = useState(() => new Set<string>());
  const [frame, setFrame] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `frame` asks for the next few held-back pods
  const shown = useMemo(() => reveal(graph, drawn), [graph, drawn, frame]);
  useEffect(() => {
    if (!shown.pending) return;
    const id = requestAnimationFrame(() => setFrame((f) => f + 1));
    return () => cancelAnimationFrame(id);
  }, [shown]);
  return shown;
}
