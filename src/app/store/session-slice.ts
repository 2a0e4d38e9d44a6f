import type { StateCreator } from 'zustand';
import type { WorkspaceOrigin } from './document-slice';
import type { AppState, Middlewares } from './types';
import { isBlank } from '../model/text';

/** A message for the user that is not tied to a line of the YAML (a refused import, a share link). */
export interface Notice {
  tone: 'error' | 'info';
  message: string;
  /** Bumped for every notice, so that the same message twice is shown (and announced) twice. */
  id: number;
}

/** What would replace the workspace: an example, a lesson, an import, a new workspace, a share link. */
export interface ReplaceSource {
  origin: WorkspaceOrigin;
  /** How the confirmation names it: `the example “Web API”`. */
  label: string;
  /** The namespace it comes with (a share link's); else the current one stays. */
  namespace?: string;
}

/** A replacement waiting for the user to confirm discarding edited work. */
export interface PendingReplace {
  source: ReplaceSource;
  text: string;
}

export interface SessionSlice {
  notice: Notice | null;
  pendingReplace: PendingReplace | null;
  showNotice(tone: Notice['tone'], message: string): void;
  dismissNotice(): void;
  /**
   * Replaces the workspace with `text`, or first asks (`pendingReplace`) when that would discard
   * edited work. Every way of replacing it comes through here.
   */
  requestReplace(source: ReplaceSource, text: string): void;
  confirmReplace(): void;
  cancelReplace(): void;
}

export const createSessionSlice: StateCreator<AppState, Middlewares, [], SessionSlice> = (set, get) => ({
  notice: null,
  pendingReplace: null,
  showNotice(tone, message) {
    set({ notice: { tone, message, id: (get().notice?.id ?? 0) + 1 } });
  },
  dismissNotice: () => set({ notice: null }),
  requestReplace(source, text) {
    const state = get();
    const same = text === state.text && (source.namespace ?? state.namespace) === state.namespace;
    // A link to the workspace as it is (the page reloaded with its link) leaves it, and its layout, alone.
    if (same && source.origin.kind === 'shared') return;
    // A confirmation comes first: the load has not begun.
    if (state.modified && !isBlank(state.text) && !same) {
      state.setLoadProgress(null);
      set({ pendingReplace: { source, text } });
    } else state.replaceWorkspace(text, source.origin, source.namespace);
  },
  confirmReplace() {
    const pending = get().pendingReplace;
    set({ pendingReplace: null });
    if (pending) get().replaceWorkspace(pending.text, pending.source.origin, pending.source.namespace);
  },
  cancelReplace: () => set({ pendingReplace: null }),
});
