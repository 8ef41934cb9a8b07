/**
 * NodeResourcesBalancedAllocation: favours nodes whose cpu and memory fractions (requests including the pod,
 * capped at 1) are close: score = (1 - std) * 100. Skipped for pods that request neither (best effort).
 */
import type { Plugin } from '../framework';
import { MAX_NODE_SCORE } from '../framework';

export function balancedScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(1, requested[i] / allocatable[i]);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** balancedScore for cpu and memory without allocating. */
function balanced2(cpu: number, cpuAlloc: number, mem: number, memAlloc: number): number {
  if (cpuAlloc === 0 || memAlloc === 0) return balancedScore([cpu, mem], [cpuAlloc, memAlloc]);
  const f1 = Math.min(1, cpu / cpuAlloc);
  const f2 = Math.min(1, mem / memAlloc);
  return Math.trunc((1 - Math.abs((f1 - f2) / 2)) * MAX_NODE_SCORE);
}

export const balancedAllocation: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  preScore(s) {
    return (s.info.requests.get('cpu') ?? 0) !== 0 || (s.info.requests.get('memory') ?? 0) !== 0;
  },
  score(s, nodes, out) {
    const cpu = s.info.requests.get('cpu') ?? 0;
    const mem = s.info.requests.get('memory') ?? 0;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      out[i] = balanced2(n.reqCpu + cpu, n.allocCpu, n.reqMemory + mem, n.allocMemory);
    }
  },
};
