import { createAppStore, type AppStore } from './create-app-store';

/** A fresh store, not persisted, holding `text` as a workspace of its own: for tests and benchmarks. */
export function documentStore(text: string): AppStore {
  const store = createAppStore();
  store.getState().replaceWorkspace(text, { kind: 'scratch' });
  return store;
}
