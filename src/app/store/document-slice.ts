import type { StateCreator } from 'zustand';
import { PROGRESS_FROM_BYTES } from '../worker/protocol';
import type { PersistedWorkspace } from './persistence';
import type { AppState, Middlewares } from './types';

function originLabel(origin: WorkspaceOrigin): string {
  if (origin.kind === 'example') return origin.title;
  if (origin.kind === 'import') return origin.name;
  return origin.kind === 'shared' ? 'the shared workspace' : 'the workspace';
}

/** Where the workspace text came from; drives the title and whether replacing it needs a confirmation. */
export type WorkspaceOrigin =
  | { kind: 'example'; id: string; title: string }
  | { kind: 'import'; name: string }
  | { kind: 'scratch' }
  | { kind: 'shared' }
  | { kind: 'restored' };

/**
 * The workspace: `text`, `namespace`, `origin` and `modified` are written by these actions alone
 * (typing, the engine's edits, undo and redo, replacing), so every way the text changes is here.
 */
export interface DocumentSlice {
  /** The YAML the user owns: the single source of truth for everything on screen. */
  text: string;
  /** Namespace for objects that name none, as `kubectl apply -n` would use. */
  namespace: string;
  origin: WorkspaceOrigin;
  /** The text differs from what was loaded, imported or exported. */
  modified: boolean;
  /** A text edit from the editor; bursts of typing become one undo step. */
  editText(text: string): void;
  /**
   * The text after a change whose undo step the caller has recorded (an engine edit), or a step
   * through history (with the origin it returns to): edited work either way.
   */
  reviseText(text: string, origin?: WorkspaceOrigin): void;
  /** Replaces the whole workspace (example, import, scratch, share link): one undo step, not "modified". */
  replaceWorkspace(text: string, origin: WorkspaceOrigin, namespace?: string): void;
  /** Takes a saved workspace (another tab's) as it was saved, edited or not. */
  restoreSaved(saved: PersistedWorkspace): void;
  setNamespace(namespace: string): void;
  markSaved(): void;
}

export const createDocumentSlice: StateCreator<AppState, Middlewares, [], DocumentSlice> = (set, get) => ({
  text: '',
  namespace: 'default',
  origin: { kind: 'scratch' },
  modified: false,
  editText(text) {
    const previous = get().text;
    if (text === previous) return;
    get().recordHistory(previous, text, 'typing');
    get().reviseText(text);
  },
  reviseText(text, origin) {
    set({ text, modified: true, ...(origin ? { origin } : {}) });
  },
  replaceWorkspace(text, origin, namespace) {
    get().recordHistory(get().text, text, 'replace');
    get().resetEvaluation();
    get().resetView();
    const progress =
      text.length >= PROGRESS_FROM_BYTES
        ? {
            stage: 'parse' as const,
            label: originLabel(origin),
            bytes: text.length,
            since: get().loadProgress?.since ?? performance.now(),
          }
        : null;
    get().setLoadProgress(progress);
    set({ text, origin, modified: false, ...(namespace?.trim() ? { namespace: namespace.trim() } : {}) });
  },
  restoreSaved(saved) {
    get().replaceWorkspace(saved.text, { kind: 'restored' }, saved.namespace);
    set({ modified: saved.modified });
  },
  setNamespace(namespace) {
    const trimmed = namespace.trim();
    if (trimmed) set({ namespace: trimmed });
  },
  markSaved() {
    set({ modified: false });
  },
});
