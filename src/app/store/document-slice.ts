import type { StateCreator } from 'zustand';
import { PROGRESS_FROM_BYTES } from '../worker/protocol';
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
  /** Replaces the whole workspace (example, import, scratch, share link): one undo step, not "modified". */
  replaceWorkspace(text: string, origin: WorkspaceOrigin, namespace?: string): void;
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
    set({ text, modified: true });
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
    set({
      text,
      origin,
      modified: false,
      loadProgress: progress,
      ...(namespace?.trim() ? { namespace: namespace.trim() } : {}),
    });
  },
  setNamespace(namespace) {
    const trimmed = namespace.trim();
    if (trimmed) set({ namespace: trimmed });
  },
  markSaved() {
    set({ modified: false });
  },
});
