/**
 * NodeAffinity: nodeSelector and required node affinity as a filter (PreFilter narrows to the named nodes when
 * every required term selects metadata.name); preferred terms score the sum of matched weights, normalized.
 */
import type { Plugin } from '../framework';
import { defaultNormalizeScore, nodeChanged, unresolvable } from '../framework';
import { matchesNodeSelectorTerm, matchesRequiredNodeAffinity, type NodeSelectorTerm } from '../match';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

interface Preferred {
  weight: number;
  preference: NodeSelectorTerm;
}

/** Node names when every required term has a matchFields metadata.name In requirement (GetRequiredNodeNames). */
function requiredNodeNames(terms: NodeSelectorTerm[] | undefined): Set<string> | undefined {
  if (!terms?.length) return undefined;
  const names = new Set<string>();
  for (const t of terms) {
    const r = (t.matchFields ?? []).find((f) => f.key === 'metadata.name' && f.operator === 'In');
    if (!r) return undefined;
    for (const v of r.values ?? []) names.add(v);
  }
  return names;
}

export const nodeAffinity: Plugin = {
  name: 'NodeAffinity',
  preFilter(s) {
    const required = s.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!s.pod.spec?.nodeSelector && !required) return { skip: true };
    const names = requiredNodeNames(required?.nodeSelectorTerms);
    return names ? { nodeNames: names } : undefined;
  },
  filter(s, node) {
    return matchesRequiredNodeAffinity(s.pod, node.node!) ? undefined : unresolvable(ERR_REASON_POD);
  },
  preScore(s) {
    const preferred: Preferred[] = s.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (!preferred.length) return false;
    s.data.set('NodeAffinity', preferred);
    return true;
  },
  score(s, nodes, out) {
    const preferred = s.data.get('NodeAffinity') as Preferred[];
    for (let i = 0; i < nodes.length; i++) {
      let sum = 0;
      for (const p of preferred) if (p.weight && matchesNodeSelectorTerm(p.preference, nodes[i].node!)) sum += p.weight;
      out[i] = sum;
    }
  },
  normalize(_s, scores) {
    defaultNormalizeScore(scores, false);
  },
  hint(pod, ev) {
    if (ev.resource !== 'Node' || !nodeChanged(ev, 'labels')) return false;
    return matchesRequiredNodeAffinity(pod, ev.obj) && (ev.type === 'Add' || !matchesRequiredNodeAffinity(pod, ev.old!));
  },
};
