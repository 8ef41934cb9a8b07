/** Where a kind keeps its pod spec (polymorphichelpers.updatePodSpecForObject), and the patch that reaches it. */
import type { KObject } from '../../types';

const TEMPLATED = new Set(['ReplicationController', 'Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'Job']);

/** The path of field names from the object to its PodSpec, or undefined when the kind has none. */
export function podSpecPath(kind: string): string[] | undefined {
  if (kind === 'Pod') return ['spec'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  if (TEMPLATED.has(kind)) return ['spec', 'template', 'spec'];
  return undefined;
}

export function podSpecOf(obj: KObject): any {
  let cur: any = obj;
  for (const k of podSpecPath(obj.kind) ?? []) cur = cur?.[k];
  return cur;
}

/** Nest `spec` under the kind's pod spec path: the strategic merge patch kubectl sends. */
export function wrapPodSpecPatch(kind: string, spec: Record<string, unknown>): Record<string, unknown> {
  let patch: Record<string, unknown> = spec;
  for (const k of [...(podSpecPath(kind) ?? [])].reverse()) patch = { [k]: patch };
  return patch;
}

/** kubectl's `selectString`: `*` wildcards in a container selector. */
export function matchesSelector(name: string, selector: string): boolean {
  if (selector === '*') return true;
  const re = new RegExp('^' + selector.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(name);
}

export function notPodTemplateError(obj: KObject): string {
  return `the object is not a pod or does not have a pod template: *v1.${obj.kind}`;
}
