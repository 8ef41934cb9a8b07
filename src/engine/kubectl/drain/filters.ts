/** Which pods a drain evicts, skips, warns about or refuses (pkg/drain/filters.go), in kubectl's filter order. */
import type { KObject } from '../../types';

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
// kubectl's own constant repeats "cannot delete", and its error adds it again: the real message says it twice.
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

export interface DrainOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
  /** Whether the DaemonSet named by a pod's controller reference exists (the filter GETs it). */
  daemonSetExists(namespace: string, name: string): boolean | string;
}

type Status = { delete: boolean; kind: 'okay' | 'skip' | 'warning' | 'error'; message?: string };

const okay: Status = { delete: true, kind: 'okay' };
const finished = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const controllerOf = (p: KObject) => (p.metadata.ownerReferences ?? []).find((o: any) => o.controller);

function daemonSetFilter(p: KObject, o: DrainOptions): Status {
  const ref = controllerOf(p);
  if (!ref || ref.kind !== 'DaemonSet' || finished(p)) return okay;
  const exists = o.daemonSetExists(p.metadata.namespace!, ref.name);
  if (exists !== true) {
    const msg = typeof exists === 'string' ? exists : `daemonsets.apps "${ref.name}" not found`;
    return o.force ? { delete: true, kind: 'warning', message: msg } : { delete: false, kind: 'error', message: msg };
  }
  if (!o.ignoreDaemonSets) return { delete: false, kind: 'error', message: DAEMONSET_FATAL };
  return { delete: false, kind: 'warning', message: DAEMONSET_WARNING };
}

function mirrorPodFilter(p: KObject): Status {
  return p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { delete: false, kind: 'skip' } : okay;
}

function localStorageFilter(p: KObject, o: DrainOptions): Status {
  if (!(p.spec?.volumes ?? []).some((v: any) => v.emptyDir) || finished(p)) return okay;
  if (!o.deleteEmptyDirData) return { delete: false, kind: 'error', message: LOCAL_STORAGE_FATAL };
  return { delete: true, kind: 'warning', message: LOCAL_STORAGE_WARNING };
}

function unreplicatedFilter(p: KObject, o: DrainOptions): Status {
  if (finished(p) || controllerOf(p)) return okay;
  if (o.force) return { delete: true, kind: 'warning', message: UNMANAGED_WARNING };
  return { delete: false, kind: 'error', message: UNMANAGED_FATAL };
}

export interface PodDeleteList {
  /** Pods to evict, in list order. */
  pods: KObject[];
  /** `ignoring DaemonSet-managed Pods: ns/a, ns/b; ...`, or '' */
  warnings: string;
  /** `cannot delete <msg>: ns/a, ns/b`, one per message. */
  errors: string[];
}

export function filterPods(pods: KObject[], o: DrainOptions): PodDeleteList {
  const filters = [daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter];
  const toDelete: KObject[] = [];
  const warnings = new Map<string, string[]>();
  const errors = new Map<string, string[]>();
  for (const p of pods) {
    let status = okay;
    for (const f of filters) {
      status = f(p, o);
      if (!status.delete) break;
    }
    const ref = `${p.metadata.namespace}/${p.metadata.name}`;
    if (status.delete) toDelete.push(p);
    const bucket = status.kind === 'warning' ? warnings : status.kind === 'error' ? errors : undefined;
    if (bucket) bucket.set(status.message || 'unexpected error', [...(bucket.get(status.message || 'unexpected error') ?? []), ref]);
  }
  return {
    pods: toDelete,
    warnings: [...warnings].map(([m, refs]) => `${m}: ${refs.join(', ')}`).join('; '),
    errors: [...errors].map(([m, refs]) => `cannot delete ${m}: ${refs.join(', ')}`),
  };
}
