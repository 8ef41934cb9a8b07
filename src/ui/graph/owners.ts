/** Owners shown on demand: ReplicaSets, DaemonSets, StatefulSets and Jobs over pods; Deployments and CronJobs over those. */
import type { KObject } from '../../engine/types';
import { inNamespace, nameOf } from './pod-groups';

export const LEVEL1_KINDS = ['ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'] as const;
export const LEVEL2_KINDS = ['Deployment', 'CronJob'] as const;
export const OWNER_KINDS = [...LEVEL1_KINDS, ...LEVEL2_KINDS];

export type OwnerObjects = Partial<Record<(typeof OWNER_KINDS)[number], Record<string, KObject>>>;

export interface ShownOwner {
  obj: KObject;
  level: 1 | 2;
}

/** The controller owner of an object (the ownerReference with controller: true). */
export function controllerOf(obj: KObject): { kind: string; name: string } | undefined {
  const ref = (obj.metadata.ownerReferences ?? []).find((r: any) => r.controller);
  return ref ? { kind: ref.kind, name: ref.name } : undefined;
}

/**
 * Owners to draw, sorted by kind then name within each level. A ReplicaSet scaled to zero with no pods (an old
 * rollout revision) is left out.
 */
export function shownOwners(owners: OwnerObjects, namespace: string, podOwnerKeys: ReadonlySet<string>): ShownOwner[] {
  const out: ShownOwner[] = [];
  for (const [kinds, level] of [
    [LEVEL1_KINDS, 1],
    [LEVEL2_KINDS, 2],
  ] as const) {
    for (const kind of kinds) {
      const objs = Object.values(owners[kind] ?? {})
        .filter((o) => inNamespace(o, namespace))
        .filter((o) => kind !== 'ReplicaSet' || (o.spec?.replicas ?? 0) > 0 || podOwnerKeys.has(`${kind}/${o.metadata.namespace}/${nameOf(o)}`))
        .sort((a, b) => `${a.metadata.namespace}/${nameOf(a)}`.localeCompare(`${b.metadata.namespace}/${nameOf(b)}`));
      for (const obj of objs) out.push({ obj, level });
    }
  }
  return out;
}

/** READY-like figure for an owner's box. */
export function ownerReplicas(obj: KObject): string {
  const s = obj.status ?? {};
  switch (obj.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
      return `${s.readyReplicas ?? 0}/${obj.spec?.replicas ?? 0} ready`;
    case 'DaemonSet':
      return `${s.numberReady ?? 0}/${s.desiredNumberScheduled ?? 0} ready`;
    case 'Job':
      return `${s.succeeded ?? 0}/${obj.spec?.completions ?? 1} done`;
    case 'CronJob':
      return obj.spec?.schedule ?? '';
    default:
      return '';
  }
}
