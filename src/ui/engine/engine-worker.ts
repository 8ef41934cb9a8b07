/**
 * The engine worker and its start message. The page starts the worker from a small script of its own
 * (src/ui/boot.ts) while the app's bundle still loads and evaluates, so the cluster boots in parallel; the
 * engine client then adopts that worker with the messages it has sent so far.
 */
import type { WorkerToUi } from '../../protocol/messages';
import { DEFAULT_SEED, freshStart } from './default-start';

export const createEngineWorker = () => new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module' });

export interface EarlyWorker {
  worker: Worker;
  /** What the worker said before the client took it over, in order. */
  messages: WorkerToUi[];
  /** Why it stopped, if it did. */
  failure?: string;
}

const KEY = '__kubeplayEarlyWorker';
type WithEarly = typeof globalThis & { [KEY]?: EarlyWorker };

/** Start the default cluster's worker now and keep what it says until the engine client takes it. */
export function startEarly(): void {
  const worker = createEngineWorker();
  const early: EarlyWorker = { worker, messages: [] };
  worker.onmessage = (e: MessageEvent<WorkerToUi>) => early.messages.push(e.data);
  worker.onerror = (e) => {
    e.preventDefault?.();
    early.failure ??= e.message || 'the engine worker stopped';
  };
  worker.postMessage(freshStart(DEFAULT_SEED, undefined));
  (globalThis as WithEarly)[KEY] = early;
}

/** The worker startEarly started, once: the engine client of the default cluster takes it. */
export function takeEarly(): EarlyWorker | undefined {
  const g = globalThis as WithEarly;
  const early = g[KEY];
  delete g[KEY];
  return early;
}
