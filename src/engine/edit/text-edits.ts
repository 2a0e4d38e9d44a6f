import type { SourceFile } from '../parse/parse-sources';

/** Replaces [start, end) of one file's text with `text`; offsets are into the text before any edit. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  text: string;
}

function sortedWithoutOverlap(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  sorted.forEach((edit, i) => {
    const previous = sorted[i - 1];
    if (edit.start > edit.end || (previous && previous.end > edit.start)) {
      throw new RangeError(`text edits overlap or are inverted at offset ${edit.start}`);
    }
  });
  return sorted;
}

/** Applies edits of one file at once: each edit's offsets refer to `text` as given. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of sortedWithoutOverlap(edits)) {
    if (edit.end > text.length)
      throw new RangeError(`text edit ends at ${edit.end}, past the end of the text (${text.length})`);
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/**
 * The edits that turn the edited text back into `text`, in the edited text's offsets: applying
 * `edits` and then the result restores `text` exactly (undo).
 */
export function invertEdits(text: string, edits: readonly TextEdit[]): TextEdit[] {
  let shift = 0;
  return sortedWithoutOverlap(edits).map((edit) => {
    const start = edit.start + shift;
    shift += edit.text.length - (edit.end - edit.start);
    return { file: edit.file, start, end: start + edit.text.length, text: text.slice(edit.start, edit.end) };
  });
}

/**
 * One edit that does what `edits` (of one file, offsets into `text`) do together: from the first
 * edit's start to the last one's end. Null for no edits.
 */
export function coveringEdit(text: string, edits: readonly TextEdit[]): TextEdit | null {
  const sorted = sortedWithoutOverlap(edits);
  const first = sorted[0];
  if (!first) return null;
  const start = first.start;
  const end = sorted[sorted.length - 1]!.end;
  if (sorted.length === 1) return first;
  const inside = sorted.map((edit) => ({ ...edit, start: edit.start - start, end: edit.end - start }));
  return { file: first.file, start, end, text: applyTextEdits(text.slice(start, end), inside) };
}

/** Applies edits that may span several files; files without edits are returned as they were. */
export function applyEditsToFiles(files: readonly SourceFile[], edits: readonly TextEdit[]): SourceFile[] {
  return files.map((file) => {
    const own = edits.filter((edit) => edit.file === file.name);
    return own.length ? { name: file.name, text: applyTextEdits(file.text, own) } : file;
  });
}

/** The smallest single edit that turns `before` into `after` (common prefix and suffix left out). */
export function minimalEdit(file: string, offset: number, before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix])
    suffix++;
  return {
    file,
    start: offset + prefix,
    end: offset + before.length - suffix,
    text: after.slice(prefix, after.length - suffix),
  };
}
