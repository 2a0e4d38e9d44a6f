/**
 * The one store, combined from slices by concern. Only the user's work (text and namespace) is
 * persisted; selection, filters, layout and history are view state and start fresh.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createDocumentSlice } from './document-slice';
import { createEvaluationSlice } from './evaluation-slice';
import { createHistorySlice } from './history-slice';
import type { AppState } from './types';
import { createViewSlice } from './view-slice';

export { useShallow } from 'zustand/react/shallow';
export type { AppState } from './types';
export type { WorkspaceOrigin } from './document-slice';
export type { DrawerTab, Selection, ThemeChoice, VerdictFilter, Point, PendingReplacement, Dialog } from './view-slice';

export const STORAGE_KEY = 'netpol-canvas:workspace';

export const useAppStore = create<AppState>()(
  persist(
    (...args) => ({
      ...createDocumentSlice(...args),
      ...createEvaluationSlice(...args),
      ...createViewSlice(...args),
      ...createHistorySlice(...args),
    }),
    {
      name: STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ text: state.text, namespace: state.namespace }),
      merge: (persisted, current) => (persisted ? { ...current, ...(persisted as Partial<AppState>), origin: { kind: 'restored' } } : current),
    },
  ),
);

/** True when a saved workspace exists; a first visit opens an example instead. */
export function hasSavedWorkspace(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}
