/**
 * When to start loading Monaco (~1 MB gzip, seconds of parsing on a slow machine): once the engine worker's first
 * snapshot is on screen, so the graph paints and the engine boots first; at once if the user opens the editor
 * before that.
 */
import { useEffect, useState } from 'react';
import { useCluster } from '../state/cluster-store';

export function useEditorReady(requested: boolean): boolean {
  const clusterShown = useCluster((s) => s.status !== 'starting' && s.status !== 'prerendered');
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready || !clusterShown) return;
    // Two frames: the first renders the snapshot, the second has painted it.
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => setReady(true));
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [clusterShown, ready]);
  return ready || requested;
}
