/**
 * TaintToleration: Filter rejects a node with a NoSchedule/NoExecute taint the pod does not tolerate (the first
 * one is reported); Score counts PreferNoSchedule taints not tolerated, normalized in reverse (fewer is better).
 */
import type { Plugin } from '../framework';
import { defaultNormalizeScore, nodeChanged, unresolvable } from '../framework';
import { firstUntoleratedTaint, isNoScheduleOrNoExecute, toleratesTaint, type Toleration } from '../match';

export const taintToleration: Plugin = {
  name: 'TaintToleration',
  filter(s, node) {
    if (!node.taints.length) return undefined;
    const taint = firstUntoleratedTaint(node.taints, s.pod.spec?.tolerations, isNoScheduleOrNoExecute);
    if (!taint) return undefined;
    return unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  },
  preScore(s) {
    const prefer = ((s.pod.spec?.tolerations ?? []) as Toleration[]).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    s.data.set('TaintToleration', prefer);
    return true;
  },
  score(s, nodes, out) {
    const prefer = s.data.get('TaintToleration') as Toleration[];
    for (let i = 0; i < nodes.length; i++) {
      let count = 0;
      for (const taint of nodes[i].taints) {
        if (taint.effect === 'PreferNoSchedule' && !prefer.some((t) => toleratesTaint(t, taint))) count++;
      }
      out[i] = count;
    }
  },
  normalize(_s, scores) {
    defaultNormalizeScore(scores, true);
  },
  hint(pod, ev) {
    if (ev.resource !== 'Node' || !nodeChanged(ev, 'taints')) return false;
    const untolerated = (n: any) => !!firstUntoleratedTaint(n?.spec?.taints, pod.spec?.tolerations, isNoScheduleOrNoExecute);
    return (ev.type === 'Add' || untolerated(ev.old)) && !untolerated(ev.obj);
  },
};
