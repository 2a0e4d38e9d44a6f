/**
 * The app's store and how components reach it. `main.tsx` provides `appStore`; a test renders
 * with a fresh one (createAppStore) in an AppStoreProvider. Code outside React (commands, the
 * engine bridge, watchers, event handlers) reads `useAppStore.getState()`, which is always the
 * app entry's `appStore`: only components (the hook) follow the provider.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createAppStore, type AppStore } from './create-app-store';
import { createWorkspaceStorage } from './persistence';
import type { AppState } from './types';

/** The browser's localStorage behind a debounced, never-throwing writer. */
export const workspaceStorage = createWorkspaceStorage(() => window.localStorage);

/** The app entry's store, restored from localStorage when it is made. */
export const appStore: AppStore = createAppStore({ storage: workspaceStorage });

const AppStoreContext = createContext<AppStore>(appStore);

export function AppStoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <AppStoreContext.Provider value={store}>{children}</AppStoreContext.Provider>;
}

function useAppStoreHook<T>(selector: (state: AppState) => T): T {
  return useStore(useContext(AppStoreContext), selector);
}

/** `useAppStore(selector)` in components; `.getState()`, `.setState()`, `.subscribe()` on appStore. */
export const useAppStore = Object.assign(useAppStoreHook, {
  getState: appStore.getState,
  setState: appStore.setState,
  subscribe: appStore.subscribe,
});
