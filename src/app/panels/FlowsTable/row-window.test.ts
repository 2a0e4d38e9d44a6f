import { describe, expect, it } from 'vitest';
import { rowWindow } from './row-window';

describe('rowWindow', () => {
  it('takes the rows in view and the overscan each side, within the table', () => {
    expect(rowWindow(0, 290, 1000, 29, 12)).toEqual({ start: 0, end: 22 });
    expect(rowWindow(2900, 290, 1000, 29, 12)).toEqual({ start: 88, end: 122 });
    expect(rowWindow(29 * 995, 290, 1000, 29, 12)).toEqual({ start: 983, end: 1000 });
  });

  it('costs the same for 33 million rows as for a thousand', () => {
    expect(rowWindow(29 * 20_000_000, 290, 33_262_430, 29, 12)).toEqual({
      start: 19_999_988,
      end: 20_000_022,
    });
  });

  it('has no rows for an empty table or a hidden one (no height yet)', () => {
    expect(rowWindow(0, 290, 0, 29, 12)).toEqual({ start: 0, end: 0 });
    expect(rowWindow(0, 0, 1000, 29, 12)).toEqual({ start: 0, end: 0 });
  });
});
