/** The scheduler queue: pods no node has been chosen for yet wait here, in slots like a node's. */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { QueueNode as QueueNodeType } from '../graph-types';
import { Summary } from './Summary';

function QueueNodeView({ data }: NodeProps<QueueNodeType>) {
  return (
    <div className="box queue" aria-label={`Scheduler queue, ${data.count} pending pods`}>
      <Handle type="target" position={Position.Top} id="in" className="hidden-handle" isConnectable={false} />
      <Handle type="target" position={Position.Bottom} id="below" className="hidden-handle" isConnectable={false} />
      <header className="queue-header">
        <span>Scheduler queue</span>
        <span className="queue-count">{data.count === 0 ? 'empty' : `${data.count} pending`}</span>
      </header>
      {data.summary !== '' && <Summary summary={data.summary} />}
    </div>
  );
}

export const QueueNode = memo(QueueNodeView);
