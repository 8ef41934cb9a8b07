/**
 * The local-path provisioner kind runs (rancher.io/local-path, built on sig-storage-lib-external-provisioner):
 * for a claim the PV controller handed to it, on the node the scheduler selected, it creates a hostPath volume
 * `pvc-<claim uid>` pinned to that node by node affinity and pre-bound to the claim; when such a volume is
 * Released under the Delete policy it removes it. Its events come from its own identity, as on a real cluster.
 */
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import { withTypeMeta } from '../../runtime/events';
import { storageClassOf } from '../../api/printers/storage';
import { LOCAL_PATH_PROVISIONER } from '../../scenarios/storage-class';
import type { KObject } from '../../types';
import { claimRefOf } from './bind';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_PROVISIONED_BY, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER } from './volume-match';

/** The provisioner's identity (`<provisioner>_<pod>_<uuid>`), fixed so that runs stay byte-for-byte repeatable. */
const IDENTITY = `${LOCAL_PATH_PROVISIONER}_local-path-provisioner-7dc846544d-b5mzx_5c7e8a63-41f2-4c5e-9d0b-7a1c2f3e4d5b`;
/** How long creating the volume directory (a helper pod on the node) takes. */
const PROVISION_MS = 3000;
const DELETE_MS = 2000;
const PVC_DEF = { group: '', version: 'v1', kind: 'PersistentVolumeClaim' };
const SUPPORTED_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'];

function wantsUs(pvc: KObject): boolean {
  const ann = pvc.metadata.annotations ?? {};
  return (ann[ANN_STORAGE_PROVISIONER] ?? ann[ANN_BETA_STORAGE_PROVISIONER]) === LOCAL_PATH_PROVISIONER;
}

export const localPathProvisioner: Controller = {
  name: 'local-path-provisioner',
  start(ctx: ControllerContext) {
    const claims = ctx.informer('persistentvolumeclaims');
    const volumes = ctx.informer('persistentvolumes');
    const classes = ctx.informer('storageclasses', 'storage.k8s.io');
    const recorder = ctx.recorder({ component: IDENTITY });
    const inFlight = new Set<string>();
    const failed = new Map<string, string>();

    const provision = (pvc: KObject) => {
      const uid = pvc.metadata.uid!;
      if (inFlight.has(uid) || pvc.spec?.volumeName || pvc.metadata.deletionTimestamp || !wantsUs(pvc)) return;
      if (volumes.get(`pvc-${uid}`)) return;
      const claim = withTypeMeta(pvc, PVC_DEF);
      const className = storageClassOf(pvc);
      const sc = classes.get(className);
      if (!sc || sc.provisioner !== LOCAL_PATH_PROVISIONER) return;
      const node = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
      const why = provisionError(pvc, node);
      const failure = why && `failed to provision volume with StorageClass "${className}": ${why}`;
      // The library retries with back-off; one event pair per distinct failure is what a learner needs to see.
      if (failure && failed.get(uid) === failure) return;
      recorder.event(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`);
      if (failure) {
        failed.set(uid, failure);
        recorder.event(claim, 'Warning', 'ProvisioningFailed', failure);
        return;
      }
      if (!node) return;
      inFlight.add(uid);
      ctx.clock.schedule(PROVISION_MS, () => {
        inFlight.delete(uid);
        const latest = claims.get(`${pvc.metadata.namespace}/${pvc.metadata.name}`);
        if (!latest || latest.metadata.uid !== uid || latest.spec?.volumeName || latest.metadata.deletionTimestamp) return;
        const res = ctx.request({ method: 'POST', path: '/api/v1/persistentvolumes', body: volumeFor(latest, sc, node) });
        const ev = withTypeMeta(latest, PVC_DEF);
        if (res.status < 300) recorder.event(ev, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume pvc-${uid}`);
        else recorder.event(ev, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${className}": ${res.body?.message}`);
      });
    };

    const reclaim = (pv: KObject) => {
      if (pv.metadata.annotations?.[ANN_PROVISIONED_BY] !== LOCAL_PATH_PROVISIONER) return;
      if (pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete' || pv.metadata.deletionTimestamp) return;
      const name = pv.metadata.name!;
      ctx.clock.schedule(DELETE_MS, () => {
        const latest = volumes.get(name);
        if (latest?.status?.phase === 'Released' && !latest.metadata.deletionTimestamp) ctx.request({ method: 'DELETE', path: `/api/v1/persistentvolumes/${name}` });
      });
    };

    claims.on((type, pvc) => {
      if (type === 'DELETED') failed.delete(pvc.metadata.uid!);
      else provision(pvc);
    });
    volumes.on((type, pv, old) => {
      if (type !== 'DELETED' && old?.status?.phase !== pv.status?.phase) reclaim(pv);
    });
  },
};

/** Why local-path refuses the claim (its Provision checks, in order), or undefined. */
function provisionError(pvc: KObject, node: string | undefined): string | undefined {
  if (pvc.spec?.volumeMode === 'Block') return `${LOCAL_PATH_PROVISIONER} does not support block volume provisioning`;
  if (pvc.spec?.selector) return 'claim.Spec.Selector is not supported';
  if ((pvc.spec?.accessModes ?? []).some((m: string) => !SUPPORTED_MODES.includes(m))) {
    return 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes';
  }
  if (!node) return 'configuration error, no node was specified';
  return undefined;
}

/** The volume local-path creates: a hostPath directory on the selected node, with the class's reclaim policy. */
function volumeFor(pvc: KObject, sc: KObject, node: string): KObject {
  const uid = pvc.metadata.uid!;
  const name = `pvc-${uid}`;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: { 'local.path.provisioner/selected-node': node, [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER },
    },
    spec: {
      accessModes: [...(pvc.spec?.accessModes ?? [])],
      capacity: { storage: pvc.spec?.resources?.requests?.storage },
      claimRef: claimRefOf(pvc),
      hostPath: { path: `/var/local-path-provisioner/${name}_${pvc.metadata.namespace}_${pvc.metadata.name}`, type: 'DirectoryOrCreate' },
      nodeAffinity: {
        required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] },
      },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
    },
  };
}
