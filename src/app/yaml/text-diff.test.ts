import { describe, expect, it } from 'vitest';
import { spliceBetween } from './text-diff';

describe('spliceBetween', () => {
  it('finds the one changed range', () => {
    expect(spliceBetween('abcdef', 'abXYef')).toEqual({ start: 2, end: 4, text: 'XY' });
    expect(spliceBetween('abc', 'abc')).toBeNull();
    expect(spliceBetween('', 'new')).toEqual({ start: 0, end: 0, text: 'new' });
    expect(spliceBetween('aaa', 'aa')).toEqual({ start: 2, end: 3, text: '' });
  });
});
