/**
 * The PodNominator: pending pods that preempted and wait for their victims to leave, by nominated node. While a
 * node carries nominations, filters for pods of lower or equal priority count the nominated pods as if they ran
 * there (addGENominatedPods), so the space freed by preemption is kept for the preemptor.
 */
import type { KObject } from '../../types';
import type { NodeInfo } from '../cache';
import { newPodInfo, podKey, type PodInfo } from '../pod-info';

export const podPriority = (pod: KObject): number => pod.spec?.priority ?? 0;

export class Nominator {
  private readonly byNode = new Map<string, Map<string, PodInfo>>();
  private readonly nodeOf = new Map<string, string>();

  get size(): number {
    return this.nodeOf.size;
  }

  /** Track a pod from the informer: nominated while pending with status.nominatedNodeName. */
  update(pod: KObject): void {
    const node: string | undefined = pod.status?.nominatedNodeName;
    if (!node || pod.spec?.nodeName || pod.metadata.deletionTimestamp) return this.remove(podKey(pod));
    this.set(pod, node);
  }

  set(pod: KObject, node: string): void {
    const key = podKey(pod);
    this.remove(key);
    let pods = this.byNode.get(node);
    if (!pods) this.byNode.set(node, (pods = new Map()));
    pods.set(key, newPodInfo(pod));
    this.nodeOf.set(key, node);
  }

  remove(key: string): void {
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const pods = this.byNode.get(node)!;
    pods.delete(key);
    if (!pods.size) this.byNode.delete(node);
  }

  nominatedPods(node: string): PodInfo[] {
    return [...(this.byNode.get(node)?.values() ?? [])];
  }

  /**
   * RunFilterPluginsWithNominatedPods: filters with the nominated pods of priority >= the pod's added to the node,
   * then, when those passed and pods were added, again without them. Returns the first failure or undefined.
   */
  filterWithNominated<T>(pod: KObject, node: NodeInfo, run: () => T | undefined): T | undefined {
    const pods = this.byNode.get(node.name);
    if (!pods) return run();
    const priority = podPriority(pod);
    const added: PodInfo[] = [];
    for (const p of pods.values()) {
      if (p.pod.metadata.uid === pod.metadata.uid || podPriority(p.pod) < priority || node.pods.has(p.key)) continue;
      node.addPod(p);
      added.push(p);
    }
    let result: T | undefined;
    try {
      result = run();
    } finally {
      for (const p of added) node.removePod(p.key);
    }
    if (result !== undefined || !added.length) return result;
    return run();
  }
}
