/// <reference lib="webworker" />
/**
 * Runs the engine off the main thread, so that typing in the editor never waits for an evaluation.
 * The newest request wins: older evaluations still queued are skipped, and a running one gives
 * way between its stages when a newer one has arrived. The worker keeps its own copy of the text,
 * kept up to date by the edits the page sends, and the last evaluation, so the next keystroke
 * re-reads only the range its edits changed (evaluateFiles) and questions about the current text
 * (explain, edit, export) need no new load.
 */
import {
  applyIntent,
  applyTextEdits,
  evaluateFiles,
  exportManifests,
  followEdits,
  loadWorkspace,
  runTests,
  type Evaluation,
  type TextChange,
} from '../../engine';
import type { ViewModel } from '../model/view-model';
import { allDiagnosticsSteps, buildViewModel } from '../view-model/build-view-model';
import { compareWorkspaces } from '../view-model/compare';
import { explainFlow } from '../view-model/explain-flow';
import {
  PROGRESS_FROM_BYTES,
  WORKSPACE_FILE,
  type LoadStage,
  type StepProgress,
  type TextRequest,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';
import { buildMatrixData, matrixPair } from '../view-model/matrix-view';
import { quickFixes } from '../view-model/quick-fixes';
import { SummaryFlows } from '../view-model/summary-flows';
import { matrixReport, parsePortFilter } from '../view-model/matrix-report';
import { buildSummaryViewModel, isSummarized, SummaryCache } from '../view-model/summary-view';
import { ObservedLogs, type CanvasPlaces } from '../view-model/observed-traffic';
import { indexObserved, type ObservedIndex } from '../model/observed-match';
import type { ObservedView } from '../model/observed';

declare const self: DedicatedWorkerGlobalScope;

/** A pause in typing this long lets the lint of a big workspace run. */
const LINT_AFTER_MS = 800;
/**
 * The lint of a workspace that replaced the text (PROGRESS_FROM_BYTES or more) waits for the page
 * to paint it, at most this long: the matrix view paints no canvas.
 */
const PAINT_WAIT_MS = 5000;

let newestSeq = 0;
let current: Evaluation | null = null;
const summaryCache = new SummaryCache();
const observedLogs = new ObservedLogs();
/** The flows table of `current`, made when first asked for. */
let summaryFlows: SummaryFlows | null = null;
/** The namespaces the last evaluation was asked to show open. */
let expanded: readonly string[] = [];
/** The observed flows posted with the last evaluation, which the flows table's pages are marked by. */
let observedOfCurrent: { evaluation: Evaluation; index: ObservedIndex } | null = null;

/** Where `evaluation`'s canvas draws the ends of observed flows. */
function placesFor(evaluation: Evaluation): CanvasPlaces {
  return {
    externals: summaryCache.externalsFor(evaluation),
    ...(isSummarized(evaluation) && { expanded: new Set(expanded) }),
  };
}

async function observedView(
  evaluation: Evaluation,
  onProgress?: Parameters<ObservedLogs['view']>[2],
): Promise<ObservedView | null> {
  const view = await observedLogs.view(evaluation, placesFor(evaluation), onProgress);
  observedOfCurrent = view ? { evaluation, index: indexObserved(view) } : null;
  return view;
}

/** The worker's copy of the page's text, at `version` (null: it holds none, or missed an edit). */
let text = '';
let version: number | null = null;
/** Where `text` changed since `current` was evaluated (null: it did not), unless replaced whole. */
let sinceEvaluated: TextChange | null = null;
let replacedSinceEvaluated = true;
/** Whether the page has painted the text that last replaced the worker's, and who waits for that. */
let painted = false;
let onPainted: (() => void) | null = null;

function untilPainted(): Promise<void> {
  if (painted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, PAINT_WAIT_MS);
    onPainted = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}
/** Requests about a version the worker does not hold yet; answered once the whole text comes. */
const waitingForText: TextRequest[] = [];
let askedForText = false;

function askForText(): void {
  version = null;
  if (askedForText) return;
  askedForText = true;
  post({ type: 'resync' });
}

function receiveText(request: Extract<WorkerRequest, { type: 'text' | 'edits' }>): void {
  if (request.type === 'text') {
    text = request.text;
    replacedSinceEvaluated = true;
    painted = false;
    sinceEvaluated = null;
    askedForText = false;
  } else if (version !== null && request.version === version + 1) {
    sinceEvaluated = followEdits(sinceEvaluated, text.length, request.edits);
    text = applyTextEdits(text, request.edits);
  } else {
    // An edit of a text this worker never had (it is new, or missed one): only the whole will do.
    askForText();
    return;
  }
  version = request.version;
  if (request.type === 'text') {
    for (const waiting of waitingForText.splice(0)) {
      // An evaluation always gets its answer (the page waits for it), of the newest text.
      if (waiting.version === version || waiting.type === 'evaluate') answer(waiting);
      else fail(waiting, 'The text changed while the engine was asked about it; ask again.');
    }
  }
}

function flowsOfCurrent(): SummaryFlows | null {
  if (!current || !isSummarized(current)) return null;
  if (summaryFlows?.evaluation !== current) summaryFlows = new SummaryFlows(current);
  return summaryFlows;
}

function post(message: WorkerResponse): void {
  self.postMessage(message);
}

/** Step progress is posted at most this often: enough to move a bar and feed the watchdog. */
const STEP_EVERY_MS = 250;

/** Lets queued messages (a newer evaluation) run before going on. */
const yieldToQueue = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** How long a stepwise computation runs before it lets queued messages in. */
const SLICE_MS = 15;

/**
 * Runs `steps` in slices of about SLICE_MS, letting queued messages run between them; undefined
 * when `stale` says, after a slice, that the result is no longer wanted. A keystroke that lands
 * during the lint of a big workspace waits one slice, not the seconds of the whole lint.
 */
async function runSliced<T>(steps: Generator<void, T, void>, stale: () => boolean): Promise<T | undefined> {
  for (let sliceStart = performance.now(); ;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await yieldToQueue();
    if (stale()) return undefined;
    sliceStart = performance.now();
  }
}

function evaluate(namespace: string, onStage?: (stage: LoadStage) => void): Evaluation {
  const previous = replacedSinceEvaluated ? null : current;
  current = evaluateFiles([{ name: WORKSPACE_FILE, text }], { namespace }, previous, onStage, sinceEvaluated);
  replacedSinceEvaluated = false;
  sinceEvaluated = null;
  summaryCache.follow(current);
  return current;
}

/** The evaluation of the text: the kept one when the text has not changed since, else the next step from it. */
function evaluationOf(namespace: string): Evaluation {
  if (
    current &&
    !replacedSinceEvaluated &&
    sinceEvaluated === null &&
    (current.options.namespace || '') === namespace
  )
    return current;
  return evaluate(namespace);
}

async function answerEvaluation(request: Extract<WorkerRequest, { type: 'evaluate' }>): Promise<void> {
  const { seq } = request;
  const stale = () => seq !== newestSeq;
  let stage: LoadStage = 'parse';
  let lastStep = 0;
  const report = (next: LoadStage) => {
    stage = next;
    post({ type: 'progress', seq, stage });
  };
  const step = (progress: StepProgress) => {
    const now = performance.now();
    if (now - lastStep < STEP_EVERY_MS) return;
    lastStep = now;
    post({ type: 'progress', seq, stage, step: progress });
  };
  const waitsForPaint = replacedSinceEvaluated && text.length >= PROGRESS_FROM_BYTES;
  const evaluation = evaluate(request.namespace, report);
  expanded = request.expanded;
  // Observed flows are replayed on every evaluation, so what would break follows the text.
  const withObserved = async (model: ViewModel) => {
    const observed = await observedView(evaluation);
    return observed ? { ...model, observed } : model;
  };
  if (!isSummarized(evaluation)) {
    const model = await withObserved(buildViewModel(evaluation.workspace, seq, step));
    if (!stale()) post({ type: 'evaluated', seq, model });
    return;
  }
  await yieldToQueue();
  if (stale()) return;
  report('summary');
  const model = await withObserved(
    buildSummaryViewModel(evaluation, seq, {
      expanded: request.expanded,
      port: parsePortFilter(request.port),
      cache: summaryCache,
      onStep: step,
    }),
  );
  if (stale()) return;
  post({ type: 'evaluated', seq, model });
  // Lint findings come second, once typing pauses: on a big workspace they take as long as
  // everything else together, and the next keystroke's evaluation would wait behind them. A
  // keystroke after the pause still lands during the lint: it runs in slices, and gives way.
  await new Promise((resolve) => setTimeout(resolve, LINT_AFTER_MS));
  if (waitsForPaint) await untilPainted();
  if (stale()) return;
  const diagnostics = await runSliced(
    allDiagnosticsSteps(evaluation.workspace, runTests(evaluation.workspace).errors),
    stale,
  );
  if (!diagnostics) return;
  post({ type: 'linted', seq, diagnostics, quickFixes: quickFixes(diagnostics) });
}

function failure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Holds `lock` until the worker ends; the page waits for it to learn of the end (protocol.ts). */
function holdLock(lock: string): void {
  // Without Web Locks (an insecure origin), the page's watchdog still notices a silent worker.
  if (!('locks' in navigator)) return;
  void navigator.locks.request(lock, () => {
    post({ type: 'watching' });
    return new Promise<never>(() => {});
  });
}

function fail(request: TextRequest, message: string): void {
  if (request.type === 'evaluate') post({ type: 'failed', seq: request.seq, id: null, message });
  else post({ type: 'failed', seq: null, id: request.id, message });
}

/** Answers a request about the text the worker holds now. */
function answer(request: TextRequest): void {
  if (request.type === 'generate') {
    observedLogs
      .generate(evaluationOf(request.namespace), request.scope)
      .then((result) => post({ type: 'generated', id: request.id, result }))
      .catch((error: unknown) => fail(request, failure(error)));
    return;
  }
  if (request.type === 'evaluate') {
    newestSeq = Math.max(newestSeq, request.seq);
    // Let newer messages already in the queue run first; this one would be stale when it finished.
    setTimeout(() => {
      if (request.seq !== newestSeq) return;
      answerEvaluation(request).catch((error: unknown) => fail(request, failure(error)));
    }, 0);
    return;
  }
  try {
    if (request.type === 'matrix' || request.type === 'matrix-pair' || request.type === 'report') {
      const evaluation = evaluationOf(request.namespace);
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
    const { workspace } = evaluationOf(request.namespace);
    if (request.type === 'explain')
      post({ type: 'explained', id: request.id, result: explainFlow(workspace, request.query) });
    else if (request.type === 'compare')
      post({
        type: 'compared',
        id: request.id,
        result: compareWorkspaces(
          loadWorkspace([{ name: WORKSPACE_FILE, text: request.baseText }], { namespace: request.namespace }),
          workspace,
        ),
      });
    // applyIntent never throws; this guards the load. Edits come back unapplied: the main thread owns the text.
    else if (request.type === 'edit')
      post({ type: 'edited', id: request.id, result: applyIntent(workspace, request.intent) });
    else post({ type: 'exported', id: request.id, result: exportManifests(workspace, request.scope) });
  } catch (error) {
    fail(request, failure(error));
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'text' || request.type === 'edits') {
    receiveText(request);
    return;
  }
  if (request.type === 'flow-page') {
    try {
      const observed = observedOfCurrent?.evaluation === current ? observedOfCurrent.index : null;
      post({
        type: 'flow-page',
        id: request.id,
        result: flowsOfCurrent()?.page(request.query, observed) ?? null,
      });
    } catch (error) {
      post({ type: 'failed', seq: null, id: request.id, message: failure(error) });
    }
    return;
  }
  if (request.type === 'observe') {
    observedLogs.setSources(request.sources);
    const answerObserve = async () => {
      let result: ObservedView | null = null;
      // Reading a log takes a while: an evaluation of a newer text that lands meanwhile must not be
      // answered over by marks of the text before (a log dropped just after an example loads).
      for (let evaluation = current; evaluation;) {
        result = await observedView(evaluation, (progress) =>
          post({ type: 'observe-progress', id: request.id, progress }),
        );
        if (evaluation === current) break;
        evaluation = current;
      }
      post({ type: 'observed', id: request.id, result });
    };
    answerObserve().catch((error: unknown) =>
      post({ type: 'failed', seq: null, id: request.id, message: failure(error) }),
    );
    return;
  }
  if (request.type === 'watch') {
    holdLock(request.lock);
    return;
  }
  if (request.type === 'painted') {
    painted = true;
    onPainted?.();
    onPainted = null;
    return;
  }
  if (request.version === version) answer(request);
  else {
    waitingForText.push(request);
    askForText();
  }
};
