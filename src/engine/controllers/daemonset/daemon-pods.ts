/**
 * What the DaemonSet controller decides per node and how it builds a daemon pod: nodeShouldRunDaemonPod (NodeName,
 * NodeAffinity/nodeSelector and TaintToleration predicates on a pod with the daemon tolerations added), the node a
 * pod is meant for (nodeName or the matchFields affinity the controller writes), and the pod itself.
 */
import type { KObject } from '../../types';
import { clone } from '../../util';
import { matchesNodeSelectorAndAffinity, untoleratedTaints, type Taint, type Toleration } from '../shared/scheduling-predicates';
import { ownerReference } from '../shared/pods';

export const REVISION_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** AddOrUpdateDaemonPodTolerations: the tolerations every daemon pod gets. */
export function daemonTolerations(spec: any): Toleration[] {
  const added: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec?.hostNetwork) added.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const out: Toleration[] = [...(spec?.tolerations ?? [])];
  for (const t of added) {
    // v1helper.AddOrUpdateTolerationInPod: an identical toleration is kept, one with the same key/effect replaced.
    const i = out.findIndex((o) => o.key === t.key && o.effect === t.effect && (o.operator ?? 'Equal') === t.operator);
    if (i < 0) out.push(t);
  }
  return out;
}

export interface Placement {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

export function nodeShouldRunDaemonPod(ds: KObject, node: KObject, tolerations = daemonTolerations(ds.spec.template.spec)): Placement {
  const spec = ds.spec.template.spec;
  const no = { shouldRun: false, shouldContinueRunning: false };
  if (spec.nodeName && spec.nodeName !== node.metadata.name) return no;
  if (!matchesNodeSelectorAndAffinity(spec, node)) return no;
  const taints: Taint[] = node.spec?.taints ?? [];
  if (untoleratedTaints(tolerations, taints, ['NoSchedule', 'NoExecute']).length === 0) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: untoleratedTaints(tolerations, taints, ['NoExecute']).length === 0 };
}

/** util.GetTargetNodeName: spec.nodeName, else the single node of the matchFields affinity term. */
export function targetNodeName(pod: KObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term?.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

export function templateGeneration(ds: KObject): string {
  return ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? String(ds.metadata.generation ?? 1);
}

/** The pod CreatePodsOnNode posts: the template, the daemon tolerations and the node pinned through affinity. */
export function daemonPod(ds: KObject, nodeName: string, hash: string): KObject {
  const template = ds.spec.template;
  const spec = clone(template.spec);
  spec.tolerations = daemonTolerations(template.spec);
  const affinity = spec.affinity ?? {};
  const nodeAffinity = affinity.nodeAffinity ?? {};
  // ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms are replaced by the node's name.
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
  };
  spec.affinity = { ...affinity, nodeAffinity };
  const labels = { ...(template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash, [TEMPLATE_GENERATION_LABEL]: templateGeneration(ds) };
  const metadata: any = {
    generateName: `${ds.metadata.name}-`,
    namespace: ds.metadata.namespace,
    labels,
    ownerReferences: [ownerReference(ds, 'apps/v1', 'DaemonSet')],
  };
  if (template.metadata?.annotations) metadata.annotations = { ...template.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

/** util.IntOrPercent scaled against `total`, rounding up as the daemon util does. */
export function scaled(value: number | string | undefined, total: number): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (m) return Math.ceil((Number(m[1]) * total) / 100);
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? 0 : n;
}
