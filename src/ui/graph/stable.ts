/** Keeps React Flow node and edge objects identical across builds when nothing about them changed. */
import type { GraphEdge, GraphNode } from './graph-types';

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

export function sameNode(a: GraphNode, b: GraphNode): boolean {
  return (
    a.type === b.type &&
    a.parentId === b.parentId &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.width === b.width &&
    a.height === b.height &&
    shallowEqual(a.data, b.data)
  );
}

export function sameEdge(a: GraphEdge, b: GraphEdge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.sourceHandle === b.sourceHandle &&
    a.targetHandle === b.targetHandle &&
    a.className === b.className
  );
}

/** Returns the previous object when equal to the fresh one; remembers what it returns for the next build. */
export class Reuse<T extends { id: string }> {
  private prev = new Map<string, T>();
  private next = new Map<string, T>();

  constructor(private readonly equal: (a: T, b: T) => boolean) {}

  take(fresh: T): T {
    const old = this.prev.get(fresh.id);
    const kept = old && this.equal(old, fresh) ? old : fresh;
    this.next.set(fresh.id, kept);
    return kept;
  }

  /** Ends a build: what was not taken this time is forgotten. */
  finish(): void {
    this.prev = this.next;
    this.next = new Map();
  }
}
