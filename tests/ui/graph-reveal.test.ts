import { describe, expect, it } from 'vitest';
import { GraphBuilder, type GraphOptions } from '../../src/ui/graph/build-graph';
import { NEW_PODS_PER_FRAME, reveal } from '../../src/ui/graph/progressive-reveal';
import { readInput, warmCluster } from './graph-cluster';

const ALL: GraphOptions = { namespace: 'default', showOwners: false, expanded: false };

describe('pods revealed a few per frame', () => {
  it('draws the first graph whole, then a burst of new pods a few per frame, with their edges, until all are drawn', () => {
    const c = warmCluster();
    c.kubectl('kubectl create deployment web --image=nginx --replicas=2');
    c.kubectl('kubectl expose deployment web --port=80');
    c.advance(30_000);
    const builder = new GraphBuilder();
    const drawn = new Set<string>();
    const first = reveal(builder.build(readInput(c), ALL), drawn);
    expect(first.pending).toBe(0);
    expect(first.nodes.filter((n) => n.type === 'pod')).toHaveLength(2);

    c.kubectl('kubectl scale deployment web --replicas=20');
    c.advance(30_000);
    const full = builder.build(readInput(c), ALL);
    const podIds = full.nodes.filter((n) => n.type === 'pod').map((n) => n.id);
    expect(podIds).toHaveLength(20);

    const counts: number[] = [];
    let frame = reveal(full, drawn);
    for (let i = 0; i < 10 && frame.pending; i++) {
      counts.push(frame.nodes.filter((n) => n.type === 'pod').length);
      // Every edge of a frame joins nodes drawn in that frame.
      const ids = new Set(frame.nodes.map((n) => n.id));
      for (const e of frame.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      // Boxes and services are all there from the start.
      expect(frame.nodes.filter((n) => n.type !== 'pod')).toEqual(full.nodes.filter((n) => n.type !== 'pod'));
      frame = reveal(full, drawn);
    }
    expect(counts[0]).toBe(2 + NEW_PODS_PER_FRAME);
    expect(counts[1]).toBe(2 + 2 * NEW_PODS_PER_FRAME);
    expect(frame.pending).toBe(0);
    expect(frame.nodes).toEqual(full.nodes);
    expect(frame.edges).toEqual(full.edges);
    expect(frame.edges.filter((e) => e.source.startsWith('Service/'))).toHaveLength(20);
  });
});
