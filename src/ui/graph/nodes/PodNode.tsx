/** A pod in its slot: short name, STATUS as kubectl prints it, colour by status, restart count badge. */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { PodNode as PodNodeType } from '../graph-types';
import { useSelected } from './use-selected';

function PodNodeView({ data }: NodeProps<PodNodeType>) {
  const selected = useSelected(data);
  const restarts = data.restarts > 0 ? `, ${data.restarts} restarts` : '';
  return (
    <button
      type="button"
      className={`pod-chip pod cat-${data.category}${selected ? ' selected' : ''}`}
      data-pod={data.name}
      data-namespace={data.namespace}
      data-status={data.status}
      data-category={data.category}
      title={`${data.namespace}/${data.name}\nSTATUS ${data.status}  READY ${data.ready}  RESTARTS ${data.restarts}${data.node ? `\nNODE ${data.node}` : ''}`}
      aria-label={`Pod ${data.name}, ${data.status}${restarts}`}
    >
      <Handle type="target" position={Position.Top} id="in" className="hidden-handle" isConnectable={false} />
      <Handle type="target" position={Position.Bottom} id="below" className="hidden-handle" isConnectable={false} />
      <span className="pod-name">{data.label}</span>
      <span className="pod-status">{data.status}</span>
      {data.restarts > 0 && (
        <span className="restarts" title={`${data.restarts} restarts`}>
          ↻{data.restarts}
        </span>
      )}
    </button>
  );
}

export const PodNode = memo(PodNodeView);
