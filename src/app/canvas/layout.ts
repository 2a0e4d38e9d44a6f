/**
 * Where nodes sit. The first picture of a workspace is laid out in the layout worker (ELK packs
 * the namespaces into the canvas's shape, in flow order, so sources come before destinations in
 * reading order); workloads sit in a grid inside their namespace and outside nodes in a column at
 * the right edge. After that positions are kept, so an edit that changes verdicts never moves
 * anything and a node the user moved stays where it was put; only new nodes get a place.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import { namespaceNodeId } from '../model/ids';
import type { ViewModel } from '../model/view-model';
import type { Point } from '../store';
import {
  CARD_GAP,
  COLLAPSED_SIZE,
  EMPTY_GROUP,
  ENDPOINT_SIZE,
  EXTERNAL_SIZE,
  flowOrder,
  GROUP_GAP,
  GROUP_PAD,
  gridCell,
  gridColumns,
  gridGroupSize,
} from './grid';
import { namespaceWidth } from './header-width';
import { runElk } from './layout-client';

export type Positions = Record<string, Point>;

/** Multiples of the wanted aspect ratio asked of ELK (see autoLayout). */
const PACKING_TRIES = [0.6, 0.8, 1, 1.25, 1.6];

/**
 * Framing with a breathing margin: the filters and controls are strips above the view, and the
 * overview map shows only while part of the graph is out of view.
 */
// includeHiddenNodes: big workspaces render only what is on screen, and the rest must count too.
export const FIT_VIEW_OPTIONS = {
  padding: { top: '20px', bottom: '20px', left: '28px', right: '28px' },
  maxZoom: 1.1,
  includeHiddenNodes: true,
} as const;
/** The margins above in pixels, for the shape the layout aims at. */
export const FIT_MARGINS = { width: 56, height: 40 };

/** Size of a namespace group: it wraps its children wherever they have been moved, and its header. */
export function groupSize(
  childIds: readonly string[],
  positions: Positions,
  minWidth = EMPTY_GROUP.width,
): { width: number; height: number } {
  if (childIds.length === 0) return { ...EMPTY_GROUP, width: minWidth };
  let right = 0;
  let bottom = 0;
  for (const id of childIds) {
    const p = positions[id];
    if (!p) continue;
    right = Math.max(right, p.x + ENDPOINT_SIZE.width);
    bottom = Math.max(bottom, p.y + ENDPOINT_SIZE.height);
  }
  return {
    width: Math.max(minWidth, right + GROUP_PAD.side),
    height: Math.max(EMPTY_GROUP.height, bottom + GROUP_PAD.bottom),
  };
}

function childrenOf(model: ViewModel): Map<string, string[]> {
  const map = new Map<string, string[]>(model.namespaces.map((ns) => [ns.nodeId, []]));
  for (const endpoint of model.endpoints) map.get(namespaceNodeId(endpoint.namespace))?.push(endpoint.nodeId);
  return map;
}

/**
 * Flows that give the picture its direction: those policies allow (open flows join everything,
 * and so do denied ones under a default deny), between the boxes drawn for their ends.
 */
function directedPairs(model: ViewModel): { endpoints: [string, string][]; boxes: [string, string][] } {
  const box = new Map<string, string>(model.endpoints.map((e) => [e.nodeId, namespaceNodeId(e.namespace)]));
  const endpoints: [string, string][] = [];
  const boxes: [string, string][] = [];
  for (const edge of model.edges) {
    if (edge.verdict !== 'allow') continue;
    endpoints.push([edge.source, edge.target]);
    boxes.push([box.get(edge.source) ?? edge.source, box.get(edge.target) ?? edge.target]);
  }
  for (const aggregate of model.summary?.aggregates ?? [])
    if (aggregate.counts.allow) boxes.push([aggregate.source, aggregate.target]);
  return { endpoints, boxes };
}

/**
 * A full automatic layout, shaped for a view `aspect` times as wide as it is tall. Only flows that
 * policies allow give it a direction.
 */
export async function autoLayout(model: ViewModel, aspect: number): Promise<Positions> {
  const children = childrenOf(model);
  const pairs = directedPairs(model);
  const positions: Positions = {};
  const sizes = new Map<string, { width: number; height: number }>();
  for (const ns of model.namespaces) {
    if (ns.collapsed) {
      sizes.set(ns.nodeId, COLLAPSED_SIZE);
      continue;
    }
    const ids = flowOrder(children.get(ns.nodeId) ?? [], pairs.endpoints);
    const columns = gridColumns(ids.length);
    ids.forEach((id, index) => (positions[id] = gridCell(index, columns)));
    sizes.set(ns.nodeId, gridGroupSize(ids.length, namespaceWidth(ns)));
  }
  // The outside nodes take a column at the right edge: the namespaces get the rest of the shape.
  let area = 0;
  for (const size of sizes.values()) area += (size.width + GROUP_GAP) * (size.height + GROUP_GAP);
  const height = Math.sqrt(area / aspect) || 1;
  const column = model.externals.length ? EXTERNAL_SIZE.width + GROUP_GAP : 0;
  const blockAspect = Math.max(0.5, (aspect * height - column) / height);
  const order = flowOrder(
    model.namespaces.map((ns) => ns.nodeId),
    pairs.boxes,
  );
  const graph = (ratio: number): ElkNode => ({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'rectpacking',
      'elk.aspectRatio': String(ratio),
      'elk.spacing.nodeNode': String(GROUP_GAP),
      'elk.padding': '[top=0,left=0,bottom=0,right=0]',
      'elk.rectpacking.widthApproximation.optimizationGoal': 'ASPECT_RATIO_DRIVEN',
    },
    children: order.map((id) => ({ id, ...sizes.get(id)! })),
  });
  // ELK meets an aspect ratio only roughly: a few targets around the one wanted, and the packing
  // that Fit View can show largest wins (for a view 1 high and `aspect` wide).
  const packings = order.length
    ? await Promise.all(PACKING_TRIES.map((factor) => runElk(graph(blockAspect * factor))))
    : [{ id: 'root', children: [] }];
  const zoomFor = (packing: ElkNode) =>
    Math.min(aspect / ((packing.width ?? 0) + column || 1), 1 / (packing.height || 1));
  const laid = packings.reduce((best, packing) => (zoomFor(packing) > zoomFor(best) ? packing : best));
  let right = 0;
  let bottom = 0;
  for (const child of laid.children ?? []) {
    const x = Math.round(child.x ?? 0);
    const y = Math.round(child.y ?? 0);
    positions[child.id] = { x, y };
    right = Math.max(right, x + sizes.get(child.id)!.width);
    bottom = Math.max(bottom, y + sizes.get(child.id)!.height);
  }
  // Outside nodes: top to bottom, in more columns when they would run far below the namespaces.
  const step = EXTERNAL_SIZE.height + GROUP_GAP / 2;
  const perColumn = Math.max(1, Math.floor((Math.max(bottom, step) + GROUP_GAP / 2) / step));
  model.externals.forEach((ext, index) => {
    positions[ext.nodeId] = {
      x:
        (order.length ? right + GROUP_GAP : 0) +
        Math.floor(index / perColumn) * (EXTERNAL_SIZE.width + GROUP_GAP),
      y: (index % perColumn) * step,
    };
  });
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
  const grown: string[] = [];
  let changed = false;
  const bounds = () => {
    let right = 0;
    let top = Infinity;
    for (const ns of model.namespaces) {
      const p = next[ns.nodeId];
      if (!p) continue;
      right = Math.max(
        right,
        p.x +
          (ns.collapsed
            ? COLLAPSED_SIZE.width
            : groupSize(children.get(ns.nodeId) ?? [], next, namespaceWidth(ns)).width),
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
      if (!isNewGroup) grown.push(ns.nodeId);
      const placed = ids.filter((other) => next[other]);
      const bottom = placed.reduce(
        (max, other) => Math.max(max, next[other]!.y + ENDPOINT_SIZE.height),
        GROUP_PAD.top - CARD_GAP.y,
      );
      next[id] = { x: GROUP_PAD.side, y: bottom + CARD_GAP.y };
      changed = true;
    }
    if (isNewGroup) {
      const { right, top } = bounds();
      next[ns.nodeId] = { x: right + GROUP_GAP, y: top };
      changed = true;
    }
  }
  for (const ext of model.externals) {
    if (next[ext.nodeId]) continue;
    const { right, top } = bounds();
    next[ext.nodeId] = { x: right + GROUP_GAP, y: top };
    changed = true;
  }
  if (grown.length) pushBelow(model, children, next, grown);
  return changed ? next : null;
}

/**
 * A namespace that grew downwards (a new workload in it) pushes whatever it now overlaps below
 * itself, and so on down the canvas: nothing else moves, and no two boxes overlap.
 */
function pushBelow(
  model: ViewModel,
  children: Map<string, string[]>,
  next: Positions,
  grown: readonly string[],
): void {
  const size = new Map<string, { width: number; height: number }>();
  for (const ns of model.namespaces)
    size.set(
      ns.nodeId,
      ns.collapsed ? COLLAPSED_SIZE : groupSize(children.get(ns.nodeId) ?? [], next, namespaceWidth(ns)),
    );
  for (const ext of model.externals) size.set(ext.nodeId, EXTERNAL_SIZE);
  const ids = [...size.keys()].filter((id) => next[id]);
  const overlap = (a: string, b: string) => {
    const pa = next[a]!;
    const pb = next[b]!;
    const sa = size.get(a)!;
    const sb = size.get(b)!;
    return (
      pa.x < pb.x + sb.width && pb.x < pa.x + sa.width && pa.y < pb.y + sb.height && pb.y < pa.y + sa.height
    );
  };
  // Boxes only ever move down, below the box that pushes them, so this ends.
  const queue = [...new Set(grown)];
  while (queue.length) {
    const pusher = queue.shift()!;
    for (const id of ids) {
      if (id === pusher || !overlap(pusher, id)) continue;
      next[id] = { x: next[id]!.x, y: next[pusher]!.y + size.get(pusher)!.height + GROUP_GAP };
      queue.push(id);
    }
  }
}
