/**
 * Pods that appear in a burst (a ReplicaSet's slow-start batch of 64 or 128, a zoom that expands summarized boxes)
 * are drawn a few per frame. Each new React Flow node is measured by a ResizeObserver, styled and laid out; a hundred
 * at once made one frame take a third of a second, while a few per frame fit in the frame's budget. Their boxes are
 * already sized for them, so nothing else moves while they fill in.
 */
import type { Graph } from './build-graph';

/** New pod nodes added per frame once the graph has been drawn. */
export const NEW_PODS_PER_FRAME = 6;

export interface Revealed extends Graph {
  /** Pods still held back: draw again next frame. */
  pending: number;
}

/**
 * The graph to draw now: every node already drawn (ids in `drawn`), the other nodes, and at most `budget` pods not
 * drawn before; edges to a held-back pod wait with it. `drawn` is updated to what is returned. With nothing drawn yet
 * (the first frame) everything is drawn at once.
 */
export function reveal(graph: Graph, drawn: Set<string>, budget = NEW_PODS_PER_FRAME): Revealed {
  const first = drawn.size === 0;
  let left = budget;
  let pending = 0;
  const held = new Set<string>();
  const nodes = graph.nodes.filter((n) => {
    if (first || n.type !== 'pod' || drawn.has(n.id)) return true;
    if (left > 0) {
      left--;
      return true;
    }
    pending++;
    held.add(n.id);
    return false;
  });
  drawn.clear();
  for (const n of nodes) drawn.add(n.id);
  if (!pending) return { ...graph, pending };
  const edges = graph.edges.filter((e) => !held.has(e.source) && !held.has(e.target));
  return { ...graph, nodes, edges, pending };
}
