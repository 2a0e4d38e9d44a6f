import type { StateCreator } from 'zustand';
import { applyTextEdits, type TextEdit } from '../../engine';
import { spliceBetween } from '../yaml/text-diff';
import { PROGRESS_FROM_BYTES, WORKSPACE_FILE } from '../worker/protocol';
import type { PersistedWorkspace } from './persistence';
import type { AppState, Middlewares } from './types';
import { viewReset } from './view-slice';

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
 * How the text reached its version: by edits of the text of the version before (all at once,
 * offsets into it), or replaced whole (null). The engine worker keeps its copy of the text by them.
 */
export type TextEdits = readonly TextEdit[] | null;

/** The state after `edits` of `text` at `version`: the next version. */
function editedText(
  text: string,
  version: number,
  edits: readonly TextEdit[],
): Pick<DocumentSlice, 'text' | 'textVersion' | 'textEdits'> {
  return { text: applyTextEdits(text, edits), textVersion: version + 1, textEdits: edits };
}

/** Edits that change nothing (a character typed over itself, an engine edit already in place). */
export const changesNothing = (text: string, edits: readonly TextEdit[]) =>
  edits.every((edit) => text.slice(edit.start, edit.end) === edit.text);

/**
 * The workspace: `text`, `namespace`, `origin` and `modified` are written by these actions alone
 * (typing, the engine's edits, undo and redo, replacing), so every way the text changes is here.
 */
export interface DocumentSlice {
  /** The YAML the user owns: the single source of truth for everything on screen. */
  text: string;
  /** Counts the changes of `text`, each made by `textEdits`. */
  textVersion: number;
  textEdits: TextEdits;
  /** Namespace for objects that name none, as `kubectl apply -n` would use. */
  namespace: string;
  origin: WorkspaceOrigin;
  /** The text differs from what was loaded, imported or exported. */
  modified: boolean;
  /** Edits of the text from the editor (offsets into the text as it is); bursts of typing become one undo step. */
  editText(edits: readonly TextEdit[]): void;
  /**
   * Edits whose undo step the caller has recorded (an engine edit), or a step through history
   * (with the origin it returns to): edited work either way.
   */
  reviseText(edits: readonly TextEdit[], origin?: WorkspaceOrigin): void;
  /** Replaces the whole workspace (example, import, scratch, share link): one undo step, not "modified". */
  replaceWorkspace(text: string, origin: WorkspaceOrigin, namespace?: string): void;
  /** Takes a saved workspace (another tab's) as it was saved, edited or not. */
  restoreSaved(saved: PersistedWorkspace): void;
  setNamespace(namespace: string): void;
  markSaved(): void;
}

export const createDocumentSlice: StateCreator<AppState, Middlewares, [], DocumentSlice> = (set, get) => ({
  text: '',
  textVersion: 0,
  textEdits: null,
  namespace: 'default',
  origin: { kind: 'scratch' },
  modified: false,
  editText(edits) {
    const { text } = get();
    if (changesNothing(text, edits)) return;
    get().recordHistory(text, edits, 'typing');
    get().reviseText(edits);
  },
  reviseText(edits, origin) {
    const { text, textVersion } = get();
    set({ ...editedText(text, textVersion, edits), modified: true, ...(origin ? { origin } : {}) });
  },
  replaceWorkspace(text, origin, namespace) {
    const splice = spliceBetween(get().text, text);
    get().recordHistory(get().text, splice ? [{ file: WORKSPACE_FILE, ...splice }] : [], 'replace');
    get().resetEvaluation();
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
    set((state) => ({
      ...viewReset(state),
      text,
      textVersion: state.textVersion + 1,
      textEdits: null,
      origin,
      modified: false,
      ...(namespace?.trim() ? { namespace: namespace.trim() } : {}),
    }));
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
