/** The graph for the current mirror, namespace filter, owners toggle and zoom, rebuilt only when one of them changes. */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCluster } from '../state/cluster-store';
import { useUi } from '../state/ui-store';
import { GraphBuilder, type Graph, type GraphInput } from './build-graph';

export function useGraph(expanded: boolean): Graph {
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
  return useMemo(() => builder.build(input, { namespace, showOwners, expanded }), [builder, input, namespace, showOwners, expanded]);
}
