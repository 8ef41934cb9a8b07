/** kubectl describe for PersistentVolumeClaims, PersistentVolumes and StorageClasses. */
import type { KObject } from '../../types';
import { isDefaultStorageClass, storageClassOf } from '../../api/printers/storage';
import type { Describer } from './context';
import { listItems } from './context';
import { describeEvents, eventsFor } from './events';
import { accessModes, boolPtr, formatLabels, goList, printAnnotationsMultiline, printLabelsMultiline, quantityString, rfc1123z, since } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, type PrefixWriter, tabbed } from './writer';

/** getPodsForPVC: pods mounting the claim, then pods owning it (ephemeral volumes). */
function podsUsing(ctx: Parameters<Describer>[0], pvc: KObject): KObject[] {
  const pods = listItems(ctx, '', 'pods', pvc.metadata.namespace, { limit: '500' });
  const out: KObject[] = [];
  for (const pod of pods) {
    for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === pvc.metadata.name) out.push(pod);
  }
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata.uid === ref.uid);
    if (owner && !out.some((p) => p.metadata.uid === owner.metadata.uid)) out.push(owner);
  }
  return out;
}

export const describePersistentVolumeClaim: Describer = (ctx, def, namespace, name) => {
  const pvc = ctx.client.get(def, namespace, name);
  const pods = podsUsing(ctx, pvc);
  const events = eventsFor(ctx, pvc);
  const spec = pvc.spec ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace}\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pvc)}\n`);
    if (pvc.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, ctx.now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
    w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
    const bound = !!spec.volumeName;
    w.write(LEVEL_0, `Capacity:\t${bound ? quantityString(pvc.status?.capacity?.storage) : ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ''}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    if (spec.dataSource) {
      w.write(LEVEL_0, 'DataSource:\n');
      if (spec.dataSource.apiGroup) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind}\n`);
      w.write(LEVEL_1, `Name:\t${spec.dataSource.name}\n`);
    }
    w.write(LEVEL_0, 'Used By:\t');
    const names = pods.map((p) => p.metadata.name!).sort();
    if (!names.length) w.writeLine('<none>');
    names.forEach((n, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      w.write(LEVEL_0, `${n}\n`);
    });
    if (pvc.status?.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of pvc.status.conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    if (events) describeEvents(w, events, ctx.now);
  });
};

function pvSource(w: PrefixWriter, spec: any): void {
  const t = (text: string) => w.write(LEVEL_2, text);
  if (spec.hostPath) t(`Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path ?? ''}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  else if (spec.nfs) t(`Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server ?? ''}\n    Path:\t${spec.nfs.path ?? ''}\n    ReadOnly:\t${!!spec.nfs.readOnly}\n`);
  else if (spec.local) t(`Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path ?? ''}\n`);
  else if (spec.csi) {
    t(`Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver ?? ''}\n    FSType:\t${spec.csi.fsType ?? ''}\n    VolumeHandle:\t${spec.csi.volumeHandle ?? ''}\n    ReadOnly:\t${!!spec.csi.readOnly}\n`);
    const attrs = spec.csi.volumeAttributes ?? {};
    const keys = Object.keys(attrs).sort();
    w.write(LEVEL_2, 'VolumeAttributes:\t');
    if (!keys.length) w.writeLine('<none>');
    keys.forEach((k, i) => {
      if (i !== 0) w.write(LEVEL_2, '\t');
      w.write(LEVEL_2, `${k}=${attrs[k]}\n`);
    });
  } else w.write(LEVEL_1, '<unknown>\n');
}

/** printVolumeNodeAffinity: the required node selector terms, one expression per line. */
function nodeAffinity(w: PrefixWriter, affinity: any): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  const required = affinity?.required;
  if (!required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms: any[] = required.nodeSelectorTerms ?? [];
  if (!terms.length) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const reqs: any[] = term.matchExpressions ?? [];
    if (!reqs.length) w.writeLine('<none>');
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(LEVEL_2, '\t');
      let expr = `${r.key} ${String(r.operator).toLowerCase()}`;
      if (r.values?.length) expr += ` [${r.values.join(', ')}]`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}

export const describePersistentVolume: Describer = (ctx, def, _namespace, name) => {
  const pv = ctx.client.get(def, undefined, name);
  const events = eventsFor(ctx, pv);
  const spec = pv.spec ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', pv.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pv)}\n`);
    if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, ctx.now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
    w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${quantityString(spec.capacity?.storage)}\n`);
    nodeAffinity(w, spec.nodeAffinity);
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(LEVEL_0, 'Source:\n');
    pvSource(w, spec);
    if (events) describeEvents(w, events, ctx.now);
  });
};

export const describeStorageClass: Describer = (ctx, def, _namespace, name) => {
  const sc = ctx.client.get(def, undefined, name);
  const events = eventsFor(ctx, sc);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultStorageClass(sc) ? 'Yes' : 'No'}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${boolPtr(sc.allowVolumeExpansion)}\n`);
    if (!sc.mountOptions?.length) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const o of sc.mountOptions) w.write(LEVEL_1, `${o}\n`);
    }
    if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (sc.allowedTopologies) {
      w.write(LEVEL_0, 'AllowedTopologies:\t');
      if (!sc.allowedTopologies.length) w.writeLine('<none>');
      else {
        w.writeLine('');
        sc.allowedTopologies.forEach((term: any, i: number) => {
          w.write(LEVEL_1, `Term ${i}:\t`);
          const reqs: any[] = term.matchLabelExpressions ?? [];
          if (!reqs.length) w.writeLine('<none>');
          reqs.forEach((r, j) => {
            if (j !== 0) w.write(LEVEL_1, '\t');
            w.write(LEVEL_0, `${r.key} in${r.values?.length ? ` [${r.values.join(', ')}]` : ''}\n`);
          });
        });
      }
    }
    if (events) describeEvents(w, events, ctx.now);
  });
};
