import type { StateCreator } from 'zustand';
import type { AppState, Middlewares } from './types';
import { isBlank } from '../model/text';

/** A message for the user that is not tied to a line of the YAML (a refused import, a share link). */
export interface Notice {
  tone: 'error' | 'info';
  message: string;
  /** Bumped for every notice, so that the same message twice is shown (and announced) twice. */
  id: number;
}

/** A workspace from a share link, waiting for the user to confirm replacing edited work. */
export interface PendingShare {
  text: string;
  namespace: string;
}

export interface SessionSlice {
  notice: Notice | null;
  pendingShare: PendingShare | null;
  showNotice(tone: Notice['tone'], message: string): void;
  dismissNotice(): void;
  /** Opens a shared workspace, or asks first when it would replace edited work. */
  offerShare(shared: PendingShare): void;
  confirmShare(): void;
  cancelShare(): void;
}

export const createSessionSlice: StateCreator<AppState, Middlewares, [], SessionSlice> = (set, get) => ({
  notice: null,
  pendingShare: null,
  showNotice(tone, message) {
    set({ notice: { tone, message, id: (get().notice?.id ?? 0) + 1 } });
  },
  dismissNotice: () => set({ notice: null }),
  offerShare(shared) {
    const { modified, text, namespace } = get();
    const same = shared.text === text && shared.namespace === namespace;
    if (modified && !isBlank(text) && !same) set({ pendingShare: shared });
    else if (!same) get().replaceWorkspace(shared.text, { kind: 'shared' }, shared.namespace);
  },
  confirmShare() {
    const pending = get().pendingShare;
    set({ pendingShare: null });
    if (pending) get().replaceWorkspace(pending.text, { kind: 'shared' }, pending.namespace);
  },
  cancelShare: () => set({ pendingShare: null }),
});
