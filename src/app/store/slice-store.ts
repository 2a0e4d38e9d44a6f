import { createStore, type StateCreator } from 'zustand';
import { createDocumentSlice } from './document-slice';
import { createEditSlice } from './edit-slice';
import { createHistorySlice } from './history-slice';
import type { AppState } from './types';

/**
 * A store of the document, history and edit slices alone, holding `text`: what typing, undo and
 * the engine's edits touch, without the evaluation and view that a workspace replacement resets
 * (those resets do nothing here). For tests and benchmarks of those slices.
 */
export function documentStore(text: string) {
  const slices = ((...args: Parameters<StateCreator<AppState>>) => ({
    ...(createDocumentSlice as unknown as StateCreator<AppState>)(...args),
    ...(createHistorySlice as unknown as StateCreator<AppState>)(...args),
    ...(createEditSlice as unknown as StateCreator<AppState>)(...args),
  })) as unknown as StateCreator<AppState>;
  const store = createStore<AppState>()(slices);
  store.setState({ text, resetEvaluation: () => {}, resetView: () => {} } as Partial<AppState>);
  return store;
}
