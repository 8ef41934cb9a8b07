/** NodeUnschedulable: cordoned nodes (spec.unschedulable) take only pods tolerating node.kubernetes.io/unschedulable. */
import type { Plugin } from '../framework';
import { nodeChanged, unresolvable } from '../framework';
import { toleratesTaint, type Toleration } from '../match';

const TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

export const nodeUnschedulable: Plugin = {
  name: 'NodeUnschedulable',
  filter(s, node) {
    if (!node.unschedulable) return undefined;
    const tolerated = ((s.pod.spec?.tolerations ?? []) as Toleration[]).some((t) => toleratesTaint(t, TAINT));
    return tolerated ? undefined : unresolvable(ERR_REASON_UNSCHEDULABLE);
  },
  hint(_pod, ev) {
    return ev.resource === 'Node' && nodeChanged(ev, 'unschedulable') && !ev.obj.spec?.unschedulable;
  },
};
