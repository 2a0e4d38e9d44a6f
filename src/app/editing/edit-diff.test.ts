import { describe, expect, it } from 'vitest';
import { diffOfEdits } from './edit-diff';

describe('diffOfEdits', () => {
  it('shows an appended document as added lines after the last one', () => {
    const before = 'a: 1\nb: 2\n';
    const hunks = diffOfEdits(before, [
      { file: 'w', start: before.length, end: before.length, text: '---\nc: 3\n' },
    ]);
    expect(hunks).toEqual([
      {
        lines: [
          { kind: 'add', text: '---', line: 3 },
          { kind: 'add', text: 'c: 3', line: 4 },
        ],
      },
    ]);
  });

  it('shows a changed line as removed and added, and keeps later line numbers right', () => {
    const before = 'x: 1\ny: 2\nz: 3\n';
    const edits = [
      { file: 'w', start: 3, end: 4, text: '10\nw: 0' },
      { file: 'w', start: 13, end: 14, text: '30' },
    ];
    expect(diffOfEdits(before, edits)).toEqual([
      {
        lines: [
          { kind: 'del', text: 'x: 1', line: 1 },
          { kind: 'add', text: 'x: 10', line: 1 },
          { kind: 'add', text: 'w: 0', line: 2 },
        ],
      },
      {
        lines: [
          { kind: 'del', text: 'z: 3', line: 3 },
          { kind: 'add', text: 'z: 30', line: 4 },
        ],
      },
    ]);
  });
});
