/** The live cluster graph: control plane, worker nodes with their pods, the scheduler queue, services and owners. */
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useCallback, useEffect, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { Background, Controls, Panel, ReactFlow, ReactFlowProvider, useReactFlow, useStore, type Node } from '@xyflow/react';
import { useUi } from '../state/ui-store';
import { SUMMARIZE_OVER } from './build-graph';
import { ContextMenu, type MenuState } from './ContextMenu';
import { GraphToolbar } from './GraphToolbar';
import type { GraphNode, ObjectRef } from './graph-types';
import { Legend } from './Legend';
import { nodeTypes } from './node-types';
import { Toasts } from './Toasts';
import { useGraph } from './use-graph';

/** Zoom at which summarized boxes draw their pods again. */
export const EXPAND_ZOOM = 0.9;
const FIT = { padding: 0.08, maxZoom: 1.2 };
/** Pod animations run while at most this many pods are shown (see graph.css). */
const ANIMATE_UP_TO = 100;

function refOf(node: Node): ObjectRef | undefined {
  const d = (node as GraphNode).data;
  if (node.type === 'queue') return undefined;
  return { kind: d.kind, namespace: d.namespace, name: d.name };
}

/** Where a context menu opens: the pointer, or for the keyboard's menu key the element it was pressed on. */
function menuPoint(e: ReactMouseEvent | MouseEvent): { x: number; y: number } {
  if (e.clientX !== 0 || e.clientY !== 0) return { x: e.clientX, y: e.clientY };
  const r = (e.target as Element).getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.bottom };
}

function GraphView() {
  const expanded = useStore((s) => s.transform[2] >= EXPAND_ZOOM);
  const graph = useGraph(expanded);
  const theme = useUi((s) => s.theme);
  const [menu, setMenu] = useState<MenuState | undefined>();
  const { fitView } = useReactFlow();

  // Fit when the set of machines changes (first paint, a node added); otherwise leave the user's view alone.
  const machines = graph.nodes.filter((n) => n.type === 'machine' || n.type === 'controlPlane').length;
  useEffect(() => {
    if (machines > 0) void fitView(FIT);
  }, [machines, fitView]);

  const onNodeClick = useCallback((_: ReactMouseEvent, node: Node) => {
    const ref = refOf(node);
    if (ref) useUi.getState().select(ref);
  }, []);
  const onNodeContextMenu = useCallback((e: ReactMouseEvent, node: Node) => {
    e.preventDefault();
    setMenu({ ...menuPoint(e), target: refOf(node) });
  }, []);
  const onPaneContextMenu = useCallback((e: ReactMouseEvent | MouseEvent) => {
    e.preventDefault();
    setMenu({ ...menuPoint(e), target: undefined });
  }, []);
  const closeMenu = useCallback(() => setMenu(undefined), []);

  return (
    <section
      className="graph cluster-graph"
      aria-label="Cluster graph"
      data-nodes={machines}
      data-pods={graph.podCount}
      data-summarized={graph.summarized}
      data-animate={graph.podCount <= ANIMATE_UP_TO}
    >
      <GraphToolbar />
      <div className="graph-canvas">
        <ReactFlow
          nodes={graph.nodes}
          edges={graph.edges}
          nodeTypes={nodeTypes}
          colorMode={theme}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          onNodeClick={onNodeClick}
          onNodeContextMenu={onNodeContextMenu}
          onPaneContextMenu={onPaneContextMenu}
          onPaneClick={closeMenu}
          onMoveStart={closeMenu}
          minZoom={0.05}
          maxZoom={2.5}
          fitView
          fitViewOptions={FIT}
          onlyRenderVisibleElements={graph.podCount > SUMMARIZE_OVER}
        >
          <Background gap={24} />
          <Controls position="top-right" showInteractive={false} />
          <Panel position="bottom-left">
            <Legend />
          </Panel>
          <Panel position="bottom-center">
            <Toasts />
          </Panel>
        </ReactFlow>
      </div>
      {graph.summarized && <p className="graph-hint">{graph.podCount} pods: zoom in to see each one</p>}
      {menu && <ContextMenu menu={menu} onClose={closeMenu} />}
    </section>
  );
}

export function ClusterGraph() {
  return (
    <ReactFlowProvider>
      <GraphView />
    </ReactFlowProvider>
  );
}
