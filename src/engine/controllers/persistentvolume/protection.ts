/**
 * The storage-object-in-use protection controllers (pkg/controller/volume/pvcprotection, pvprotection): a claim being
 * deleted keeps its kubernetes.io/pvc-protection finalizer while a pod that has not finished uses it, and a volume
 * being deleted keeps kubernetes.io/pv-protection while it is Bound; then the finalizer goes and the object with it.
 */
import { PVC_PROTECTION_FINALIZER, PV_PROTECTION_FINALIZER } from '../../api/strategies/storage-admission';
import type { Controller, ControllerContext } from '../../runtime/controller-manager';
import { objectKey } from '../../runtime/informer';
import type { KObject } from '../../types';
import { isPodTerminal } from '../shared/pods';

function claimNames(pod: KObject): string[] {
  return (pod.spec?.volumes ?? []).map((v: any) => v.persistentVolumeClaim?.claimName).filter((n: unknown): n is string => typeof n === 'string');
}

function removeFinalizer(ctx: ControllerContext, path: string, obj: KObject, finalizer: string): void {
  const rest = (obj.metadata.finalizers ?? []).filter((f: string) => f !== finalizer);
  ctx.request({
    method: 'PATCH',
    path,
    contentType: 'application/merge-patch+json',
    body: { metadata: { finalizers: rest.length ? rest : null, resourceVersion: obj.metadata.resourceVersion } },
  });
}

export const pvcProtectionController: Controller = {
  name: 'pvc-protection-controller',
  start(ctx: ControllerContext) {
    const claims = ctx.informer('persistentvolumeclaims');
    const pods = ctx.informer('pods');
    const queue = ctx.queue((key) => {
      const pvc = claims.get(key);
      if (!pvc?.metadata.deletionTimestamp || !(pvc.metadata.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER)) return;
      const ns = pvc.metadata.namespace!;
      const inUse = pods.list(ns).some((pod) => !isPodTerminal(pod) && claimNames(pod).includes(pvc.metadata.name!));
      if (inUse) return;
      removeFinalizer(ctx, `/api/v1/namespaces/${ns}/persistentvolumeclaims/${pvc.metadata.name}`, pvc, PVC_PROTECTION_FINALIZER);
    });
    claims.on((type, pvc) => {
      if (type !== 'DELETED' && pvc.metadata.deletionTimestamp) queue.add(objectKey(pvc));
    });
    pods.on((type, pod) => {
      if (type !== 'DELETED' && !isPodTerminal(pod)) return;
      for (const name of claimNames(pod)) queue.add(`${pod.metadata.namespace}/${name}`);
    });
  },
};

export const pvProtectionController: Controller = {
  name: 'pv-protection-controller',
  start(ctx: ControllerContext) {
    const volumes = ctx.informer('persistentvolumes');
    const queue = ctx.queue((name) => {
      const pv = volumes.get(name);
      if (!pv?.metadata.deletionTimestamp || !(pv.metadata.finalizers ?? []).includes(PV_PROTECTION_FINALIZER)) return;
      if (pv.status?.phase === 'Bound') return;
      removeFinalizer(ctx, `/api/v1/persistentvolumes/${name}`, pv, PV_PROTECTION_FINALIZER);
    });
    volumes.on((type, pv) => {
      if (type !== 'DELETED' && pv.metadata.deletionTimestamp) queue.add(pv.metadata.name!);
    });
  },
};
