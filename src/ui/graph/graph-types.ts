/** The React Flow node and edge types of the cluster graph. All data fields are primitives, so equal data means shallow-equal. */
import type { Edge, Node } from '@xyflow/react';
import type { PodCategory } from './pod-status';

/** What clicking selects. */
export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
}

type Data<T> = T & ObjectRef & Record<string, unknown>;

export interface MachineFields {
  /** STATUS of `kubectl get nodes`: Ready, NotReady, Unknown, with ,SchedulingDisabled when cordoned. */
  status: string;
  /** Taints as `key=value:Effect`, comma separated; '' for none. */
  taints: string;
  runtime: string;
  /** Whether a kube-proxy pod runs on this node. */
  proxy: boolean;
  /** When summarized: `category=count` pairs separated by spaces; '' when pods are drawn. */
  summary: string;
}

export type MachineNode = Node<Data<MachineFields>, 'machine'>;
export type ControlPlaneNode = Node<Data<MachineFields>, 'controlPlane'>;
export type QueueNode = Node<Data<{ count: number; summary: string }>, 'queue'>;
export type PodNode = Node<
  Data<{
    label: string;
    status: string;
    category: PodCategory;
    restarts: number;
    ready: string;
    node: string;
  }>,
  'pod'
>;
export type ServiceNode = Node<
  Data<{
    type: string;
    clusterIP: string;
    ports: string;
    external: string;
    endpoints: number;
  }>,
  'service'
>;
export type IngressNode = Node<Data<{ hosts: string }>, 'ingress'>;
export type OwnerNode = Node<Data<{ replicas: string }>, 'owner'>;

export type GraphNode = MachineNode | ControlPlaneNode | QueueNode | PodNode | ServiceNode | IngressNode | OwnerNode;
export type GraphEdge = Edge;

export const QUEUE_ID = 'scheduler-queue';
export const nodeId = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;
