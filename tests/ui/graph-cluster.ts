/** Test helper: a real engine cluster read into the mirror's byKind shape, as the graph sees it. */
import { createCluster, type Cluster } from '../../src/engine';
import type { KObject } from '../../src/engine/types';
import type { GraphInput } from '../../src/ui/graph/build-graph';

const LISTS: Record<keyof GraphInput, string> = {
  Node: '/api/v1/nodes',
  Pod: '/api/v1/pods',
  Service: '/api/v1/services',
  EndpointSlice: '/apis/discovery.k8s.io/v1/endpointslices',
  Endpoints: '/api/v1/endpoints',
  Ingress: '/apis/networking.k8s.io/v1/ingresses',
  ReplicaSet: '/apis/apps/v1/replicasets',
  DaemonSet: '/apis/apps/v1/daemonsets',
  StatefulSet: '/apis/apps/v1/statefulsets',
  Job: '/apis/batch/v1/jobs',
  Deployment: '/apis/apps/v1/deployments',
  CronJob: '/apis/batch/v1/cronjobs',
};

export function warmCluster(): Cluster {
  const c = createCluster({ seed: 7, workers: 3 });
  c.advance(60_000);
  return c;
}

/**
 * The cluster's objects keyed like the mirror (`ns/name`). Objects whose resourceVersion did not change keep the
 * identity they had in `prev`, like the mirror's diffs; a kind with no change keeps its record.
 */
export function readInput(c: Cluster, prev?: GraphInput): GraphInput {
  const out = {} as GraphInput;
  for (const [kind, path] of Object.entries(LISTS) as [keyof GraphInput, string][]) {
    const items: KObject[] = c.request({ method: 'GET', path }).body?.items ?? [];
    const record: Record<string, KObject> = {};
    let changed = !prev?.[kind] || Object.keys(prev[kind]!).length !== items.length;
    for (const item of items) {
      const obj = { ...item, kind } as KObject;
      const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
      const old = prev?.[kind]?.[key];
      if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) record[key] = old;
      else {
        record[key] = obj;
        changed = true;
      }
    }
    out[kind] = changed ? record : prev![kind];
  }
  return out;
}
