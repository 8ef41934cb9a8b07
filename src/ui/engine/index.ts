/**
 * The page's one engine client, made on first use (the App makes it once the first frame is drawn), and the build's
 * prerendered default cluster, drawn before that: the worker's boot then no longer competes with the first paint.
 */
import prerendered from 'virtual:prerendered-cluster';
import { applySnapshot } from '../state/cluster-store';
import { EngineClient } from './engine-client';

let client: EngineClient | undefined;

export function engine(): EngineClient {
  client ??= new EngineClient();
  return client;
}

/** Show the default cluster as its worker will first send it (the engine is deterministic), until it does. */
export function showPrerendered(): void {
  for (const msg of prerendered) if (msg.type === 'snapshot' && !client) applySnapshot(msg, 'prerendered');
}
