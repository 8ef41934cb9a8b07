/** PersistentVolumes, PersistentVolumeClaims and StorageClasses: v1 defaults, validation and update rules. */
import type { KObject } from '../../types';
import { deepEqual } from '../../util';
import type { ApiContext, KindStrategy } from '../context';
import type { FieldError } from '../field-errors';
import { forbiddenField, invalidValue, notSupported, required } from '../field-errors';
import { compareQuantities } from '../quantity';
import { decodeQuantities, immutableField, nonNegativeQuantity, positiveQuantity } from '../validation/common';
import { validateLabelSelector, validateObjectMeta } from '../validation/meta';
import { isDNS1123Subdomain, isQualifiedName } from '../validation/names';
import { registerStrategy } from './index';
import { pvcSpecDiff } from './storage-diff';
import { admitPersistentVolumeClaimCreate, admitPersistentVolumeClaimUpdate, admitPersistentVolumeCreate } from './storage-admission';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const PV_RECLAIM = ['Delete', 'Recycle', 'Retain'];
const SC_RECLAIM = ['Delete', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const VOLUME_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs',
  'iscsi', 'cinder', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume',
  'azureDisk', 'scaleIO', 'local', 'storageos', 'csi',
];

function validateAccessModes(modes: unknown, field: string, requiredDetail?: string): FieldError[] {
  const list: string[] = Array.isArray(modes) ? modes : [];
  const errs: FieldError[] = [];
  if (!list.length) errs.push(required(field, requiredDetail));
  let rwop = false;
  let other = false;
  for (const m of list) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported(field, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbiddenField(field, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validateClassName(name: unknown, field: string): FieldError[] {
  return typeof name === 'string' && name ? isDNS1123Subdomain(name).map((m) => invalidValue(field, name, m)) : [];
}

// ---- PersistentVolume

function defaultPV(pv: KObject): void {
  const spec = (pv.spec ??= {});
  pv.status ??= {};
  if (!pv.status.phase) pv.status.phase = 'Pending';
  if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (spec.volumeMode == null) spec.volumeMode = 'Filesystem';
  if (spec.hostPath && spec.hostPath.type == null) spec.hostPath.type = '';
}

function validatePV(pv: KObject): FieldError[] {
  const spec = pv.spec ?? {};
  const errs = validateObjectMeta(pv.metadata, { namespaced: false, nameRule: 'subdomain' });
  errs.push(...validateAccessModes(spec.accessModes, 'spec.accessModes'));
  const capacity = spec.capacity ?? {};
  const keys = Object.keys(capacity);
  if (!keys.length) errs.push(required('spec.capacity'));
  if (!('storage' in capacity) || keys.length > 1) {
    errs.push({ type: 'NotSupported', field: 'spec.capacity', goValue: goResourceList(capacity), detail: 'supported values: "storage"' });
  }
  for (const k of keys) {
    errs.push(...nonNegativeQuantity(capacity[k], `spec.capacity.${k}`), ...positiveQuantity(capacity[k], `spec.capacity.${k}`));
  }
  if (spec.persistentVolumeReclaimPolicy && !PV_RECLAIM.includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, PV_RECLAIM));
  }
  const sources = VOLUME_SOURCES.filter((s) => spec[s] != null);
  sources.slice(1).forEach((s) => errs.push(forbiddenField(`spec.${s}`, 'may not specify more than 1 volume type')));
  if (!sources.length) errs.push(required('spec', 'must specify a volume type'));
  if (spec.hostPath != null && !spec.hostPath.path) errs.push(required('spec.hostPath.path'));
  if (spec.local != null && spec.nodeAffinity == null) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  errs.push(...validateClassName(spec.storageClassName, 'spec.storageClassName'));
  if (spec.volumeMode != null && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  return errs;
}

/** Go's %#v of a core.ResourceList is not reproducible byte for byte; this is its shape with canonical values. */
function goResourceList(list: Record<string, unknown>): string {
  const entries = Object.keys(list).sort().map((k) => `${JSON.stringify(k)}:resource.MustParse(${JSON.stringify(String(list[k]))})`);
  return `core.ResourceList{${entries.join(', ')}}`;
}

function validatePVUpdate(pv: KObject, old: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const source = (o: KObject) => Object.fromEntries(VOLUME_SOURCES.filter((s) => o.spec?.[s] != null).map((s) => [s, o.spec[s]]));
  if (!deepEqual(source(pv), source(old))) {
    errs.push(forbiddenField('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
  }
  errs.push(...immutableField(pv.spec?.volumeMode, old.spec?.volumeMode, 'volumeMode'));
  return errs;
}

const pvStrategy: KindStrategy = {
  defaults: defaultPV,
  prepareForCreate(pv, ctx: ApiContext) {
    delete pv.metadata.generation;
    admitPersistentVolumeCreate(pv);
    decodeQuantities(pv.spec?.capacity, 'PersistentVolume');
    pv.status = { phase: 'Pending', lastPhaseTransitionTime: ctx.clock.timestamp() };
  },
  prepareForUpdate(pv, old) {
    decodeQuantities(pv.spec?.capacity, 'PersistentVolume');
    pv.status = old.status;
  },
  validate: validatePV,
  validateUpdate: validatePVUpdate,
  bumpsGeneration: () => false,
};

// ---- PersistentVolumeClaim

function defaultPVC(pvc: KObject): void {
  const spec = (pvc.spec ??= {});
  if (spec.volumeMode == null) spec.volumeMode = 'Filesystem';
  pvc.status ??= {};
  if (!pvc.status.phase) pvc.status.phase = 'Pending';
}

function validatePVC(pvc: KObject): FieldError[] {
  const spec = pvc.spec ?? {};
  const errs = validateObjectMeta(pvc.metadata, { namespaced: true, nameRule: 'subdomain' });
  const accessErrs = validateAccessModes(spec.accessModes, 'spec.accessModes', 'at least 1 access mode is required');
  errs.push(...accessErrs.filter((e) => e.type === 'Required'));
  if (spec.selector != null) errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  errs.push(...accessErrs.filter((e) => e.type !== 'Required'));
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) {
    errs.push(required('spec.resources[storage]'));
  } else {
    const notPositive = positiveQuantity(storage, 'spec.resources[storage]');
    errs.push(...(notPositive.length ? notPositive : nonNegativeQuantity(storage, 'spec.resources[storage]')));
  }
  errs.push(...validateClassName(spec.storageClassName, 'spec.storageClassName'));
  if (spec.volumeMode != null && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  for (const [name, ds] of [['dataSource', spec.dataSource], ['dataSourceRef', spec.dataSourceRef]] as const) {
    if (ds == null) continue;
    if (!ds.name) errs.push(required(`spec.${name}.name`));
    if (!ds.kind) errs.push(required(`spec.${name}.kind`));
    if (!ds.apiGroup && ds.kind !== 'PersistentVolumeClaim') {
      errs.push(invalidValue(`spec.${name}`, ds.kind ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
    }
  }
  return errs;
}

/** ValidatePersistentVolumeClaimUpdate: the spec is fixed, except volumeName once and storage growth when Bound. */
function validatePVCUpdate(pvc: KObject, old: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const newSpec = structuredCloneSpec(pvc.spec);
  const oldSpec = structuredCloneSpec(old.spec);
  if (!oldSpec.volumeName) oldSpec.volumeName = newSpec.volumeName;
  if (oldSpec.storageClassName == null && newSpec.storageClassName != null) {
    const ann = old.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
    if (ann === undefined || ann === newSpec.storageClassName) oldSpec.storageClassName = newSpec.storageClassName;
  }
  const bound = pvc.status?.phase === 'Bound';
  if (bound && newSpec.resources?.requests) {
    newSpec.resources.requests.storage = old.spec?.resources?.requests?.storage;
    if (newSpec.resources.requests.storage === undefined) delete newSpec.resources.requests.storage;
  }
  if (bound && newSpec.volumeAttributesClassName != null) newSpec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
  if (!deepEqual(newSpec, oldSpec)) {
    errs.push(
      forbiddenField('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${pvcSpecDiff(oldSpec, newSpec)}`),
    );
  }
  const newSize = pvc.spec?.resources?.requests?.storage ?? '0';
  const oldSize = old.spec?.resources?.requests?.storage ?? '0';
  const statusSize = old.status?.capacity?.storage ?? '0';
  if (compareQuantities(newSize, oldSize) === -1 && (compareQuantities(newSize, statusSize) ?? 1) <= 0) {
    errs.push(forbiddenField('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  errs.push(...immutableField(pvc.spec?.volumeMode, old.spec?.volumeMode, 'volumeMode'));
  return errs;
}

function structuredCloneSpec(spec: any): any {
  return spec === undefined ? {} : JSON.parse(JSON.stringify(spec));
}

const pvcStrategy: KindStrategy = {
  defaults: defaultPVC,
  prepareForCreate(pvc, ctx: ApiContext) {
    delete pvc.metadata.generation;
    admitPersistentVolumeClaimCreate(pvc, ctx);
    decodeQuantities(pvc.spec?.resources?.requests, 'PersistentVolumeClaim');
    decodeQuantities(pvc.spec?.resources?.limits, 'PersistentVolumeClaim');
    pvc.status = { phase: 'Pending' };
  },
  prepareForUpdate(pvc, old, ctx: ApiContext) {
    decodeQuantities(pvc.spec?.resources?.requests, 'PersistentVolumeClaim');
    decodeQuantities(pvc.spec?.resources?.limits, 'PersistentVolumeClaim');
    pvc.status = old.status;
    admitPersistentVolumeClaimUpdate(pvc, old, ctx);
  },
  validate: validatePVC,
  validateUpdate: validatePVCUpdate,
  bumpsGeneration: () => false,
};

// ---- StorageClass

function defaultStorageClass(sc: KObject): void {
  if (sc.reclaimPolicy == null) sc.reclaimPolicy = 'Delete';
  if (sc.volumeBindingMode == null) sc.volumeBindingMode = 'Immediate';
}

function validateStorageClass(sc: KObject): FieldError[] {
  const errs = validateObjectMeta(sc.metadata, { namespaced: false, nameRule: 'subdomain' });
  const provisioner = String(sc.provisioner ?? '');
  if (!provisioner) errs.push(required('provisioner'));
  else errs.push(...isQualifiedName(provisioner.toLowerCase()).map((m) => invalidValue('provisioner', provisioner.toLowerCase(), m)));
  const params = sc.parameters ?? {};
  const keys = Object.keys(params);
  if (keys.length > 512) {
    errs.push({ type: 'TooLong', field: 'parameters', detail: 'may not be more than 512 bytes' });
  } else {
    let size = 0;
    for (const k of keys) {
      if (!k) errs.push(invalidValue('parameters', k, 'field can not be empty.'));
      size += k.length + String(params[k] ?? '').length;
    }
    if (size > 256 * 1024) errs.push({ type: 'TooLong', field: 'parameters', detail: `may not be more than ${256 * 1024} bytes` });
  }
  if (sc.reclaimPolicy && !SC_RECLAIM.includes(sc.reclaimPolicy)) errs.push(notSupported('reclaimPolicy', sc.reclaimPolicy, SC_RECLAIM));
  if (sc.volumeBindingMode == null) errs.push(required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(sc.volumeBindingMode)) errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, BINDING_MODES));
  return errs;
}

function validateStorageClassUpdate(sc: KObject, old: KObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!deepEqual(sc.parameters ?? null, old.parameters ?? null)) errs.push(forbiddenField('parameters', 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner) errs.push(forbiddenField('provisioner', 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(forbiddenField('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  errs.push(...immutableField(sc.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
  return errs;
}

const storageClassStrategy: KindStrategy = {
  defaults: defaultStorageClass,
  prepareForCreate: (sc) => void delete sc.metadata.generation,
  validate: validateStorageClass,
  validateUpdate: validateStorageClassUpdate,
  bumpsGeneration: () => false,
};

registerStrategy('PersistentVolume', pvStrategy);
registerStrategy('PersistentVolumeClaim', pvcStrategy);
registerStrategy('StorageClass', storageClassStrategy);
