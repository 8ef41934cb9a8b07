/** A Deployment, ReplicaSet, DaemonSet, StatefulSet, Job or CronJob, shown when owners are on. */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { OwnerNode as OwnerNodeType } from '../graph-types';
import { useSelected } from './use-selected';

const TAGS: Record<string, string> = {
  Deployment: 'deploy',
  ReplicaSet: 'rs',
  DaemonSet: 'ds',
  StatefulSet: 'sts',
  Job: 'job',
  CronJob: 'cj',
};

function OwnerNodeView({ data }: NodeProps<OwnerNodeType>) {
  const selected = useSelected(data);
  return (
    <div
      className={`top-item owner owner-${data.kind.toLowerCase()}${selected ? ' selected' : ''}`}
      data-owner={`${data.kind}/${data.name}`}
      aria-label={`${data.kind} ${data.name}, ${data.replicas}`}
    >
      <Handle type="source" position={Position.Top} id="up" className="hidden-handle" isConnectable={false} />
      <Handle type="target" position={Position.Bottom} id="below" className="hidden-handle" isConnectable={false} />
      <div className="top-title">
        <span className="kind-tag">{TAGS[data.kind] ?? data.kind}</span>
        <button type="button" className="top-name name-button" aria-label={`${data.kind} ${data.name}`}>
          {data.name}
        </button>
      </div>
      <div className="top-line">{data.replicas}</div>
    </div>
  );
}

export const OwnerNode = memo(OwnerNodeView);
