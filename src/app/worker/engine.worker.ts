/// <reference lib="webworker" />
/**
 * Runs the engine off the main thread, so that typing in the editor never waits for an evaluation.
 * The newest request wins: older evaluations still queued are skipped, and a running one gives
 * way between its stages when a newer one has arrived. The last evaluation is kept, so the next
 * keystroke re-reads only what it changed (evaluateFiles) and questions about the current text
 * (explain, edit, export) need no new load.
 */
import { evaluateFiles, loadWorkspace, runTests, type Evaluation, type Workspace } from '../../engine';
import { applyIntent } from '../../engine/edit';
import { allDiagnostics, buildViewModel } from './build-view-model';
import { compareWorkspaces } from './compare';
import { explainFlow } from './explain-flow';
import { exportYaml } from './export-yaml';
import {
  PROGRESS_FROM_BYTES,
  WORKSPACE_FILE,
  type LoadStage,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';
import { buildMatrixData, matrixPair } from './matrix-view';
import { quickFixes } from './quick-fixes';
import { matrixReport } from './matrix-report';
import { buildSummaryViewModel, isSummarized, SummaryCache } from './summary-view';

declare const self: DedicatedWorkerGlobalScope;

/** A pause in typing this long lets the lint of a big workspace run. */
const LINT_AFTER_MS = 800;

let newestSeq = 0;
let current: Evaluation | null = null;
const summaryCache = new SummaryCache();

function post(message: WorkerResponse): void {
  self.postMessage(message);
}

/** Lets queued messages (a newer evaluation) run before going on. */
const yieldToQueue = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function evaluate(text: string, namespace: string, onStage?: (stage: LoadStage) => void): Evaluation {
  current = evaluateFiles([{ name: WORKSPACE_FILE, text }], { namespace }, current, onStage);
  summaryCache.follow(current);
  return current;
}

/** The evaluation of `text`: the kept one when it is the current text, else the next step from it. */
function evaluationOf(text: string, namespace: string): Evaluation {
  if (current && current.workspace.files[0]?.text === text && (current.options.namespace || '') === namespace)
    return current;
  return evaluate(text, namespace);
}

/** The workspace of `text`: the kept one when it is the current text, else a fresh load. */
function workspaceOf(text: string, namespace: string): Workspace {
  if (current && current.workspace.files[0]?.text === text && (current.options.namespace || '') === namespace)
    return current.workspace;
  return loadWorkspace([{ name: WORKSPACE_FILE, text }], { namespace });
}

async function answerEvaluation(request: Extract<WorkerRequest, { type: 'evaluate' }>): Promise<void> {
  const { seq } = request;
  const stale = () => seq !== newestSeq;
  const report =
    request.text.length >= PROGRESS_FROM_BYTES
      ? (stage: LoadStage) => post({ type: 'progress', seq, stage })
      : undefined;
  const evaluation = evaluate(request.text, request.namespace, report);
  if (!isSummarized(evaluation)) {
    post({ type: 'evaluated', seq, model: buildViewModel(evaluation.workspace, seq) });
    return;
  }
  await yieldToQueue();
  if (stale()) return;
  report?.('summary');
  post({
    type: 'evaluated',
    seq,
    model: buildSummaryViewModel(evaluation, seq, { expanded: request.expanded, cache: summaryCache }),
  });
  // Lint findings come second, once typing pauses: on a big workspace they take as long as
  // everything else together, and the next keystroke's evaluation would wait behind them.
  await new Promise((resolve) => setTimeout(resolve, LINT_AFTER_MS));
  if (stale()) return;
  const diagnostics = allDiagnostics(evaluation.workspace, runTests(evaluation.workspace).errors);
  post({ type: 'linted', seq, diagnostics, quickFixes: quickFixes(evaluation.workspace, diagnostics) });
}

function failure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'evaluate') {
    newestSeq = Math.max(newestSeq, request.seq);
    // Let newer messages already in the queue run first; this one would be stale when it finished.
    setTimeout(() => {
      if (request.seq !== newestSeq) return;
      answerEvaluation(request).catch((error: unknown) =>
        post({ type: 'failed', seq: request.seq, id: null, message: failure(error) }),
      );
    }, 0);
    return;
  }
  try {
    if (request.type === 'matrix' || request.type === 'matrix-pair' || request.type === 'report') {
      const evaluation = evaluationOf(request.text, request.namespace);
      const externals = summaryCache.externalsFor(evaluation);
      const result =
        request.type === 'matrix'
          ? buildMatrixData(evaluation, externals, request.query, summaryCache.decisionsFor(evaluation))
          : request.type === 'matrix-pair'
            ? matrixPair(evaluation, externals, request.from, request.to)
            : matrixReport(evaluation, request.format, request.port);
      post({ type: 'matrixed', id: request.id, result });
      return;
    }
    const workspace = workspaceOf(request.text, request.namespace);
    if (request.type === 'explain')
      post({ type: 'explained', id: request.id, result: explainFlow(workspace, request.query) });
    else if (request.type === 'compare')
      post({
        type: 'compared',
        id: request.id,
        result: compareWorkspaces(workspaceOf(request.baseText, request.namespace), workspace),
      });
    // applyIntent never throws; this guards the load. Edits come back unapplied: the main thread owns the text.
    else if (request.type === 'edit')
      post({ type: 'edited', id: request.id, result: applyIntent(workspace, request.intent) });
    else
      post({ type: 'exported', id: request.id, result: exportYaml(workspace, request.text, request.scope) });
  } catch (error) {
    post({ type: 'failed', seq: null, id: request.id, message: failure(error) });
  }
};
