/**
 * A StatefulSet pod's stable identity (stateful_set_utils.go): the name `<set>-<ordinal>`, the pod-name and
 * pod-index labels, hostname and subdomain, and its claims `<template>-<set>-<ordinal>` mounted in place of the
 * template's volumes of the same name.
 */
import type { KObject } from '../../types';
import { podFromTemplate } from '../pod-control';
import { ownerReference } from '../shared/pods';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

const ORDINAL_RE = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: the set name and ordinal a pod name encodes, or an ordinal of -1. */
export function parentAndOrdinal(pod: KObject): { parent: string; ordinal: number } {
  const m = ORDINAL_RE.exec(pod.metadata.name ?? '');
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return Number.isSafeInteger(n) ? { parent: m[1], ordinal: n } : { parent: '', ordinal: -1 };
}

export function startOrdinal(set: KObject): number {
  return set.spec?.ordinals?.start ?? 0;
}

export function podName(set: KObject, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

export function claimName(templateName: string, set: KObject, ordinal: number): string {
  return `${templateName}-${set.metadata.name}-${ordinal}`;
}

export function revisionOfPod(pod: KObject): string {
  return pod.metadata.labels?.[REVISION_LABEL] ?? '';
}

/** getPersistentVolumeClaims: the claims a pod of this ordinal uses, keyed by template (volume) name. */
export function claimsFor(set: KObject, ordinal: number): Map<string, KObject> {
  const out = new Map<string, KObject>();
  for (const t of set.spec?.volumeClaimTemplates ?? []) {
    const meta = t.metadata ?? {};
    const selectorLabels = set.spec?.selector?.matchLabels ?? {};
    const labels = meta.labels ? { ...meta.labels, ...selectorLabels } : { ...selectorLabels };
    const claim: KObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName(meta.name, set, ordinal),
        namespace: set.metadata.namespace,
        ...(Object.keys(labels).length ? { labels } : {}),
        ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      },
      spec: structuredClone(t.spec ?? {}),
    };
    out.set(meta.name, claim);
  }
  return out;
}

/** newVersionedStatefulSetPod: the pod of `ordinal` from a revision's template, labelled with that revision. */
export function newStatefulPod(set: KObject, template: any, revisionName: string, ordinal: number): KObject {
  const pod = podFromTemplate(template, set, ownerReference(set, 'apps/v1', 'StatefulSet'));
  const name = podName(set, ordinal);
  pod.metadata.name = name;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal), [REVISION_LABEL]: revisionName };
  pod.spec.hostname = name;
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
  const claims = claimsFor(set, ordinal);
  const volumes: any[] = [];
  for (const [volume, claim] of claims) volumes.push({ name: volume, persistentVolumeClaim: { claimName: claim.metadata.name } });
  for (const v of pod.spec.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  if (volumes.length) pod.spec.volumes = volumes;
  return pod;
}
