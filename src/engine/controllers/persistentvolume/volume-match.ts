/**
 * Static binding (pkg/controller/volume/persistentvolume/util FindMatchingVolume): among the volumes whose access
 * modes include every mode the claim asks for, a volume pre-bound to the claim wins at once; otherwise the smallest
 * Available volume of the same class and volume mode whose labels match the claim's selector, whose capacity covers
 * the request and, when a node is given, whose node affinity admits that node.
 */
import { compareQuantities } from '../../api/quantity';
import { selectorMatches } from '../../api/selectors';
import { storageClassOf } from '../../api/printers/storage';
import type { KObject } from '../../types';
import { matchesNodeSelectorAndAffinity } from '../shared/scheduling-predicates';

export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';

/** IsVolumeBoundToClaim: the volume's claimRef names the claim (and, once it has a uid, the same uid). */
export function isVolumeBoundToClaim(pv: KObject, pvc: KObject): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || (ref.namespace ?? '') !== pvc.metadata.namespace) return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

/** CheckNodeAffinity: a volume without node affinity fits every node. */
export function volumeFitsNode(pv: KObject, node: KObject): boolean {
  const required = pv.spec?.nodeAffinity?.required;
  if (!required) return true;
  return matchesNodeSelectorAndAffinity({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } } }, node);
}

const volumeMode = (o: KObject) => o.spec?.volumeMode ?? 'Filesystem';

function hasAccessModes(pv: KObject, pvc: KObject): boolean {
  const have: string[] = pv.spec?.accessModes ?? [];
  return (pvc.spec?.accessModes ?? []).every((m: string) => have.includes(m));
}

export interface MatchOptions {
  /** WaitForFirstConsumer without a chosen node: only a volume pre-bound to the claim may be used. */
  delayBinding: boolean;
  /** The node the claim's pod goes to (the scheduler's check): node affinity must admit it. */
  node?: KObject;
}

export function findMatchingVolume(pvc: KObject, volumes: KObject[], opts: MatchOptions): KObject | undefined {
  const requested = pvc.spec?.resources?.requests?.storage ?? '0';
  const className = storageClassOf(pvc);
  let smallest: KObject | undefined;
  for (const pv of volumes) {
    if (!hasAccessModes(pv, pvc)) continue;
    const size = pv.spec?.capacity?.storage ?? '0';
    if (volumeMode(pv) !== volumeMode(pvc)) continue;
    const fitsNode = !opts.node || volumeFitsNode(pv, opts.node);
    if (isVolumeBoundToClaim(pv, pvc)) {
      if (compareQuantities(size, requested) === -1) continue;
      if (opts.node && !fitsNode) continue;
      return pv;
    }
    if (!opts.node && opts.delayBinding) continue;
    if (pv.spec?.claimRef || pv.metadata.deletionTimestamp) continue;
    if (pvc.spec?.selector && !selectorMatches(pvc.spec.selector, pv.metadata.labels)) continue;
    if (storageClassOf(pv) !== className) continue;
    if (!fitsNode) continue;
    if (opts.node && pv.status?.phase !== 'Available') continue;
    if ((compareQuantities(size, requested) ?? -1) < 0) continue;
    if (!smallest || compareQuantities(size, smallest.spec.capacity.storage) === -1) smallest = pv;
  }
  return smallest;
}
