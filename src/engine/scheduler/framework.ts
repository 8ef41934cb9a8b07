/** The scheduling framework's shapes: plugins with their extension points, statuses, cycle state, cluster events. */
import type { ApiRequest, ApiResponse, KObject } from '../types';
import type { NodeInfo, SchedulerCache } from './cache';
import type { PodInfo } from './pod-info';
import type { ScoreList } from './score-buffer';

export const MAX_NODE_SCORE = 100;

/** Unschedulable: preemption might help; UnschedulableAndUnresolvable: it cannot. */
export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Status {
  code: Code;
  reasons: string[];
}

export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
export const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });

/** Read-only views of other objects some plugins consult. */
export interface Listers {
  namespaceLabels(namespace: string): Record<string, string> | undefined;
  services(namespace: string): KObject[];
  replicaSet(namespace: string, name: string): KObject | undefined;
  statefulSet(namespace: string, name: string): KObject | undefined;
  /** Storage objects the VolumeBinding plugin reads. */
  claim?(namespace: string, name: string): KObject | undefined;
  volume?(name: string): KObject | undefined;
  volumes?(): KObject[];
  storageClass?(name: string): KObject | undefined;
}

export interface CycleState {
  pod: KObject;
  info: PodInfo;
  cache: SchedulerCache;
  listers: Listers;
  /** Per-plugin data from PreFilter/PreScore, keyed by plugin name. */
  data: Map<string, unknown>;
}

export interface PreFilterResult {
  /** The plugin has nothing to check for this pod: its Filter is not run. */
  skip?: boolean;
  /** Only these nodes can fit (NodeAffinity with matchFields on metadata.name). */
  nodeNames?: Set<string>;
  /** The pod cannot be scheduled at all. */
  status?: Status;
}

/** A change in the cluster that may make unschedulable pods schedulable (framework.ClusterEvent). */
export interface ClusterEvent {
  resource: 'Node' | 'Pod' | 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass';
  type: 'Add' | 'Update' | 'Delete';
  obj: KObject;
  old?: KObject;
}

export interface Plugin {
  name: string;
  preFilter?(s: CycleState): PreFilterResult | void;
  filter?(s: CycleState, node: NodeInfo): Status | undefined;
  /** Returns false to skip scoring for this pod (Skip status). */
  preScore?(s: CycleState, nodes: NodeInfo[]): boolean;
  /** Score for every node, written to `out` (one call per attempt, not per node: this is the hot path). */
  score?(s: CycleState, nodes: NodeInfo[], out: ScoreList): void;
  normalize?(s: CycleState, scores: ScoreList, nodes: NodeInfo[]): void;
  /** QueueingHint: whether the event may make a pod this plugin rejected schedulable. */
  hint?(pod: KObject, ev: ClusterEvent): boolean;
  /** EventsToRegister: the resources whose events reach hint (default Node and Pod). */
  events?: ClusterEvent['resource'][];
  /** PreBind: API writes the binding depends on (VolumeBinding's selected-node annotation); an error fails the binding. */
  preBind?(s: CycleState, nodeName: string, request: (req: ApiRequest) => ApiResponse): string | undefined;
}

/** helper.DefaultNormalizeScore. */
export function defaultNormalizeScore(scores: ScoreList, reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    if (reverse) s = MAX_NODE_SCORE - s;
    scores[i] = s;
  }
}

/** Changed node labels, taints, allocatable or unschedulable flag: the node-update events plugins subscribe to. */
export function nodeChanged(ev: ClusterEvent, what: 'labels' | 'taints' | 'allocatable' | 'unschedulable'): boolean {
  if (ev.type === 'Add') return true;
  if (ev.type !== 'Update' || !ev.old) return false;
  const pick = (n: KObject) =>
    what === 'labels'
      ? n.metadata.labels
      : what === 'taints'
        ? n.spec?.taints
        : what === 'allocatable'
          ? n.status?.allocatable
          : !!n.spec?.unschedulable;
  return JSON.stringify(pick(ev.old)) !== JSON.stringify(pick(ev.obj));
}
