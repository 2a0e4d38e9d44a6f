/**
 * Routes edges around cards: for each edge, the bow (see geometry.ts) whose curve passes clear of
 * every card other than its two ends, preferring the usual small bow to the right, and keeping the
 * middles of edges apart so that a click at the middle of an edge lands on that edge alone.
 */
import { GROUP_PAD } from '../grid';
import { centreOf, controlPoint, curveOf, defaultBend, pointAt, type Box } from './geometry';

export interface RoutedEdge {
  id: string;
  source: string;
  target: string;
  /** It shows a label or a badge: later labels keep clear of it. */
  labelled?: boolean;
}

/** What an edge must pass around: drawn cards (workloads, outside nodes, collapsed namespaces). */
export interface Obstacle extends Box {
  id: string;
  /** The namespace box a workload sits in: an edge of the namespace may cross its own workloads. */
  parent?: string;
  /** A card to pass around; an open namespace is not one, since edges must enter it. */
  solid: boolean;
  /**
   * An open namespace's header: how far its name and chips reach from the left end, and its
   * switches and badges from the right; labels keep off them. Absent: the whole header band.
   */
  header?: { left: number; right: number };
}

const MARGIN = 10;
const SAMPLES = 24;
/** Middles closer than this share the pointer's reach (the hit area is 14 px wide). */
const CROWDED = 26;
const BEND_STEPS = [1, 2, -1, 3, -2, 4, -3, 5, -4, 6, -5, 8, -6, -8];

function curvePoint(
  sx: number,
  sy: number,
  cx: number,
  cy: number,
  tx: number,
  ty: number,
  t: number,
): [number, number] {
  const u = 1 - t;
  return [u * u * sx + 2 * u * t * cx + t * t * tx, u * u * sy + 2 * u * t * cy + t * t * ty];
}

function inside(box: Box, x: number, y: number, margin = MARGIN): boolean {
  return (
    x > box.x - margin &&
    x < box.x + box.width + margin &&
    y > box.y - margin &&
    y < box.y + box.height + margin
  );
}

/** The curve drawn runs from the borders, not the centres: "clear" keeps a wider berth to be sure. */
const CLEAR_MARGIN = 28;

/**
 * Beyond this many edges (an expanded namespace of a big workspace) they keep their usual bow:
 * routing costs edges × cards on the main thread, and such a canvas is read by filtering anyway.
 */
const MAX_ROUTED_EDGES = 250;

export interface Route {
  bend: number;
  /** No card lies across it: false when no bow could pass around them all. */
  clear: boolean;
  /** Where along the curve (0 to 1) its label and badge go. */
  labelAt: number;
}

/**
 * What a label takes around its point: a port label, and an observed badge 20 px beneath it
 * (FlowEdge.tsx), the width of a long one ("⚠ 12 would break").
 */
const LABEL_BOX = { width: 128, top: 10, bottom: 30 };
/** Places along the curve a label may take, the middle first. */
const LABEL_AT = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];

const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * The place along the curve where the label covers the least of the cards and the headers of open
 * namespaces (their name and deny switches), and above all of the labels placed before it.
 */
function placeLabel(
  source: Box,
  target: Box,
  bend: number,
  keepOut: readonly Box[],
  labels: readonly Box[],
): { labelAt: number; box: Box; covered: number } {
  const curve = curveOf(source, target, bend);
  let best = { labelAt: 0.5, box: null as Box | null, covered: Infinity };
  for (const labelAt of LABEL_AT) {
    const [x, y] = pointAt(curve, labelAt);
    const box = {
      x: x - LABEL_BOX.width / 2,
      y: y - LABEL_BOX.top,
      width: LABEL_BOX.width,
      height: LABEL_BOX.top + LABEL_BOX.bottom,
    };
    let covered = 0;
    for (const other of keepOut) covered += overlap(box, other);
    // Two labels on top of each other read as neither: worse than one over a card's edge.
    for (const other of labels) covered += LABEL_ON_LABEL * overlap(box, other);
    if (covered < best.covered) best = { labelAt, box, covered };
    if (covered === 0) break;
  }
  return { labelAt: best.labelAt, box: best.box!, covered: best.covered };
}

const LABEL_ON_LABEL = 4;

/** Dearer than a more distant bow, cheaper than crossing a card: a label that covers a header or a card. */
const COVERED_LABEL = 300;

/** Routes by edge id; an edge whose ends are not drawn gets none. */
export function routeEdges(
  edges: readonly RoutedEdge[],
  boxes: ReadonlyMap<string, Obstacle>,
): Map<string, Route> {
  if (edges.length > MAX_ROUTED_EDGES) return new Map();
  const obstacles = [...boxes.values()].filter((box) => box.solid);
  // Fit View frames the nodes, not the edges: a curve that leaves their bounds leaves the screen.
  const bounds = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  for (const box of boxes.values()) {
    bounds.left = Math.min(bounds.left, box.x);
    bounds.top = Math.min(bounds.top, box.y);
    bounds.right = Math.max(bounds.right, box.x + box.width);
    bounds.bottom = Math.max(bounds.bottom, box.y + box.height);
  }
  const middles: [number, number][] = [];
  const routes = new Map<string, Route>();
  const labels: Box[] = [];
  const keepOut: Box[] = [...boxes.values()].flatMap((box) => {
    if (box.solid) return [box];
    const band = { y: box.y, height: GROUP_PAD.top };
    if (!box.header) return [{ ...band, x: box.x, width: box.width }];
    return [
      { ...band, x: box.x, width: box.header.left },
      { ...band, x: box.x + box.width - box.header.right, width: box.header.right },
    ];
  });
  for (const edge of edges) {
    const source = boxes.get(edge.source);
    const target = boxes.get(edge.target);
    if (!source || !target) continue;
    const [sx, sy] = centreOf(source);
    const [tx, ty] = centreOf(target);
    const base = Math.max(28, defaultBend(Math.hypot(tx - sx, ty - sy)));
    const ends = new Set([edge.source, edge.target]);
    // Only cards near the chord can be in the way of any candidate curve.
    const reach = base * Math.max(...BEND_STEPS) * 0.5 + MARGIN;
    const near = obstacles.filter(
      (o) =>
        !ends.has(o.id) &&
        !(o.parent && ends.has(o.parent)) &&
        !(o.id === source.parent || o.id === target.parent) &&
        o.x - reach < Math.max(sx, tx) &&
        o.x + o.width + reach > Math.min(sx, tx) &&
        o.y - reach < Math.max(sy, ty) &&
        o.y + o.height + reach > Math.min(sy, ty),
    );
    let best = {
      crossed: 0,
      cost: Infinity,
      bend: defaultBend(Math.hypot(tx - sx, ty - sy)),
      middle: [0, 0] as [number, number],
      label: null as ReturnType<typeof placeLabel> | null,
    };
    for (const [rank, step] of BEND_STEPS.entries()) {
      const bend = step === 1 ? best.bend : base * step;
      const [cx, cy] = controlPoint(sx, sy, tx, ty, bend);
      let cost = rank;
      let outside = false;
      const crossed = new Set<Obstacle>();
      let close = false;
      for (let i = 1; i < SAMPLES; i++) {
        const [x, y] = curvePoint(sx, sy, cx, cy, tx, ty, i / SAMPLES);
        outside ||= x < bounds.left || x > bounds.right || y < bounds.top || y > bounds.bottom;
        // The stretches inside the edge's own ends are drawn from their borders, not through them.
        if (inside(source, x, y) || inside(target, x, y)) continue;
        for (const o of near) {
          if (inside(o, x, y)) crossed.add(o);
          else if (inside(o, x, y, CLEAR_MARGIN)) close = true;
        }
      }
      cost += crossed.size * 1000;
      // Worse than crossing two cards: an edge drawn over a card still shows, one off screen does not.
      if (outside) cost += 2500;
      const middle = curvePoint(sx, sy, cx, cy, tx, ty, 0.5);
      for (const [mx, my] of middles) if (Math.hypot(mx - middle[0], my - middle[1]) < CROWDED) cost += 100;
      // An edge that shows a label bows where the label can lie clear.
      const label = edge.labelled ? placeLabel(source, target, bend, keepOut, labels) : null;
      if (label && label.covered > 0) cost += COVERED_LABEL;
      if (cost < best.cost) best = { crossed: crossed.size + (close ? 1 : 0), cost, bend, middle, label };
      if (cost === 0) break;
    }
    const label = best.label ?? placeLabel(source, target, best.bend, keepOut, labels);
    if (edge.labelled) labels.push(label.box);
    routes.set(edge.id, { bend: best.bend, clear: best.crossed === 0, labelAt: label.labelAt });
    middles.push(best.middle);
  }
  return routes;
}
