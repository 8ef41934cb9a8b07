/** Which pod `kubectl logs TYPE/NAME` reads (logsforobject.go): the controller's pods sorted as podutils.ByLogging. */
import type { KObject } from '../../types';
import { formatLabelSelector } from '../../api/selectors';

/** The label selector of a workload or Service, or undefined when the kind has none. */
export function selectorOf(obj: KObject): string | undefined {
  switch (obj.kind) {
    case 'Service':
    case 'ReplicationController': {
      const sel = obj.spec?.selector ?? {};
      return Object.keys(sel)
        .sort()
        .map((k) => `${k}=${sel[k]}`)
        .join(',');
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return formatLabelSelector(obj.spec?.selector);
    default:
      return undefined;
  }
}

const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

const readyCondition = (p: KObject) => (p.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
const isReady = (p: KObject) => readyCondition(p)?.status === 'True';
const maxRestarts = (p: KObject) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c: any) => c.restartCount ?? 0));

/** podutils.ByLogging: assigned, running, ready, ready longer, more restarts, older first. */
export function byLogging(a: KObject, b: KObject): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (!an || !bn)) return an ? -1 : 1;
  const ar = PHASE_RANK[a.status?.phase] ?? 3;
  const br = PHASE_RANK[b.status?.phase] ?? 3;
  if (ar !== br) return ar - br;
  if (isReady(a) !== isReady(b)) return isReady(a) ? -1 : 1;
  if (isReady(a) && isReady(b)) {
    const at = readyCondition(a)?.lastTransitionTime ?? '';
    const bt = readyCondition(b)?.lastTransitionTime ?? '';
    if (at !== bt) return at < bt ? -1 : 1;
  }
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  const ac = a.metadata.creationTimestamp ?? '';
  const bc = b.metadata.creationTimestamp ?? '';
  return ac === bc ? 0 : ac < bc ? -1 : 1;
}

/** podcmd.AllContainerNames: `app, sidecar, debugger (ephem), setup (init)`. */
export function allContainerNames(pod: KObject): string {
  return [
    ...(pod.spec?.containers ?? []).map((c: any) => c.name),
    ...(pod.spec?.ephemeralContainers ?? []).map((c: any) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c: any) => `${c.name} (init)`),
  ].join(', ');
}
