import type { StateCreator } from 'zustand';
import type { AppState, Middlewares } from './types';

/** Keystrokes closer together than this fold into one undo step, as editors do. */
export const TYPING_GROUP_MS = 800;
const MAX_STEPS = 200;

export interface HistorySlice {
  past: string[];
  future: string[];
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
  lastTypingAt: 0,
  recordHistory(previousText, kind) {
    // Filling an empty workspace (first visit, empty state) is not worth an undo step back to nothing.
    if (kind === 'replace' && previousText.trim() === '') return;
    const now = Date.now();
    const { past, lastTypingAt } = get();
    const continuesBurst = kind === 'typing' && now - lastTypingAt < TYPING_GROUP_MS && past.length > 0;
    set({
      past: continuesBurst ? past : [...past, previousText].slice(-MAX_STEPS),
      future: [],
      lastTypingAt: kind === 'typing' ? now : 0,
    });
  },
  undo() {
    const { past, future, text } = get();
    const previous = past[past.length - 1];
    if (previous === undefined) return;
    set({
      past: past.slice(0, -1),
      future: [...future, text],
      text: previous,
      modified: true,
      lastTypingAt: 0,
    });
  },
  redo() {
    const { past, future, text } = get();
    const next = future[future.length - 1];
    if (next === undefined) return;
    set({ past: [...past, text], future: future.slice(0, -1), text: next, modified: true, lastTypingAt: 0 });
  },
});
