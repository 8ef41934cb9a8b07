/** An Ingress with its hosts; edges go to the Services its rules route to. */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { IngressNode as IngressNodeType } from '../graph-types';
import { useSelected } from './use-selected';

function IngressNodeView({ data }: NodeProps<IngressNodeType>) {
  const selected = useSelected(data);
  return (
    <div className={`top-item ingress${selected ? ' selected' : ''}`} data-ingress={data.name} aria-label={`Ingress ${data.name}`}>
      <Handle type="source" position={Position.Right} id="side" className="hidden-handle" isConnectable={false} />
      <div className="top-title">
        <span className="kind-tag">ing</span>
        <button type="button" className="top-name name-button" aria-label={`${data.kind} ${data.name}`}>
          {data.name}
        </button>
      </div>
      <div className="top-line">hosts: {data.hosts}</div>
    </div>
  );
}

export const IngressNode = memo(IngressNodeView);
