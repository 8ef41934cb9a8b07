// The worker's engine host, driven as the UI drives it: messages in, snapshot and diffs out.
import { describe, expect, it } from 'vitest';
import { EngineHost, MAX_OBJECTS_PER_DIFF } from '../../src/worker/engine-host';
import { PROTOCOL_VERSION, objectKey, type UiToWorker, type WorkerToUi } from '../../src/protocol/messages';
import type { CommandResult, KObject } from '../../src/engine/types';

type Body = UiToWorker extends infer T ? (T extends unknown ? Omit<T, 'v'> : never) : never;

/** A host, a fake real-time clock, and the mirror a UI would build from what the host posts. */
function harness() {
  const posted: WorkerToUi[] = [];
  let real = 0;
  const host = new EngineHost((m) => posted.push(m), () => real);
  const mirror = new Map<string, KObject>();
  let revision = -1;
  let applied = 0;
  const drain = () => {
    for (; applied < posted.length; applied++) {
      const m = posted[applied];
      if (m.type === 'snapshot') {
        mirror.clear();
        for (const o of m.objects) mirror.set(objectKey(o), o);
        revision = m.revision;
      } else if (m.type === 'diff') {
        expect(m.from).toBe(revision);
        for (const o of m.upserted) mirror.set(objectKey(o), o);
        for (const k of m.removed) mirror.delete(k);
        revision = m.revision;
      }
    }
  };
  const send = (body: Body) => {
    host.handle({ ...body, v: PROTOCOL_VERSION } as UiToWorker);
    drain();
  };
  let id = 0;
  const kubectl = (line: string, stdin?: string): CommandResult => {
    send({ type: 'kubectl', id: ++id, line, stdin });
    const r = posted.filter((m) => m.type === 'result').pop();
    return (r as Extract<WorkerToUi, { type: 'result' }>).result;
  };
  const tick = (realMs: number) => {
    real += realMs;
    host.tick();
    drain();
  };
  const clock = () => {
    const last = [...posted].reverse().find((m) => m.type === 'diff' || m.type === 'snapshot' || m.type === 'ready');
    return (last as { clock: { time: number; playing: boolean; speed: number } }).clock;
  };
  return { posted, send, kubectl, tick, mirror, clock, pods: () => [...mirror.values()].filter((o) => o.kind === 'Pod') };
}

const podPhase = (o: KObject) => (o as { status?: { phase?: string } }).status?.phase;

describe('the engine host in the worker', () => {
  it('sends a snapshot of the warmed-up default cluster, then diffs that keep the mirror equal to the cluster', () => {
    const h = harness();
    h.send({ type: 'start', seed: 1, until: 120_000 });
    expect(h.posted[0].type).toBe('ready');
    expect(h.posted[1].type).toBe('snapshot');
    const nodes = [...h.mirror.values()].filter((o) => o.kind === 'Node').map((o) => o.metadata.name);
    expect(nodes).toEqual(expect.arrayContaining(['control-plane', 'worker-1', 'worker-2', 'worker-3']));
    // Warmed up: the kube-system add-ons are already running when the page first shows them.
    const addons = h.pods().filter((p) => p.metadata.namespace === 'kube-system');
    expect(addons.length).toBeGreaterThan(5);
    expect(addons.every((p) => podPhase(p) === 'Running')).toBe(true);
    expect([...h.mirror.values()].some((o) => o.kind === 'Lease' && o.metadata.namespace === 'kube-node-lease')).toBe(false);
    expect([...h.mirror.values()].some((o) => o.metadata.managedFields)).toBe(false);

    expect(h.kubectl('kubectl create deployment web --image=nginx:1.27 --replicas=3').stdout).toBe('deployment.apps/web created\n');
    for (let i = 0; i < 40; i++) h.tick(250); // 10 s of real time at 1x
    const web = h.pods().filter((p) => p.metadata.name!.startsWith('web-'));
    expect(web.map(podPhase)).toEqual(['Running', 'Running', 'Running']);
    // The mirror holds exactly what the API lists.
    const listed = h.kubectl('kubectl get pods -A -o name').stdout.trim().split('\n').sort();
    expect(h.pods().map((p) => `pod/${p.metadata.name}`).sort()).toEqual(listed);

    h.kubectl('kubectl delete deployment web');
    for (let i = 0; i < 200; i++) h.tick(250);
    expect(h.pods().filter((p) => p.metadata.name!.startsWith('web-'))).toEqual([]);
  });

  it('spreads a burst of changes over several diffs, the revision moving only with the last one', () => {
    const h = harness();
    h.send({ type: 'start', seed: 1, until: 120_000 });
    const before = h.posted.length;
    h.kubectl('kubectl create deployment big --image=nginx:1.27 --replicas=200');
    h.tick(16);
    h.tick(16);
    h.tick(16);
    const diffs = h.posted.slice(before).filter((m): m is Extract<WorkerToUi, { type: 'diff' }> => m.type === 'diff');
    expect(diffs.length).toBeGreaterThan(2);
    for (const d of diffs) expect(d.upserted.length + d.removed.length).toBeLessThanOrEqual(MAX_OBJECTS_PER_DIFF);
    // Parts of one burst keep the revision they started from; the mirror then holds every pod the API lists.
    expect(diffs[0].revision).toBe(diffs[0].from);
    const listed = h.kubectl('kubectl get pods -n default -o name').stdout.trim().split('\n').sort();
    for (let i = 0; i < 10; i++) h.tick(16);
    expect(listed).toHaveLength(200);
    expect(h.pods().filter((p) => p.metadata.namespace === 'default').map((p) => `pod/${p.metadata.name}`).sort()).toEqual(listed);
  });

  it('reports which components acted', () => {
    const h = harness();
    h.send({ type: 'start', seed: 1, until: 60_000 });
    h.kubectl('kubectl run solo --image=nginx:1.27');
    const seen = new Set<string>();
    const kubelets = new Set<string>();
    for (let i = 0; i < 20; i++) {
      h.tick(250);
    }
    for (const m of h.posted) {
      if (m.type !== 'diff') continue;
      m.activity.components.forEach((c) => seen.add(c));
      m.activity.kubelets.forEach((n) => kubelets.add(n));
    }
    expect([...seen]).toEqual(expect.arrayContaining(['apiserver', 'etcd', 'scheduler', 'kubelet']));
    expect(seen.has('kube-proxy')).toBe(false);
    // A Service gets an EndpointSlice, which every node's kube-proxy programs.
    const from = h.posted.length;
    h.kubectl('kubectl create service clusterip solo --tcp=80:80');
    h.tick(250);
    const after = h.posted.slice(from).flatMap((m) => (m.type === 'diff' ? m.activity.components : []));
    expect(after).toEqual(expect.arrayContaining(['controller-manager', 'kube-proxy']));
    const node = (h.mirror.get('Pod/default/solo') as unknown as { spec: { nodeName: string } }).spec.nodeName;
    expect(kubelets.has(node)).toBe(true);
  });

  it('runs virtual time at real time x speed, and not at all when paused', () => {
    const h = harness();
    h.send({ type: 'start', seed: 1 });
    h.tick(0);
    const t0 = h.clock().time;
    h.tick(100);
    expect(h.clock().time - t0).toBe(100);
    h.send({ type: 'speed', speed: 10 });
    h.tick(100);
    expect(h.clock().time - t0).toBe(1100);
    h.send({ type: 'pause' });
    const paused = h.clock();
    h.tick(5_000);
    expect(h.clock()).toEqual({ ...paused, playing: false });
    expect(h.clock().time).toBe(t0 + 1100);
    h.send({ type: 'play' });
    h.tick(100);
    expect(h.clock().time).toBe(t0 + 2100);
  });

  it('turns fractional real frames into whole virtual milliseconds without losing time', () => {
    const h = harness();
    h.send({ type: 'start', seed: 1 });
    h.send({ type: 'speed', speed: 0.25 });
    h.tick(0);
    const t0 = h.clock().time;
    h.kubectl('kubectl create deployment web --image=nginx:1.27');
    for (let i = 0; i < 600; i++) h.tick(16.7);
    expect(h.posted.some((m) => m.type === 'fatal')).toBe(false);
    expect(h.clock().time - t0).toBe(Math.floor(600 * 16.7 * 0.25));
    expect(Number.isInteger(h.clock().time)).toBe(true);
  });

  it('steps one reconcile at a time, or until only heartbeats remain', () => {
    const h = harness();
    h.send({ type: 'start', seed: 1, until: 60_000, clock: { playing: false, speed: 1 } });
    h.kubectl('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    const before = h.clock().time;
    h.send({ type: 'step', id: 100, mode: 'event' });
    const stepped = h.posted.filter((m) => m.type === 'stepped').pop() as { ran: number };
    expect(stepped.ran).toBe(1);
    expect(h.pods().filter((p) => p.metadata.name!.startsWith('web-')).every((p) => podPhase(p) !== 'Running')).toBe(true);

    h.send({ type: 'step', id: 101, mode: 'quiet' });
    expect(h.pods().filter((p) => p.metadata.name!.startsWith('web-')).map(podPhase)).toEqual(['Running', 'Running']);
    const quietAt = h.clock().time;
    expect(quietAt).toBeGreaterThan(before);
    expect(quietAt - before).toBeLessThan(5 * 60_000);
    const ready = h.kubectl('kubectl get deployment web -o jsonpath={.status.readyReplicas}').stdout;
    expect(ready).toBe('2');
  });

  it('rebuilds the same cluster from the journal after the worker is lost', () => {
    const a = harness();
    a.send({ type: 'start', seed: 3, until: 60_000 });
    const journal: { at: number; kind: 'kubectl' | 'sim'; line: string }[] = [];
    const run = (line: string, kind: 'kubectl' | 'sim' = 'kubectl') => {
      journal.push({ at: a.clock().time, kind, line });
      if (kind === 'kubectl') a.kubectl(line);
      else a.send({ type: 'sim', id: 999, line });
    };
    run('kubectl create deployment web --image=nginx:1.27 --replicas=4');
    for (let i = 0; i < 37; i++) a.tick(250);
    run('kubeplay node fail worker-2', 'sim');
    for (let i = 0; i < 50; i++) a.tick(250);
    run('kubectl scale deployment web --replicas=6');
    for (let i = 0; i < 13; i++) a.tick(250);
    const until = a.clock().time;

    const b = harness();
    b.send({ type: 'start', seed: 3, journal, until });
    const dump = (h: ReturnType<typeof harness>) => h.kubectl('kubectl get pods,rs,deploy,nodes -A -o yaml').stdout;
    expect(b.clock().time).toBe(until);
    expect(dump(b)).toBe(dump(a));
  });

  it('answers a resync with a fresh snapshot and read-only requests with API responses', () => {
    const h = harness();
    h.send({ type: 'start', seed: 1 });
    h.send({ type: 'resync' });
    expect(h.posted.filter((m) => m.type === 'snapshot')).toHaveLength(2);
    h.send({ type: 'request', id: 7, request: { method: 'GET', path: '/api/v1/namespaces/default/pods/nope' } });
    const res = h.posted.filter((m) => m.type === 'response').pop() as Extract<WorkerToUi, { type: 'response' }>;
    expect(res.id).toBe(7);
    expect(res.response.status).toBe(404);
    expect(res.response.body.message).toBe('pods "nope" not found');
  });

  it('ignores messages of another protocol version', () => {
    const posted: WorkerToUi[] = [];
    const host = new EngineHost((m) => posted.push(m), () => 0);
    host.handle({ v: 1, type: 'start', seed: 1 } as unknown as UiToWorker);
    expect(posted).toEqual([]);
  });
});
