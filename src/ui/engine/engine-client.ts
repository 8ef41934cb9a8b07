/**
 * The UI's handle on the engine worker: requests and replies over the versioned protocol, the mirror kept in
 * step with snapshots and diffs, and recovery: when the worker dies, a new one replays the journal.
 */
import type { ApiRequest, ApiResponse, CommandResult } from '../../engine/types';
import { PROTOCOL_VERSION, type StepMode, type UiToWorker, type WorkerToUi } from '../../protocol/messages';
import { applyDiff, applySnapshot, useCluster } from '../state/cluster-store';
import { Journal } from './journal';
import { freshStart } from './default-start';

type Body<T> = T extends unknown ? Omit<T, 'v'> : never;
/** A request body without its id: the client numbers requests itself. */
type Call = Body<Extract<UiToWorker, { id: number }>> extends infer B ? (B extends unknown ? Omit<B, 'id'> : never) : never;
type Pending = { resolve: (value: unknown) => void; failed: () => unknown };

const createEngineWorker = () => new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' });

export interface EngineClientOptions {
  seed?: number;
  workers?: number;
  /** Virtual time the cluster runs before the page shows it (default WARM_UP_MS). */
  warmUpMs?: number;
  /** Makes the worker; tests pass a fake. */
  createWorker?: () => Worker;

}


export class EngineClient {
  private worker!: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly journal = new Journal();
  private awaitingSnapshot = false;
  private readonly seed: number;

  constructor(private readonly options: EngineClientOptions = {}) {
    this.seed = options.seed ?? 1;
    this.boot(false);
  }

  kubectl(line: string, stdin?: string): Promise<CommandResult> {
    return this.call<CommandResult>({ type: 'kubectl', line, stdin }, lost);
  }

  sim(line: string): Promise<CommandResult> {
    return this.call<CommandResult>({ type: 'sim', line }, lost);
  }

  /** A read-only API request (details panels). */
  request(request: ApiRequest): Promise<ApiResponse> {
    return this.call<ApiResponse>({ type: 'request', request }, () => ({ status: 503, body: { message: 'the engine restarted' } }));
  }

  play(): void {
    this.send({ type: 'play' });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  setSpeed(speed: number): void {
    this.send({ type: 'speed', speed });
  }

  step(mode: StepMode): Promise<number> {
    return this.call<number>({ type: 'step', mode }, () => 0);
  }

  /** Stops the worker for good (tests, page teardown). */
  dispose(): void {
    this.worker.terminate();
  }

  private boot(restoring: boolean): void {
    const worker = (this.options.createWorker ?? createEngineWorker)();
    this.worker = worker;
    worker.onmessage = (e: MessageEvent<WorkerToUi>) => {
      if (this.worker === worker) this.receive(e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      if (this.worker === worker) this.restore(e.message || 'the engine worker stopped');
    };
    const { clock } = useCluster.getState();
    const start: Body<UiToWorker> = restoring
      ? { type: 'start', seed: this.seed, workers: this.options.workers, journal: this.journal.all(), until: clock.time, clock }
      : freshStart(this.seed, this.options.workers, this.options.warmUpMs);
    this.send(start);
  }

  /** The worker is gone: say so, fail what was in flight, and rebuild the cluster in a new one. */
  private restore(reason: string): void {
    useCluster.setState({ status: 'restoring', failure: reason });
    this.worker.terminate();
    for (const p of this.pending.values()) p.resolve(p.failed());
    this.pending.clear();
    this.awaitingSnapshot = false;
    this.boot(true);
  }

  private receive(msg: WorkerToUi): void {
    if (msg?.v !== PROTOCOL_VERSION) return;
    switch (msg.type) {
      case 'snapshot':
        this.awaitingSnapshot = false;
        applySnapshot(msg);
        return;
      case 'diff':
        if (this.awaitingSnapshot) return;
        if (!applyDiff(msg)) {
          this.awaitingSnapshot = true;
          this.send({ type: 'resync' });
        }
        return;
      case 'result':
        this.journalResult(msg.id, msg.at);
        this.settle(msg.id, msg.result);
        return;
      case 'response':
        this.settle(msg.id, msg.response);
        return;
      case 'stepped':
        this.settle(msg.id, msg.ran);
        return;
      case 'fatal':
        this.restore(msg.message);
        return;
      case 'ready':
        return;
    }
  }

  private readonly inputs = new Map<number, { kind: 'kubectl' | 'sim'; line: string; stdin?: string }>();

  private journalResult(id: number, at: number): void {
    const input = this.inputs.get(id);
    this.inputs.delete(id);
    if (input) this.journal.record({ at, ...input });
  }

  private call<T>(body: Call, failed: () => T): Promise<T> {
    const id = this.nextId++;
    const msg = { ...body, id } as Body<UiToWorker>;
    if (msg.type === 'kubectl' || msg.type === 'sim') this.inputs.set(id, { kind: msg.type, line: msg.line, stdin: msg.type === 'kubectl' ? msg.stdin : undefined });
    return new Promise<T>((resolve) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, failed });
      this.send(msg);
    });
  }

  private settle(id: number, value: unknown): void {
    this.pending.get(id)?.resolve(value);
    this.pending.delete(id);
  }

  private send(body: Body<UiToWorker>): void {
    this.worker.postMessage({ ...body, v: PROTOCOL_VERSION });
  }
}

const lost = (): CommandResult => ({ stdout: '', stderr: 'error: the engine stopped while running this command; the cluster was restored from its journal\n', exitCode: 1 });
