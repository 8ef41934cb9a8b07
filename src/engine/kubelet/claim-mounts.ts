/**
 * The kubelet's wait for PersistentVolumeClaim volumes (desired-state-of-world populator + WaitForAttachAndMount):
 * a pod whose claim is missing or not yet Bound gets no sandbox and stays ContainerCreating; the claim is looked
 * up again (every half second at first, backing off to every 4s), and each 2m3s without success is reported as
 * the real `FailedMount` warning. (The scheduler binds a pod only once its claims are bound, so this wait is for
 * pods placed with spec.nodeName or claims that lose their binding.)
 */
import type { KObject } from '../types';
import type { PodWorker } from './pod-worker';
import { mountVolumes } from './volume-mounts';

const POLL_MS = 500;
const MAX_POLL_MS = 4000;
/** podAttachAndMountTimeout. */
const MOUNT_TIMEOUT_MS = 123_000;

function claimVolumes(pod: KObject): { volume: string; claim: string }[] {
  const out: { volume: string; claim: string }[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) out.push({ volume: v.name, claim: v.persistentVolumeClaim.claimName });
    else if (v.ephemeral) out.push({ volume: v.name, claim: `${pod.metadata.name}-${v.name}` });
  }
  return out;
}

/** Why the populator cannot process the claim yet, or undefined once it is bound. */
function claimError(w: PodWorker, ns: string, claim: string): string | undefined {
  const res = w.rt.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/persistentvolumeclaims/${claim}` });
  if (res.status >= 300) return `error processing PVC ${ns}/${claim}: failed to fetch PVC from API server: ${res.body?.message ?? res.status}`;
  const pvc: KObject = res.body;
  const phase = pvc.status?.phase ?? '';
  const volumeName = pvc.spec?.volumeName ?? '';
  if (phase !== 'Bound' || !volumeName) {
    return `error processing PVC ${ns}/${claim}: PVC ${ns}/${claim} has non-bound phase (${JSON.stringify(phase)}) or empty pvc.Spec.VolumeName (${JSON.stringify(volumeName)})`;
  }
  return undefined;
}

/** Wait until every claim the pod mounts is Bound, then call `ready`. */
export function mountClaims(w: PodWorker, ready: () => void): void {
  const claims = claimVolumes(w.pod);
  if (!claims.length) return ready();
  const started = w.rt.clock.now();
  let reported = 0;
  let delay = POLL_MS;
  const attempt = () => {
    if (w.gone || w.stopping) return;
    const ns = w.pod.metadata.namespace ?? 'default';
    const failed: { volume: string; error: string }[] = [];
    for (const c of claims) {
      const error = claimError(w, ns, c.claim);
      if (error) failed.push({ volume: c.volume, error });
    }
    if (!failed.length) return ready();
    const waited = w.rt.clock.now() - started;
    if (Math.floor(waited / MOUNT_TIMEOUT_MS) > reported) {
      reported = Math.floor(waited / MOUNT_TIMEOUT_MS);
      const names = failed.map((f) => f.volume).join(' ');
      w.event(
        'Warning',
        'FailedMount',
        `Unable to attach or mount volumes: unmounted volumes=[${names}], unattached volumes=[], failed to process volumes=[${names}]: ${failed.map((f) => f.error).join(', ')}`,
      );
    }
    w.rt.schedule(delay, attempt);
    delay = Math.min(delay * 2, MAX_POLL_MS);
  };
  attempt();
}

/** The pod worker's volume step: claims first (nothing mounts before they are bound), then the other volumes. */
export function mountClaimsThenVolumes(w: PodWorker, ready: () => void): void {
  mountClaims(w, () => mountVolumes(w, ready));
}
