/**
 * React Flow nodes and edges for one view model, laid out by the kept positions and styled by the
 * view state (filters, selection, hover). Pure: the same inputs give the same elements.
 */
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { Verdict } from '../../engine';
import type {
  AggregateEdgeView,
  EdgeView,
  EndpointView,
  ExternalView,
  NamespaceView,
  ViewModel,
} from '../model/view-model';
import { namespaceNodeId } from '../model/ids';
import { isDenied, verdictWords } from '../model/verdicts';
import { indexObserved, type ObservedCounts, type ObservedMark } from '../model/observed-match';
import type { Selection, VerdictFilter } from '../store';
import { COLLAPSED_SIZE, ENDPOINT_SIZE, EXTERNAL_SIZE, INSIDE_MARK_FROM } from './grid';
import { headerExtents, namespaceWidth } from './header-width';
import { groupSize, type Positions } from './layout';
import { formatCount } from '../model/format';
import type { Obstacle, Route, RoutedEdge } from './FlowEdge/route';

/** Above this many edges the canvas counts as busy and hides denied flows unless asked. */
export const BUSY_EDGE_COUNT = 40;

/**
 * Every workload of a namespace may reach every other one: drawn as one mark on the namespace
 * instead of n(n-1) edges. `ports`: what the policies let through, when they restrict ports.
 */
export interface InsideMark {
  pairs: number;
  allowed: number;
  open: number;
  ports: string | null;
}
export type NamespaceNodeType = Node<{ namespace: NamespaceView; inside?: InsideMark }, 'namespace'>;
export type EndpointNodeType = Node<{ endpoint: EndpointView; involved: boolean }, 'endpoint'>;
export type ExternalNodeType = Node<{ external: ExternalView; involved: boolean }, 'external'>;
export type CanvasNode = NamespaceNodeType | EndpointNodeType | ExternalNodeType;

export interface FlowEdgeData extends Record<string, unknown> {
  edge: EdgeView;
  verdict: Verdict;
  label: string | null;
  /** Focused: the hovered or selected edge, or one of a focused node's; the others dim by CSS (focusElements). */
  emphasis: 'normal' | 'focus';
  /** How far the curve bows, as routed around the cards (FlowEdge/route.ts). */
  bend?: number;
  /** Drawn above the cards (see withRoutes): only its middle takes the pointer. */
  lifted?: boolean;
  /** Where along the curve the label and badge sit (route.ts), clear of the cards and headers. */
  labelAt?: number;
  /** What the imported flow logs saw on this pair, with the connections counted. */
  observed?: { mark: ObservedMark; count: number };
}
export type FlowEdgeType = Edge<FlowEdgeData, 'flow'>;

/** How an aggregate edge is drawn: by what its flows have in common (see aggregateLook). */
export type AggregateLook = 'allow' | 'mixed' | 'allow-open' | 'denied';

export interface AggregateEdgeData extends Record<string, unknown> {
  aggregate: AggregateEdgeView;
  look: AggregateLook;
  label: string;
  /** Focused: the hovered or selected edge, or one of a focused node's; the others dim by CSS (focusElements). */
  emphasis: 'normal' | 'focus';
  bend?: number;
  lifted?: boolean;
  /** Where along the curve the label and badge sit (route.ts), clear of the cards and headers. */
  labelAt?: number;
  /** What the imported logs saw between the two boxes: their connections, those that would break first. */
  observed?: { mark: ObservedMark; count: number };
}
export type AggregateEdgeType = Edge<AggregateEdgeData, 'aggregate'>;
export type CanvasEdge = FlowEdgeType | AggregateEdgeType;

export interface ViewFilters {
  verdictFilter: VerdictFilter;
  portFilter: string;
}

/**
 * Where edges attach, declared up front: a big workspace renders only the nodes on screen, and
 * React Flow draws an edge only when it knows both ends' handles, rendered or not. (Edges float
 * between borders anyway; see FlowEdge/geometry.ts.)
 */
function anchors({ width, height }: { width: number; height: number }): NodeHandle[] {
  return [
    { type: 'source', position: Position.Right, x: width, y: height / 2, width: 1, height: 1 },
    { type: 'target', position: Position.Left, x: 0, y: height / 2, width: 1, height: 1 },
  ];
}

/** Denied flows are hidden by default only when there are too many edges to read. */
export function showsDenied(filter: VerdictFilter, edgeCount: number): boolean {
  return filter === 'all' || filter === 'denied' || (filter === 'auto' && edgeCount <= BUSY_EDGE_COUNT);
}

/**
 * Open flows join nearly every pair (and every workload to the internet), so a busy canvas shows,
 * by default, only what policies allow, as a busy summary does; "Allowed" or "All" bring them
 * back. When no policy allows anything there is nothing else to show, and they stay.
 */
export function showsOpen(filter: VerdictFilter, model: ViewModel): boolean {
  return (
    filter !== 'auto' ||
    model.edges.length <= BUSY_EDGE_COUNT ||
    !model.edges.some((edge) => edge.verdict === 'allow')
  );
}

function passesVerdict(verdict: Verdict, filter: VerdictFilter, edgeCount: number, open: boolean): boolean {
  if (filter === 'allowed') return !isDenied(verdict);
  if (filter === 'denied') return isDenied(verdict);
  if (verdict === 'allow-open') return open;
  return !isDenied(verdict) || showsDenied(filter, edgeCount);
}

/** Nodes at the ends of the selected or hovered element. */
function focusSet(model: ViewModel, focus: Selection): Set<string> | null {
  if (!focus) return null;
  if (focus.kind === 'edge') {
    const edge = model.edges.find((e) => e.id === focus.id);
    return edge ? new Set([edge.source, edge.target]) : null;
  }
  if (focus.id.startsWith('ns:')) return null;
  return new Set([focus.id]);
}

const insideMarks = new WeakMap<ViewModel, Map<string, InsideMark>>();
const endpointNamespaces = new WeakMap<ViewModel, Map<string, string>>();

/** The namespace of each endpoint node, by node id: read from the view model, never out of the id. */
export function namespaceOfNode(model: ViewModel): ReadonlyMap<string, string> {
  let known = endpointNamespaces.get(model);
  if (!known) {
    known = new Map(model.endpoints.map((e) => [e.nodeId, e.namespace]));
    endpointNamespaces.set(model, known);
  }
  return known;
}

/** Namespaces (by node id) whose workloads all reach each other, by the engine's verdicts. */
export function allowedInside(model: ViewModel): Map<string, InsideMark> {
  const known = insideMarks.get(model);
  if (known) return known;
  const namespaceOf = namespaceOfNode(model);
  const sizes = new Map<string, number>();
  for (const name of namespaceOf.values())
    sizes.set(namespaceNodeId(name), (sizes.get(namespaceNodeId(name)) ?? 0) + 1);
  const inside = new Map<string, { allowed: number; open: number; ports: Set<string | null> }>();
  for (const edge of model.edges) {
    const name = namespaceOf.get(edge.source);
    if (name === undefined || name !== namespaceOf.get(edge.target) || isDenied(edge.verdict)) continue;
    const ns = namespaceNodeId(name);
    const entry = inside.get(ns) ?? { allowed: 0, open: 0, ports: new Set() };
    if (edge.verdict === 'allow') entry.allowed++;
    else entry.open++;
    entry.ports.add(edge.portLabel);
    inside.set(ns, entry);
  }
  const marks = new Map<string, InsideMark>();
  for (const [ns, entry] of inside) {
    const n = sizes.get(ns) ?? 0;
    const pairs = n * (n - 1);
    if (n < INSIDE_MARK_FROM || entry.allowed + entry.open !== pairs) continue;
    const ports =
      entry.ports.size === 1 ? [...entry.ports][0]! : entry.ports.has(null) ? null : 'several ports';
    marks.set(ns, { pairs, allowed: entry.allowed, open: entry.open, ports });
  }
  insideMarks.set(model, marks);
  return marks;
}

/**
 * Every node carries its size as measured: a node object React Flow has not seen before counts as
 * unmeasured until its ResizeObserver fires, which it never does when the size did not change, and
 * fitView waits for every node to be measured. Hovering rebuilds the hovered node's object, so
 * without this Fit View stopped working after the first hover.
 */
export function buildNodes(model: ViewModel, positions: Positions): CanvasNode[] {
  const childIds = new Map<string, string[]>(model.namespaces.map((ns) => [ns.nodeId, []]));
  for (const endpoint of model.endpoints)
    childIds.get(namespaceNodeId(endpoint.namespace))?.push(endpoint.nodeId);
  const nodes: CanvasNode[] = [];
  const marks = allowedInside(model);
  for (const ns of model.namespaces) {
    const inside = marks.get(ns.nodeId);
    const size = ns.collapsed
      ? COLLAPSED_SIZE
      : groupSize(childIds.get(ns.nodeId) ?? [], positions, namespaceWidth(ns));
    nodes.push({
      id: ns.nodeId,
      type: 'namespace',
      position: positions[ns.nodeId] ?? { x: 0, y: 0 },
      data: inside ? { namespace: ns, inside } : { namespace: ns },
      width: size.width,
      height: size.height,
      measured: size,
      handles: anchors(size),
      // An open namespace is picked by its header: the rest of it lets clicks through to the
      // edges drawn beneath it, which would otherwise be hidden wherever they cross the group.
      ...(ns.collapsed ? {} : { style: { pointerEvents: 'none' as const } }),
      selected: false,
      ariaLabel: ns.collapsed
        ? `Namespace ${ns.name}, collapsed, ${ns.endpointCount} workloads`
        : `Namespace ${ns.name}`,
      dragHandle: '.namespace-node__header',
    });
  }
  for (const endpoint of model.endpoints) {
    nodes.push({
      id: endpoint.nodeId,
      type: 'endpoint',
      parentId: namespaceNodeId(endpoint.namespace),
      position: positions[endpoint.nodeId] ?? { x: 0, y: 0 },
      data: { endpoint, involved: false },
      ...ENDPOINT_SIZE,
      measured: ENDPOINT_SIZE,
      handles: anchors(ENDPOINT_SIZE),
      selected: false,
      ariaLabel: `${endpoint.kind} ${endpoint.id}`,
    });
  }
  for (const external of model.externals) {
    nodes.push({
      id: external.nodeId,
      type: 'external',
      position: positions[external.nodeId] ?? { x: 0, y: 0 },
      data: { external, involved: false },
      ...EXTERNAL_SIZE,
      measured: EXTERNAL_SIZE,
      handles: anchors(EXTERNAL_SIZE),
      selected: false,
      ariaLabel: external.internet
        ? 'The internet'
        : external.group
          ? external.cidr
          : `Outside range ${external.cidr}`,
    });
  }
  return nodes;
}

/** Where every node is drawn, in flow coordinates, for routing edges around the cards. */
export function nodeBoxes(model: ViewModel, positions: Positions): Map<string, Obstacle> {
  const boxes = new Map<string, Obstacle>();
  const childIds = new Map<string, string[]>(model.namespaces.map((ns) => [ns.nodeId, []]));
  for (const endpoint of model.endpoints)
    childIds.get(namespaceNodeId(endpoint.namespace))?.push(endpoint.nodeId);
  for (const ns of model.namespaces) {
    const at = positions[ns.nodeId] ?? { x: 0, y: 0 };
    const size = ns.collapsed
      ? COLLAPSED_SIZE
      : groupSize(childIds.get(ns.nodeId) ?? [], positions, namespaceWidth(ns));
    boxes.set(ns.nodeId, {
      id: ns.nodeId,
      ...at,
      ...size,
      solid: ns.collapsed === true,
      ...(!ns.collapsed && { header: headerExtents(ns) }),
    });
  }
  for (const endpoint of model.endpoints) {
    const parent = namespaceNodeId(endpoint.namespace);
    const origin = positions[parent] ?? { x: 0, y: 0 };
    const at = positions[endpoint.nodeId] ?? { x: 0, y: 0 };
    boxes.set(endpoint.nodeId, {
      id: endpoint.nodeId,
      x: origin.x + at.x,
      y: origin.y + at.y,
      ...ENDPOINT_SIZE,
      parent,
      solid: true,
    });
  }
  for (const external of model.externals)
    boxes.set(external.nodeId, {
      id: external.nodeId,
      ...(positions[external.nodeId] ?? { x: 0, y: 0 }),
      ...EXTERNAL_SIZE,
      solid: true,
    });
  return boxes;
}

/**
 * What the router is told of an edge: its ends, and whether it shows a label or a badge (a
 * counted edge shows its counts only while focused, so only its badge counts).
 */
export const routedEdge = (edge: CanvasEdge): RoutedEdge => ({
  id: edge.id,
  source: edge.source,
  target: edge.target,
  labelled: Boolean(edge.data?.observed || (edge.type === 'flow' && edge.data?.label)),
});

/**
 * The edges with the bends the router chose for them. An edge drawn beneath the boxes that could
 * not be routed around them all comes above them, so that it can still be seen and picked at its
 * middle; its ends, over the cards and their connect dots, let the pointer through, and while a
 * connection is drawn no edge takes the pointer (Canvas.css), so a drop reaches the card.
 */
export function withRoutes(edges: readonly CanvasEdge[], routes: ReadonlyMap<string, Route>): CanvasEdge[] {
  return edges.map((edge) => {
    const route = routes.get(edge.id);
    if (!route) return edge;
    const lifted = !route.clear && (edge.zIndex ?? 0) < 1;
    const zIndex = lifted ? 1 : edge.zIndex;
    return {
      ...edge,
      zIndex,
      data: { ...edge.data!, bend: route.bend, lifted, labelAt: route.labelAt },
    } as CanvasEdge;
  });
}

/**
 * `changes`: edges the last edit turned allowed or denied, marked with `data-change` for a few seconds.
 * `asked`: the flow a lesson asks about; it is always drawn, whatever an inside mark or the busy
 * default would hide, since the learner is asked to look at it.
 */
export function buildEdges(
  model: ViewModel,
  filters: ViewFilters,
  changes?: Readonly<Record<string, 'allowed' | 'denied'>> | null,
  asked?: { from: string; to: string } | null,
  /** Mark allowed pairs of endpoints that no imported log has seen. */
  neverSeen = false,
): CanvasEdge[] {
  const seen = model.observed ? indexObserved(model.observed).byEdge : null;
  const aggregates = model.summary?.aggregates ?? [];
  const total = model.edges.length + aggregates.length;
  // With a port chosen, each edge shows the verdict for that very port.
  const perPort = new Map<string, Verdict>();
  if (filters.portFilter) {
    for (const row of model.flows) {
      if (row.edgeId && row.port !== null && `${row.port}/${row.protocol}` === filters.portFilter)
        perPort.set(row.edgeId, row.verdict);
    }
  }
  const edges: CanvasEdge[] = [];
  const open = showsOpen(filters.verdictFilter, model);
  // A summary counts for one port at a time: its counts are drawn when they are for the port chosen.
  if (model.summary?.port === filters.portFilter) {
    for (const aggregate of aggregates) {
      const look = aggregateLook(aggregate);
      const observed = seen && edgeObserved(null, seen.get(aggregate.id), false);
      // As between two cards, what would break is drawn whatever the verdict filter hides.
      if (!aggregatePasses(aggregate, look, filters.verdictFilter, total) && observed?.mark !== 'would-break')
        continue;
      const label = countsLabel(aggregate);
      edges.push({
        id: aggregate.id,
        type: 'aggregate',
        source: aggregate.source,
        target: aggregate.target,
        data: { aggregate, look, label, emphasis: 'normal', ...(observed && { observed }) },
        selected: false,
        domAttributes: {
          'data-verdict': look,
          'data-total': String(aggregate.total),
          ...(observed && { 'data-observed': observed.mark, 'data-observed-count': String(observed.count) }),
          tabIndex: -1,
        } as never,
        ariaLabel: `${aggregate.from} to ${aggregate.to}: ${label}`,
        // Beneath the boxes, so that their buttons stay within reach (the router keeps edges
        // clear of boxes where it can); a focused edge comes up.
        zIndex: -1,
      });
    }
  }
  const marks = filters.portFilter ? null : allowedInside(model);
  const namespaceOf = namespaceOfNode(model);
  for (const edge of model.edges) {
    const isAsked = asked?.from === edge.from && asked.to === edge.to;
    // Edges inside a namespace whose workloads all reach each other are its mark instead.
    const ns = namespaceOf.get(edge.source);
    if (
      !isAsked &&
      ns !== undefined &&
      ns === namespaceOf.get(edge.target) &&
      marks?.has(namespaceNodeId(ns))
    )
      continue;
    const verdict = filters.portFilter ? perPort.get(edge.id) : edge.verdict;
    const observed = seen && edgeObserved(edge, seen.get(edge.id), neverSeen);
    // What would break is always drawn, whatever the verdict filter hides.
    if (
      !verdict ||
      !(
        isAsked ||
        passesVerdict(verdict, filters.verdictFilter, total, open) ||
        observed?.mark === 'would-break'
      )
    )
      continue;
    const label =
      filters.portFilter && !isDenied(verdict)
        ? filters.portFilter.replace(/^(\d+)\/(\w+)$/, '$2 $1')
        : edge.portLabel;
    edges.push({
      id: edge.id,
      type: 'flow',
      source: edge.source,
      target: edge.target,
      data: {
        edge,
        verdict,
        label: isDenied(verdict) ? null : label,
        emphasis: 'normal',
        ...(observed && { observed }),
      },
      selected: false,
      domAttributes: {
        'data-verdict': verdict,
        ...(changes?.[edge.id] && { 'data-change': changes[edge.id] }),
        ...(observed && { 'data-observed': observed.mark, 'data-observed-count': String(observed.count) }),
        tabIndex: -1,
      } as never,
      ariaLabel: `${edge.from} to ${edge.to}: ${verdictWords(verdict)}${label && !isDenied(verdict) ? `, ${label}` : ''}`,
      // React Flow lifts edges of nested nodes by their depth (+1): at 0 an edge is level with the
      // workload cards and, drawn before them, beneath them, so a wide hit area never takes a
      // card's hover, its connect dot or a drop aimed at it, not even when focused (the focus
      // shows by dimming the rest). Open flows stay one level lower, beneath the namespace
      // groups, so that what the policies decide stands out.
      zIndex: verdict === 'allow-open' ? -1 : 0,
    });
  }
  return edges;
}

/** The elements as hovering and selection show them, and whether the others dim. */
export interface FocusedElements {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** An edge is selected: workloads and ranges not at its ends fade. */
  dimsNodes: boolean;
  /** Something is focused: edges not focused fade. */
  dimsEdges: boolean;
}

/**
 * Marks what is selected and what the hovered (else selected) element touches on elements built
 * without them. Only those elements become new objects: React Flow redraws them alone, and the
 * rest fade through a class on the graph (dimsNodes, dimsEdges), so a hover on a canvas of 400
 * edges redraws the few it touches instead of rebuilding and redrawing every element.
 */
export function focusElements(
  model: ViewModel,
  nodes: CanvasNode[],
  edges: CanvasEdge[],
  selection: Selection,
  hovered: Selection,
): FocusedElements {
  const involved = focusSet(model, hovered ?? selection);
  const selectedNode = selection?.kind === 'node' ? selection.id : null;
  const selectedEdge = selection?.kind === 'edge' ? selection.id : null;
  const focus = hovered ?? selection;
  // A collapsed namespace stands for its endpoints, so focusing it focuses its edges.
  const focusNode =
    focus?.kind === 'node' &&
    (!focus.id.startsWith('ns:') || model.namespaces.some((ns) => ns.nodeId === focus.id && ns.collapsed))
      ? focus.id
      : null;
  const focusEdge = focus?.kind === 'edge' ? focus.id : null;
  return {
    nodes: nodes.map((node) => {
      const selected = node.id === selectedNode;
      const isInvolved = node.type !== 'namespace' && (involved?.has(node.id) ?? false);
      if (!selected && !isInvolved) return node;
      return {
        ...node,
        selected,
        ...(isInvolved && { data: { ...node.data, involved: true } }),
      } as CanvasNode;
    }),
    edges: edges.map((edge) => {
      const focused =
        focusEdge === edge.id ||
        (focusNode !== null && (edge.source === focusNode || edge.target === focusNode));
      const selected = edge.id === selectedEdge;
      if (!focused && !selected) return edge;
      // A focused edge comes up, above the boxes (counted edges) or level with the cards, and
      // one drawn above the cards (not routed clear of them) stays there.
      const zIndex = focused ? Math.max(edge.zIndex ?? 0, edge.type === 'aggregate' ? 10 : 0) : edge.zIndex;
      return {
        ...edge,
        selected,
        zIndex,
        data: { ...edge.data!, emphasis: focused ? 'focus' : 'normal' },
      } as CanvasEdge;
    }),
    dimsNodes: involved !== null && selection?.kind === 'edge',
    dimsEdges: focusNode !== null || focusEdge !== null,
  };
}

/**
 * An edge's mark from the logs: seen (allowed or would break), or allowed and never seen (only
 * between two cards: `edge` null is a counted edge between boxes).
 */
function edgeObserved(
  edge: EdgeView | null,
  counts: ObservedCounts | undefined,
  neverSeen: boolean,
): FlowEdgeData['observed'] | null {
  if (counts?.denied) return { mark: 'would-break', count: counts.denied };
  if (counts?.allowed) return { mark: 'allowed', count: counts.allowed };
  if (!edge) return null;
  const betweenEndpoints = edge.source.startsWith('ep:') && edge.target.startsWith('ep:');
  if (neverSeen && betweenEndpoints && !isDenied(edge.verdict)) return { mark: 'never-seen', count: 0 };
  return null;
}

const DENIED_VERDICTS = ['deny-egress', 'deny-ingress', 'deny-both'] as const;

function deniedCount(aggregate: AggregateEdgeView): number {
  return DENIED_VERDICTS.reduce((sum, verdict) => sum + (aggregate.counts[verdict] ?? 0), 0);
}

/**
 * All allowed by policy, all open, all denied, or a mix. A mix with anything a policy allows is
 * drawn as a mix; open and denied together read as open, since what is allowed stands out.
 */
export function aggregateLook(aggregate: AggregateEdgeView): AggregateLook {
  const allowed = aggregate.counts.allow ?? 0;
  const open = aggregate.counts['allow-open'] ?? 0;
  if (allowed === aggregate.total) return 'allow';
  if (allowed > 0) return 'mixed';
  if (open > 0) return 'allow-open';
  return 'denied';
}

/** Unless asked for more, a busy summary shows only what policies allow: open flows join nearly every pair of boxes. */
function aggregatePasses(
  aggregate: AggregateEdgeView,
  look: AggregateLook,
  filter: VerdictFilter,
  edgeCount: number,
): boolean {
  if (filter === 'allowed') return look !== 'denied';
  if (filter === 'denied') return deniedCount(aggregate) > 0;
  if (filter === 'all' || edgeCount <= BUSY_EDGE_COUNT) return true;
  return look === 'allow' || look === 'mixed';
}

/** `12 allowed · 3 open · 40 denied`: endpoint pairs per kind of verdict. */
export function countsLabel(aggregate: AggregateEdgeView): string {
  const parts: string[] = [];
  const allowed = aggregate.counts.allow ?? 0;
  const open = aggregate.counts['allow-open'] ?? 0;
  const denied = deniedCount(aggregate);
  if (allowed) parts.push(`${formatCount(allowed)} allowed`);
  if (open) parts.push(`${formatCount(open)} open`);
  if (denied) parts.push(`${formatCount(denied)} denied`);
  return parts.join(' · ');
}

/** What an edge looks like on screen; two edges that agree here need not be drawn again. */
export function edgeLook(edge: CanvasEdge): string {
  const data = edge.data!;
  const look = 'look' in data ? data.look : data.verdict;
  return [
    edge.type,
    edge.source,
    edge.target,
    edge.selected,
    edge.zIndex,
    data.emphasis,
    data.label,
    data.bend,
    data.lifted,
    look,
    JSON.stringify(edge.domAttributes),
  ].join('|');
}

/** What a node looks like on screen: everything it is given, which is plain data. */
export function nodeLook(node: CanvasNode): string {
  return JSON.stringify(node);
}

/**
 * The new elements, reusing the previous object of every element drawn exactly as before:
 * React Flow then redraws only what changed, which on a big canvas is the difference between a
 * frame and a visible pause per evaluation.
 */
export function keepUnchanged<T extends { id: string }>(
  previous: ReadonlyMap<string, T>,
  next: readonly T[],
  look: (element: T) => string,
): T[] {
  return next.map((element) => {
    const before = previous.get(element.id);
    return before && look(before) === look(element) ? before : element;
  });
}

/**
 * Every `port/protocol` some endpoint declares or some flow row names (a probe may name another),
 * for the port filter: a collapsed workspace draws few flows but offers every declared port.
 */
export function portOptions(model: ViewModel): string[] {
  const seen = new Map<string, { port: number; protocol: string }>();
  for (const key of model.ports) {
    const [port, protocol] = key.split('/');
    seen.set(key, { port: Number(port), protocol: protocol! });
  }
  for (const row of model.flows)
    if (row.port !== null && row.protocol)
      seen.set(`${row.port}/${row.protocol}`, { port: row.port, protocol: row.protocol });
  return [...seen.entries()]
    .sort(([, a], [, b]) => a.port - b.port || a.protocol.localeCompare(b.protocol))
    .map(([key]) => key);
}
