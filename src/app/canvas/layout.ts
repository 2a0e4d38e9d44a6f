/**
 * Where nodes sit. The first picture of a workspace comes from ELK (layered, top to bottom, with
 * namespaces as compound nodes); after that positions are kept, so an edit that changes verdicts
 * never moves anything, and only nodes that are new get a place, next to their peers.
 */
import type { ELK as ElkEngine, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ViewModel } from '../model/view-model';
import type { Point } from '../store';

export const ENDPOINT_SIZE = { width: 208, height: 76 };
export const EXTERNAL_SIZE = { width: 184, height: 64 };
export const GROUP_PAD = { top: 56, side: 18, bottom: 18 };
/** A collapsed namespace of a big workspace: a box with counts instead of its workloads. */
export const COLLAPSED_SIZE = { width: 300, height: 132 };
const EMPTY_GROUP = { width: 240, height: 110 };
const GAP = 28;

let elk: Promise<ElkEngine> | null = null;

/** ELK is large; it loads with the first layout rather than with the page. */
function loadElk(): Promise<ElkEngine> {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK());
  return elk;
}

export type Positions = Record<string, Point>;

/** Framing that keeps the graph clear of the filters and controls (top) and the minimap (bottom corner). */
// includeHiddenNodes: big workspaces render only what is on screen, and the rest must count too.
export const FIT_VIEW_OPTIONS = {
  padding: { top: '60px', bottom: '112px', left: '28px', right: '28px' },
  maxZoom: 1.1,
  includeHiddenNodes: true,
} as const;

/** Size of a namespace group: it wraps its children wherever they have been moved. */
export function groupSize(
  childIds: readonly string[],
  positions: Positions,
): { width: number; height: number } {
  if (childIds.length === 0) return EMPTY_GROUP;
  let right = 0;
  let bottom = 0;
  for (const id of childIds) {
    const p = positions[id];
    if (!p) continue;
    right = Math.max(right, p.x + ENDPOINT_SIZE.width);
    bottom = Math.max(bottom, p.y + ENDPOINT_SIZE.height);
  }
  return {
    width: Math.max(EMPTY_GROUP.width, right + GROUP_PAD.side),
    height: Math.max(EMPTY_GROUP.height, bottom + GROUP_PAD.bottom),
  };
}

function childrenOf(model: ViewModel): Map<string, string[]> {
  const map = new Map<string, string[]>(model.namespaces.map((ns) => [ns.nodeId, []]));
  for (const endpoint of model.endpoints) map.get(`ns:${endpoint.namespace}`)?.push(endpoint.nodeId);
  return map;
}

/**
 * More edges than this and ELK's crossing minimization runs for minutes on the main thread (a
 * namespace under default deny denies every pair); the layout then ignores edges.
 */
const MAX_LAYOUT_EDGES = 150;

/**
 * The edges that shape the layout: the flows policies allow. Open flows connect everything and
 * denied ones, under a default deny, connect everything too; packed boxes ignore edges.
 */
function layoutEdges(model: ViewModel): ElkExtendedEdge[] {
  if (model.summary) return [];
  const allowed = model.edges.filter((edge) => edge.verdict === 'allow');
  if (allowed.length > MAX_LAYOUT_EDGES) return [];
  return allowed.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] }));
}

/** A full automatic layout. Only edges that policies decide shape it: open flows connect everything. */
export async function autoLayout(model: ViewModel): Promise<Positions> {
  const children = childrenOf(model);
  // Spacing applies per compound node, so groups repeat it; the gap between layers leaves room
  // for the edges and their port labels.
  const spacing = {
    'elk.direction': 'DOWN',
    'elk.spacing.nodeNode': '36',
    'elk.layered.spacing.nodeNodeBetweenLayers': '120',
    'elk.spacing.componentComponent': '64',
  };
  // A summarized workspace has too many counted edges for a layered picture to help: its boxes
  // are packed in rows, in name order, and only open namespaces lay out their workloads.
  const root: Record<string, string> = model.summary
    ? {
        'elk.algorithm': 'rectpacking',
        'elk.aspectRatio': '1.8',
        'elk.spacing.nodeNode': '64',
        'elk.rectpacking.widthApproximation.optimizationGoal': 'ASPECT_RATIO_DRIVEN',
      }
    : {
        ...spacing,
        'elk.spacing.nodeNode': '56',
        'elk.algorithm': 'layered',
        'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
        'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      };
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: root,
    children: [
      ...model.namespaces.map((ns) => ({
        id: ns.nodeId,
        ...(ns.collapsed
          ? COLLAPSED_SIZE
          : {
              layoutOptions: {
                ...spacing,
                // In a summary, an open namespace's workloads are a compact grid: their edges are counted elsewhere too.
                ...(model.summary
                  ? { 'elk.algorithm': 'rectpacking', 'elk.aspectRatio': '2.2' }
                  : { 'elk.algorithm': 'layered' }),
                'elk.padding': `[top=${GROUP_PAD.top},left=${GROUP_PAD.side},bottom=${GROUP_PAD.bottom},right=${GROUP_PAD.side}]`,
                'elk.nodeSize.minimum': `(${EMPTY_GROUP.width}, ${EMPTY_GROUP.height})`,
                'elk.nodeSize.constraints': 'MINIMUM_SIZE',
              },
              children: (children.get(ns.nodeId) ?? []).map((id) => ({ id, ...ENDPOINT_SIZE })),
            }),
      })),
      ...model.externals.map((ext) => ({ id: ext.nodeId, ...EXTERNAL_SIZE })),
    ],
    edges: layoutEdges(model),
  };
  const laid = await (await loadElk()).layout(graph);
  const positions: Positions = {};
  const visit = (node: ElkNode) => {
    for (const child of node.children ?? []) {
      positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
      visit(child);
    }
  };
  visit(laid);
  return positions;
}

/**
 * Gives a place to nodes that have none, without moving any other: an endpoint goes below its
 * namespace's last child, a namespace or an outside node to the right of everything.
 * Returns null when every node already has a place.
 */
export function placeNewNodes(model: ViewModel, positions: Positions): Positions | null {
  const children = childrenOf(model);
  const next: Positions = { ...positions };
  let changed = false;
  const bounds = () => {
    let right = 0;
    let top = Infinity;
    for (const ns of model.namespaces) {
      const p = next[ns.nodeId];
      if (!p) continue;
      right = Math.max(
        right,
        p.x + (ns.collapsed ? COLLAPSED_SIZE.width : groupSize(children.get(ns.nodeId) ?? [], next).width),
      );
      top = Math.min(top, p.y);
    }
    for (const ext of model.externals) {
      const p = next[ext.nodeId];
      if (p) right = Math.max(right, p.x + EXTERNAL_SIZE.width);
    }
    return { right, top: Number.isFinite(top) ? top : 0 };
  };
  for (const ns of model.namespaces) {
    const ids = children.get(ns.nodeId) ?? [];
    const isNewGroup = !next[ns.nodeId];
    for (const id of ids) {
      if (next[id]) continue;
      const placed = ids.filter((other) => next[other]);
      const bottom = placed.reduce(
        (max, other) => Math.max(max, next[other]!.y + ENDPOINT_SIZE.height),
        GROUP_PAD.top - GAP,
      );
      next[id] = { x: GROUP_PAD.side, y: bottom + GAP };
      changed = true;
    }
    if (isNewGroup) {
      const { right, top } = bounds();
      next[ns.nodeId] = { x: right + 96, y: top };
      changed = true;
    }
  }
  for (const ext of model.externals) {
    if (next[ext.nodeId]) continue;
    const { right, top } = bounds();
    next[ext.nodeId] = { x: right + 96, y: top };
    changed = true;
  }
  return changed ? next : null;
}
