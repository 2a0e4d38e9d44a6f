/**
 * The store, combined from slices by concern (create-app-store.ts), and the app's one instance
 * (app-store.tsx). Only the user's work (text, namespace and whether it was edited) is persisted,
 * through `persistence.ts` (debounced, flushed when the page is hidden, never throwing).
 */
import { appStore, workspaceStorage } from './app-store';
import { STORAGE_KEY } from './create-app-store';

export { appStore, AppStoreProvider, useAppStore, workspaceStorage } from './app-store';
export { createAppStore, STORAGE_KEY, type AppStore, type AppStoreOptions } from './create-app-store';
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

/** Loads the other tab's save, which the user chose over this tab's work. */
export function takeOtherTabSave(): void {
  const other = workspaceStorage.takeOtherTab();
  if (!other) return;
  appStore.getState().restoreSaved(other);
}

/** True when a saved workspace exists; a first visit opens an example instead. */
export function hasSavedWorkspace(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}
