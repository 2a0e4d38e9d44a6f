import { useCallback, useMemo } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  ControlButton,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  type EdgeChange,
  type NodeChange,
  type Node,
  type Edge,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useAppStore, useShallow } from '../../store';
import { selectDisplayed, selectFilters, selectHovered, selectIsEmpty, selectSelection } from '../../store/selectors';
import { EmptyState } from '../../chrome/EmptyState/EmptyState';
import { Inspector } from '../../panels/Inspector/Inspector';
import { useIsDark } from '../../theme/use-theme';
import { buildEdges, buildNodes, type CanvasNode, type FlowEdgeType } from '../build-elements';
import { CanvasFilters } from '../CanvasFilters/CanvasFilters';
import { FIT_VIEW_OPTIONS, GROUP_PAD } from '../layout';
import { Legend } from '../Legend/Legend';
import { edgeTypes, nodeTypes } from '../node-types';
import { StaleBanner } from '../StaleBanner/StaleBanner';
import { useLayout } from '../use-layout';
import './Canvas.css';

const MINIMAP_COLORS: Record<string, string> = { namespace: 'var(--minimap-ns)', endpoint: 'var(--minimap-ep)', external: 'var(--minimap-ext)' };
const minimapColor = (node: Node) => MINIMAP_COLORS[node.type ?? ''] ?? 'var(--minimap-ep)';
const MINIMAP_SIZE = { width: 144, height: 92 };

/** Children may not be dragged above or left of their namespace's header and padding. */
function clampChild(node: CanvasNode | undefined, position: { x: number; y: number }) {
  if (!node || node.type !== 'endpoint') return position;
  return { x: Math.max(GROUP_PAD.side, position.x), y: Math.max(GROUP_PAD.top, position.y) };
}

function onEdgeEnter(_: unknown, edge: Edge) {
  useAppStore.getState().hover({ kind: 'edge', id: edge.id });
}
function onNodeEnter(_: unknown, node: Node) {
  if (node.type !== 'namespace') useAppStore.getState().hover({ kind: 'node', id: node.id });
}
function onLeave() {
  useAppStore.getState().hover(null);
}
function onNodeClick(_: unknown, node: Node) {
  useAppStore.getState().select({ kind: 'node', id: node.id });
}
function onEdgeClick(_: unknown, edge: Edge) {
  useAppStore.getState().select({ kind: 'edge', id: edge.id });
}
function onPaneClick() {
  useAppStore.getState().select(null);
}
/** Keyboard selection (Enter on a focused edge) arrives as a change; mirror it into the store. */
function onEdgesChange(changes: EdgeChange<FlowEdgeType>[]) {
  const selected = changes.find((c) => c.type === 'select' && c.selected);
  if (selected && selected.type === 'select') useAppStore.getState().select({ kind: 'edge', id: selected.id });
}

function FlowCanvas() {
  const model = useAppStore(selectDisplayed);
  const selection = useAppStore(selectSelection);
  const hovered = useAppStore(selectHovered);
  const filters = useAppStore(useShallow(selectFilters));
  const dark = useIsDark();
  const { positions, ready } = useLayout(model);

  const nodes = useMemo(() => (model && ready ? buildNodes(model, positions, selection, hovered) : []), [model, ready, positions, selection, hovered]);
  const edges = useMemo(() => (model && ready ? buildEdges(model, filters, selection, hovered) : []), [model, ready, filters, selection, hovered]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const moves: Record<string, { x: number; y: number }> = {};
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          moves[change.id] = clampChild(nodes.find((n) => n.id === change.id), change.position);
        } else if (change.type === 'select' && change.selected) {
          useAppStore.getState().select({ kind: 'node', id: change.id });
        }
      }
      if (Object.keys(moves).length) useAppStore.getState().moveNodes(moves);
    },
    [nodes],
  );

  return (
    <ReactFlow<CanvasNode, FlowEdgeType>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onNodeClick={onNodeClick}
      onEdgeClick={onEdgeClick}
      onPaneClick={onPaneClick}
      onEdgeMouseEnter={onEdgeEnter}
      onEdgeMouseLeave={onLeave}
      onNodeMouseEnter={onNodeEnter}
      onNodeMouseLeave={onLeave}
      colorMode={dark ? 'dark' : 'light'}
      deleteKeyCode={null}
      nodesConnectable={false}
      elevateNodesOnSelect={false}
      minZoom={0.15}
      maxZoom={2.5}
      fitView
      fitViewOptions={FIT_VIEW_OPTIONS}
      proOptions={{ hideAttribution: true }}
      aria-label="Flows between namespaces, workloads and outside addresses"
    >
      <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="var(--grid-dot)" />
      <MiniMap pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} maskColor="var(--minimap-mask)" ariaLabel="Overview map" style={MINIMAP_SIZE} />
      <Controls showInteractive={false} position="top-right" orientation="horizontal">
        <ControlButton onClick={() => useAppStore.getState().requestLayout()} title="Tidy layout" aria-label="Tidy layout">
          <span aria-hidden="true">⤧</span>
        </ControlButton>
      </Controls>
      <Panel position="top-left">
        <CanvasFilters />
      </Panel>
      <Panel position="top-center">
        <StaleBanner />
      </Panel>
    </ReactFlow>
  );
}

/** The canvas with the inspector at its right edge; an empty workspace shows the empty state instead. */
export function Canvas() {
  const empty = useAppStore(selectIsEmpty);
  return (
    <div className="canvas-area">
      <div className="canvas" data-testid="canvas">
        {empty ? (
          <EmptyState />
        ) : (
          <>
            <div className="canvas__flow">
              <ReactFlowProvider>
                <FlowCanvas />
              </ReactFlowProvider>
            </div>
            <Legend />
          </>
        )}
      </div>
      {!empty && <Inspector />}
    </div>
  );
}
