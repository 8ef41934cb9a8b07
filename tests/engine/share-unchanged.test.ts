import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';
import { shareUnchanged } from '../../src/engine/store/share-unchanged';

const deepFrozen = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null) {
    Object.values(v).forEach(deepFrozen);
    Object.freeze(v);
  }
  return v;
};

describe('a new version shares the unchanged parts of the stored one', () => {
  it('takes the stored part wherever keys, their order and values are equal, and prints the same JSON', () => {
    const prev = deepFrozen({
      metadata: { name: 'p', resourceVersion: '1' },
      status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }], hostIPs: [{ ip: '10.0.0.1' }] },
    });
    const next = {
      metadata: { name: 'p', resourceVersion: '2' },
      status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }], hostIPs: [{ ip: '10.0.0.1' }] },
    };
    const text = JSON.stringify(next);
    shareUnchanged(next, prev);
    expect(JSON.stringify(next)).toBe(text);
    expect(next.status.hostIPs).toBe(prev.status.hostIPs);
    expect(next.status.conditions[1]).toBe(prev.status.conditions[1]);
    expect(next.status.conditions[0]).not.toBe(prev.status.conditions[0]);
    expect(next.metadata).not.toBe(prev.metadata);
  });

  it('keeps a part whose keys come in another order, or that has a key more or less', () => {
    const prev = deepFrozen({ a: { x: 1, y: 2 }, b: { x: 1 }, c: { x: 1, y: undefined } });
    const next = { a: { y: 2, x: 1 }, b: { x: 1, y: 2 }, c: { x: 1 } };
    shareUnchanged(next, prev);
    expect(next.a).not.toBe(prev.a);
    expect(JSON.stringify(next.a)).toBe('{"y":2,"x":1}');
    expect(next.b).not.toBe(prev.b);
    expect(next.c).not.toBe(prev.c);
  });

  it('leaves a pod written by the kubelet as it reads through the API, with unchanged parts shared in the watch history', () => {
    const c = createCluster({ seed: 3, workers: 2 });
    const versions: any[] = [];
    c.watchFrozen((e) => {
      if (e.object.kind === 'Pod' && e.object.metadata.name === 'web') versions.push(e.object);
    });
    c.kubectl('kubectl run web --image=nginx:1.27');
    c.advance(10_000);
    const last = versions[versions.length - 1];
    const prior = versions[versions.length - 2];
    expect(last.status.phase).toBe('Running');
    // The Ready write keeps the PodScheduled condition and the IP lists of the write before it.
    expect(last.status.hostIPs).toBe(prior.status.hostIPs);
    const scheduled = (v: any) => v.status.conditions.find((k: any) => k.type === 'PodScheduled');
    expect(scheduled(last)).toBe(scheduled(prior));
    const read = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/web' }).body;
    expect(JSON.stringify(read)).toBe(JSON.stringify(last));
  });

  it('shares what a created object repeats of the one created before it, as the pods of a ReplicaSet do', () => {
    const c = createCluster({ seed: 3, workers: 2 });
    const created: any[] = [];
    c.watchFrozen((e) => {
      if (e.type === 'ADDED' && e.object.kind === 'Pod' && e.object.metadata.name?.startsWith('web-')) created.push(e.object);
    });
    c.kubectl('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    expect(created).toHaveLength(2);
    const [a, b] = created;
    expect(b.spec.tolerations).toBe(a.spec.tolerations);
    expect(b.metadata.ownerReferences).toBe(a.metadata.ownerReferences);
    expect(b.metadata.name).not.toBe(a.metadata.name);
    const read = c.request({ method: 'GET', path: `/api/v1/namespaces/default/pods/${b.metadata.name}` }).body;
    expect(read.metadata.uid).toBe(b.metadata.uid);
  });
});
