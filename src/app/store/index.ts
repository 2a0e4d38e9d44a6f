/**
 * The one store, combined from slices by concern. Only the user's work (text, namespace and
 * whether it was edited) is persisted, through `persistence.ts` (debounced, flushed when the page
 * is hidden, never throwing); selection, filters, layout and history are view state and start fresh.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { createDocumentSlice } from './document-slice';
import { createEditSlice } from './edit-slice';
import { createEvaluationSlice } from './evaluation-slice';
import { createHistorySlice } from './history-slice';
import { createInsightSlice } from './insight-slice';
import { createWorkspaceStorage, WORKSPACE_VERSION, type PersistedWorkspace } from './persistence';
import { createSessionSlice } from './session-slice';
import type { AppState } from './types';
import { createViewSlice } from './view-slice';

export { useShallow } from 'zustand/react/shallow';
export type { AppState } from './types';
export type { WorkspaceOrigin } from './document-slice';
export type { Notice, PendingReplace, ReplaceSource } from './session-slice';
export type { EditDialog, EditReport, FlowRemovalRequest } from './edit-slice';
export type { EditorEvents, RevealRequest } from './editor-events';
export {
  conflictStatus,
  recoveryStatus,
  storageStatus,
  type OtherTabSave,
  type StorageProblem,
  type Unreadable,
} from './persistence';
export type { Baseline, LessonProgress, QueryDraft, RecentChanges } from './insight-slice';
export type { DrawerTab, Selection, ThemeChoice, VerdictFilter, Point, Dialog } from './view-slice';

export const STORAGE_KEY = 'netpol-canvas:workspace';

/** The browser's localStorage behind a debounced, never-throwing writer. */
export const workspaceStorage = createWorkspaceStorage(() => window.localStorage);

export const useAppStore = create<AppState>()(
  persist(
    (...args) => ({
      ...createDocumentSlice(...args),
      ...createEvaluationSlice(...args),
      ...createViewSlice(...args),
      ...createHistorySlice(...args),
      ...createSessionSlice(...args),
      ...createEditSlice(...args),
      ...createInsightSlice(...args),
    }),
    {
      name: STORAGE_KEY,
      // The storage reads every older format itself (persistence.ts) and hands over this one.
      version: WORKSPACE_VERSION,
      storage: workspaceStorage,
      partialize: (state): PersistedWorkspace => ({
        text: state.text,
        namespace: state.namespace,
        modified: state.modified,
      }),
      merge: (persisted, current) =>
        persisted
          ? { ...current, ...(persisted as PersistedWorkspace), origin: { kind: 'restored' } }
          : current,
    },
  ),
);

/** Loads the other tab's save, which the user chose over this tab's work. */
export function takeOtherTabSave(): void {
  const other = workspaceStorage.takeOtherTab();
  if (!other) return;
  useAppStore.getState().replaceWorkspace(other.text, { kind: 'restored' }, other.namespace);
  useAppStore.setState({ modified: other.modified });
}

/** True when a saved workspace exists; a first visit opens an example instead. */
export function hasSavedWorkspace(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}
