/**
 * A pod's STATUS as `kubectl get pods` prints it (the engine's own printPod port), and the colour class the graph
 * gives it.
 */
import type { KObject } from '../../engine/types';
import { podSummary } from '../../engine/api/printers/pod';

export type PodCategory =
  'pending' | 'creating' | 'running' | 'notready' | 'crashloop' | 'imagepull' | 'terminating' | 'succeeded' | 'failed' | 'oomkilled' | 'unknown';

/** Legend order and wording. */
export const CATEGORY_LABELS: ReadonlyArray<readonly [PodCategory, string]> = [
  ['pending', 'Pending'],
  ['creating', 'ContainerCreating'],
  ['running', 'Running, ready'],
  ['notready', 'Running, not ready'],
  ['crashloop', 'CrashLoopBackOff'],
  ['imagepull', 'ErrImagePull / ImagePullBackOff'],
  ['terminating', 'Terminating'],
  ['succeeded', 'Completed'],
  ['failed', 'Failed / Error'],
  ['oomkilled', 'OOMKilled'],
  ['unknown', 'Unknown'],
];

export interface PodLook {
  /** The STATUS column. */
  status: string;
  /** The READY column, e.g. `1/1`. */
  ready: string;
  restarts: number;
  category: PodCategory;
}

const IMAGE_PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable']);
const CREATING = new Set(['ContainerCreating', 'PodInitializing', 'SchedulingGated']);
const FAILED = new Set([
  'Error',
  'Failed',
  'Evicted',
  'ContainerStatusUnknown',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'StartError',
  'DeadlineExceeded',
  'OutOfcpu',
  'OutOfmemory',
  'OutOfpods',
  'NodeAffinity',
]);

/** STATUS, READY and the restart count of a pod, as kubectl computes them. */
export function podLook(pod: KObject): PodLook {
  // The clock only feeds the "(5m ago)" of RESTARTS, which the graph does not show.
  const s = podSummary(pod, 0);
  const restarts = Number.parseInt(s.restarts, 10) || 0;
  return {
    status: s.status,
    ready: s.ready,
    restarts,
    category: categoryOf(s.status, s.ready),
  };
}

/** The colour class of a STATUS text; READY tells Running-and-ready from Running-not-ready. */
export function categoryOf(status: string, ready: string): PodCategory {
  if (status === 'Running') {
    const [have, want] = ready.split('/');
    return have === want ? 'running' : 'notready';
  }
  if (status === 'NotReady') return 'notready';
  if (status === 'Pending') return 'pending';
  if (CREATING.has(status)) return status === 'SchedulingGated' ? 'pending' : 'creating';
  if (status === 'Terminating') return 'terminating';
  if (status === 'Completed' || status === 'Succeeded') return 'succeeded';
  if (status === 'OOMKilled' || status === 'Init:OOMKilled') return 'oomkilled';
  const plain = status.startsWith('Init:') ? status.slice(5) : status;
  if (plain === 'CrashLoopBackOff') return 'crashloop';
  if (IMAGE_PULL.has(plain)) return 'imagepull';
  if (FAILED.has(plain) || plain.startsWith('ExitCode:') || plain.startsWith('Signal:')) return 'failed';
  if (status.startsWith('Init:')) return 'creating';
  if (status === 'Unknown' || status === 'NodeLost') return 'unknown';
  return 'unknown';
}
