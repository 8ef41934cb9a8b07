/**
 * The kubectl and kubeplay lines the details panel runs for the selected object: describe, get -o yaml, and the
 * actions a learner can take on it (the same commands they could type in the console).
 */
import type { KObject } from '../../engine/types';
import type { SelectedObject } from '../state/ui-store';

/** The resource argument kubectl resolves unambiguously: `pod`, `deployment.apps`, `ingress.networking.k8s.io`. */
export function resourceArg(kind: string, apiVersion?: string): string {
  const group = apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return group ? `${kind.toLowerCase()}.${group}` : kind.toLowerCase();
}

function target(sel: SelectedObject, apiVersion?: string): string {
  const ns = sel.namespace ? ` -n ${sel.namespace}` : '';
  return `${resourceArg(sel.kind, apiVersion)} ${sel.name}${ns}`;
}

export const describeLine = (sel: SelectedObject, apiVersion?: string) => `kubectl describe ${target(sel, apiVersion)}`;
export const yamlLine = (sel: SelectedObject, apiVersion?: string) => `kubectl get ${target(sel, apiVersion)} -o yaml`;
/** Kinds with a replica count the panel can change, as kubectl names them. */
export const SCALABLE: Record<string, string> = { Deployment: 'deployment.apps', ReplicaSet: 'replicaset.apps', StatefulSet: 'statefulset.apps' };

export const scaleLine = (sel: SelectedObject, replicas: number) =>
  `kubectl scale ${SCALABLE[sel.kind] ?? resourceArg(sel.kind)}/${sel.name} --replicas=${replicas} -n ${sel.namespace}`;

export interface ObjectAction {
  label: string;
  /** The line run: `kubectl ...` through kubectl, `kubeplay ...` through the simulator. */
  line: string;
  /** Destructive: shown in the warning colour. */
  danger?: boolean;
}

export function isSimLine(line: string): boolean {
  return line.startsWith('kubeplay ');
}

/** Actions with a fixed command line (the graph's menu runs the same lines); scaling takes a number: scaleLine. */
export function actionsFor(sel: SelectedObject, obj?: KObject): ObjectAction[] {
  const { kind, namespace: ns, name } = sel;
  switch (kind) {
    case 'Pod':
      return [
        { label: 'Delete', line: `kubectl delete pod ${name} -n ${ns}`, danger: true },
        { label: 'Crash a container', line: `kubeplay pod crash ${name} -n ${ns}`, danger: true },
      ];
    case 'Deployment':
      return [
        { label: 'Restart', line: `kubectl rollout restart deployment.apps/${name} -n ${ns}` },
        { label: 'Undo rollout', line: `kubectl rollout undo deployment.apps/${name} -n ${ns}` },
      ];
    case 'Node':
      return [
        obj?.spec?.unschedulable ? { label: 'Uncordon', line: `kubectl uncordon ${name}` } : { label: 'Cordon', line: `kubectl cordon ${name}` },
        { label: 'Drain', line: `kubectl drain ${name} --ignore-daemonsets --delete-emptydir-data --force`, danger: true },
        { label: 'Fail', line: `kubeplay node fail ${name}`, danger: true },
        { label: 'Recover', line: `kubeplay node recover ${name}` },
      ];
    default:
      return [];
  }
}
