/** PersistentVolume, PersistentVolumeClaim and StorageClass tables. */
import type { KObject } from '../../types';
import type { KindPrinter } from './index';
import { accessModes, ageColumn, col, nameColumn, quantityString, since } from './cells';
import {
  PVC_ACCESS,
  PVC_CAPACITY,
  PVC_PHASE,
  PVC_VOLUME,
  PVC_VOLUME_MODE,
  PV_ACCESS,
  PV_CAPACITY,
  PV_CLAIM,
  PV_PHASE,
  PV_RECLAIM,
  PV_REASON,
  PV_VOLUME_MODE,
  SC_BINDING,
  SC_EXPANSION,
  SC_PROVISIONER,
  SC_RECLAIM,
} from './descriptions';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the beta annotation wins over storageClassName. */
export function storageClassOf(obj: KObject): string {
  const ann = obj.metadata.annotations?.[BETA_CLASS_ANNOTATION];
  if (ann !== undefined) return ann;
  return obj.spec?.storageClassName ?? '';
}

/** storageutil.IsDefaultAnnotation: the GA or beta is-default-class annotation set to "true". */
export function isDefaultStorageClass(sc: KObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const persistentVolumePrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Capacity', 'string', PV_CAPACITY),
    col('Access Modes', 'string', PV_ACCESS),
    col('Reclaim Policy', 'string', PV_RECLAIM),
    col('Status', 'string', PV_PHASE),
    col('Claim', 'string', PV_CLAIM),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', PV_REASON),
    ageColumn,
    col('VolumeMode', 'string', PV_VOLUME_MODE, 1),
  ],
  row(pv, now) {
    const ref = pv.spec?.claimRef;
    return [
      pv.metadata.name,
      quantityString(pv.spec?.capacity?.storage),
      accessModes(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      storageClassOf(pv),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      since(pv.metadata.creationTimestamp, now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};

export const persistentVolumeClaimPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Status', 'string', PVC_PHASE),
    col('Volume', 'string', PVC_VOLUME),
    col('Capacity', 'string', PVC_CAPACITY),
    col('Access Modes', 'string', PVC_ACCESS),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    col('VolumeMode', 'string', PVC_VOLUME_MODE, 1),
  ],
  row(pvc, now) {
    const bound = !!pvc.spec?.volumeName;
    return [
      pvc.metadata.name,
      pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      pvc.spec?.volumeName ?? '',
      bound ? quantityString(pvc.status?.capacity?.storage) : '',
      bound ? accessModes(pvc.status?.accessModes) : '',
      storageClassOf(pvc),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      since(pvc.metadata.creationTimestamp, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};

export const storageClassPrinter: KindPrinter = {
  columns: [
    nameColumn,
    col('Provisioner', 'string', SC_PROVISIONER),
    col('ReclaimPolicy', 'string', SC_RECLAIM),
    col('VolumeBindingMode', 'string', SC_BINDING),
    col('AllowVolumeExpansion', 'string', SC_EXPANSION),
    ageColumn,
  ],
  row: (sc, now) => [
    sc.metadata.name + (isDefaultStorageClass(sc) ? ' (default)' : ''),
    sc.provisioner ?? '',
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    sc.allowVolumeExpansion ?? false,
    since(sc.metadata.creationTimestamp, now),
  ],
};
