/**
 * What a worker posts when it receives a start message (ready, then the snapshot), computed by running the same
 * EngineHost. The engine is deterministic, so the build computes the default cluster's first messages once and the
 * page shows them before its worker has booted (see scripts/prerender-cluster.ts).
 */
import type { UiToWorker, WorkerToUi } from '../protocol/messages';
import { EngineHost } from './engine-host';

export function firstMessages(start: Extract<UiToWorker, { type: 'start' }>): WorkerToUi[] {
  const posted: WorkerToUi[] = [];
  const host = new EngineHost((m) => posted.push(m), () => 0);
  host.handle(start);
  return posted;
}
