/**
 * Sizes and the arithmetic of the layout that needs no ELK: where workloads sit inside their
 * namespace, which order namespaces take (sources before destinations) and whether a workspace's
 * open picture can be read on a laptop screen at all. Pure, so the engine worker can ask too.
 */
export const ENDPOINT_SIZE = { width: 216, height: 64 };
export const EXTERNAL_SIZE = { width: 208, height: 64 };
export const GROUP_PAD = { top: 50, side: 16, bottom: 16 };
/** A collapsed namespace of a big workspace: a box with counts instead of its workloads. */
export const COLLAPSED_SIZE = { width: 256, height: 128 };
export const EMPTY_GROUP = { width: 232, height: 100 };
/** From this many workloads, a namespace whose workloads all reach each other gets a mark instead of edges. */
export const INSIDE_MARK_FROM = 3;
/** Between two cards: room for an edge, its arrow and its port label, so it is never hidden under them. */
export const CARD_GAP = { x: 44, y: 40 };
/** Between namespaces, and between the namespaces and the outside nodes. */
export const GROUP_GAP = 52;

/**
 * The smallest zoom at which the canvas's names (20 px) are still 10 px tall on screen, and the
 * flow area a 1440×900 window shows at that zoom (its canvas, less the margins Fit View keeps).
 */
const READABLE_ZOOM = 10 / 20;
const REFERENCE_VIEW = { width: 778 / READABLE_ZOOM, height: 388 / READABLE_ZOOM };
/** Packing namespaces of different sizes into a rectangle leaves gaps; this much of it is usable. */
const PACKING_FILL = 0.8;

export type Size = { width: number; height: number };
export type Point = { x: number; y: number };

/** Columns of a namespace's grid: a row of up to three, else about twice as wide as tall. */
export function gridColumns(count: number): number {
  if (count <= 3) return Math.max(1, count);
  const ratio = (2 * ENDPOINT_SIZE.height + CARD_GAP.y) / (ENDPOINT_SIZE.width + CARD_GAP.x);
  return Math.max(2, Math.ceil(Math.sqrt(count * ratio)));
}

/** Where the i-th workload of a namespace sits, relative to the namespace. */
export function gridCell(index: number, columns: number): Point {
  const column = index % columns;
  const row = Math.floor(index / columns);
  return {
    x: GROUP_PAD.side + column * (ENDPOINT_SIZE.width + CARD_GAP.x),
    y: GROUP_PAD.top + row * (ENDPOINT_SIZE.height + CARD_GAP.y),
  };
}

/** Size of a namespace whose `count` workloads sit in their grid, at least `minWidth` wide. */
export function gridGroupSize(count: number, minWidth = EMPTY_GROUP.width): Size {
  if (count === 0) return { ...EMPTY_GROUP, width: minWidth };
  const columns = gridColumns(count);
  const rows = Math.ceil(count / columns);
  return {
    width: Math.max(
      minWidth,
      2 * GROUP_PAD.side + columns * ENDPOINT_SIZE.width + (columns - 1) * CARD_GAP.x,
    ),
    height: GROUP_PAD.top + GROUP_PAD.bottom + rows * ENDPOINT_SIZE.height + (rows - 1) * CARD_GAP.y,
  };
}

/**
 * Whether every namespace can be shown open with its names readable (10 px) on a 1440×900 screen
 * after Fit View; when not, a workspace starts with its namespaces collapsed instead of small.
 */
export function readableOpen(workloadsPerNamespace: readonly number[], outsideNodes: number): boolean {
  let area = 0;
  for (const count of workloadsPerNamespace) {
    const size = gridGroupSize(count);
    area += (size.width + GROUP_GAP) * (size.height + GROUP_GAP);
  }
  area += outsideNodes * (EXTERNAL_SIZE.width + GROUP_GAP) * (EXTERNAL_SIZE.height + GROUP_GAP);
  return area <= REFERENCE_VIEW.width * REFERENCE_VIEW.height * PACKING_FILL;
}

/**
 * `ids` in an order where sources of `edges` come before their destinations as far as the edges
 * allow: a cycle is broken at the node with the fewest incoming edges left. Ties keep `ids` order,
 * so the same graph always gives the same order.
 */
export function flowOrder(ids: readonly string[], edges: Iterable<readonly [string, string]>): string[] {
  const incoming = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  const outgoing = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
  for (const [from, to] of edges) {
    if (from === to || !incoming.has(from) || !incoming.has(to)) continue;
    incoming.get(to)!.add(from);
    outgoing.get(from)!.add(to);
  }
  const left = new Set(ids);
  const order: string[] = [];
  while (left.size) {
    let pick: string | null = null;
    for (const id of left) {
      if (pick === null || incoming.get(id)!.size < incoming.get(pick)!.size) pick = id;
      if (incoming.get(pick)!.size === 0) break;
    }
    left.delete(pick!);
    order.push(pick!);
    for (const to of outgoing.get(pick!)!) incoming.get(to)!.delete(pick!);
  }
  return order;
}
