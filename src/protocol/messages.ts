/**
 * Messages between the UI and the engine worker. Versioned: both sides drop a message whose `v` is not
 * PROTOCOL_VERSION. The worker owns the cluster; the UI holds a mirror built from a snapshot and then diffs.
 */
import type { ApiRequest, ApiResponse, CommandResult, KObject } from '../engine/types';

export const PROTOCOL_VERSION = 2;

/** An input that changes the cluster, stamped with the virtual time it ran at: replaying them rebuilds it. */
export interface JournalEntry {
  at: number;
  kind: 'kubectl' | 'sim';
  line: string;
  stdin?: string;
}

/** Control-plane and node components that light up when they act. */
export type Component = 'apiserver' | 'etcd' | 'scheduler' | 'controller-manager' | 'kubelet' | 'kube-proxy';

/** Who acted since the last diff: components, and for kubelets the nodes they run on. */
export interface Activity {
  components: Component[];
  /** Nodes whose kubelet wrote something. */
  kubelets: string[];
}

export interface ClockState {
  /** Virtual time in ms since the cluster started; object timestamps are EPOCH_MS (engine/clock.ts) + time. */
  time: number;
  playing: boolean;
  speed: number;
}

/** What the UI mirrors of an object: the stored object without managedFields. */
export type MirrorObject = KObject;

export type StepMode = 'event' | 'quiet';

type Envelope<T> = T & { v: typeof PROTOCOL_VERSION };

export type UiToWorker = Envelope<
  | {
      type: 'start';
      seed: number;
      workers?: number;
      /** Rebuild a cluster that was lost: replay these inputs, then run the clock to `until`. */
      journal?: JournalEntry[];
      until?: number;
      clock?: Pick<ClockState, 'playing' | 'speed'>;
    }
  | { type: 'kubectl'; id: number; line: string; stdin?: string }
  | { type: 'sim'; id: number; line: string }
  /** Read-only API requests (details panels); changes go through kubectl or sim so they are journaled. */
  | { type: 'request'; id: number; request: ApiRequest }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'speed'; speed: number }
  | { type: 'step'; id: number; mode: StepMode }
  /** The UI saw a revision gap: send a fresh snapshot. */
  | { type: 'resync' }
>;

export type WorkerToUi = Envelope<
  | { type: 'ready'; clock: ClockState }
  | { type: 'snapshot'; revision: number; clock: ClockState; objects: MirrorObject[] }
  | {
      type: 'diff';
      /** The revision the previous message ended at: a UI at another revision has missed something. */
      from: number;
      revision: number;
      clock: ClockState;
      /** Objects created or changed since `from` (latest state of each). */
      upserted: MirrorObject[];
      /** Objects deleted since `from`, as `kind/namespace/name` keys. */
      removed: string[];
      activity: Activity;
    }
  | { type: 'result'; id: number; result: CommandResult; at: number }
  | { type: 'response'; id: number; response: ApiResponse }
  | { type: 'stepped'; id: number; ran: number }
  | { type: 'fatal'; message: string }
>;

/** Mirror key of an object: kind, namespace (empty for cluster-scoped) and name. */
export function objectKey(obj: Pick<KObject, 'kind' | 'metadata'>): string {
  return `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;
