import { describe, expect, it } from 'vitest';
import { controlPoint, curveOf, defaultBend, pointAt } from './geometry';
import { GROUP_PAD } from '../grid';
import { routeEdges, type Obstacle } from './route';

const card = (id: string, x: number, y: number): Obstacle => ({
  id,
  x,
  y,
  width: 200,
  height: 60,
  solid: true,
});

/** Points along the curve between the two centres with the given bend. */
function curve(a: Obstacle, b: Obstacle, bend: number): [number, number][] {
  const [sx, sy] = [a.x + a.width / 2, a.y + a.height / 2];
  const [tx, ty] = [b.x + b.width / 2, b.y + b.height / 2];
  const [cx, cy] = controlPoint(sx, sy, tx, ty, bend);
  return Array.from({ length: 50 }, (_, i) => {
    const t = i / 49;
    const u = 1 - t;
    return [u * u * sx + 2 * u * t * cx + t * t * tx, u * u * sy + 2 * u * t * cy + t * t * ty];
  });
}
const crosses = (box: Obstacle, points: [number, number][]) =>
  points.some(([x, y]) => x > box.x && x < box.x + box.width && y > box.y && y < box.y + box.height);

describe('routeEdges', () => {
  it('bows an edge around a card that sits between its ends', () => {
    const [a, middle, b] = [card('a', 0, 0), card('m', 300, 0), card('b', 600, 0)];
    // A card below the row leaves room above and below only where the router looks.
    const boxes = new Map([a, middle, b, card('under', 300, 200)].map((box) => [box.id, box]));
    const bends = routeEdges([{ id: 'e', source: 'a', target: 'b' }], boxes);
    expect(crosses(middle, curve(a, b, defaultBend(600)))).toBe(true);
    expect(crosses(middle, curve(a, b, bends.get('e')!.bend))).toBe(false);
  });

  it('keeps the small bow when nothing is in the way, so A→B and B→A run side by side', () => {
    const boxes = new Map([card('a', 0, 0), card('b', 400, 0)].map((box) => [box.id, box]));
    const bends = routeEdges(
      [
        { id: 'ab', source: 'a', target: 'b' },
        { id: 'ba', source: 'b', target: 'a' },
      ],
      boxes,
    );
    expect(bends.get('ab')).toEqual({ bend: defaultBend(400), clear: true, labelAt: 0.5 });
    expect(bends.get('ba')).toEqual({ bend: defaultBend(400), clear: true, labelAt: 0.5 });
  });

  it('moves apart the middles of two edges that would share them', () => {
    const boxes = new Map([card('a', 0, 0), card('b', 400, 0)].map((box) => [box.id, box]));
    const bends = routeEdges(
      [
        { id: 'one', source: 'a', target: 'b' },
        { id: 'two', source: 'a', target: 'b' },
      ],
      boxes,
    );
    expect(bends.get('one')!.bend).not.toBe(bends.get('two')!.bend);
  });

  it('puts the label where it covers no card and no header of an open namespace', () => {
    // Two cards side by side in a namespace, the edge from the right one bowing up into the
    // header, as web → db does in example 04: its middle is on the header's switches.
    const namespace: Obstacle = {
      id: 'ns',
      x: 0,
      y: 0,
      width: 700,
      height: 130,
      solid: false,
      header: { left: 120, right: 400 },
    };
    const inside = (id: string, x: number): Obstacle => ({ ...card(id, x, GROUP_PAD.top), parent: 'ns' });
    const [left, right] = [inside('left', 16), inside('right', 480)];
    const boxes = new Map([namespace, left, right].map((box) => [box.id, box]));
    const route = routeEdges([{ id: 'e', source: 'right', target: 'left', labelled: true }], boxes).get('e')!;
    const [x, y] = pointAt(curveOf(right, left, route.bend), route.labelAt);
    const label = { x: x - 64, y: y - 10, width: 128, height: 40 };
    const header = { ...namespace, x: 700 - 400, width: 400, height: GROUP_PAD.top };
    const name = { ...namespace, width: 120, height: GROUP_PAD.top };
    const overlaps = (a: typeof label, b: typeof label) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const [mx, my] = pointAt(curveOf(right, left, defaultBend(464)), 0.5);
    // At the middle of the usual bow it would cover the switches; where it is, it covers nothing.
    expect(overlaps({ ...label, x: mx - 64, y: my - 10 }, header)).toBe(true);
    for (const box of [header, name, left, right]) expect(overlaps(label, box)).toBe(false);
  });
});
