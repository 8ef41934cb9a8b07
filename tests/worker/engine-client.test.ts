// The UI's engine client against a real EngineHost behind a fake Worker: the mirror, revision gaps, and recovery.
import { beforeEach, describe, expect, it } from 'vitest';
import { EngineClient } from '../../src/ui/engine/engine-client';
import { showPrerendered } from '../../src/ui/engine';
import { freshStart, WARM_UP_MS } from '../../src/ui/engine/default-start';
import { firstMessages } from '../../src/worker/first-messages';
import { useCluster } from '../../src/ui/state/cluster-store';
import { EngineHost } from '../../src/worker/engine-host';
import type { UiToWorker, WorkerToUi } from '../../src/protocol/messages';

/** A stand-in for a Web Worker running the engine host, with a hand-driven real-time clock. */
class FakeWorker {
  onmessage: ((e: MessageEvent<WorkerToUi>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  real = 0;
  readonly received: UiToWorker[] = [];
  /** When set, diffs are dropped on the way to the UI (a lost message). */
  dropDiffs = false;
  private readonly host = new EngineHost(
    (m) => {
      if (this.terminated || (this.dropDiffs && m.type === 'diff')) return;
      this.onmessage?.({ data: structuredClone(m) } as MessageEvent<WorkerToUi>);
    },
    () => this.real,
  );

  postMessage(msg: UiToWorker): void {
    if (this.terminated) return;
    this.received.push(structuredClone(msg));
    this.host.handle(structuredClone(msg));
  }

  tick(ms: number): void {
    this.real += ms;
    this.host.tick();
  }

  die(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }

  terminate(): void {
    this.terminated = true;
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = new EngineClient({
    seed: 5,
    warmUpMs: 30_000,
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
  });
  const run = (ms: number) => {
    const w = workers[workers.length - 1];
    for (let t = 0; t < ms; t += 250) w.tick(250);
  };
  return { client, workers, run };
}

const podNames = () => Object.keys(useCluster.getState().byKind.Pod ?? {}).filter((k) => k.startsWith('default/')).sort();

beforeEach(() => useCluster.setState({ status: 'starting', failure: undefined, revision: 0, byKind: {}, pulses: {} }));

describe('the engine client', () => {
  it('mirrors the cluster: a created deployment gets its pods in the store', async () => {
    const { client, run } = setup();
    expect(useCluster.getState().status).toBe('ready');
    expect(Object.keys(useCluster.getState().byKind.Node ?? {})).toHaveLength(4);
    const r = await client.kubectl('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    expect(r.stdout).toBe('deployment.apps/web created\n');
    run(10_000);
    expect(podNames()).toHaveLength(3);
    const phases = Object.values(useCluster.getState().byKind.Pod!)
      .filter((p) => p.metadata.namespace === 'default')
      .map((p) => (p as { status?: { phase?: string } }).status?.phase);
    expect(phases).toEqual(['Running', 'Running', 'Running']);
    expect(useCluster.getState().pulses.scheduler).toBeGreaterThan(0);
  });

  it('asks for a fresh snapshot when a diff was missed', async () => {
    const { client, workers, run } = setup();
    workers[0].dropDiffs = true;
    await client.kubectl('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    run(5_000);
    expect(podNames()).toHaveLength(0);
    workers[0].dropDiffs = false;
    run(1_000);
    expect(workers[0].received.some((m) => m.type === 'resync')).toBe(true);
    expect(podNames()).toHaveLength(2);
  });

  it('says the engine stopped and rebuilds the same cluster in a new worker from the journal', async () => {
    const { client, workers, run } = setup();
    await client.kubectl('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    run(8_000);
    await client.sim('kubeplay node add');
    await client.kubectl('kubectl get pods'); // read-only: not journaled
    await client.kubectl('kubectl scale deployment web --replicas=5');
    run(8_000);
    const before = await client.kubectl('kubectl get pods,nodes -o wide');
    const time = useCluster.getState().clock.time;

    workers[0].die('out of memory');
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(useCluster.getState().failure).toBe('out of memory');
    const start = workers[1].received[0] as Extract<UiToWorker, { type: 'start' }>;
    expect(start.journal!.map((e) => e.line)).toEqual([
      'kubectl create deployment web --image=nginx:1.27 --replicas=3',
      'kubeplay node add',
      'kubectl scale deployment web --replicas=5',
    ]);
    expect(useCluster.getState().status).toBe('ready');
    expect(useCluster.getState().clock.time).toBe(time);
    expect(await client.kubectl('kubectl get pods,nodes -o wide')).toEqual(before);
  });

  it('shows the prerendered default cluster before any worker exists, as the worker will first send it', () => {
    showPrerendered();
    expect(useCluster.getState().status).toBe('prerendered');
    expect(useCluster.getState().clock.time).toBe(WARM_UP_MS);
    const nodes = useCluster.getState().byKind.Node ?? {};
    expect(Object.keys(nodes).sort()).toEqual(['/control-plane', '/worker-1', '/worker-2', '/worker-3']);
    const fromWorker = firstMessages(freshStart(1, undefined)).find((m) => m.type === 'snapshot')!;
    expect(fromWorker.type === 'snapshot' && fromWorker.objects.length).toBe(Object.values(useCluster.getState().byKind).reduce((n, m) => n + Object.keys(m ?? {}).length, 0));
  });
});
