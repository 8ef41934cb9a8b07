/** Pods of the shown namespace grouped by the box that holds them: their node, or the scheduler queue. */
import type { KObject } from '../../engine/types';

export interface PodGroups {
  /** nodeName -> pods, oldest first. */
  byNode: Map<string, KObject[]>;
  /** Pods no node has been chosen for yet, oldest first. */
  queue: KObject[];
  count: number;
}

/** metadata.name, which every stored object has. */
export const nameOf = (obj: KObject): string => obj.metadata.name ?? '';

const byAge = (a: KObject, b: KObject) => {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0;
};

/** '' shows every namespace. */
export function inNamespace(obj: KObject, namespace: string): boolean {
  return namespace === '' || obj.metadata.namespace === namespace;
}

export function groupPods(pods: Record<string, KObject> | undefined, namespace: string): PodGroups {
  const byNode = new Map<string, KObject[]>();
  const queue: KObject[] = [];
  let count = 0;
  for (const pod of Object.values(pods ?? {})) {
    if (!inNamespace(pod, namespace)) continue;
    count++;
    const nodeName: string | undefined = pod.spec?.nodeName;
    if (!nodeName) queue.push(pod);
    else {
      let list = byNode.get(nodeName);
      if (!list) byNode.set(nodeName, (list = []));
      list.push(pod);
    }
  }
  for (const list of byNode.values()) list.sort(byAge);
  queue.sort(byAge);
  return { byNode, queue, count };
}

/** A key that stays the same for one pod's life (a recreated pod of the same name is a new pod). */
export function podSlotKey(pod: KObject): string {
  return pod.metadata.uid ?? `${pod.metadata.namespace}/${nameOf(pod)}`;
}

/** A pod name short enough for its chip: `web-…x2k8p`. */
export function shortPodName(name: string): string {
  if (name.length <= 14) return name;
  const dash = name.indexOf('-');
  const head = dash > 0 && dash <= 8 ? name.slice(0, dash + 1) : name.slice(0, 7);
  return `${head}…${name.slice(-5)}`;
}
