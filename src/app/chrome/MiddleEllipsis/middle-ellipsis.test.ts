import { describe, expect, it } from 'vitest';
import { cutMiddle, fitMiddle } from './middle-ellipsis';

describe('middle ellipsis', () => {
  it('keeps both ends of a name', () => {
    expect(cutMiddle('recommendations-engine', 12)).toBe('recomm…engine');
    expect(cutMiddle('cart', 10)).toBe('cart');
  });

  it('keeps the most characters that fit, and the whole name when it fits', () => {
    const width = (s: string) => s.length;
    expect(fitMiddle('catalog', (s) => width(s) <= 10)).toBe('catalog');
    const cut = fitMiddle('inventory-reservations', (s) => width(s) <= 11);
    expect(cut).toBe('inven…tions');
    expect(cut.length).toBe(11);
    // Names that share their start stay apart: the end is kept.
    expect(fitMiddle('catalog-api', (s) => s.length <= 8)).toBe('cata…api');
  });
});
