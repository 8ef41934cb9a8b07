/** The engine's Web Worker: wires EngineHost to postMessage and a ~60 Hz timer. */
import type { UiToWorker, WorkerToUi } from '../protocol/messages';
import { PROTOCOL_VERSION } from '../protocol/messages';
import { EngineHost } from './engine-host';

const scope = self as unknown as Worker;
const post = (msg: WorkerToUi) => scope.postMessage(msg);
const host = new EngineHost(post, () => performance.now());

scope.onmessage = (e: MessageEvent<UiToWorker>) => host.handle(e.data);
scope.addEventListener('error', (e) => post({ v: PROTOCOL_VERSION, type: 'fatal', message: e.message }));
setInterval(() => host.tick(), 16);
