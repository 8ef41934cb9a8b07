import { describe, expect, it } from 'vitest';
import type { KObject } from '../../src/engine/types';
import { GraphBuilder, SUMMARIZE_OVER, type GraphOptions } from '../../src/ui/graph/build-graph';
import type { GraphNode } from '../../src/ui/graph/graph-types';
import { readInput, warmCluster } from './graph-cluster';

const DEFAULT: GraphOptions = { namespace: 'default', showOwners: false, expanded: false };
const pods = (nodes: GraphNode[]) => nodes.filter((n) => n.type === 'pod');
const byId = (nodes: GraphNode[]) => new Map(nodes.map((n) => [n.id, n]));

describe('the cluster graph', () => {
  it('draws the control plane, three workers in name order and the scheduler queue; pods of the shown namespace sit in their node', () => {
    const c = warmCluster();
    c.kubectl('kubectl create deployment web --image=nginx --replicas=3');
    c.advance(30_000);
    const g = new GraphBuilder().build(readInput(c), DEFAULT);
    expect(g.nodes.filter((n) => n.type === 'controlPlane').map((n) => n.data.name)).toEqual(['control-plane']);
    expect(g.nodes.filter((n) => n.type === 'machine').map((n) => n.data.name)).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(g.nodes.some((n) => n.type === 'queue')).toBe(true);
    const p = pods(g.nodes);
    expect(p).toHaveLength(3);
    for (const pod of p) {
      expect(pod.parentId).toBe(`Node//${pod.data.node}`);
      expect(pod.data.status).toBe('Running');
    }
    // Parents come before their children.
    const index = new Map(g.nodes.map((n, i) => [n.id, i]));
    for (const pod of p) expect(index.get(pod.parentId!)!).toBeLessThan(index.get(pod.id)!);
    // kube-system's add-ons appear when every namespace is shown; the control plane's static pods are its components.
    const all = new GraphBuilder().build(readInput(c), { ...DEFAULT, namespace: '' });
    const names = pods(all.nodes).map((n) => n.data.name);
    expect(names.some((n) => n.startsWith('coredns-'))).toBe(true);
    expect(names.filter((n) => n.startsWith('kube-proxy-'))).toHaveLength(4);
    expect(names).not.toContain('kube-apiserver-control-plane');
  });

  it('keeps every node and pod object identical when an unrelated object changes', () => {
    const c = warmCluster();
    c.kubectl('kubectl create deployment web --image=nginx --replicas=3');
    c.advance(30_000);
    const b = new GraphBuilder();
    const in1 = readInput(c);
    const g1 = b.build(in1, DEFAULT);
    c.kubectl('kubectl create namespace other');
    c.kubectl('kubectl create deployment api --image=nginx --replicas=2 -n other');
    c.advance(30_000);
    const g2 = b.build(readInput(c, in1), DEFAULT);
    const before = byId(g1.nodes);
    for (const n of g2.nodes) expect(n).toBe(before.get(n.id));
    expect(g2.nodes).toHaveLength(g1.nodes.length);
  });

  it('keeps each pod in its slot; a replacement takes a free slot and nothing else moves', () => {
    const c = warmCluster();
    c.kubectl('kubectl create deployment web --image=nginx --replicas=6');
    c.advance(30_000);
    const b = new GraphBuilder();
    const in1 = readInput(c);
    const g1 = b.build(in1, DEFAULT);
    const victim = pods(g1.nodes)[0];
    c.kubectl(`kubectl delete pod ${victim.data.name} --wait=false`);
    c.advance(40_000);
    const g2 = b.build(readInput(c, in1), DEFAULT);
    const after = byId(g2.nodes);
    expect(after.has(victim.id)).toBe(false);
    for (const p of pods(g1.nodes)) {
      if (p === victim) continue;
      expect(after.get(p.id)!.position).toEqual(p.position);
      expect(after.get(p.id)!.parentId).toBe(p.parentId);
    }
    const fresh = pods(g2.nodes).filter((p) => !byId(g1.nodes).has(p.id));
    expect(fresh).toHaveLength(1);
    const taken = new Set(
      pods(g2.nodes)
        .filter((p) => p !== fresh[0] && p.parentId === fresh[0].parentId)
        .map((p) => `${p.position.x},${p.position.y}`),
    );
    expect(taken.has(`${fresh[0].position.x},${fresh[0].position.y}`)).toBe(false);
  });

  it('holds an unschedulable pod in the scheduler queue', () => {
    const c = warmCluster();
    c.kubectl(
      'kubectl create -f -',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'stuck' },
        spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'c', image: 'nginx' }] },
      }),
    );
    c.advance(10_000);
    const g = new GraphBuilder().build(readInput(c), DEFAULT);
    const stuck = g.nodes.find((n) => n.id === 'Pod/default/stuck')!;
    expect(stuck.parentId).toBe('scheduler-queue');
    expect(stuck.data.status).toBe('Pending');
    expect(g.nodes.find((n) => n.type === 'queue')!.data.count).toBe(1);
  });

  it('links a Service to the pods behind its ready endpoints, and shows owners on demand', () => {
    const c = warmCluster();
    c.kubectl('kubectl create deployment web --image=nginx --replicas=3');
    c.kubectl('kubectl create service clusterip web --tcp=80:80');
    c.advance(30_000);
    const b = new GraphBuilder();
    const g = b.build(readInput(c), DEFAULT);
    const svc = g.nodes.find((n) => n.id === 'Service/default/web')!;
    expect(svc.data.endpoints).toBe(3);
    const targets = g.edges.filter((e) => e.source === svc.id).map((e) => e.target);
    expect(targets.sort()).toEqual(
      pods(g.nodes)
        .map((p) => p.id)
        .sort(),
    );
    expect(g.nodes.some((n) => n.type === 'owner')).toBe(false);

    const owned = b.build(readInput(c), { ...DEFAULT, showOwners: true });
    const rs = owned.nodes.find((n) => n.type === 'owner' && n.data.kind === 'ReplicaSet')!;
    const deploy = owned.nodes.find((n) => n.id === 'Deployment/default/web')!;
    expect(owned.edges.some((e) => e.source === deploy.id && e.target === rs.id)).toBe(true);
    expect(owned.edges.filter((e) => e.source === rs.id)).toHaveLength(3);
    expect(deploy.data.replicas).toBe('3/3 ready');
  });

  it(`summarizes boxes past ${SUMMARIZE_OVER} pods and draws them again when zoomed in`, () => {
    const c = warmCluster();
    c.kubectl('kubectl create deployment web --image=nginx --replicas=2');
    c.advance(30_000);
    const input = readInput(c);
    const template = Object.values(input.Pod!).find((p) => p.metadata.namespace === 'default')!;
    const many: Record<string, KObject> = { ...input.Pod };
    for (let i = 0; i < SUMMARIZE_OVER; i++) {
      const name = `bulk-${i}`;
      many[`default/${name}`] = { ...template, metadata: { ...template.metadata, name, uid: `uid-${i}` } };
    }
    const b = new GraphBuilder();
    const g = b.build({ ...input, Pod: many }, DEFAULT);
    expect(g.summarized).toBe(true);
    expect(pods(g.nodes)).toHaveLength(0);
    const node = template.spec!.nodeName;
    const box = g.nodes.find((n) => n.id === `Node//${node}`)!;
    expect(box.data.summary).toMatch(/^running=\d+$/);
    const total = g.nodes.filter((n) => n.type === 'machine').reduce((sum, n) => sum + Number(String(n.data.summary).split('=')[1] ?? 0), 0);
    expect(total).toBe(SUMMARIZE_OVER + 2);
    const zoomed = b.build({ ...input, Pod: many }, { ...DEFAULT, expanded: true });
    expect(zoomed.summarized).toBe(false);
    expect(pods(zoomed.nodes)).toHaveLength(SUMMARIZE_OVER + 2);
    // Boxes keep their size whether summarized or not.
    expect(zoomed.nodes.find((n) => n.id === box.id)!.height).toBe(box.height);
  });
});
