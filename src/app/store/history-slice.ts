import type { StateCreator } from 'zustand';
import { coveringEdit, type TextEdit } from '../../engine';
import { WORKSPACE_FILE } from '../worker/protocol';
import type { WorkspaceOrigin } from './document-slice';
import type { AppState, Middlewares } from './types';

/** Keystrokes closer together than this fold into one undo step, as editors do. */
export const TYPING_GROUP_MS = 800;
const MAX_STEPS = 200;

/**
 * The way back (or forward) from the current text: replace `length` characters at `start` with
 * `text`. Only what changed is kept, so 200 steps over a 16 MB workspace do not hold 200 copies of
 * it; a step carries where its text came from, so undoing a lesson or an import returns to one's own work.
 */
export interface HistoryStep {
  start: number;
  length: number;
  text: string;
  origin: WorkspaceOrigin;
}

export interface HistorySlice {
  past: HistoryStep[];
  future: HistoryStep[];
  /** Counts undos and redos: what was said about the text before one (an explanation) may no longer hold. */
  travels: number;
  /** When the last typing step was recorded, to group a burst of keystrokes. */
  lastTypingAt: number;
  /**
   * Records the change `edits` make to `previousText` (which becomes the text right after).
   * `edit`: a change the app made (a canvas action): always its own step, never merged.
   */
  recordHistory(previousText: string, edits: readonly TextEdit[], kind: 'typing' | 'replace' | 'edit'): void;
  undo(): void;
  redo(): void;
}

/**
 * A string of its own: a slice of a long string may keep the whole of it alive (V8 shares the
 * parent), which would defeat keeping only the changed part.
 */
const detached = (part: string, of: string): string =>
  part.length === of.length || part.length < 16 ? part : structuredClone(part);

/** The step that undoes `edits` of `before`. */
function stepBack(before: string, edits: readonly TextEdit[], origin: WorkspaceOrigin): HistoryStep | null {
  const edit = coveringEdit(before, edits);
  if (!edit) return null;
  return {
    start: edit.start,
    length: edit.text.length,
    text: detached(before.slice(edit.start, edit.end), before),
    origin,
  };
}

/**
 * One step back from `edits` of `before` to where `step` led from `before`, for a change folded
 * into it (a keystroke of a burst): the two spans are joined into one that covers both.
 */
function extend(step: HistoryStep, before: string, edits: readonly TextEdit[]): HistoryStep {
  const typed = coveringEdit(before, edits);
  if (!typed) return step;
  const start = Math.min(step.start, typed.start);
  const end = Math.max(step.start + step.length, typed.end);
  const text = before.slice(start, step.start) + step.text + before.slice(step.start + step.length, end);
  const grown = typed.text.length - (typed.end - typed.start);
  return { start, length: end - start + grown, text: detached(text, before), origin: step.origin };
}

/** A step as the edit it makes. */
const editOf = (step: HistoryStep): TextEdit => ({
  file: WORKSPACE_FILE,
  start: step.start,
  end: step.start + step.length,
  text: step.text,
});

/** The step that undoes `step` once it is taken from `text`. */
const reverseOf = (text: string, step: HistoryStep, origin: WorkspaceOrigin): HistoryStep => ({
  start: step.start,
  length: step.text.length,
  text: detached(text.slice(step.start, step.start + step.length), text),
  origin,
});

export const createHistorySlice: StateCreator<AppState, Middlewares, [], HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  travels: 0,
  lastTypingAt: 0,
  recordHistory(previousText, edits, kind) {
    const now = Date.now();
    const { past, lastTypingAt, origin } = get();
    const last = past[past.length - 1];
    // Filling an empty workspace (first visit, empty state) is not worth an undo step back to
    // nothing: a step before it now leads from the new text. A burst of typing is one step too.
    const folds =
      (kind === 'replace' && previousText.trim() === '') ||
      (kind === 'typing' && now - lastTypingAt < TYPING_GROUP_MS && last !== undefined);
    if (folds) {
      set({
        past: last ? [...past.slice(0, -1), extend(last, previousText, edits)] : past,
        future: [],
        lastTypingAt: kind === 'typing' ? now : 0,
      });
      return;
    }
    const step = stepBack(previousText, edits, origin);
    set({
      past: step ? [...past, step].slice(-MAX_STEPS) : past,
      future: [],
      lastTypingAt: kind === 'typing' ? now : 0,
    });
  },
  // The summary of the edit undone (or redone over) no longer describes the text: it goes.
  undo() {
    const { past, future, text, origin, travels } = get();
    const back = past[past.length - 1];
    if (back === undefined) return;
    get().dismissEditReport();
    // The text first: whoever follows `travels` (an explanation asked again) reads the new one.
    get().reviseText([editOf(back)], back.origin);
    set({
      past: past.slice(0, -1),
      future: [...future, reverseOf(text, back, origin)],
      lastTypingAt: 0,
      travels: travels + 1,
    });
  },
  redo() {
    const { past, future, text, origin, travels } = get();
    const forward = future[future.length - 1];
    if (forward === undefined) return;
    get().dismissEditReport();
    get().reviseText([editOf(forward)], forward.origin);
    set({
      past: [...past, reverseOf(text, forward, origin)],
      future: future.slice(0, -1),
      lastTypingAt: 0,
      travels: travels + 1,
    });
  },
});
