/**
 * The PersistentVolume controller (pkg/controller/volume/persistentvolume, "persistentvolume-controller"): binds
 * claims to volumes, both ways; hands claims of a class with a provisioner to that provisioner (external
 * provisioning: the storage-provisioner annotations and the ExternalProvisioning event); waits for a consumer
 * under WaitForFirstConsumer; marks volumes whose claim is gone Released and reclaims them per policy.
 */
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import type { EventRecorder } from '../../runtime/events';
import { withTypeMeta } from '../../runtime/events';
import { objectKey } from '../../runtime/informer';
import { storageClassOf } from '../../api/printers/storage';
import { compareQuantities } from '../../api/quantity';
import type { KObject } from '../../types';
import { annotateClaim, bind, setClaimLost, setVolumePhase, unbindVolume } from './bind';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  findMatchingVolume,
} from './volume-match';

const PVC_DEF = { group: '', version: 'v1', kind: 'PersistentVolumeClaim' };
const PV_DEF = { group: '', version: 'v1', kind: 'PersistentVolume' };
/** The in-tree "no provisioner" marker of local volumes: such classes never provision. */
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const RESYNC_MS = 15_000;

interface Listers {
  claim(key: string): KObject | undefined;
  volume(name: string): KObject | undefined;
  volumes(): KObject[];
  storageClass(name: string): KObject | undefined;
}

export const persistentVolumeController: Controller = {
  name: 'persistentvolume-controller',
  start(ctx: ControllerContext) {
    const claims = ctx.informer('persistentvolumeclaims');
    const volumes = ctx.informer('persistentvolumes');
    const classes = ctx.informer('storageclasses', 'storage.k8s.io');
    const recorder = ctx.recorder({ component: 'persistentvolume-controller' });
    const listers: Listers = {
      claim: (key) => claims.get(key),
      volume: (name) => volumes.get(name),
      volumes: () => volumes.list(),
      storageClass: (name) => classes.get(name),
    };
    // The informers' resync (--pvclaimbinder-sync-period, 15s) re-syncs a claim still waiting, which repeats its
    // event: the "(x4 over 47s)" a learner sees in `kubectl describe pvc`.
    const resyncing = new Set<string>();
    const claimQueue = ctx.queue((key) => {
      const pvc = claims.get(key);
      if (!pvc) return;
      syncClaim(ctx, recorder, listers, withTypeMeta(pvc, PVC_DEF));
      const latest = claims.get(key);
      if (!latest || latest.spec?.volumeName || latest.metadata.deletionTimestamp || resyncing.has(key)) return;
      resyncing.add(key);
      ctx.clock.schedule(RESYNC_MS, () => {
        resyncing.delete(key);
        claimQueue.add(key);
      });
    });
    const volumeQueue = ctx.queue((name) => {
      const pv = volumes.get(name);
      if (pv) syncVolume(ctx, recorder, listers, withTypeMeta(pv, PV_DEF), (key) => claimQueue.add(key));
    });
    claims.on((type, pvc) => {
      if (type !== 'DELETED') claimQueue.add(objectKey(pvc));
      // A claim's change (or its deletion) may release, bind or complete the volume it names.
      const name = pvc.spec?.volumeName;
      if (name) volumeQueue.add(name);
      if (type === 'DELETED') for (const pv of volumes.list()) if (pv.spec?.claimRef?.uid === pvc.metadata.uid) volumeQueue.add(pv.metadata.name!);
    });
    volumes.on((type, pv) => {
      if (type !== 'DELETED') volumeQueue.add(pv.metadata.name!);
      const ref = pv.spec?.claimRef;
      if (ref) claimQueue.add(`${ref.namespace}/${ref.name}`);
      // A new or freed volume may satisfy a pending claim.
      if (type !== 'DELETED' && !ref) for (const pvc of claims.list()) if (!pvc.spec?.volumeName) claimQueue.add(objectKey(pvc));
    });
    classes.on((type) => {
      if (type === 'DELETED') return;
      for (const pvc of claims.list()) if (!pvc.spec?.volumeName) claimQueue.add(objectKey(pvc));
    });
  },
};

function event(recorder: EventRecorder, obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string): void {
  recorder.event(obj, type, reason, message);
}

function syncClaim(ctx: ControllerContext, recorder: EventRecorder, l: Listers, pvc: KObject): void {
  const volumeName: string | undefined = pvc.spec?.volumeName;
  if (!volumeName) return syncUnboundClaim(ctx, recorder, l, pvc);
  const pv = l.volume(volumeName);
  if (!pv) {
    if (pvc.metadata.annotations?.[ANN_BIND_COMPLETED] && pvc.status?.phase !== 'Lost') {
      setClaimLost(ctx, pvc);
      event(recorder, pvc, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
    }
    return;
  }
  const ref = pv.spec?.claimRef;
  if (!ref || (ref.name === pvc.metadata.name && ref.namespace === pvc.metadata.namespace && (!ref.uid || ref.uid === pvc.metadata.uid))) {
    // A claim naming its volume: the volume must still satisfy it (checkVolumeSatisfyClaim).
    const mismatch = pvc.status?.phase === 'Bound' ? undefined : volumeMismatch(pv, pvc);
    if (mismatch) {
      event(recorder, pvc, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volumeName}": ${mismatch}`);
      return;
    }
    bind(ctx, pv, pvc);
    return;
  }
  if (pvc.metadata.annotations?.[ANN_BIND_COMPLETED]) {
    event(recorder, pvc, 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
  } else {
    event(recorder, pvc, 'Warning', 'FailedBinding', `volume "${volumeName}" already bound to a different claim.`);
  }
}

function volumeMismatch(pv: KObject, pvc: KObject): string | undefined {
  const requested = pvc.spec?.resources?.requests?.storage ?? '0';
  if ((compareQuantities(pv.spec?.capacity?.storage ?? '0', requested) ?? -1) < 0) return 'requested PV is too small';
  if (storageClassOf(pv) !== storageClassOf(pvc)) return 'storageClassName does not match';
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return 'incompatible volumeMode';
  const modes: string[] = pv.spec?.accessModes ?? [];
  if (!(pvc.spec?.accessModes ?? []).every((m: string) => modes.includes(m))) return 'incompatible accessMode';
  return undefined;
}

function syncUnboundClaim(ctx: ControllerContext, recorder: EventRecorder, l: Listers, pvc: KObject): void {
  const className = storageClassOf(pvc);
  const sc = className ? l.storageClass(className) : undefined;
  // IsDelayBindingMode: under WaitForFirstConsumer only a volume pre-bound to the claim (by the scheduler) is used.
  const delayBinding = sc?.volumeBindingMode === 'WaitForFirstConsumer';
  const pv = findMatchingVolume(pvc, l.volumes(), { delayBinding });
  if (pv) {
    bind(ctx, pv, pvc);
    return;
  }
  if (delayBinding && !pvc.metadata.annotations?.[ANN_SELECTED_NODE]) {
    event(recorder, pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    return;
  }
  if (!className) {
    event(recorder, pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    return;
  }
  if (!sc) {
    event(recorder, pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
    return;
  }
  if (sc.provisioner === NO_PROVISIONER) {
    event(recorder, pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    return;
  }
  // provisionClaimOperationExternal: mark the claim for the class's provisioner and say who should act.
  const marked = annotateClaim(ctx, pvc, { [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner, [ANN_STORAGE_PROVISIONER]: sc.provisioner });
  if (!marked) return;
  event(
    recorder,
    pvc,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  );
}

function syncVolume(ctx: ControllerContext, recorder: EventRecorder, l: Listers, pv: KObject, enqueueClaim: (key: string) => void): void {
  const ref = pv.spec?.claimRef;
  if (!ref) {
    if (pv.status?.phase !== 'Available') setVolumePhase(ctx, pv, 'Available');
    return;
  }
  // Pre-bound by a user, waiting for the claim.
  if (!ref.uid) {
    if (pv.status?.phase !== 'Available') setVolumePhase(ctx, pv, 'Available');
    enqueueClaim(`${ref.namespace}/${ref.name}`);
    return;
  }
  let pvc = l.claim(`${ref.namespace}/${ref.name}`);
  if (pvc && pvc.metadata.uid !== ref.uid) pvc = undefined;
  if (!pvc) {
    if (pv.status?.phase === 'Released' || pv.status?.phase === 'Failed') return;
    const released = setVolumePhase(ctx, pv, 'Released');
    if (released) reclaimVolume(ctx, recorder, withTypeMeta(released, PV_DEF));
    return;
  }
  const volumeName = pvc.spec?.volumeName;
  if (!volumeName) {
    // The scheduler (or a user) put the claimRef: the claim's sync finishes the binding.
    enqueueClaim(`${ref.namespace}/${ref.name}`);
    return;
  }
  if (volumeName === pv.metadata.name) {
    if (pv.status?.phase !== 'Bound') setVolumePhase(ctx, pv, 'Bound');
    return;
  }
  // The claim is bound to another volume: a volume the controller bound is freed.
  if (pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === 'yes') unbindVolume(ctx, pv);
}

/** reclaimVolume: Retain keeps the Released volume; Delete leaves dynamically provisioned ones to their provisioner. */
function reclaimVolume(ctx: ControllerContext, recorder: EventRecorder, pv: KObject): void {
  const policy = pv.spec?.persistentVolumeReclaimPolicy;
  if (policy !== 'Delete') return;
  if (pv.metadata.annotations?.[ANN_PROVISIONED_BY]) return;
  // In-tree deleters: hostPath deletes only under /tmp (for testing); other sources have none here.
  const path: string | undefined = pv.spec?.hostPath?.path;
  let message = `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`;
  if (path !== undefined) {
    if (/\/tmp\/.+/.test(path)) {
      ctx.request({ method: 'DELETE', path: `/api/v1/persistentvolumes/${pv.metadata.name}` });
      return;
    }
    message = `host_path deleter only supports /tmp/.+ but received provided ${path}`;
  }
  setVolumePhase(ctx, pv, 'Failed', message);
  event(recorder, pv, 'Warning', 'VolumeFailedDelete', message);
}
