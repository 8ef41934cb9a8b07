/** The UI's handle on the engine worker: request/response over the versioned protocol. */
import type { CommandResult } from '../engine/types';
import { PROTOCOL_VERSION, type WorkerToUi } from '../protocol/messages';

export class EngineClient {
  private readonly worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
  private nextId = 1;
  private readonly pending = new Map<number, (r: CommandResult) => void>();
  readonly ready: Promise<void>;

  constructor(onFatal: (message: string) => void) {
    let markReady: () => void = () => {};
    this.ready = new Promise((resolve) => (markReady = resolve));
    this.worker.onmessage = (e: MessageEvent<WorkerToUi>) => {
      const msg = e.data;
      if (msg.type === 'ready') markReady();
      else if (msg.type === 'fatal') onFatal(msg.message);
      else if (msg.type === 'result') {
        this.pending.get(msg.id)?.(msg.result);
        this.pending.delete(msg.id);
      }
    };
    this.worker.onerror = (e) => onFatal(e.message || 'the engine worker stopped');
  }

  kubectl(line: string): Promise<CommandResult> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ v: PROTOCOL_VERSION, id, type: 'kubectl', line });
    });
  }
}
