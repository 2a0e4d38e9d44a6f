import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowOrder, gridCell, gridColumns, gridGroupSize, readableOpen, ENDPOINT_SIZE } from './grid';

describe('flowOrder', () => {
  it('puts the sources of a chain before its destinations, whatever order the ids come in', () => {
    expect(
      flowOrder(
        ['db', 'api', 'web'],
        [
          ['web', 'api'],
          ['api', 'db'],
        ],
      ),
    ).toEqual(['web', 'api', 'db']);
  });

  it('keeps the given order where edges say nothing, and breaks cycles', () => {
    expect(flowOrder(['a', 'b', 'c'], [])).toEqual(['a', 'b', 'c']);
    expect(
      flowOrder(
        ['a', 'b', 'c'],
        [
          ['b', 'c'],
          ['c', 'b'],
        ],
      ),
    ).toEqual(['a', 'b', 'c']);
  });

  it('orders every id once, and every edge of an acyclic graph forwards', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.tuple(fc.nat(11), fc.nat(11))), (n, raw) => {
        const ids = Array.from({ length: n }, (_, i) => `n${i}`);
        // Edges only from a lower to a higher number: acyclic.
        const edges = raw
          .filter(([a, b]) => a < n && b < n && a !== b)
          .map(([a, b]): [string, string] => [`n${Math.min(a, b)}`, `n${Math.max(a, b)}`]);
        const shuffled = [...ids].reverse();
        const order = flowOrder(shuffled, edges);
        expect([...order].sort()).toEqual([...ids].sort());
        for (const [from, to] of edges) expect(order.indexOf(from)).toBeLessThan(order.indexOf(to));
      }),
    );
  });
});

describe('the grid inside a namespace', () => {
  it('holds every workload inside the namespace, cards apart', () => {
    for (const count of [1, 2, 3, 4, 7, 12, 43]) {
      const columns = gridColumns(count);
      const size = gridGroupSize(count);
      const cells = Array.from({ length: count }, (_, i) => gridCell(i, columns));
      for (const cell of cells) {
        expect(cell.x + ENDPOINT_SIZE.width).toBeLessThanOrEqual(size.width);
        expect(cell.y + ENDPOINT_SIZE.height).toBeLessThanOrEqual(size.height);
      }
      for (let i = 0; i < cells.length; i++)
        for (let j = i + 1; j < cells.length; j++) {
          const [a, b] = [cells[i]!, cells[j]!];
          const apart =
            Math.abs(a.x - b.x) >= ENDPOINT_SIZE.width || Math.abs(a.y - b.y) >= ENDPOINT_SIZE.height;
          expect(apart).toBe(true);
        }
    }
  });
});

describe('readableOpen', () => {
  it('keeps a few namespaces of a few workloads open and collapses many', () => {
    expect(readableOpen([3, 2, 2, 3, 2, 2, 3], 2)).toBe(true);
    expect(
      readableOpen(
        Array.from({ length: 15 }, (_, i) => (i % 3 === 0 ? 3 : 2)),
        2,
      ),
    ).toBe(false);
  });
});
