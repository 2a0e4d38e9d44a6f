/** Messages between the main thread and the engine worker; all plain, structured-clone-safe data. */
import type { Diagnostic, EditIntent, EditResult, ExportResult, ExportScope, TextEdit } from '../../engine';
import type { Comparison, Explanation, FlowQuery, QuickFix } from '../model/insight';
import type { FlowPage, FlowPageQuery } from '../model/flow-page';
import type { MatrixData, MatrixPair, MatrixQuery } from '../model/matrix';
import type { ViewModel } from '../model/view-model';
import type {
  FlowLogSource,
  GeneratePreview,
  GenerateScope,
  ObserveProgress,
  ObservedView,
} from '../model/observed';

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

/**
 * The worker keeps its own copy of the store's text, version by version (the store's
 * `textVersion`): a change travels as its edits, and the whole text only when the workspace is
 * replaced or the worker lacks the version before (a new worker; it then asks, `resync`).
 * Questions about the text name the version they are about.
 */
export type WorkerRequest =
  /**
   * Sent first: the worker holds the Web Lock `lock` for as long as it lives, so the page, queued
   * for the same lock, learns at once that the worker died (crashed, ran out of memory, closed).
   */
  | { type: 'watch'; lock: string }
  /** The text at `version`, whole. */
  | { type: 'text'; version: number; text: string }
  /** The text at `version`: the one at `version - 1` with `edits` applied (all at once, offsets into it). */
  | { type: 'edits'; version: number; edits: readonly TextEdit[] }
  /**
   * `expanded`: namespaces to show open when the workspace is big enough to be summarized; `port`:
   * the port filter (`8080/TCP` or ''), which the counts of a summarized workspace are for.
   */
  | {
      type: 'evaluate';
      seq: number;
      version: number;
      namespace: string;
      expanded: readonly string[];
      port: string;
    }
  | { type: 'export'; id: number; version: number; namespace: string; scope: ExportScope }
  /** A canvas or rule-editor intent: the engine answers with text edits of the text (never applied there). */
  | { type: 'edit'; id: number; version: number; namespace: string; intent: EditIntent }
  /** One flow explained, side by side, with the rules that decided it or came closest. */
  | { type: 'explain'; id: number; version: number; namespace: string; query: FlowQuery }
  /** Flows that the text decides differently from `baseText`. */
  | { type: 'compare'; id: number; version: number; namespace: string; baseText: string }
  /** A window of the flows table of the last evaluation, when it was summarized. */
  | { type: 'flow-page'; id: number; query: FlowPageQuery }
  /** The matrix view's grid for the groups open in it and the port filter. */
  | { type: 'matrix'; id: number; version: number; namespace: string; query: MatrixQuery }
  /** One cell of two leaves (canvas node ids) as an edge with its per-port rows. */
  | { type: 'matrix-pair'; id: number; version: number; namespace: string; from: string; to: string }
  /** The reachability matrix as a file: CSV flow rows for `port` ('' : every declared port), or the Markdown grid. */
  | {
      type: 'report';
      id: number;
      version: number;
      namespace: string;
      format: ReportFormat;
      port: string;
    }
  /**
   * The flow logs to hold from now on (empty: none), read streamed; answered with their flows
   * replayed against the last evaluation. Every later evaluation carries them (ViewModel.observed).
   */
  | { type: 'observe'; id: number; sources: FlowLogSource[] }
  /** Policies from the observed traffic for `scope`, with the edits that add them and the flows they change. */
  | { type: 'generate'; id: number; version: number; namespace: string; scope: GenerateScope }
  /**
   * The canvas shows the workspace that replaced the text (one of PROGRESS_FROM_BYTES or more):
   * its lint, which waits for this, may start. Until then it would take a core from the layout
   * and the first paint.
   */
  | { type: 'painted' };

/** A request about the text at a version: answered once the worker holds that version. */
export type TextRequest = Exclude<Extract<WorkerRequest, { version: number }>, { type: 'text' | 'edits' }>;

export type ReportFormat = 'csv' | 'md';

export type WorkerResponse =
  | { type: 'evaluated'; seq: number; model: ViewModel }
  /** A stage began, or (with `step`) moved on; also the sign of life the watchdog waits for. */
  | { type: 'progress'; seq: number; stage: LoadStage; step?: StepProgress }
  /** The worker holds its lock (see `watch`). */
  | { type: 'watching' }
  /** The worker lacks the text a message was about (edits of a version it does not hold): send it whole. */
  | { type: 'resync' }
  /** The lint findings of an evaluation that was answered without them (lintPending). */
  | { type: 'linted'; seq: number; diagnostics: Diagnostic[]; quickFixes: QuickFix[] }
  | { type: 'exported'; id: number; result: ExportResult }
  | { type: 'edited'; id: number; result: EditResult }
  | { type: 'explained'; id: number; result: Explanation }
  | { type: 'compared'; id: number; result: Comparison }
  /** Null: the last evaluation was not summarized (its view model holds every row). */
  | { type: 'flow-page'; id: number; result: FlowPage | null }
  | { type: 'matrixed'; id: number; result: MatrixData | MatrixPair | null | string }
  | { type: 'observe-progress'; id: number; progress: ObserveProgress }
  | { type: 'observed'; id: number; result: ObservedView | null }
  | { type: 'generated'; id: number; result: GeneratePreview }
  | { type: 'failed'; seq: number | null; id: number | null; message: string };
