import type { StateCreator } from 'zustand';
import type { TextEdit } from '../../engine';
import { changesNothing } from './document-slice';
import { createEditorEvents, type EditorEmitter } from './editor-events';
import type { AppState, Middlewares } from './types';

/** What the last canvas edit did, in the engine's words, or why it was not made. */
export interface EditReport {
  tone: 'info' | 'error';
  message: string;
  nonce: number;
}

/** A flow the user asked to remove (Delete key, context menu, inspector), waiting for the preview. */
export interface FlowRemovalRequest {
  edgeId: string;
  port?: number;
  protocol?: string;
  nonce: number;
}

/** Dialogs of the editing tools (the canvas's "+" menu and its workspace-wide actions). */
export type EditDialog =
  | { kind: 'add-namespace' }
  | { kind: 'add-workload'; namespace?: string }
  | { kind: 'new-cidr'; from?: string }
  | { kind: 'all-egress' }
  /** Cluster-wide guardrails (ClusterNetworkPolicy): `to` absent asks which namespace. */
  | { kind: 'tier-deny'; from: string; to?: string }
  | { kind: 'tier-allow'; namespace: string }
  | { kind: 'tier-delegate'; namespace: string; peer?: string }
  | { kind: 'tier-baseline' }
  | null;

export interface EditSlice {
  /** One-shot requests to the YAML pane (reveal, flash, highlight), which subscribes to them. */
  editorEvents: EditorEmitter;
  editReport: EditReport | null;
  /** The policy open in the rule editor (`namespace/name`). */
  editingPolicy: string | null;
  flowRemoval: FlowRemovalRequest | null;
  editDialog: EditDialog;
  /**
   * Applies the engine's edits to `baseText`, the text they were computed for, as one undo step.
   * Returns false (and changes nothing) when the text has changed since; the caller asks again.
   */
  applyEngineEdits(baseText: string, edits: readonly TextEdit[], summary: string): boolean;
  reportEdit(tone: EditReport['tone'], message: string): void;
  dismissEditReport(): void;
  openPolicyEditor(policyId: string | null): void;
  requestFlowRemoval(request: Omit<FlowRemovalRequest, 'nonce'> | null): void;
  setEditDialog(dialog: EditDialog): void;
}

/** Where each edit's new text lands once all are applied (edits are given in offsets of the old text). */
export function editedRanges(edits: readonly TextEdit[]): { start: number; end: number }[] {
  let shift = 0;
  return [...edits]
    .sort((a, b) => a.start - b.start)
    .map((edit) => {
      const start = edit.start + shift;
      shift += edit.text.length - (edit.end - edit.start);
      return { start, end: start + edit.text.length };
    });
}

export const createEditSlice: StateCreator<AppState, Middlewares, [], EditSlice> = (set, get) => ({
  editorEvents: createEditorEvents(),
  editReport: null,
  editingPolicy: null,
  flowRemoval: null,
  editDialog: null,
  applyEngineEdits(baseText, edits, summary) {
    const { text, editReport } = get();
    if (text !== baseText) return false;
    if (changesNothing(baseText, edits)) {
      set({
        editReport: {
          tone: 'info',
          message: summary || 'Nothing to change.',
          nonce: (editReport?.nonce ?? 0) + 1,
        },
      });
      return true;
    }
    get().recordHistory(baseText, edits, 'edit');
    get().reviseText(edits);
    set({
      editReport: summary ? { tone: 'info', message: summary, nonce: (editReport?.nonce ?? 0) + 1 } : null,
    });
    // After the text is set: the editor holds the new text by the time its lines flash.
    get().editorEvents.emit('flash', editedRanges(edits));
    return true;
  },
  reportEdit(tone, message) {
    set({ editReport: { tone, message, nonce: (get().editReport?.nonce ?? 0) + 1 } });
  },
  dismissEditReport: () => set({ editReport: null }),
  openPolicyEditor: (editingPolicy) => set({ editingPolicy }),
  requestFlowRemoval(request) {
    set({ flowRemoval: request ? { ...request, nonce: (get().flowRemoval?.nonce ?? 0) + 1 } : null });
  },
  setEditDialog: (editDialog) => set({ editDialog }),
});
