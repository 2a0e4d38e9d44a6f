/**
 * Floating edges: each edge leaves and enters a node's border along the line between the two
 * nodes, bowed to its right so that A→B and B→A run side by side instead of on top of each other.
 * How far it bows (`bend`) is chosen by the router (route.ts) so that it passes around cards.
 */
import type { InternalNode } from '@xyflow/react';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface EdgeGeometry {
  path: string;
  /** The middle half of the curve, away from the cards at its ends. */
  middle: string;
  arrow: string;
  labelX: number;
  labelY: number;
}

const ARROW_LENGTH = 9;
const ARROW_HALF_WIDTH = 4.5;

/** Where a ray from the box's centre towards (tx, ty) leaves the box, pushed out by `gap`. */
function borderPoint(box: Box, tx: number, ty: number, gap: number): [number, number] {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const scale = Math.min(Math.abs(box.width / 2 / (dx || 1e-9)), Math.abs(box.height / 2 / (dy || 1e-9)));
  const length = Math.hypot(dx, dy);
  return [cx + dx * scale + (dx / length) * gap, cy + dy * scale + (dy / length) * gap];
}

export function centreOf(box: Box): [number, number] {
  return [box.x + box.width / 2, box.y + box.height / 2];
}

/** How far an edge of this length bows to its right when nothing is in its way. */
export function defaultBend(length: number): number {
  return Math.min(48, 14 + length * 0.08);
}

/** The control point of the curve between two centres, `bend` to the right of their midpoint. */
export function controlPoint(sx: number, sy: number, tx: number, ty: number, bend: number): [number, number] {
  const dx = tx - sx;
  const dy = ty - sy;
  const length = Math.hypot(dx, dy) || 1;
  // Unit normal to the right of the direction of travel.
  return [(sx + tx) / 2 - (dy / length) * bend, (sy + ty) / 2 + (dx / length) * bend];
}

/** The quadratic curve an edge is drawn along: from one border, bowed by `bend`, to the other. */
export interface Curve {
  start: XY;
  control: XY;
  end: XY;
}

export function curveOf(source: Box, target: Box, bend?: number): Curve {
  const [sx, sy] = centreOf(source);
  const [tx, ty] = centreOf(target);
  const control = controlPoint(sx, sy, tx, ty, bend ?? defaultBend(Math.hypot(tx - sx, ty - sy)));
  return {
    start: borderPoint(source, control[0], control[1], 2),
    control,
    end: borderPoint(target, control[0], control[1], 3),
  };
}

export function pointAt({ start, control, end }: Curve, t: number): [number, number] {
  const u = 1 - t;
  return [
    u * u * start[0] + 2 * u * t * control[0] + t * t * end[0],
    u * u * start[1] + 2 * u * t * control[1] + t * t * end[1],
  ];
}

/** `labelAt`: where along the curve (0 to 1) its label goes; the middle unless the router chose. */
export function edgeGeometry(source: Box, target: Box, bend?: number, labelAt = 0.5): EdgeGeometry {
  const curve = curveOf(source, target, bend);
  const [x1, y1] = curve.start;
  const [cx, cy] = curve.control;
  const [x2, y2] = curve.end;
  const tangentX = x2 - cx;
  const tangentY = y2 - cy;
  const tangentLength = Math.hypot(tangentX, tangentY) || 1;
  const ux = tangentX / tangentLength;
  const uy = tangentY / tangentLength;
  const baseX = x2 - ux * ARROW_LENGTH;
  const baseY = y2 - uy * ARROW_LENGTH;
  const arrow = `M${x2},${y2} L${baseX - uy * ARROW_HALF_WIDTH},${baseY + ux * ARROW_HALF_WIDTH} L${baseX + uy * ARROW_HALF_WIDTH},${baseY - ux * ARROW_HALF_WIDTH} Z`;
  const [labelX, labelY] = pointAt(curve, labelAt);
  // The curve ends at the arrow's base so the dash pattern does not poke through its tip.
  return {
    path: `M${x1},${y1} Q${cx},${cy} ${baseX},${baseY}`,
    middle: quadraticPiece([x1, y1], [cx, cy], [baseX, baseY], 0.25, 0.75),
    arrow,
    labelX,
    labelY,
  };
}

type XY = readonly [number, number];

/** The piece of the quadratic curve p0–c–p2 between t = a and t = b, as a path (its blossoms). */
function quadraticPiece(p0: XY, c: XY, p2: XY, a: number, b: number): string {
  const blossom = (u: number, v: number) =>
    [0, 1].map((i) => (1 - u) * (1 - v) * p0[i]! + ((1 - u) * v + u * (1 - v)) * c[i]! + u * v * p2[i]!);
  const [sx, sy] = blossom(a, a);
  const [qx, qy] = blossom(a, b);
  const [ex, ey] = blossom(b, b);
  return `M${sx},${sy} Q${qx},${qy} ${ex},${ey}`;
}

/** Where React Flow has put a node, as a box in flow coordinates. */
export function boxOf(node: InternalNode): Box {
  const { x, y } = node.internals.positionAbsolute;
  return {
    x,
    y,
    width: node.measured.width ?? node.width ?? 0,
    height: node.measured.height ?? node.height ?? 0,
  };
}
