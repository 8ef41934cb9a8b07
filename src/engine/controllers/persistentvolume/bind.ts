/**
 * The PV controller's writes (pv_controller.go bind / unbindVolume / updateVolumePhase): the two halves of a binding
 * (volume.spec.claimRef and claim.spec.volumeName with their annotations), the phases, and the claim's status.
 */
import type { ControllerContext } from '../../runtime/controller-manager';
import type { KObject } from '../../types';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, isVolumeBoundToClaim } from './volume-match';

type Request = ControllerContext['request'];

function mergePatch(request: Request, path: string, body: Record<string, unknown>): KObject | undefined {
  const res = request({ method: 'PATCH', path, contentType: 'application/merge-patch+json', body });
  return res.status < 300 ? res.body : undefined;
}

const pvPath = (pv: KObject) => `/api/v1/persistentvolumes/${pv.metadata.name}`;
const pvcPath = (pvc: KObject) => `/api/v1/namespaces/${pvc.metadata.namespace}/persistentvolumeclaims/${pvc.metadata.name}`;

export function claimRefOf(pvc: KObject): Record<string, string> {
  return {
    kind: 'PersistentVolumeClaim',
    namespace: pvc.metadata.namespace!,
    name: pvc.metadata.name!,
    uid: pvc.metadata.uid!,
    apiVersion: 'v1',
    resourceVersion: pvc.metadata.resourceVersion!,
  };
}

/** updateVolumePhase: phase, message and the lastPhaseTransitionTime of the PersistentVolumeLastPhaseTransitionTime gate. */
export function setVolumePhase(ctx: ControllerContext, pv: KObject, phase: string, message?: string, reason?: string): KObject | undefined {
  if (pv.status?.phase === phase && (pv.status?.message ?? undefined) === message) return pv;
  const status: Record<string, unknown> = { phase, message: message ?? null, reason: reason ?? null };
  if (pv.status?.phase !== phase) status.lastPhaseTransitionTime = ctx.clock.timestamp();
  return mergePatch(ctx.request, `${pvPath(pv)}/status`, { status });
}

/** bindVolumeToClaim + updateVolumePhase(Bound). */
function bindVolume(ctx: ControllerContext, pv: KObject, pvc: KObject): KObject | undefined {
  let volume: KObject | undefined = pv;
  const ref = pv.spec?.claimRef;
  if (!isVolumeBoundToClaim(pv, pvc) || !ref?.uid) {
    const patch: Record<string, any> = { spec: { claimRef: claimRefOf(pvc) } };
    if (!isVolumeBoundToClaim(pv, pvc)) patch.metadata = { annotations: { [ANN_BOUND_BY_CONTROLLER]: 'yes' } };
    volume = mergePatch(ctx.request, pvPath(pv), patch);
    if (!volume) return undefined;
  }
  return setVolumePhase(ctx, volume, 'Bound');
}

/** bindClaimToVolume + updateClaimStatus(Bound). */
function bindClaim(ctx: ControllerContext, pvc: KObject, pv: KObject): KObject | undefined {
  let claim: KObject | undefined = pvc;
  const ann = pvc.metadata.annotations ?? {};
  if (pvc.spec?.volumeName !== pv.metadata.name || ann[ANN_BIND_COMPLETED] !== 'yes') {
    const annotations: Record<string, string> = { [ANN_BIND_COMPLETED]: 'yes' };
    if (pvc.spec?.volumeName !== pv.metadata.name) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
    claim = mergePatch(ctx.request, pvcPath(pvc), { metadata: { annotations }, spec: { volumeName: pv.metadata.name } });
    if (!claim) return undefined;
  }
  const status = { phase: 'Bound', accessModes: pv.spec?.accessModes ?? [], capacity: { ...(pv.spec?.capacity ?? {}) } };
  const cur = claim.status ?? {};
  if (cur.phase === 'Bound' && JSON.stringify(cur.accessModes) === JSON.stringify(status.accessModes) && JSON.stringify(cur.capacity) === JSON.stringify(status.capacity)) {
    return claim;
  }
  return mergePatch(ctx.request, `${pvcPath(claim)}/status`, { status });
}

/** bind: the volume first, then the claim; a failed half is retried on the next sync. */
export function bind(ctx: ControllerContext, pv: KObject, pvc: KObject): boolean {
  const volume = bindVolume(ctx, pv, pvc);
  if (!volume) return false;
  return !!bindClaim(ctx, pvc, volume);
}

/** unbindVolume: a volume the controller bound goes back to Available; a user's pre-binding keeps its claimRef without uid. */
export function unbindVolume(ctx: ControllerContext, pv: KObject): void {
  const byController = pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === 'yes';
  const patch = byController
    ? { metadata: { annotations: { [ANN_BOUND_BY_CONTROLLER]: null } }, spec: { claimRef: null } }
    : { spec: { claimRef: { uid: null, resourceVersion: null } } };
  const volume = mergePatch(ctx.request, pvPath(pv), patch);
  if (volume) setVolumePhase(ctx, volume, 'Available');
}

export function setClaimLost(ctx: ControllerContext, pvc: KObject): KObject | undefined {
  if (pvc.status?.phase === 'Lost') return pvc;
  return mergePatch(ctx.request, `${pvcPath(pvc)}/status`, { status: { phase: 'Lost' } });
}

export function annotateClaim(ctx: ControllerContext, pvc: KObject, annotations: Record<string, string>): KObject | undefined {
  const have = pvc.metadata.annotations ?? {};
  if (Object.entries(annotations).every(([k, v]) => have[k] === v)) return pvc;
  return mergePatch(ctx.request, pvcPath(pvc), { metadata: { annotations } });
}
