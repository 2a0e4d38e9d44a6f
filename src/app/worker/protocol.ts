/** Messages between the main thread and the engine worker; all plain, structured-clone-safe data. */
import type { Diagnostic } from '../../engine';
import type { EditIntent, EditResult } from '../../engine/edit';
import type { Comparison, Explanation, FlowQuery, QuickFix } from '../model/insight';
import type { ViewModel } from '../model/view-model';
import type { ExportResult, ExportScope } from './export-yaml';

export type { EditIntent, EditResult, ExportResult, ExportScope };

/** The single file name the workspace text is evaluated under; diagnostics refer to it. */
export const WORKSPACE_FILE = 'workspace.yaml';

/**
 * Workspaces at least this big show the stages of their loading over the canvas (every
 * evaluation reports its stages; smaller ones show them only when they take a while).
 */
export const PROGRESS_FROM_BYTES = 1024 * 1024;

/** Stages of a long evaluation, reported as they begin. */
export type LoadStage = 'parse' | 'model' | 'reachability' | 'summary';

/** How far a long step has got: `done` of `total` items. */
export interface StepProgress {
  done: number;
  total: number;
}

export type WorkerRequest =
  /**
   * Sent first: the worker holds the Web Lock `lock` for as long as it lives, so the page, queued
   * for the same lock, learns at once that the worker died (crashed, ran out of memory, closed).
   */
  | { type: 'watch'; lock: string }
  /** `expanded`: namespaces to show open when the workspace is big enough to be summarized. */
  | { type: 'evaluate'; seq: number; text: string; namespace: string; expanded: readonly string[] }
  | { type: 'export'; id: number; text: string; namespace: string; scope: ExportScope }
  /** A canvas or rule-editor intent: the engine answers with text edits of `text` (never applied there). */
  | { type: 'edit'; id: number; text: string; namespace: string; intent: EditIntent }
  /** One flow explained, side by side, with the rules that decided it or came closest. */
  | { type: 'explain'; id: number; text: string; namespace: string; query: FlowQuery }
  /** Flows that `text` decides differently from `baseText`. */
  | { type: 'compare'; id: number; text: string; namespace: string; baseText: string };

export type WorkerResponse =
  | { type: 'evaluated'; seq: number; model: ViewModel }
  /** A stage began, or (with `step`) moved on; also the sign of life the watchdog waits for. */
  | { type: 'progress'; seq: number; stage: LoadStage; step?: StepProgress }
  /** The worker holds its lock (see `watch`). */
  | { type: 'watching' }
  /** The lint findings of an evaluation that was answered without them (lintPending). */
  | { type: 'linted'; seq: number; diagnostics: Diagnostic[]; quickFixes: QuickFix[] }
  | { type: 'exported'; id: number; result: ExportResult }
  | { type: 'edited'; id: number; result: EditResult }
  | { type: 'explained'; id: number; result: Explanation }
  | { type: 'compared'; id: number; result: Comparison }
  | { type: 'failed'; seq: number | null; id: number | null; message: string };
