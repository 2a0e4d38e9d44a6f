import { describe, expect, it } from 'vitest';
import { editedRanges } from './edit-slice';
import { documentStore } from './slice-store';

const edit = (start: number, end: number, text: string) => ({ file: 'workspace.yaml', start, end, text });

/** The texts undo would go back to, oldest first. */
function pastTexts(store: ReturnType<typeof documentStore>): string[] {
  const { past, text } = store.getState();
  const texts: string[] = [];
  let at = text;
  for (const step of [...past].reverse()) {
    at = at.slice(0, step.start) + step.text + at.slice(step.start + step.length);
    texts.unshift(at);
  }
  return texts;
}

describe('applying the engine’s edits', () => {
  it('splices the text as one undo step that restores it exactly, and flashes what was written', () => {
    const store = documentStore('a: 1\nb: 2\n');
    const flashes: { start: number; end: number }[][] = [];
    // The text is already the edited one when the flash is asked for.
    store.getState().editorEvents.on('flash', (ranges) => {
      expect(store.getState().text).toBe('a: 10\nb: 2\n---\nc: 3\n');
      flashes.push(ranges);
    });
    expect(
      store
        .getState()
        .applyEngineEdits('a: 1\nb: 2\n', [edit(3, 4, '10'), edit(10, 10, '---\nc: 3\n')], 'Did it.'),
    ).toBe(true);
    const state = store.getState();
    expect(state.text).toBe('a: 10\nb: 2\n---\nc: 3\n');
    expect(state.modified).toBe(true);
    expect(pastTexts(store)).toEqual(['a: 1\nb: 2\n']);
    expect(flashes).toEqual([
      [
        { start: 3, end: 5 },
        { start: 11, end: 20 },
      ],
    ]);
    expect(state.editReport).toMatchObject({ tone: 'info', message: 'Did it.' });
    state.undo();
    expect(store.getState().text).toBe('a: 1\nb: 2\n');
    // The summary spoke of the undone edit.
    expect(store.getState().editReport).toBeNull();
  });

  it('refuses edits computed for another text, changing nothing', () => {
    const store = documentStore('typed since\n');
    expect(store.getState().applyEngineEdits('old\n', [edit(0, 3, 'new')], '')).toBe(false);
    expect(store.getState().text).toBe('typed since\n');
    expect(store.getState().past).toEqual([]);
  });

  it('never merges an edit with typing just before it', () => {
    const store = documentStore('x\n');
    store.getState().editText([edit(1, 1, 'y')]);
    store.getState().applyEngineEdits('xy\n', [edit(3, 3, 'z\n')], '');
    store.getState().editText([edit(5, 5, '!')]);
    expect(pastTexts(store)).toEqual(['x\n', 'xy\n', 'xy\nz\n']);
  });

  it('places each edit in the new text', () => {
    expect(editedRanges([edit(10, 12, ''), edit(0, 0, 'abc')])).toEqual([
      { start: 0, end: 3 },
      { start: 13, end: 13 },
    ]);
  });
});
