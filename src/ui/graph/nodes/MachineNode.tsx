/** A worker node: name, STATUS, taints, kubelet / kube-proxy / runtime badges; its pods are child nodes in its slots. */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { MachineFields, MachineNode as MachineNodeType, ObjectRef } from '../graph-types';
import { Pulse } from './Pulse';
import { Summary } from './Summary';
import { useSelected } from './use-selected';

/** Ready / NotReady / Unknown, for the box's colour. */
function readiness(status: string): string {
  return status.split(',')[0].toLowerCase();
}

export function MachineHeader({ data }: { data: MachineFields & ObjectRef }) {
  return (
    <header className="machine-header">
      <div className="machine-title">
        <button type="button" className="machine-name name-button" aria-label={`Node ${data.name}`}>
          {data.name}
        </button>
        <span className={`machine-status status-${readiness(data.status)}`} data-status={data.status}>
          {data.status.split(',').map((part, i) => (
            <span key={part}>{i > 0 ? `,${part}` : part}</span>
          ))}
        </span>
      </div>
      {data.taints && (
        <div className="machine-taints" title={data.taints}>
          taints: {data.taints}
        </div>
      )}
      <div className="machine-badges">
        <Pulse counter={`kubelet/${data.name}`} label="kubelet" title="kubelet: lights when it writes to the API server" />
        {data.proxy && <Pulse counter="kube-proxy" label="kube-proxy" />}
        {data.runtime && <span className="badge runtime">{data.runtime}</span>}
      </div>
    </header>
  );
}

export function machineClass(data: MachineFields, selected: boolean, extra: string): string {
  const cordoned = data.status.includes('SchedulingDisabled');
  return `box machine ${extra} ready-${readiness(data.status)}${cordoned ? ' cordoned' : ''}${selected ? ' selected' : ''}`;
}

function MachineNodeView({ data }: NodeProps<MachineNodeType>) {
  const selected = useSelected(data);
  return (
    <div className={machineClass(data, selected, 'worker')} data-node={data.name} aria-label={`Node ${data.name}, ${data.status}`}>
      <Handle type="target" position={Position.Top} id="in" className="hidden-handle" isConnectable={false} />
      <Handle type="target" position={Position.Bottom} id="below" className="hidden-handle" isConnectable={false} />
      <MachineHeader data={data} />
      {data.summary !== '' && <Summary summary={data.summary} />}
    </div>
  );
}

export const MachineNode = memo(MachineNodeView);
