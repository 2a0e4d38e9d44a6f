import { describe, expect, it } from 'vitest';
import { edgeGeometry } from './geometry';

const numbers = (path: string) => path.match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);

describe('edgeGeometry middle', () => {
  it('is the middle half of the drawn curve: it starts and ends on it, clear of both ends', () => {
    const source = { x: 0, y: 0, width: 100, height: 40 };
    const target = { x: 400, y: 200, width: 100, height: 40 };
    const geometry = edgeGeometry(source, target, 30);
    const [x1, y1, cx, cy, x2, y2] = numbers(geometry.path);
    const at = (t: number) => [
      (1 - t) ** 2 * x1! + 2 * (1 - t) * t * cx! + t ** 2 * x2!,
      (1 - t) ** 2 * y1! + 2 * (1 - t) * t * cy! + t ** 2 * y2!,
    ];
    const [sx, sy, , , ex, ey] = numbers(geometry.middle);
    expect(sx).toBeCloseTo(at(0.25)[0]!);
    expect(sy).toBeCloseTo(at(0.25)[1]!);
    expect(ex).toBeCloseTo(at(0.75)[0]!);
    expect(ey).toBeCloseTo(at(0.75)[1]!);
  });
});
