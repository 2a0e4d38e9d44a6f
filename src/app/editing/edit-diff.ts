/**
 * The lines an edit removes and adds, for previews ("the YAML that would be added"): each edit
 * widened to whole lines, with the lines both sides share trimmed away.
 */
import type { TextEdit } from '../../engine';

export interface DiffLine {
  kind: 'del' | 'add';
  text: string;
  /** 1-based line in the text before the edit (del) or after it (add). */
  line: number;
}

export interface DiffHunk {
  lines: DiffLine[];
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

export function diffOfEdits(before: string, edits: readonly TextEdit[]): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  let shift = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const lineStart = before.lastIndexOf('\n', edit.start - 1) + 1;
    const newline = before.indexOf('\n', edit.end);
    const lineEnd = newline < 0 ? before.length : newline;
    const oldLines = before.slice(lineStart, lineEnd).split('\n');
    const newLines = (
      before.slice(lineStart, edit.start) +
      edit.text +
      before.slice(edit.end, lineEnd)
    ).split('\n');
    let head = 0;
    while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
    let tail = 0;
    while (
      tail < oldLines.length - head &&
      tail < newLines.length - head &&
      oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
    )
      tail++;
    const firstOld = lineAt(before, lineStart) + head;
    const firstNew = firstOld + shift;
    const removed = oldLines.slice(head, oldLines.length - tail);
    const added = newLines.slice(head, newLines.length - tail);
    shift += added.length - removed.length;
    if (removed.length || added.length) {
      hunks.push({
        lines: [
          ...removed.map((text, i) => ({ kind: 'del' as const, text, line: firstOld + i })),
          ...added.map((text, i) => ({ kind: 'add' as const, text, line: firstNew + i })),
        ],
      });
    }
  }
  return hunks;
}
