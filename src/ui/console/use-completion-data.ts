/** What completion knows of the cluster: resource types from discovery (read once) and names from the mirror. */
import { useEffect, useRef } from 'react';
import type { ApiRequest, ApiResponse } from '../../engine/types';
import { useCluster, type ObjectsByKind } from '../state/cluster-store';
import type { CompletionData } from './complete';
import { loadResourceTypes, type ResourceType } from './resource-types';

/** Object names of a kind from the mirror: one namespace ('' for cluster-scoped) or every one (undefined). */
export function mirrorNames(byKind: ObjectsByKind, kind: string, namespace: string | undefined): string[] {
  const names = new Set<string>();
  for (const key of Object.keys(byKind[kind] ?? {})) {
    const slash = key.indexOf('/');
    if (namespace === undefined || key.slice(0, slash) === namespace) names.add(key.slice(slash + 1));
  }
  return [...names];
}

/** Returns a getter (not state): completion reads the latest mirror when Tab is pressed, without re-rendering. */
export function useCompletionData(request: (req: ApiRequest) => Promise<ApiResponse>, namespace: () => string): () => CompletionData {
  const types = useRef<ResourceType[]>([]);
  const status = useCluster((s) => s.status);
  useEffect(() => {
    if (status !== 'ready' || types.current.length) return;
    let live = true;
    loadResourceTypes(request)
      .then((t) => {
        if (live) types.current = t;
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [status, request]);
  return () => ({
    resources: types.current,
    names: (kind, ns) => mirrorNames(useCluster.getState().byKind, kind, ns),
    namespace: namespace(),
  });
}
