/** describeVolumes and DescribePodTemplate (shared by pods, ReplicaSets, Deployments, Jobs ...). */
import { describeContainers } from './containers';
import { quantityString, printLabelsMultiline, printAnnotationsMultiline, printTolerationsMultiline, formatLabelSelector } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer';

type W = Pick<PrefixWriter, 'write' | 'writeLine'>;

function volumeSource(w: W, v: any): void {
  const t = (text: string) => w.write(LEVEL_2, text);
  if (v.hostPath) {
    t(`Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path ?? ''}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
  } else if (v.emptyDir) {
    const size = v.emptyDir.sizeLimit && quantityString(v.emptyDir.sizeLimit) !== '0' ? quantityString(v.emptyDir.sizeLimit) : '<unset>';
    t(`Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${size}\n`);
  } else if (v.secret) {
    t(`Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${!!v.secret.optional}\n`);
  } else if (v.configMap) {
    t(`Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${!!v.configMap.optional}\n`);
  } else if (v.nfs) {
    t(`Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server ?? ''}\n    Path:\t${v.nfs.path ?? ''}\n    ReadOnly:\t${!!v.nfs.readOnly}\n`);
  } else if (v.persistentVolumeClaim) {
    t(
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName ?? ''}\n    ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`,
    );
  } else if (v.ephemeral) {
    t('Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
  } else if (v.downwardAPI) {
    t('Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    t('Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const s of v.projected.sources ?? []) {
      if (s.secret) t(`SecretName:\t${s.secret.name ?? ''}\n    Optional:\t${!!s.secret.optional}\n`);
      else if (s.downwardAPI) t('DownwardAPI:\ttrue\n');
      else if (s.configMap) t(`ConfigMapName:\t${s.configMap.name ?? ''}\n    Optional:\t${!!s.configMap.optional}\n`);
      else if (s.serviceAccountToken) t(`TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
    }
  } else if (v.csi) {
    t(`Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver ?? ''}\n    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${!!v.csi.readOnly}\n`);
    const attrs = v.csi.volumeAttributes ?? {};
    const keys = Object.keys(attrs).sort();
    w.write(LEVEL_2, 'VolumeAttributes:\t');
    if (!keys.length) w.writeLine('<none>');
    keys.forEach((k, i) => {
      if (i !== 0) w.write(LEVEL_2, '\t');
      w.write(LEVEL_2, `${k}=${attrs[k]}\n`);
    });
  } else if (v.image) {
    t(`Type:\tImage (a container image or OCI artifact)\n    Reference:\t${v.image.reference ?? ''}\n    PullPolicy:\t${v.image.pullPolicy ?? ''}\n`);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

export function describeVolumes(w: W, volumes: any[] | undefined, space: string): void {
  if (!volumes?.length) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${v.name}:\n`);
    volumeSource(w, v);
  }
}

/** describeTopologySpreadConstraints. */
export function describeTopologySpread(w: W, constraints: any[] | undefined, space: string): void {
  if (!constraints?.length) return;
  const sorted = [...constraints].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((c, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let s = `${c.topologyKey}:${c.whenUnsatisfiable} when max skew ${c.maxSkew} is exceeded`;
    if (c.labelSelector) s += ` for selector ${formatLabelSelector(c.labelSelector)}`;
    w.write(LEVEL_0, s + '\n');
  });
}

/** DescribePodTemplate: `Pod Template:` with labels, containers, volumes, node selectors, tolerations. */
export function describePodTemplate(w: W, template: any): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec ?? {};
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) printAnnotationsMultiline(w, '  Annotations', template.metadata.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers, undefined, undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  describeTopologySpread(w, spec.topologySpreadConstraints, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

