/** The start message of a fresh cluster: what the page's worker is sent, and what the build prerenders for the default one. */
import { PROTOCOL_VERSION, type UiToWorker } from '../../protocol/messages';

/** The page opens on a cluster that has been up a couple of minutes: add-ons Running, ages that look real. */
export const WARM_UP_MS = 120_000;

/** The seed of the page's default cluster. */
export const DEFAULT_SEED = 1;

export type StartMessage = Extract<UiToWorker, { type: 'start' }>;

export function freshStart(seed: number, workers: number | undefined, warmUpMs = WARM_UP_MS): StartMessage {
  return { type: 'start', seed, workers, until: warmUpMs, v: PROTOCOL_VERSION } as StartMessage;
}
