/**
 * The kubelet's volume manager for the volume kinds that can fail to mount here: configMap and secret volumes (and
 * projected sources of them) whose object or key is missing and not optional. Until every volume is set up the pod
 * gets no sandbox and stays ContainerCreating; each failed MountVolume.SetUp is reported as a `FailedMount` warning
 * and retried with the operation executor's exponential back-off (500ms doubling to 2m2s), so the pod starts at the
 * first retry after the object appears.
 */
import type { KObject } from '../types';
import type { ConfigLookup } from './env';
import type { PodWorker } from './pod-worker';

const INITIAL_RETRY_MS = 500;
const MAX_RETRY_MS = 122_000;

interface Source {
  kind: 'configmap' | 'secret';
  name: string;
  optional: boolean;
  keys: string[];
}

function sourcesOf(volume: any): Source[] {
  const out: Source[] = [];
  const add = (kind: Source['kind'], ref: any, name: string | undefined) => {
    if (ref) out.push({ kind, name: name ?? '', optional: !!ref.optional, keys: (ref.items ?? []).map((i: any) => String(i.key)) });
  };
  add('configmap', volume.configMap, volume.configMap?.name);
  add('secret', volume.secret, volume.secret?.secretName);
  for (const s of volume.projected?.sources ?? []) {
    add('configmap', s.configMap, s.configMap?.name);
    add('secret', s.secret, s.secret?.name);
  }
  return out;
}

/** SetUp's error for one volume, or undefined when it mounts. */
function setUpError(volume: any, namespace: string, lookup: ConfigLookup): string | undefined {
  for (const s of sourcesOf(volume)) {
    const obj: KObject | undefined = s.kind === 'configmap' ? lookup.configMap(namespace, s.name) : lookup.secret(namespace, s.name);
    if (!obj) {
      if (s.optional) continue;
      return `${s.kind} "${s.name}" not found`;
    }
    const data = { ...(obj.data ?? {}), ...(obj.binaryData ?? {}) };
    for (const key of s.keys) {
      if (key in data || s.optional) continue;
      return s.kind === 'configmap' ? `configmap references non-existent config key: ${key}` : `references non-existent secret key: ${key}`;
    }
  }
  return undefined;
}

/** Mount the pod's volumes, then call `ready`; retries with back-off while any fails. */
export function mountVolumes(w: PodWorker, ready: () => void): void {
  const volumes: any[] = (w.pod.spec?.volumes ?? []).filter((v: any) => sourcesOf(v).length > 0);
  const attempt = (retryMs: number) => {
    if (w.gone || w.stopping) return;
    const ns = w.pod.metadata.namespace ?? 'default';
    let failed = false;
    for (const v of volumes) {
      const error = setUpError(v, ns, w.rt.config);
      if (!error) continue;
      failed = true;
      w.event('Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${v.name}" : ${error}`);
    }
    if (!failed) return ready();
    w.rt.schedule(retryMs, () => attempt(Math.min(retryMs * 2, MAX_RETRY_MS)));
  };
  if (!volumes.length) return ready();
  attempt(INITIAL_RETRY_MS);
}
