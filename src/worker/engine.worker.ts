/** The engine's Web Worker: a thin adapter from protocol messages to the cluster. */
import { createCluster } from '../engine';
import { PROTOCOL_VERSION, type UiToWorker, type WorkerToUi } from '../protocol/messages';

const post = (msg: WorkerToUi) => (self as unknown as Worker).postMessage(msg);

try {
  const cluster = createCluster();
  self.onmessage = (e: MessageEvent<UiToWorker>) => {
    const msg = e.data;
    if (msg?.v !== PROTOCOL_VERSION) return;
    if (msg.type === 'kubectl') post({ v: PROTOCOL_VERSION, id: msg.id, type: 'result', result: cluster.kubectl(msg.line, msg.stdin) });
  };
  // Virtual time follows real time at 1x until the time controls arrive.
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    cluster.advance(now - last);
    last = now;
  }, 250);
  post({ v: PROTOCOL_VERSION, type: 'ready' });
} catch (e) {
  post({ v: PROTOCOL_VERSION, type: 'fatal', message: e instanceof Error ? e.message : String(e) });
}
