import type { StateCreator } from 'zustand';
import { spliceBetween } from '../yaml/text-diff';
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
   * Records the change from `previousText` to `nextText` (which becomes the text right after).
   * `edit`: a change the app made (a canvas action): always its own step, never merged.
   */
  recordHistory(previousText: string, nextText: string, kind: 'typing' | 'replace' | 'edit'): void;
  undo(): void;
  redo(): void;
}

/**
 * A string of its own: a slice of a long string may keep the whole of it alive (V8 shares the
 * parent), which would defeat keeping only the changed part.
 */
const detached = (part: string, of: string): string =>
  part.length === of.length || part.length < 16 ? part : structuredClone(part);

/** The step that turns `after` back into `before`. */
function stepBack(before: string, after: string, origin: WorkspaceOrigin): HistoryStep | null {
  const splice = spliceBetween(after, before);
  if (!splice) return null;
  return {
    start: splice.start,
    length: splice.end - splice.start,
    text: detached(splice.text, before),
    origin,
  };
}

/**
 * One step from `after` back to where `step` led from `before`, for a change folded into it (a
 * keystroke of a burst): the two spans are joined into one that covers both.
 */
function extend(step: HistoryStep, before: string, after: string): HistoryStep {
  const typed = spliceBetween(before, after)!;
  const start = Math.min(step.start, typed.start);
  const end = Math.max(step.start + step.length, typed.end);
  const text = before.slice(start, step.start) + step.text + before.slice(step.start + step.length, end);
  const grown = typed.text.length - (typed.end - typed.start);
  return { start, length: end - start + grown, text: detached(text, before), origin: step.origin };
}

const apply = (text: string, step: HistoryStep) =>
  text.slice(0, step.start) + step.text + text.slice(step.start + step.length);

export const createHistorySlice: StateCreator<AppState, Middlewares, [], HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  travels: 0,
  lastTypingAt: 0,
  recordHistory(previousText, nextText, kind) {
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
        past:
          last && previousText !== nextText
            ? [...past.slice(0, -1), extend(last, previousText, nextText)]
            : past,
        future: [],
        lastTypingAt: kind === 'typing' ? now : 0,
      });
      return;
    }
    const step = stepBack(previousText, nextText, origin);
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
    const previous = apply(text, back);
    get().dismissEditReport();
    // The text first: whoever follows `travels` (an explanation asked again) reads the new one.
    get().reviseText(previous, back.origin);
    set({
      past: past.slice(0, -1),
      future: [...future, stepBack(text, previous, origin)!],
      lastTypingAt: 0,
      travels: travels + 1,
    });
  },
  redo() {
    const { past, future, text, origin, travels } = get();
    const forward = future[future.length - 1];
    if (forward === undefined) return;
    const next = apply(text, forward);
    get().dismissEditReport();
    get().reviseText(next, forward.origin);
    set({
      past: [...past, stepBack(text, next, origin)!],
      future: future.slice(0, -1),
      lastTypingAt: 0,
      travels: travels + 1,
    });
  },
});
