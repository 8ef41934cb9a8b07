/** React Flow node types, at module scope so React Flow never sees a new object. */
import type { NodeTypes } from '@xyflow/react';
import { ControlPlaneNode } from './nodes/ControlPlaneNode';
import { IngressNode } from './nodes/IngressNode';
import { MachineNode } from './nodes/MachineNode';
import { OwnerNode } from './nodes/OwnerNode';
import { PodNode } from './nodes/PodNode';
import { QueueNode } from './nodes/QueueNode';
import { ServiceNode } from './nodes/ServiceNode';

export const nodeTypes: NodeTypes = {
  controlPlane: ControlPlaneNode,
  machine: MachineNode,
  queue: QueueNode,
  pod: PodNode,
  service: ServiceNode,
  ingress: IngressNode,
  owner: OwnerNode,
};
