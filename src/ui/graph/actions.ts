/**
 * What the graph offers to do to an object, each as the kubectl (or `kubeplay`) line it runs, so the student
 * sees the command line equivalent.
 */
import type { KObject } from '../../engine/types';
import type { ObjectRef } from './graph-types';

export interface GraphAction {
  id: string;
  label: string;
  /** The line to run; for actions that take a replica count, a function of it. */
  line: string | ((replicas: number) => string);
  runner: 'kubectl' | 'sim';
  /** Asks for a replica count first, starting from this value. */
  replicas?: number;
}

const ns = (ref: ObjectRef) => `-n ${ref.namespace}`;
const SCALABLE: Record<string, string> = {
  Deployment: 'deployment',
  ReplicaSet: 'replicaset',
  StatefulSet: 'statefulset',
};

/** The actions for the object `ref` (its mirror object `obj` when known). */
export function actionsFor(ref: ObjectRef, obj?: KObject): GraphAction[] {
  switch (ref.kind) {
    case 'Pod':
      return [
        {
          id: 'delete',
          label: 'Delete pod',
          runner: 'kubectl',
          line: `kubectl delete pod ${ref.name} ${ns(ref)}`,
        },
        {
          id: 'crash',
          label: 'Crash container',
          runner: 'sim',
          line: `kubeplay pod crash ${ref.name} ${ns(ref)}`,
        },
      ];
    case 'Node': {
      const cordoned = obj?.spec?.unschedulable === true;
      return [
        cordoned
          ? {
              id: 'uncordon',
              label: 'Uncordon',
              runner: 'kubectl',
              line: `kubectl uncordon ${ref.name}`,
            }
          : {
              id: 'cordon',
              label: 'Cordon',
              runner: 'kubectl',
              line: `kubectl cordon ${ref.name}`,
            },
        {
          id: 'drain',
          label: 'Drain',
          runner: 'kubectl',
          line: `kubectl drain ${ref.name} --ignore-daemonsets --delete-emptydir-data --force`,
        },
        {
          id: 'fail',
          label: 'Fail node',
          runner: 'sim',
          line: `kubeplay node fail ${ref.name}`,
        },
        {
          id: 'recover',
          label: 'Recover node',
          runner: 'sim',
          line: `kubeplay node recover ${ref.name}`,
        },
      ];
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet': {
      const resource = SCALABLE[ref.kind];
      return [
        {
          id: 'scale',
          label: 'Scale…',
          runner: 'kubectl',
          replicas: obj?.spec?.replicas ?? 1,
          line: (n: number) => `kubectl scale ${resource}/${ref.name} --replicas=${n} ${ns(ref)}`,
        },
        {
          id: 'delete',
          label: `Delete ${resource}`,
          runner: 'kubectl',
          line: `kubectl delete ${resource} ${ref.name} ${ns(ref)}`,
        },
      ];
    }
    case 'Service':
      return [
        {
          id: 'delete',
          label: 'Delete service',
          runner: 'kubectl',
          line: `kubectl delete service ${ref.name} ${ns(ref)}`,
        },
      ];
    default:
      return [];
  }
}

/** `worker-N` one past the highest worker number in use. */
export function nextNodeName(nodeNames: Iterable<string>): string {
  let max = 0;
  for (const name of nodeNames) {
    const m = /^worker-(\d+)$/.exec(name);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `worker-${max + 1}`;
}

export const addNodeLine = (name: string) => `kubeplay node add ${name}`;
