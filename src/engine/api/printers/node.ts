/** Node table: printNode (STATUS from the Ready condition plus SchedulingDisabled, ROLES from labels). */
import type { KObject } from '../../types';
import type { KindPrinter } from './index';
import { ageColumn, col, nameColumn, since } from './cells';
import { NODE_ADDRESSES, NODE_KERNEL, NODE_KUBELET_VERSION, NODE_OS_IMAGE, NODE_RUNTIME } from './descriptions';

const columns = [
  nameColumn,
  col('Status', 'string', 'The status of the node'),
  col('Roles', 'string', 'The roles of the node'),
  ageColumn,
  col('Version', 'string', NODE_KUBELET_VERSION),
  col('Internal-IP', 'string', NODE_ADDRESSES, 1),
  col('External-IP', 'string', NODE_ADDRESSES, 1),
  col('OS-Image', 'string', NODE_OS_IMAGE, 1),
  col('Kernel-Version', 'string', NODE_KERNEL, 1),
  col('Container-Runtime', 'string', NODE_RUNTIME, 1),
];

/** `Ready`, `NotReady`, `Unknown` (no Ready condition), with `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: KObject): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).filter((c: any) => c.type === 'Ready').pop();
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and the `kubernetes.io/role` value, sorted. */
export function nodeRoles(node: KObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort();
}

function address(node: KObject, type: string): string {
  return (node.status?.addresses ?? []).find((a: any) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter: KindPrinter = {
  columns,
  row(node, now) {
    const info = node.status?.nodeInfo ?? {};
    return [
      node.metadata.name,
      nodeStatus(node),
      nodeRoles(node).join(',') || '<none>',
      since(node.metadata.creationTimestamp, now),
      info.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ];
  },
};
