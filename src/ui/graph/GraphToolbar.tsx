/** The graph pane's toolbar: namespace filter, owners toggle, add a node, and the actions for the selected object. */
import { useShallow } from 'zustand/react/shallow';
import { useCluster } from '../state/cluster-store';
import { useUi } from '../state/ui-store';
import { ActionList } from './ActionList';
import { addNodeLine, nextNodeName } from './actions';
import { runLine } from './toasts';

export function AddNodeButton({ onDone, role }: { onDone?: () => void; role?: 'menuitem' }) {
  const add = () => {
    const nodes = Object.values(useCluster.getState().byKind.Node ?? {}).map((n) => n.metadata.name ?? '');
    void runLine('sim', addNodeLine(nextNodeName(nodes)));
    onDone?.();
  };
  return (
    <button type="button" role={role} onClick={add} title="kubeplay node add worker-N">
      Add node
    </button>
  );
}

function NamespaceSelect() {
  const namespace = useUi((s) => s.namespace);
  const setNamespace = useUi((s) => s.setNamespace);
  const names = useCluster(useShallow((s) => Object.keys(s.byKind.Namespace ?? {}).map((k) => k.slice(k.indexOf('/') + 1))));
  const options = [...new Set([...names, namespace].filter(Boolean))].sort();
  return (
    <label className="graph-field">
      Namespace
      <select value={namespace} onChange={(e) => setNamespace(e.target.value)} aria-label="Namespace shown in the graph">
        <option value="">all namespaces</option>
        {options.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

function OwnersToggle() {
  const showOwners = useUi((s) => s.showOwners);
  const setShowOwners = useUi((s) => s.setShowOwners);
  return (
    <label className="graph-field">
      <input type="checkbox" checked={showOwners} onChange={(e) => setShowOwners(e.target.checked)} />
      Owners
    </label>
  );
}

function SelectedActions() {
  const selected = useUi((s) => s.selected);
  if (!selected || !['Pod', 'Node', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Service'].includes(selected.kind)) return null;
  return (
    <div className="graph-selected" role="group" aria-label={`Actions for ${selected.kind} ${selected.name}`}>
      <span className="graph-selected-name" title={`${selected.kind} ${selected.namespace}/${selected.name}`}>
        {selected.kind.toLowerCase()}/{selected.name}
      </span>
      <ActionList key={`${selected.kind}/${selected.namespace}/${selected.name}`} target={selected} />
    </div>
  );
}

export function GraphToolbar() {
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Graph">
      <NamespaceSelect />
      <OwnersToggle />
      <AddNodeButton />
      <SelectedActions />
    </div>
  );
}
