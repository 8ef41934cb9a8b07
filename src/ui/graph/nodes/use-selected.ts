/** Whether this object is the selected one; each node subscribes to a boolean so a selection change re-renders two nodes, not all. */
import { useUi } from '../../state/ui-store';
import type { ObjectRef } from '../graph-types';

export function useSelected(ref: ObjectRef): boolean {
  return useUi((s) => s.selected?.kind === ref.kind && s.selected.name === ref.name && (s.selected.namespace ?? '') === ref.namespace);
}
