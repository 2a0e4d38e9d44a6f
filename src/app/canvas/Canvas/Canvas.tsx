import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  ControlButton,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useConnection,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnConnectEnd,
  type Node,
  type Edge,
  type ReactFlowState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { ViewModel } from '../../model/view-model';
import { useAppStore, useShallow, type AppState } from '../../store';
import {
  selectDisplayed,
  selectFilters,
  selectHovered,
  selectIsEmpty,
  selectOrigin,
  selectSelection,
} from '../../store/selectors';
import { EmptyState } from '../../chrome/EmptyState/EmptyState';
import { Inspector } from '../../panels/Inspector/Inspector';
import { PolicyEditor } from '../../panels/PolicyEditor/PolicyEditor';
import { AllowFlowPopover, type AllowFlowRequest } from '../AllowFlowPopover/AllowFlowPopover';
import { endOfNode } from '../AllowFlowPopover/flow-ends';
import { EdgeMenu, type EdgeMenuItem, type EdgeMenuState } from '../EdgeMenu/EdgeMenu';
import {
  asMenuItems,
  edgeNamespaces,
  namespaceGuardrails,
  pairGuardrails,
} from '../EditDialogs/tier-gestures';
import { EditDialogs } from '../EditDialogs/EditDialogs';
import { EditToolbar } from '../EditToolbar/EditToolbar';
import { useIsDark } from '../../theme/use-theme';
import {
  buildEdges,
  buildNodes,
  focusElements,
  edgeLook,
  keepUnchanged,
  nodeBoxes,
  nodeLook,
  withRoutes,
  routedEdge,
  type CanvasEdge,
  type CanvasNode,
} from '../build-elements';
import { CanvasFilters } from '../CanvasFilters/CanvasFilters';
import { GROUP_PAD } from '../grid';
import { FIT_VIEW_OPTIONS, type Positions } from '../layout';
import { Legend } from '../Legend/Legend';
import { useObservedStore } from '../../store/observed-store';
import { edgeTypes, nodeTypes } from '../node-types';
import { StaleBanner } from '../StaleBanner/StaleBanner';
import { LoadProgressOverlay } from '../LoadProgress/LoadProgress';
import { SummaryBar } from '../SummaryBar/SummaryBar';
import { useLayout } from '../use-layout';
import { useGraphSnapshotSource } from '../../export/use-graph-snapshot';
import { LESSONS } from '../../lessons/lessons';
import { MatrixView } from '../../matrix/MatrixView';
import { useMatrixStore } from '../../store/matrix-store';
import { ViewSwitch } from '../../matrix/ViewSwitch';
import { routeEdges, type Route } from '../FlowEdge/route';
import './Canvas.css';

const MINIMAP_COLORS: Record<string, string> = {
  namespace: 'var(--minimap-ns)',
  endpoint: 'var(--minimap-ep)',
  external: 'var(--minimap-ext)',
};
const minimapColor = (node: Node) => MINIMAP_COLORS[node.type ?? ''] ?? 'var(--minimap-ep)';
const MINIMAP_SIZE = { width: 144, height: 92 };

/** Whether some node lies (partly) outside the visible part of the graph. */
function partlyOutOfView({ nodeLookup, transform: [x, y, zoom], width, height }: ReactFlowState): boolean {
  if (!width || !height) return false;
  const left = -x / zoom - 1;
  const top = -y / zoom - 1;
  const right = (width - x) / zoom + 1;
  const bottom = (height - y) / zoom + 1;
  for (const node of nodeLookup.values()) {
    const { x: nx, y: ny } = node.internals.positionAbsolute;
    const w = node.measured.width ?? node.width ?? 0;
    const h = node.measured.height ?? node.height ?? 0;
    if (nx < left || ny < top || nx + w > right || ny + h > bottom) return true;
  }
  return false;
}

/**
 * The overview map is there only while part of the graph is out of view: at Fit View it would show
 * nothing new, and Fit View need not keep a band of the canvas free for it.
 */
function OverviewMap() {
  const needed = useStore(partlyOutOfView);
  if (!needed) return null;
  return (
    <MiniMap
      pannable
      zoomable
      nodeColor={minimapColor}
      nodeStrokeWidth={0}
      maskColor="var(--minimap-mask)"
      ariaLabel="Overview map"
      style={MINIMAP_SIZE}
    />
  );
}

/** Edges the last edit turned allowed or denied, while they are marked. */
const selectChangedEdges = (s: AppState) => (s.recentChanges?.highlight ? s.recentChanges.edges : null);
const selectInProgress = (connection: { inProgress: boolean }) => connection.inProgress;
/** The flow the lesson in progress asks about (its workspace open), which the canvas always draws. */
const selectAskedFlow = (s: AppState) => {
  const progress = s.lesson;
  if (!progress || progress.origin !== s.origin) return null;
  return LESSONS.find((lesson) => lesson.id === progress.lessonId)?.steps[progress.step]?.predict ?? null;
};

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
/** A drawn connection allows a flow: never a node to itself, never between two outside ranges. */
function isValidConnection(connection: Connection | CanvasEdge): boolean {
  return (
    connection.source !== connection.target &&
    !(connection.source.startsWith('ext:') && connection.target.startsWith('ext:'))
  );
}
const selectEditingPolicy = (s: AppState) => s.editingPolicy;
const selectCidrDialog = (s: AppState) => s.editDialog?.kind === 'new-cidr';

/**
 * Where a context menu opens: at the pointer, or, from the keyboard (the context-menu key, Shift+F10:
 * no pointer position), at an offset into the element's box (its middle for 0, 0).
 */
function menuPoint(event: ReactMouseEvent, dx: number, dy: number): { x: number; y: number } {
  if (event.clientX !== 0 || event.clientY !== 0) return { x: event.clientX, y: event.clientY };
  const box = (event.currentTarget as Element).getBoundingClientRect();
  return dx || dy
    ? { x: box.left + dx, y: box.top + dy }
    : { x: box.left + box.width / 2, y: box.top + box.height / 2 };
}

/** Allowing flows by drawing connections, and removing them from an edge (context menu, Delete key). */
function useFlowGestures(model: ViewModel | null) {
  const [connect, setConnect] = useState<AllowFlowRequest | null>(null);
  const [edgeMenu, setEdgeMenu] = useState<(EdgeMenuState & { items?: EdgeMenuItem[] }) | null>(null);
  const onConnectEnd: OnConnectEnd = useCallback(
    (event, state) => {
      if (!model || !state.fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
      const anchor = { x: point.clientX, y: point.clientY };
      const from = endOfNode(model, state.fromNode.id);
      if (!from) return;
      if (state.isValid && state.toNode && state.toNode.id !== state.fromNode.id) {
        const to = endOfNode(model, state.toNode.id);
        if (to && !(from.kind === 'external' && to.kind === 'external')) setConnect({ from, to, anchor });
      } else if (
        !state.toNode &&
        from.kind === 'endpoint' &&
        (event.target as Element | null)?.closest?.('.react-flow__pane')
      ) {
        // Dropped on empty canvas: allow egress to an address range the user types.
        setConnect({ from, to: { kind: 'cidr' }, anchor });
      }
    },
    [model],
  );
  const onEdgeContextMenu = useCallback(
    (event: ReactMouseEvent, edge: CanvasEdge) => {
      // Counted flows between boxes have no single rule to remove: only the namespace pair's guardrails.
      const pair = edge.type === 'aggregate' ? edgeNamespaces(model, edge.id) : null;
      if (edge.type === 'aggregate' && !pair) return;
      event.preventDefault();
      useAppStore.getState().select({ kind: 'edge', id: edge.id });
      const items = pair ? asMenuItems(pairGuardrails(pair.from, pair.to), 'edge-menu') : undefined;
      setEdgeMenu({ edgeId: edge.id, ...menuPoint(event, 0, 0), items });
    },
    [model],
  );
  const closeConnect = useCallback(() => setConnect(null), []);
  const closeEdgeMenu = useCallback(() => setEdgeMenu(null), []);
  const [namespaceMenu, setNamespaceMenu] = useState<(EdgeMenuState & { namespace: string }) | null>(null);
  const onNodeContextMenu = useCallback((event: ReactMouseEvent, node: CanvasNode) => {
    if (node.type !== 'namespace') return;
    event.preventDefault();
    useAppStore.getState().select({ kind: 'node', id: node.id });
    setNamespaceMenu({ edgeId: node.id, namespace: node.data.namespace.name, ...menuPoint(event, 12, 32) });
  }, []);
  const closeNamespaceMenu = useCallback(() => setNamespaceMenu(null), []);
  return {
    connect,
    closeConnect,
    onConnectEnd,
    edgeMenu,
    closeEdgeMenu,
    onEdgeContextMenu,
    namespaceMenu,
    closeNamespaceMenu,
    onNodeContextMenu,
  };
}

/** "Egress to a CIDR…" from the + menu: the same popover, anchored under the menu button. */
function CidrFromMenu({ model }: { model: ViewModel }) {
  const open = useAppStore(selectCidrDialog);
  const close = useCallback(() => useAppStore.getState().setEditDialog(null), []);
  const selection = useAppStore(selectSelection);
  if (!open || model.endpoints.length === 0) return null;
  const box = document.querySelector('[data-testid="canvas-add"]')?.getBoundingClientRect();
  const selected = model.endpoints.find((e) => e.nodeId === selection?.id) ?? model.endpoints[0]!;
  const request: AllowFlowRequest = {
    from: { kind: 'endpoint', ref: selected.id, nodeId: selected.nodeId, endpoint: selected },
    to: { kind: 'cidr' },
    anchor: { x: box?.left ?? 80, y: box?.bottom ?? 80 },
  };
  return <AllowFlowPopover request={request} model={model} onClose={close} />;
}
/** Keyboard selection (Enter on a focused edge) arrives as a change; mirror it into the store. */
function onEdgesChange(changes: EdgeChange<CanvasEdge>[]) {
  const selected = changes.find((c) => c.type === 'select' && c.selected);
  if (selected && selected.type === 'select')
    useAppStore.getState().select({ kind: 'edge', id: selected.id });
}

/**
 * Nodes come first in the tab order, then edges: React Flow puts edges first in the DOM, so they
 * are kept out of the tab sequence (tabIndex -1) and Tab walks on to them from the last node, one
 * by one, and from the last edge out of the canvas; Shift+Tab walks back the same way.
 */
function onCanvasKeyDown(event: ReactKeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'Tab') return;
  const root = event.currentTarget;
  const active = document.activeElement;
  const nodes = [...root.querySelectorAll<HTMLElement>('.react-flow__node[tabindex]')];
  // An edge is an SVG group, not an HTML element.
  const edges = [...root.querySelectorAll<SVGElement>('.react-flow__edge')];
  const lastNode = nodes[nodes.length - 1];
  if (!lastNode || !edges.length || !(active instanceof HTMLElement || active instanceof SVGElement)) return;
  const at = active instanceof SVGElement ? edges.indexOf(active) : -1;
  if (!event.shiftKey && active === lastNode) {
    event.preventDefault();
    edges[0]!.focus();
  } else if (at >= 0 && !event.shiftKey && at < edges.length - 1) {
    event.preventDefault();
    edges[at + 1]!.focus();
  } else if (at >= 0 && event.shiftKey && at > 0) {
    event.preventDefault();
    edges[at - 1]!.focus();
  } else if (at === 0 && event.shiftKey) {
    event.preventDefault();
    lastNode.focus();
  } else if (at === edges.length - 1) {
    // Tab goes on from the last node to whatever follows the canvas.
    lastNode.focus();
  }
}

/** Which nodes a model draws, and which namespaces are collapsed: what the boxes depend on. */
const nodeSetKeys = new WeakMap<ViewModel, string>();
function nodeSetKey(model: ViewModel): string {
  let key = nodeSetKeys.get(model);
  if (key === undefined) {
    key = [
      ...model.namespaces.map((ns) => `${ns.nodeId}${ns.collapsed ? '+' : ''}`),
      ...model.endpoints.map((e) => e.nodeId),
      ...model.externals.map((e) => e.nodeId),
    ].join('\n');
    nodeSetKeys.set(model, key);
  }
  return key;
}

/** Keeps `elements` by id in `drawn`, for the next keepUnchanged; returns them. */
function remember<T extends { id: string }>(drawn: Map<string, T>, elements: T[]): T[] {
  drawn.clear();
  for (const element of elements) drawn.set(element.id, element);
  return elements;
}

/**
 * Marks the canvas root with the evaluation whose elements are on screen (`data-painted-seq`),
 * one frame after React Flow has them: what tests and the browser benchmarks wait for.
 */
function usePaintedMark(
  root: HTMLElement | null,
  seq: number | null,
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
) {
  useEffect(() => {
    if (!root || seq === null) return;
    const frame = requestAnimationFrame(() => {
      root.dataset.paintedSeq = String(seq);
      useAppStore.getState().finishLoad();
    });
    return () => cancelAnimationFrame(frame);
  }, [root, seq, nodes, edges]);
}

function FlowCanvas({ root }: { root: HTMLElement | null }) {
  const model = useAppStore(selectDisplayed);
  const selection = useAppStore(selectSelection);
  const hovered = useAppStore(selectHovered);
  const filters = useAppStore(useShallow(selectFilters));
  const dark = useIsDark();
  const { positions, ready } = useLayout(model);
  const gestures = useFlowGestures(model);
  useGraphSnapshotSource();
  const matrix = useMatrixStore((s) => s.mode === 'matrix');

  // The elements last handed to React Flow, by id (see keepUnchanged).
  const [drawnNodes] = useState(() => new Map<string, CanvasNode>());
  const [drawnEdges] = useState(() => new Map<string, CanvasEdge>());
  const nodes = useMemo(
    () =>
      remember(
        drawnNodes,
        model && ready ? keepUnchanged(drawnNodes, buildNodes(model, positions), nodeLook) : [],
      ),
    [drawnNodes, model, ready, positions],
  );
  const changes = useAppStore(selectChangedEdges);
  const asked = useAppStore(selectAskedFlow);
  const neverSeen = useObservedStore((s) => s.neverSeen);
  const connecting = useConnection(selectInProgress);
  // Routing reads where the cards are and which edges are drawn: neither hovering nor a keystroke
  // that changes only verdicts routes the edges again.
  const [routes] = useState(() => ({
    positions: null as Positions | null,
    nodeSet: '',
    key: '',
    routes: new Map<string, Route>(),
  }));
  const edges = useMemo(() => {
    if (!model || !ready) return remember(drawnEdges, []);
    const built = buildEdges(model, filters, changes, asked, neverSeen);
    const nodeSet = nodeSetKey(model);
    const routed = built.map(routedEdge);
    const key = routed.map((edge) => `${edge.id}${edge.labelled ? ' labelled' : ''}`).join('\n');
    if (routes.positions !== positions || routes.nodeSet !== nodeSet || routes.key !== key)
      Object.assign(routes, {
        positions,
        nodeSet,
        key,
        routes: routeEdges(routed, nodeBoxes(model, positions)),
      });
    return remember(drawnEdges, keepUnchanged(drawnEdges, withRoutes(built, routes.routes), edgeLook));
  }, [drawnEdges, routes, positions, model, ready, filters, changes, asked, neverSeen]);
  usePaintedMark(root, model && ready ? model.seq : null, nodes, edges);
  // Hovering and selecting touch only the elements they concern (focusElements).
  const focused = useMemo(
    () =>
      model
        ? focusElements(model, nodes, edges, selection, hovered)
        : { nodes, edges, dimsNodes: false, dimsEdges: false },
    [model, nodes, edges, selection, hovered],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const moves: Record<string, { x: number; y: number }> = {};
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          moves[change.id] = clampChild(
            nodes.find((n) => n.id === change.id),
            change.position,
          );
        } else if (change.type === 'select' && change.selected) {
          useAppStore.getState().select({ kind: 'node', id: change.id });
        }
      }
      if (Object.keys(moves).length) useAppStore.getState().moveNodes(moves);
    },
    [nodes],
  );

  // The filters, tools, zoom controls and banners are strips above the graph, never over it.
  return (
    <>
      <div className="canvas__bar">
        <ViewSwitch />
        <CanvasFilters />
        <EditToolbar />
        {/* Zoom and layout move the graph, which the matrix covers. */}
        {!matrix && (
          <Controls
            className="canvas__controls"
            showInteractive={false}
            orientation="horizontal"
            fitViewOptions={FIT_VIEW_OPTIONS}
          >
            <ControlButton
              onClick={() => useAppStore.getState().requestLayout()}
              title="Tidy layout"
              aria-label="Tidy layout"
            >
              <span aria-hidden="true">⤧</span>
            </ControlButton>
          </Controls>
        )}
      </div>
      <div className="canvas__notes">
        <StaleBanner />
        {/* Its words are about the graph's boxes and edges; the matrix counts its own rows. */}
        {model?.summary && !matrix && <SummaryBar model={model} />}
      </div>
      <div className="canvas__viewport">
        {/* The graph stays mounted under the matrix: its layout is kept, and it can still be exported. */}
        <div
          className={`canvas__graph${connecting ? ' is-connecting' : ''}${focused.dimsNodes ? ' dims-nodes' : ''}${focused.dimsEdges ? ' dims-edges' : ''}`}
          inert={matrix}
        >
          <ReactFlow<CanvasNode, CanvasEdge>
            nodes={focused.nodes}
            edges={focused.edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeClick={onNodeClick}
            onEdgeClick={onEdgeClick}
            onPaneClick={onPaneClick}
            onEdgeContextMenu={gestures.onEdgeContextMenu}
            onNodeContextMenu={gestures.onNodeContextMenu}
            onConnectEnd={gestures.onConnectEnd}
            isValidConnection={isValidConnection}
            onEdgeMouseEnter={onEdgeEnter}
            onEdgeMouseLeave={onLeave}
            onNodeMouseEnter={onNodeEnter}
            onNodeMouseLeave={onLeave}
            colorMode={dark ? 'dark' : 'light'}
            deleteKeyCode={null}
            nodesConnectable
            elevateNodesOnSelect={false}
            minZoom={0.15}
            maxZoom={2.5}
            fitView
            fitViewOptions={FIT_VIEW_OPTIONS}
            onlyRenderVisibleElements={model?.summary !== undefined}
            proOptions={{ hideAttribution: true }}
            onKeyDown={onCanvasKeyDown}
            aria-label="Flows between namespaces, workloads and outside addresses"
          >
            <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="var(--grid-dot)" />
            <OverviewMap />
            {gestures.connect && model && (
              <AllowFlowPopover request={gestures.connect} model={model} onClose={gestures.closeConnect} />
            )}
            {gestures.edgeMenu && (
              <EdgeMenu
                menu={gestures.edgeMenu}
                onClose={gestures.closeEdgeMenu}
                items={gestures.edgeMenu.items}
              />
            )}
            {gestures.namespaceMenu && (
              <EdgeMenu
                menu={gestures.namespaceMenu}
                onClose={gestures.closeNamespaceMenu}
                label={`Namespace ${gestures.namespaceMenu.namespace}: guardrails for everyone`}
                testId="namespace-menu"
                items={asMenuItems(namespaceGuardrails(gestures.namespaceMenu.namespace), 'namespace-menu')}
              />
            )}
            {model && <CidrFromMenu model={model} />}
          </ReactFlow>
        </div>
        {matrix && <MatrixView />}
      </div>
    </>
  );
}

/** The canvas with the inspector at its right edge; an empty workspace shows the empty state instead. */
export function Canvas() {
  const empty = useAppStore(selectIsEmpty);
  const editingPolicy = useAppStore(selectEditingPolicy);
  const origin = useAppStore(selectOrigin);
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  // Another workspace (example, import, share link): the rule editor and edit dialogs were about the old one.
  useEffect(() => {
    const { openPolicyEditor, setEditDialog, dismissEditReport } = useAppStore.getState();
    openPolicyEditor(null);
    setEditDialog(null);
    dismissEditReport();
  }, [origin]);
  return (
    <div className="canvas-area">
      <div className="canvas" data-testid="canvas" ref={setRoot}>
        {empty ? (
          <EmptyState />
        ) : (
          <>
            <div className="canvas__flow">
              <ReactFlowProvider>
                <FlowCanvas root={root} />
              </ReactFlowProvider>
            </div>
            <Legend />
            <EditDialogs />
          </>
        )}
        <LoadProgressOverlay />
      </div>
      {!empty && (editingPolicy ? <PolicyEditor policyId={editingPolicy} /> : <Inspector />)}
    </div>
  );
}
