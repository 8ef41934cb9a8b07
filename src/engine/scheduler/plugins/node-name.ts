/** NodeName: a pod naming a node in spec.nodeName fits only that node. */
import type { Plugin } from '../framework';
import { unresolvable } from '../framework';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const nodeName: Plugin = {
  name: 'NodeName',
  // Not a real extension point of this plugin: with no spec.nodeName its Filter always passes, so skip the calls.
  preFilter(s) {
    return s.pod.spec?.nodeName ? undefined : { skip: true };
  },
  filter(s, node) {
    const want = s.pod.spec?.nodeName;
    return !want || want === node.name ? undefined : unresolvable(ERR_REASON_NODE_NAME);
  },
  hint(pod, ev) {
    return ev.resource === 'Node' && ev.type === 'Add' && ev.obj.metadata.name === pod.spec?.nodeName;
  },
};
