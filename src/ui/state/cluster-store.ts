/**
 * The cluster mirror: what the worker last reported, written only by the engine client. Objects are grouped by
 * kind and keyed by `namespace/name`; a diff replaces only the kinds it touches, and unchanged objects keep their
 * identity, so narrow selectors re-render only what changed.
 */
import { create } from 'zustand';
import { objectKey, type ClockState, type MirrorObject, type WorkerToUi } from '../../protocol/messages';

/** `prerendered`: the build's copy of the default cluster is shown and its worker has not answered yet. */
export type EngineStatus = 'starting' | 'prerendered' | 'ready' | 'restoring';

export type ObjectsByKind = Record<string, Record<string, MirrorObject>>;

export interface ClusterMirror {
  status: EngineStatus;
  /** Why the engine last stopped, shown until the user dismisses it. */
  failure: string | undefined;
  revision: number;
  clock: ClockState;
  byKind: ObjectsByKind;
  /** A counter per component (and per node's kubelet) raised each time it acts: a changed value lights it. */
  pulses: Record<string, number>;
}

export const useCluster = create<ClusterMirror>(() => ({
  status: 'starting',
  failure: undefined,
  revision: 0,
  clock: { time: 0, playing: true, speed: 1 },
  byKind: {},
  pulses: {},
}));

type Snapshot = Extract<WorkerToUi, { type: 'snapshot' }>;
type Diff = Extract<WorkerToUi, { type: 'diff' }>;

export function applySnapshot(msg: Snapshot, status: EngineStatus = 'ready'): void {
  const byKind: ObjectsByKind = {};
  for (const obj of msg.objects) (byKind[obj.kind] ??= {})[nameKey(obj)] = obj;
  useCluster.setState({ status, revision: msg.revision, clock: msg.clock, byKind });
}

/** Applies a diff in one update; false when it does not follow the mirror's revision (a snapshot is needed). */
export function applyDiff(msg: Diff): boolean {
  const state = useCluster.getState();
  if (msg.from !== state.revision) return false;
  const byKind = msg.upserted.length || msg.removed.length ? { ...state.byKind } : state.byKind;
  const copied = new Set<string>();
  const bucket = (kind: string) => {
    if (!copied.has(kind)) {
      byKind[kind] = { ...byKind[kind] };
      copied.add(kind);
    }
    return byKind[kind];
  };
  for (const obj of msg.upserted) bucket(obj.kind)[nameKey(obj)] = obj;
  for (const key of msg.removed) {
    const slash = key.indexOf('/');
    delete bucket(key.slice(0, slash))[key.slice(slash + 1)];
  }
  let pulses = state.pulses;
  const { components, kubelets } = msg.activity;
  if (components.length || kubelets.length) {
    pulses = { ...pulses };
    for (const c of components) pulses[c] = (pulses[c] ?? 0) + 1;
    for (const n of kubelets) pulses[`kubelet/${n}`] = (pulses[`kubelet/${n}`] ?? 0) + 1;
  }
  useCluster.setState({ revision: msg.revision, clock: msg.clock, byKind, pulses });
  return true;
}

function nameKey(obj: MirrorObject): string {
  return objectKey(obj).slice(obj.kind.length + 1);
}

/** Selects one object by kind, namespace and name. */
export const selectObject = (kind: string, namespace: string, name: string) => (s: ClusterMirror) =>
  s.byKind[kind]?.[`${namespace}/${name}`];

