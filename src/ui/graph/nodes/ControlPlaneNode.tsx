/**
 * The control-plane node: its four components (each lights when it acts; clicking one selects its static pod),
 * then its own pods in slots like a worker.
 */
import { memo, type MouseEvent } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ControlPlaneNode as ControlPlaneNodeType } from '../graph-types';
import { useUi } from '../../state/ui-store';
import { useCluster } from '../../state/cluster-store';
import { MachineHeader, machineClass } from './MachineNode';
import { Summary } from './Summary';
import { useSelected } from './use-selected';

const COMPONENTS = [
  {
    pulse: 'apiserver',
    label: 'API server',
    pod: 'kube-apiserver',
    what: 'serves every read and write',
  },
  {
    pulse: 'etcd',
    label: 'etcd',
    pod: 'etcd',
    what: 'stores the cluster state; lights on each write',
  },
  {
    pulse: 'scheduler',
    label: 'scheduler',
    pod: 'kube-scheduler',
    what: 'chooses a node for each new pod',
  },
  {
    pulse: 'controller-manager',
    label: 'controller manager',
    pod: 'kube-controller-manager',
    what: 'runs the reconcile loops',
  },
] as const;

function Component({ pulse, label, pod, what, node }: (typeof COMPONENTS)[number] & { node: string }) {
  const value = useCluster((s) => s.pulses[pulse] ?? 0);
  const ref = { kind: 'Pod', namespace: 'kube-system', name: `${pod}-${node}` };
  const selected = useSelected(ref);
  const onClick = (e: MouseEvent) => {
    e.stopPropagation();
    useUi.getState().select(ref);
  };
  return (
    <button
      type="button"
      className={`component${selected ? ' selected' : ''}`}
      data-component={pulse}
      data-pulse={value}
      title={`${label}: ${what}`}
      onClick={onClick}
    >
      {/* Remounted on each pulse so its CSS animation starts again; the button itself keeps focus. */}
      <span key={value} className={value ? 'flash lit' : 'flash'} aria-hidden="true" />
      {label}
    </button>
  );
}

function ControlPlaneNodeView({ data }: NodeProps<ControlPlaneNodeType>) {
  const selected = useSelected(data);
  return (
    <div
      className={machineClass(data, selected, 'control-plane')}
      data-node={data.name}
      aria-label={`Control plane node ${data.name}, ${data.status}`}
    >
      <Handle type="target" position={Position.Top} id="in" className="hidden-handle" isConnectable={false} />
      <Handle type="target" position={Position.Bottom} id="below" className="hidden-handle" isConnectable={false} />
      <MachineHeader data={data} />
      <div className="components" role="group" aria-label="Control plane components">
        {COMPONENTS.map((c) => (
          <Component key={c.pulse} {...c} node={data.name} />
        ))}
      </div>
      {data.summary !== '' && <Summary summary={data.summary} />}
    </div>
  );
}

export const ControlPlaneNode = memo(ControlPlaneNodeView);
