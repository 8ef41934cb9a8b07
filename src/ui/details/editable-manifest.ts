/**
 * The YAML the "Edit in editor" button opens: `kubectl get -o yaml` without the fields the server sets. A copy
 * that keeps `resourceVersion` fails to re-apply once the object changes (409 Conflict: "the object has been
 * modified"), and `status` is ignored on apply anyway; removing them is what people do before re-applying.
 */
import { isMap, parseDocument } from 'yaml';

const SERVER_SET = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink'];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function editableManifest(text: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return text;
  doc.delete('status');
  for (const field of SERVER_SET) doc.deleteIn(['metadata', field]);
  doc.deleteIn(['metadata', 'annotations', LAST_APPLIED]);
  const annotations = doc.getIn(['metadata', 'annotations']);
  if (isMap(annotations) && annotations.items.length === 0) doc.deleteIn(['metadata', 'annotations']);
  return doc.toString({ lineWidth: 0 });
}
