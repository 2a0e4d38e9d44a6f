/**
 * The main thread's handle on the engine worker: numbers evaluations, keeps at most one waiting
 * behind the one being computed (the newest; others are dropped unsent), and drops answers that
 * a newer request has overtaken. It also keeps the worker alive: a worker that dies is noticed at
 * once (it holds a Web Lock the page waits for), one that says nothing for WATCHDOG_MS while it
 * owes an answer is taken for hung, and either is replaced by a fresh one, as is a cancelled one.
 */
import type { Diagnostic, TextEdit } from '../../engine';
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
import type {
  EditIntent,
  EditResult,
  ExportResult,
  ExportScope,
  LoadStage,
  ReportFormat,
  StepProgress,
  WorkerRequest,
  WorkerResponse,
} from '../worker/protocol';

export interface EngineClient {
  /** The text is now `text` at `version`, replaced whole (an import, an example, a restore). */
  setText(version: number, text: string): void;
  /** The text at `version` is the one at `version - 1` with `edits` applied: only they are sent. */
  editText(version: number, edits: readonly TextEdit[]): void;
  /**
   * Evaluates the text at `version` at once when the engine is idle, so a keystroke shows on the
   * canvas as soon as the engine can tell; while it is busy, only the newest request waits for its
   * turn. Returns the evaluation's number (the `seq` of its answers).
   */
  evaluate(version: number, namespace: string, expanded: readonly string[], port: string): number;
  exportYaml(version: number, namespace: string, scope: ExportScope): Promise<ExportResult>;
  /** Asks the engine for the text edits an intent makes to the text at `version`; nothing is applied. */
  edit(version: number, namespace: string, intent: EditIntent): Promise<EditResult>;
  /** The engine's explanation of one flow in the text at `version`. */
  explain(version: number, namespace: string, query: FlowQuery): Promise<Explanation>;
  /** Flows the text at `version` decides differently from `baseText`. */
  compare(version: number, namespace: string, baseText: string): Promise<Comparison>;
  /** A window of the last evaluation's flows, when it was summarized (else null). */
  flowPage(query: FlowPageQuery): Promise<FlowPage | null>;
  /** The matrix view's grid. */
  matrix(version: number, namespace: string, query: MatrixQuery): Promise<MatrixData>;
  /** One cell of two leaves as an edge (null: an end is gone). */
  matrixPair(version: number, namespace: string, from: string, to: string): Promise<MatrixPair | null>;
  /** The reachability matrix as CSV or Markdown text. */
  report(version: number, namespace: string, format: ReportFormat, port: string): Promise<string>;
  /** Hands the worker the flow logs to hold (replacing those it held) and reads them. */
  observe(
    sources: FlowLogSource[],
    onProgress?: (progress: ObserveProgress) => void,
  ): Promise<ObservedView | null>;
  /** Policies from the observed traffic, previewed against the text at `version`. */
  generate(version: number, namespace: string, scope: GenerateScope): Promise<GeneratePreview>;
  /** The canvas shows the big workspace just loaded (see the `painted` request). */
  painted(): void;
  /** Stops whatever the engine is doing, by replacing the worker; unanswered requests fail. */
  cancel(): void;
  dispose(): void;
}

/** Why the worker was replaced. */
export type EngineRestart = 'cancelled' | 'died' | 'hung';

/**
 * A worker that owes an answer and has said nothing for this long, plus WATCHDOG_MS_PER_MB for
 * each megabyte of the text it works on, is taken for hung. Long steps report progress every
 * 250 ms, but the engine's own stages say nothing while they run: parsing a 13 MB dump of 100,000
 * pods takes 20 to 50 s on a busy laptop core.
 */
export const WATCHDOG_MS = 30_000;
const WATCHDOG_MS_PER_MB = 10_000;

const RESTART_MESSAGES: Record<EngineRestart, string> = {
  cancelled: 'The evaluation was cancelled.',
  died: 'The engine stopped (it may have run out of memory) and was restarted.',
  hung: 'The engine stopped answering and was restarted.',
};

export interface EngineCallbacks {
  /** The text as it is now, for a worker that lacks it (a new one) and asks. */
  currentText(): { version: number; text: string };
  onResult(model: ViewModel): void;
  onFailure(message: string): void;
  onProgress(seq: number, stage: LoadStage, step?: StepProgress): void;
  onLint(seq: number, diagnostics: Diagnostic[], quickFixes: QuickFix[]): void;
  /** The worker was replaced: nothing it was computing will be answered. */
  onRestart(reason: EngineRestart, message: string): void;
}

export function createEngineClient(callbacks: EngineCallbacks): EngineClient {
  let worker: Worker;
  /** Names this client's locks apart from another tab's. */
  const instance = Math.random().toString(36).slice(2);
  /** Bumped with every new worker, so that the end of a replaced one is not taken for a death. */
  let generation = 0;
  let seq = 0;
  let nextExportId = 0;
  /** The evaluation being computed, and the newest request waiting behind it. */
  let inFlight: number | null = null;
  let waiting: Extract<WorkerRequest, { type: 'evaluate' }> | null = null;
  const exports = new Map<number, { resolve(result: ExportResult): void; reject(error: Error): void }>();
  const edits = new Map<number, { resolve(result: EditResult): void; reject(error: Error): void }>();
  // Explain and compare answers, by the same numbering as exports and edits.
  const questions = new Map<number, { resolve(result: never): void; reject(error: Error): void }>();
  /** When the worker last gave a sign of life, or was given work while idle. */
  let lastSign = performance.now();
  /** How long the worker may stay silent on the work it was given last. */
  let patience = WATCHDOG_MS;
  /** The flow logs the worker holds: a replacement worker is handed them again. */
  let heldSources: FlowLogSource[] = [];
  const observeProgress = new Map<number, (progress: ObserveProgress) => void>();
  const owesAnswer = () => inFlight !== null || exports.size + edits.size + questions.size > 0;

  const send = (message: WorkerRequest) => {
    if (!owesAnswer()) lastSign = performance.now();
    if (message.type === 'evaluate')
      patience = WATCHDOG_MS + (WATCHDOG_MS_PER_MB * callbacks.currentText().text.length) / 2 ** 20;
    worker.postMessage(message);
  };
  const ask = <T>(message: Extract<WorkerRequest, { id: number }>) =>
    new Promise<T>((resolve, reject) => {
      questions.set(message.id, { resolve: resolve as (result: never) => void, reject });
      send(message);
    });
  const sendEvaluation = (request: Extract<WorkerRequest, { type: 'evaluate' }>) => {
    send(request);
    inFlight = request.seq;
  };
  /** The evaluation in flight has been answered (or failed): the waiting one may go. */
  const settle = (answered: number) => {
    if (answered !== inFlight) return;
    inFlight = null;
    if (waiting) {
      const next = waiting;
      waiting = null;
      sendEvaluation(next);
    }
  };

  const onMessage = (event: MessageEvent<WorkerResponse>) => {
    lastSign = performance.now();
    const message = event.data;
    if (message.type === 'watching') watchForDeath(generation);
    else if (message.type === 'resync') send({ type: 'text', ...callbacks.currentText() });
    else if (message.type === 'evaluated') {
      settle(message.seq);
      if (message.seq === seq) callbacks.onResult(message.model);
    } else if (message.type === 'progress') {
      if (message.seq === seq) callbacks.onProgress(message.seq, message.stage, message.step);
    } else if (message.type === 'linted') {
      if (message.seq === seq) callbacks.onLint(message.seq, message.diagnostics, message.quickFixes);
    } else if (message.type === 'exported') {
      exports.get(message.id)?.resolve(message.result);
      exports.delete(message.id);
    } else if (
      message.type === 'explained' ||
      message.type === 'compared' ||
      message.type === 'flow-page' ||
      message.type === 'matrixed' ||
      message.type === 'observed' ||
      message.type === 'generated'
    ) {
      observeProgress.delete(message.id);
      questions.get(message.id)?.resolve(message.result as never);
      questions.delete(message.id);
    } else if (message.type === 'observe-progress') {
      observeProgress.get(message.id)?.(message.progress);
    } else if (message.type === 'edited') {
      edits.get(message.id)?.resolve(message.result);
      edits.delete(message.id);
    } else if (message.id !== null) {
      exports.get(message.id)?.reject(new Error(message.message));
      exports.delete(message.id);
      edits.get(message.id)?.reject(new Error(message.message));
      edits.delete(message.id);
      questions.get(message.id)?.reject(new Error(message.message));
      questions.delete(message.id);
    } else if (message.seq !== null) {
      settle(message.seq);
      if (message.seq === seq) callbacks.onFailure(message.message);
    }
  };

  /** Granted only when the worker that holds the lock has ended. */
  const watchForDeath = (of: number) => {
    void navigator.locks.request(`netpol-engine-${instance}-${of}`, () => {
      if (of === generation) restart('died');
    });
  };

  const start = () => {
    generation++;
    worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'netpol-engine',
    });
    worker.onmessage = onMessage;
    worker.onerror = (event) => {
      if (inFlight !== null) settle(inFlight);
      callbacks.onFailure(event.message || 'The engine worker stopped.');
    };
    if ('locks' in navigator)
      worker.postMessage({ type: 'watch', lock: `netpol-engine-${instance}-${generation}` });
  };

  const restart = (reason: EngineRestart) => {
    const message = RESTART_MESSAGES[reason];
    const failure = new Error(message);
    for (const pending of [exports, edits, questions]) {
      for (const { reject } of pending.values()) reject(failure);
      pending.clear();
    }
    inFlight = null;
    waiting = null;
    const old = worker;
    start();
    old.terminate();
    observeProgress.clear();
    // Its answer is for no one: the next evaluation carries the flows.
    if (heldSources.length) worker.postMessage({ type: 'observe', id: ++nextExportId, sources: heldSources });
    callbacks.onRestart(reason, message);
  };

  const watchdog = setInterval(() => {
    if (owesAnswer() && performance.now() - lastSign > patience) restart('hung');
  }, 1000);

  start();

  return {
    setText(version, text) {
      send({ type: 'text', version, text });
    },
    editText(version, edits) {
      send({ type: 'edits', version, edits });
    },
    evaluate(version, namespace, expanded, port) {
      const request = { type: 'evaluate', seq: ++seq, version, namespace, expanded, port } as const;
      if (inFlight === null) sendEvaluation(request);
      else waiting = request;
      return request.seq;
    },
    exportYaml(version, namespace, scope) {
      const id = ++nextExportId;
      return new Promise((resolve, reject) => {
        exports.set(id, { resolve, reject });
        send({ type: 'export', id, version, namespace, scope });
      });
    },
    edit(version, namespace, intent) {
      // Edit and export requests share one numbering, so a failure names exactly one of them.
      const id = ++nextExportId;
      return new Promise((resolve, reject) => {
        edits.set(id, { resolve, reject });
        send({ type: 'edit', id, version, namespace, intent });
      });
    },
    explain(version, namespace, query) {
      return ask<Explanation>({ type: 'explain', id: ++nextExportId, version, namespace, query });
    },
    compare(version, namespace, baseText) {
      return ask<Comparison>({ type: 'compare', id: ++nextExportId, version, namespace, baseText });
    },
    flowPage(query) {
      return ask<FlowPage | null>({ type: 'flow-page', id: ++nextExportId, query });
    },
    matrix(version, namespace, query) {
      return ask<MatrixData>({ type: 'matrix', id: ++nextExportId, version, namespace, query });
    },
    matrixPair(version, namespace, from, to) {
      return ask<MatrixPair | null>({
        type: 'matrix-pair',
        id: ++nextExportId,
        version,
        namespace,
        from,
        to,
      });
    },
    report(version, namespace, format, port) {
      return ask<string>({ type: 'report', id: ++nextExportId, version, namespace, format, port });
    },
    observe(sources, onProgress) {
      const id = ++nextExportId;
      heldSources = sources;
      if (onProgress) observeProgress.set(id, onProgress);
      return ask<ObservedView | null>({ type: 'observe', id, sources });
    },
    generate(version, namespace, scope) {
      return ask<GeneratePreview>({ type: 'generate', id: ++nextExportId, version, namespace, scope });
    },
    painted() {
      worker.postMessage({ type: 'painted' } satisfies WorkerRequest);
    },
    cancel() {
      restart('cancelled');
    },
    dispose() {
      clearInterval(watchdog);
      generation++;
      worker.terminate();
    },
  };
}
