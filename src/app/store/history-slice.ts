import type { StateCreator } from 'zustand';
import type { WorkspaceOrigin } from './document-slice';
import type { AppState, Middlewares } from './types';

/** Keystrokes closer together than this fold into one undo step, as editors do. */
export const TYPING_GROUP_MS = 800;
const MAX_STEPS = 200;

/** A text to go back to, with where it came from: undoing a lesson or an import returns to one's own work. */
export interface HistoryStep {
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
  /** `edit`: a change the app made (a canvas action): always its own step, never merged. */
  recordHistory(previousText: string, kind: 'typing' | 'replace' | 'edit'): void;
  undo(): void;
  redo(): void;
}

export const createHistorySlice: StateCreator<AppState, Middlewares, [], HistorySlice> = (set, get) => ({
  past: [],
  future: [],
  travels: 0,
  lastTypingAt: 0,
  recordHistory(previousText, kind) {
    // Filling an empty workspace (first visit, empty state) is not worth an undo step back to nothing.
    if (kind === 'replace' && previousText.trim() === '') return;
    const now = Date.now();
    const { past, lastTypingAt, origin } = get();
    const continuesBurst = kind === 'typing' && now - lastTypingAt < TYPING_GROUP_MS && past.length > 0;
    set({
      past: continuesBurst ? past : [...past, { text: previousText, origin }].slice(-MAX_STEPS),
      future: [],
      lastTypingAt: kind === 'typing' ? now : 0,
    });
  },
  // The summary of the edit undone (or redone over) no longer describes the text: it goes.
  undo() {
    const { past, future, text, origin, travels } = get();
    const previous = past[past.length - 1];
    if (previous === undefined) return;
    set({
      past: past.slice(0, -1),
      future: [...future, { text, origin }],
      text: previous.text,
      origin: previous.origin,
      modified: true,
      lastTypingAt: 0,
      editReport: null,
      travels: travels + 1,
    });
  },
  redo() {
    const { past, future, text, origin, travels } = get();
    const next = future[future.length - 1];
    if (next === undefined) return;
    set({
      past: [...past, { text, origin }],
      future: future.slice(0, -1),
      text: next.text,
      origin: next.origin,
      modified: true,
      lastTypingAt: 0,
      editReport: null,
      travels: travels + 1,
    });
  },
});
