import { createStore, type StateCreator, type StoreApi } from 'zustand';
import { persist, type PersistStorage } from 'zustand/middleware';
import { createDocumentSlice } from './document-slice';
import { createEditSlice } from './edit-slice';
import { createEvaluationSlice } from './evaluation-slice';
import { createHistorySlice } from './history-slice';
import { createInsightSlice } from './insight-slice';
import { WORKSPACE_VERSION, type PersistedWorkspace } from './persistence';
import { createSessionSlice } from './session-slice';
import type { AppState, Middlewares } from './types';
import { createViewSlice } from './view-slice';

export const STORAGE_KEY = 'netpol-canvas:workspace';

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  /**
   * Where the user's work (text, namespace, whether it was edited) is kept, restored from it at
   * once; none: nothing is kept (tests, benchmarks). Selection, filters, layout and history are
   * view state and always start fresh.
   */
  storage?: PersistStorage<PersistedWorkspace>;
}

const slices: StateCreator<AppState, Middlewares> = (...args) => ({
  ...createDocumentSlice(...args),
  ...createEvaluationSlice(...args),
  ...createViewSlice(...args),
  ...createHistorySlice(...args),
  ...createSessionSlice(...args),
  ...createEditSlice(...args),
  ...createInsightSlice(...args),
});

/** A store of its own: the app makes one (store/app-store.tsx); each test can make a fresh one. */
export function createAppStore({ storage }: AppStoreOptions = {}): AppStore {
  // The slices only call set and get, which are the same with or without persisting.
  if (!storage) return createStore<AppState>()(slices as StateCreator<AppState>);
  return createStore<AppState>()(
    persist(slices, {
      name: STORAGE_KEY,
      // The storage reads every older format itself (persistence.ts) and hands over this one.
      version: WORKSPACE_VERSION,
      storage,
      partialize: (state): PersistedWorkspace => ({
        text: state.text,
        namespace: state.namespace,
        modified: state.modified,
      }),
      merge: (persisted, current) =>
        persisted
          ? { ...current, ...(persisted as PersistedWorkspace), origin: { kind: 'restored' } }
          : current,
    }),
  );
}
