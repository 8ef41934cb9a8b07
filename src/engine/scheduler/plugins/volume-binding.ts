/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding): PreFilter sorts the pod's claims into bound ones,
 * ones waiting for a consumer (WaitForFirstConsumer) and unbound Immediate ones (which make the pod wait); Filter
 * checks that a bound claim's volume admits the node and that an unbound one can get a volume there (a matching
 * static volume or a provisioner); PreBind binds the chosen static volume or writes the selected-node annotation
 * that starts provisioning.
 */
import type { ControllerContext } from '../../runtime/controller-manager';
import type { KObject } from '../../types';
import { ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, findMatchingVolume, volumeFitsNode } from '../../controllers/persistentvolume/volume-match';
import { claimRefOf } from '../../controllers/persistentvolume/bind';
import { storageClassOf } from '../../api/printers/storage';
import type { ClusterEvent, CycleState, Listers, Plugin } from '../framework';
import { unresolvable } from '../framework';

const NAME = 'VolumeBinding';
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

interface PodClaims {
  bound: KObject[];
  toBind: KObject[];
  /** The volumes at PreFilter time, for the static matches of toBind. */
  volumes: KObject[];
  /** The static volume chosen per claim on the node that passed Filter last (Reserve's assumption). */
  chosen: Map<string, Map<string, KObject>>;
}

function claimNames(pod: KObject): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}

/** The storage listers and the cluster events of claims, volumes and classes, wired by the scheduler. */
export function volumeBindingListers(ctx: ControllerContext, emit: (ev: ClusterEvent) => void): Pick<Listers, 'claim' | 'volume' | 'volumes' | 'storageClass'> {
  const claims = ctx.informer('persistentvolumeclaims');
  const volumes = ctx.informer('persistentvolumes');
  const classes = ctx.informer('storageclasses', 'storage.k8s.io');
  const forward = (resource: ClusterEvent['resource']) => (type: string, obj: KObject, old?: KObject) =>
    emit({ resource, type: type === 'ADDED' ? 'Add' : type === 'DELETED' ? 'Delete' : 'Update', obj, old });
  claims.on(forward('PersistentVolumeClaim'));
  volumes.on(forward('PersistentVolume'));
  classes.on(forward('StorageClass'));
  return {
    claim: (ns, name) => claims.get(`${ns}/${name}`),
    volume: (name) => volumes.get(name),
    volumes: () => volumes.list(),
    storageClass: (name) => classes.get(name),
  };
}

const isDelayBinding = (s: CycleState, pvc: KObject): boolean => {
  const name = storageClassOf(pvc);
  return !!name && s.listers.storageClass?.(name)?.volumeBindingMode === 'WaitForFirstConsumer';
};

export const volumeBinding: Plugin = {
  name: NAME,
  events: ['Node', 'Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'],
  preFilter(s) {
    const names = claimNames(s.pod);
    if (!names.length || !s.listers.claim) return { skip: true };
    const ns = s.pod.metadata.namespace!;
    const data: PodClaims = { bound: [], toBind: [], volumes: [], chosen: new Map() };
    let immediate = false;
    for (const name of names) {
      const pvc = s.listers.claim(ns, name);
      if (!pvc) return { status: unresolvable(`persistentvolumeclaim "${name}" not found`) };
      if (pvc.metadata.deletionTimestamp) return { status: unresolvable(`persistentvolumeclaim "${name}" is being deleted`) };
      if (pvc.spec?.volumeName) data.bound.push(pvc);
      else if (isDelayBinding(s, pvc)) data.toBind.push(pvc);
      else immediate = true;
    }
    if (immediate) return { status: unresolvable(ERR_UNBOUND_IMMEDIATE) };
    if (data.toBind.length) data.volumes = s.listers.volumes!();
    s.data.set(NAME, data);
  },
  filter(s, node) {
    const data = s.data.get(NAME) as PodClaims | undefined;
    if (!data || !node.node) return undefined;
    for (const pvc of data.bound) {
      const pv = s.listers.volume!(pvc.spec.volumeName);
      if (!pv) return unresolvable(ERR_REASON_PV_NOT_EXIST);
      if (!volumeFitsNode(pv, node.node)) return unresolvable(ERR_REASON_NODE_CONFLICT);
    }
    const chosen = new Map<string, KObject>();
    let candidates = data.volumes;
    for (const pvc of data.toBind) {
      const pv = findMatchingVolume(pvc, candidates, { delayBinding: true, node: node.node });
      if (pv) {
        chosen.set(pvc.metadata.name!, pv);
        candidates = candidates.filter((v) => v !== pv);
        continue;
      }
      const sc = s.listers.storageClass!(storageClassOf(pvc));
      if (!sc || sc.provisioner === NO_PROVISIONER) return unresolvable(ERR_REASON_BIND_CONFLICT);
    }
    data.chosen.set(node.name, chosen);
    return undefined;
  },
  preBind(s, nodeName, request) {
    const data = s.data.get(NAME) as PodClaims | undefined;
    if (!data) return undefined;
    const chosen = data.chosen.get(nodeName) ?? new Map<string, KObject>();
    for (const pvc of data.toBind) {
      const pv = chosen.get(pvc.metadata.name!);
      // bindAPIUpdate: a static volume gets its claimRef (the PV controller completes the binding); a claim to
      // provision gets the node, which hands it to the provisioner.
      const res = pv
        ? request({
            method: 'PATCH',
            path: `/api/v1/persistentvolumes/${pv.metadata.name}`,
            contentType: 'application/merge-patch+json',
            body: { metadata: { annotations: { [ANN_BOUND_BY_CONTROLLER]: 'yes' } }, spec: { claimRef: claimRefOf(pvc) } },
          })
        : request({
            method: 'PATCH',
            path: `/api/v1/namespaces/${pvc.metadata.namespace}/persistentvolumeclaims/${pvc.metadata.name}`,
            contentType: 'application/merge-patch+json',
            body: { metadata: { annotations: { [ANN_SELECTED_NODE]: nodeName } } },
          });
      if (res.status >= 300) return `binding volumes: ${res.body?.message ?? res.status}`;
    }
    return undefined;
  },
  hint(pod, ev) {
    if (ev.resource === 'Node') return ev.type !== 'Delete';
    if (ev.resource === 'Pod') return false;
    if (ev.resource === 'PersistentVolumeClaim') return ev.obj.metadata.namespace === pod.metadata.namespace && claimNames(pod).includes(ev.obj.metadata.name!);
    return ev.type !== 'Delete';
  },
};

/** How long PreBind waits for the claims to bind (bindTimeoutSeconds), polling once a second (checkBindings). */
export const VOLUME_BIND_TIMEOUT_MS = 600_000;
export const VOLUME_BIND_POLL_MS = 1000;

/**
 * checkBindings: true once every claim PreBind acted on is bound (volumeName set and the binding completed), false
 * while the PV controller or a provisioner is still at work, or the error that ends the wait.
 */
export function volumeBindingsDone(s: CycleState): boolean | string {
  const data = s.data.get(NAME) as PodClaims | undefined;
  if (!data) return true;
  for (const pvc of data.toBind) {
    const now = s.listers.claim!(pvc.metadata.namespace!, pvc.metadata.name!);
    if (!now || now.metadata.uid !== pvc.metadata.uid) return `persistentvolumeclaim "${pvc.metadata.name}" not found`;
    if (!now.spec?.volumeName || now.metadata.annotations?.['pv.kubernetes.io/bind-completed'] !== 'yes') return false;
  }
  return true;
}
