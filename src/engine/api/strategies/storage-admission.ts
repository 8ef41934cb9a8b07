/**
 * The admission plugins a v1.33 API server runs on PersistentVolumeClaims and PersistentVolumes:
 * DefaultStorageClass (a claim that names no class, not even "", gets the default class; with several defaults the
 * newest wins) and StorageObjectInUseProtection (the kubernetes.io/pvc-protection and pv-protection finalizers,
 * removed by the protection controllers once nothing uses the object), and PersistentVolumeClaimResize (a bound
 * claim grows only when its StorageClass allows volume expansion).
 */
import type { KObject } from '../../types';
import type { ApiContext } from '../context';
import { forbidden } from '../errors';
import { compareQuantities } from '../quantity';
import { isDefaultStorageClass } from '../printers/storage';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** GetDefaultClass: the newest StorageClass marked default (by creationTimestamp, then name). */
export function defaultClassName(ctx: ApiContext): string | undefined {
  const defaults = ctx.store
    .list('storage.k8s.io/storageclasses')
    .map((e) => e.obj)
    .filter(isDefaultStorageClass)
    .sort((a, b) => {
      const ta = a.metadata.creationTimestamp ?? '';
      const tb = b.metadata.creationTimestamp ?? '';
      if (ta !== tb) return ta > tb ? -1 : 1;
      return a.metadata.name! < b.metadata.name! ? -1 : 1;
    });
  return defaults[0]?.metadata.name;
}

function addFinalizer(obj: KObject, finalizer: string): void {
  const list: string[] = obj.metadata.finalizers ?? [];
  if (!list.includes(finalizer)) obj.metadata.finalizers = [...list, finalizer];
}

export function admitPersistentVolumeClaimCreate(pvc: KObject, ctx: ApiContext): void {
  const spec = (pvc.spec ??= {});
  if (spec.storageClassName == null && pvc.metadata.annotations?.[BETA_CLASS_ANNOTATION] === undefined) {
    const name = defaultClassName(ctx);
    if (name) spec.storageClassName = name;
  }
  addFinalizer(pvc, PVC_PROTECTION_FINALIZER);
}

export function admitPersistentVolumeCreate(pv: KObject): void {
  addFinalizer(pv, PV_PROTECTION_FINALIZER);
}

/** PersistentVolumeClaimResize: growing a bound claim needs a class with allowVolumeExpansion. */
export function admitPersistentVolumeClaimUpdate(pvc: KObject, old: KObject, ctx: ApiContext): void {
  const size = pvc.spec?.resources?.requests?.storage;
  const oldSize = old.spec?.resources?.requests?.storage;
  if (size === undefined || oldSize === undefined || (compareQuantities(size, oldSize) ?? 0) <= 0) return;
  // An unbound claim's spec is immutable: validation reports that.
  if (old.status?.phase !== 'Bound') return;
  const className = pvc.spec?.storageClassName;
  const sc = className ? ctx.store.get('storage.k8s.io/storageclasses', '', className)?.obj : undefined;
  if (sc?.allowVolumeExpansion === true) return;
  throw forbidden(
    '',
    'persistentvolumeclaims',
    pvc.metadata.name ?? '',
    'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
  );
}
