/** NodePorts: a pod's hostPorts must be free on the node (0.0.0.0 conflicts with every address). */
import type { Plugin } from '../framework';
import { unschedulable } from '../framework';
import { newPodInfo, type HostPort } from '../pod-info';

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

function conflicts(a: HostPort, b: HostPort): boolean {
  if (a.port !== b.port || a.protocol !== b.protocol) return false;
  return a.ip === '0.0.0.0' || b.ip === '0.0.0.0' || a.ip === b.ip;
}

export function portsConflict(wanted: HostPort[], used: HostPort[]): boolean {
  return wanted.some((w) => used.some((u) => conflicts(w, u)));
}

export const nodePorts: Plugin = {
  name: 'NodePorts',
  preFilter(s) {
    return s.info.hostPorts.length ? undefined : { skip: true };
  },
  filter(s, node) {
    return portsConflict(s.info.hostPorts, node.usedPorts) ? unschedulable(ERR_REASON_PORTS) : undefined;
  },
  hint(pod, ev) {
    if (ev.resource === 'Node') return ev.type === 'Add';
    if (ev.type !== 'Delete' || !ev.obj.spec?.nodeName) return false;
    return portsConflict(newPodInfo(pod).hostPorts, newPodInfo(ev.obj).hostPorts);
  },
};
