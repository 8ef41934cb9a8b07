/**
 * NodeResourcesFit: Filter checks the pod's requests against allocatable minus what assigned pods request
 * (`Too many pods`, `Insufficient cpu` ...); Score is LeastAllocated over cpu and memory (weights 1 and 1),
 * with the non-zero defaults for containers that request nothing.
 */
import type { NodeInfo } from '../cache';
import type { Plugin } from '../framework';
import { MAX_NODE_SCORE, nodeChanged, unschedulable } from '../framework';
import { newPodInfo } from '../pod-info';
import { nodeAllocatable, type ResourceList } from '../resources';

/** Scalar resources the filter checks: extended (domain-prefixed, not kubernetes.io/) and hugepages. */
function isScalar(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return name.includes('/') && !name.startsWith('kubernetes.io/') && !name.startsWith('requests.');
}

interface PodRequest {
  cpu: number;
  memory: number;
  ephemeral: number;
  scalars: [string, number][];
}

function podRequest(requests: ResourceList): PodRequest {
  const scalars = [...requests.keys()].filter(isScalar).sort().map((r): [string, number] => [r, requests.get(r)!]);
  return { cpu: requests.get('cpu') ?? 0, memory: requests.get('memory') ?? 0, ephemeral: requests.get('ephemeral-storage') ?? 0, scalars };
}

/** fitsRequest: the reasons a node cannot hold the pod, in the real order. */
function insufficientResources(want: PodRequest, node: NodeInfo): string[] | undefined {
  const tooMany = node.podCount + 1 > node.allocPods;
  const cpu = want.cpu > 0 && want.cpu > node.allocCpu - node.reqCpu;
  const memory = want.memory > 0 && want.memory > node.allocMemory - node.reqMemory;
  const ephemeral = want.ephemeral > 0 && want.ephemeral > node.allocEphemeral - node.reqEphemeral;
  if (!tooMany && !cpu && !memory && !ephemeral && !want.scalars.length) return undefined;
  const reasons: string[] = [];
  if (tooMany) reasons.push('Too many pods');
  if (cpu) reasons.push('Insufficient cpu');
  if (memory) reasons.push('Insufficient memory');
  if (ephemeral) reasons.push('Insufficient ephemeral-storage');
  for (const [r, v] of want.scalars) {
    if (v > 0 && v > (node.allocatable.get(r) ?? 0) - (node.requested.get(r) ?? 0)) reasons.push(`Insufficient ${r}`);
  }
  return reasons.length ? reasons : undefined;
}

function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** leastResourceScorer over cpu and memory with weight 1 each; resources with no allocatable are left out. */
export function leastAllocatedScore(cpuReq: number, cpuAlloc: number, memReq: number, memAlloc: number): number {
  let score = 0;
  let weights = 0;
  if (cpuAlloc !== 0) {
    score += leastRequestedScore(cpuReq, cpuAlloc);
    weights++;
  }
  if (memAlloc !== 0) {
    score += leastRequestedScore(memReq, memAlloc);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
}

export const nodeResourcesFit: Plugin = {
  name: 'NodeResourcesFit',
  preFilter(s) {
    s.data.set('NodeResourcesFit', podRequest(s.info.requests));
  },
  filter(s, node) {
    const reasons = insufficientResources(s.data.get('NodeResourcesFit') as PodRequest, node);
    return reasons ? unschedulable(...reasons) : undefined;
  },
  score(s, nodes, out) {
    const { nonZeroCpu, nonZeroMemory } = s.info;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      out[i] = leastAllocatedScore(n.nonZeroCpu + nonZeroCpu, n.allocCpu, n.nonZeroMemory + nonZeroMemory, n.allocMemory);
    }
  },
  hint(pod, ev) {
    if (ev.resource === 'Pod') return ev.type === 'Delete' && !!ev.obj.spec?.nodeName;
    if (!nodeChanged(ev, 'allocatable')) return false;
    // isFit against the node's allocatable alone, then whether anything the pod asks for grew.
    const want = newPodInfo(pod).requests;
    const alloc = nodeAllocatable(ev.obj);
    for (const [r, v] of want) if (v > 0 && v > (alloc.get(r) ?? 0)) return false;
    if (ev.type === 'Add') return true;
    const before = nodeAllocatable(ev.old!);
    return [...want.keys(), 'pods'].some((r) => (alloc.get(r) ?? 0) > (before.get(r) ?? 0));
  },
};
