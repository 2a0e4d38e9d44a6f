import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEditsToFiles, applyTextEdits, invertEdits, minimalEdit, type TextEdit } from './text-edits';

const edit = (start: number, end: number, text: string): TextEdit => ({ file: 'f', start, end, text });

describe('applyTextEdits', () => {
  it('applies edits given in any order, all against the original offsets', () => {
    expect(applyTextEdits('abcdef', [edit(4, 6, 'XY'), edit(0, 1, ''), edit(2, 2, '+')])).toBe('b+cdXY');
  });

  it('refuses overlapping edits rather than guessing', () => {
    expect(() => applyTextEdits('abcdef', [edit(0, 3, ''), edit(2, 4, '')])).toThrow(RangeError);
  });

  it('leaves files without edits as they were', () => {
    const files = [
      { name: 'f', text: 'one' },
      { name: 'g', text: 'two' },
    ];
    const out = applyEditsToFiles(files, [edit(0, 3, '1')]);
    expect(out).toEqual([
      { name: 'f', text: '1' },
      { name: 'g', text: 'two' },
    ]);
    expect(out[1]).toBe(files[1]);
  });
});

describe('invertEdits', () => {
  it('undoes any set of non-overlapping edits exactly', () => {
    const editsOf = (text: string) =>
      fc.uniqueArray(fc.nat({ max: text.length }), { maxLength: 8 }).chain((cuts) => {
        const sorted = [...cuts].sort((a, b) => a - b);
        const spans = sorted.flatMap((at, i) => (i % 2 === 0 ? [[at, sorted[i + 1] ?? at] as const] : []));
        return fc.tuple(
          ...spans.map(([start, end]) => fc.string({ maxLength: 5 }).map((text) => edit(start, end, text))),
        );
      });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }).chain((text) => fc.tuple(fc.constant(text), editsOf(text))),
        ([text, edits]) => {
          const changed = applyTextEdits(text, edits);
          expect(applyTextEdits(changed, invertEdits(text, edits))).toBe(text);
        },
      ),
    );
  });
});

describe('minimalEdit', () => {
  it('keeps the common prefix and suffix out of the edit', () => {
    expect(minimalEdit('f', 10, 'port: 80\n', 'port: 8080\n')).toEqual(edit(18, 18, '80'));
    expect(minimalEdit('f', 0, 'same', 'same')).toBeNull();
  });
});
