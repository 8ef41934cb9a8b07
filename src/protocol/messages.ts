/** Messages between the UI and the engine worker. Versioned: both sides check PROTOCOL_VERSION. */
import type { CommandResult } from '../engine/types';

export const PROTOCOL_VERSION = 1;

export type UiToWorker = { v: typeof PROTOCOL_VERSION; id: number; type: 'kubectl'; line: string; stdin?: string };

export type WorkerToUi =
  | { v: typeof PROTOCOL_VERSION; id: number; type: 'result'; result: CommandResult }
  | { v: typeof PROTOCOL_VERSION; type: 'ready' }
  | { v: typeof PROTOCOL_VERSION; type: 'fatal'; message: string };
