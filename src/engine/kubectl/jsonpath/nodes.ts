/** The node tree of a Kubernetes JSONPath template (k8s.io/client-go/util/jsonpath node.go). */
export interface ParamsEntry {
  value: number;
  known: boolean;
  /** The end index was derived from the start ([i] means [i:i+1]). */
  derived: boolean;
}

export type Node =
  | { type: 'list'; nodes: Node[] }
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'identifier'; name: string }
  | { type: 'array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] };

export type ListNode = Extract<Node, { type: 'list' }>;

export const newList = (): ListNode => ({ type: 'list', nodes: [] });
