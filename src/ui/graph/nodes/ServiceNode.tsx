/** A Service (ClusterIP, NodePort or LoadBalancer) with its ports; edges go to the pods behind its ready endpoints. */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ServiceNode as ServiceNodeType } from '../graph-types';
import { useSelected } from './use-selected';

function ServiceNodeView({ data }: NodeProps<ServiceNodeType>) {
  const selected = useSelected(data);
  const lb = data.type === 'LoadBalancer';
  return (
    <div
      className={`top-item service${lb ? ' load-balancer' : ''}${selected ? ' selected' : ''}`}
      data-service={data.name}
      aria-label={`Service ${data.name}, ${data.type}, ${data.endpoints} ready endpoints`}
    >
      <Handle type="target" position={Position.Left} id="side" className="hidden-handle" isConnectable={false} />
      <Handle type="source" position={Position.Bottom} id="out" className="hidden-handle" isConnectable={false} />
      <div className="top-title">
        <span className="kind-tag">{lb ? 'LB' : 'svc'}</span>
        <button type="button" className="top-name name-button" aria-label={`${data.kind} ${data.name}`}>
          {data.name}
        </button>
      </div>
      <div className="top-line">
        {data.type} {data.clusterIP}
      </div>
      <div className="top-line">
        {data.ports}
        {lb && <> · ext {data.external}</>} · {data.endpoints} ready
      </div>
    </div>
  );
}

export const ServiceNode = memo(ServiceNodeView);
