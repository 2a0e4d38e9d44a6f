/**
 * The main thread's handle on the engine worker: numbers evaluations, keeps at most one waiting
 * behind the one being computed (the newest; others are dropped unsent), and drops answers that
 * a newer request has overtaken.
 */
import type { Diagnostic } from '../../engine';
import type { Comparison, Explanation, FlowQuery, QuickFix } from '../model/insight';
import type { FlowPage, FlowPageQuery } from '../model/flow-page';
import type { MatrixData, MatrixPair, MatrixQuery } from '../model/matrix';
import type { ViewModel } from '../model/view-model';
import type {
  EditIntent,
  EditResult,
  ExportResult,
  ExportScope,
  LoadStage,
  ReportFormat,
  WorkerRequest,
  WorkerResponse,
} from './protocol';

export interface EngineClient {
  /**
   * Evaluates at once when the engine is idle, so a keystroke shows on the canvas as soon as the
   * engine can tell; while it is busy, only the newest text waits for its turn. Returns the
   * evaluation's number (the `seq` of its answers).
   */
  evaluate(text: string, namespace: string, expanded: readonly string[]): number;
  exportYaml(text: string, namespace: string, scope: ExportScope): Promise<ExportResult>;
  /** Asks the engine for the text edits an intent makes to `text`; nothing is applied. */
  edit(text: string, namespace: string, intent: EditIntent): Promise<EditResult>;
  /** The engine's explanation of one flow in `text`. */
  explain(text: string, namespace: string, query: FlowQuery): Promise<Explanation>;
  /** Flows `text` decides differently from `baseText`. */
  compare(text: string, namespace: string, baseText: string): Promise<Comparison>;
  /** A window of the last evaluation's flows, when it was summarized (else null). */
  flowPage(query: FlowPageQuery): Promise<FlowPage | null>;
  /** The matrix view's grid. */
  matrix(text: string, namespace: string, query: MatrixQuery): Promise<MatrixData>;
  /** One cell of two leaves as an edge (null: an end is gone). */
  matrixPair(text: string, namespace: string, from: string, to: string): Promise<MatrixPair | null>;
  /** The reachability matrix as CSV or Markdown text. */
  report(text: string, namespace: string, format: ReportFormat, port: string): Promise<string>;
  dispose(): void;
}

export interface EngineCallbacks {
  onResult(model: ViewModel): void;
  onFailure(message: string): void;
  onProgress(seq: number, stage: LoadStage): void;
  onLint(seq: number, diagnostics: Diagnostic[], quickFixes: QuickFix[]): void;
}

export function createEngineClient(callbacks: EngineCallbacks): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'netpol-engine',
  });
  let seq = 0;
  let nextExportId = 0;
  /** The evaluation being computed, and the newest request waiting behind it. */
  let inFlight: number | null = null;
  let waiting: Extract<WorkerRequest, { type: 'evaluate' }> | null = null;
  const exports = new Map<number, { resolve(result: ExportResult): void; reject(error: Error): void }>();
  const edits = new Map<number, { resolve(result: EditResult): void; reject(error: Error): void }>();
  // Explain and compare answers, by the same numbering as exports and edits.
  const questions = new Map<number, { resolve(result: never): void; reject(error: Error): void }>();

  const send = (message: WorkerRequest) => worker.postMessage(message);
  const ask = <T>(message: Extract<WorkerRequest, { id: number }>) =>
    new Promise<T>((resolve, reject) => {
      questions.set(message.id, { resolve: resolve as (result: never) => void, reject });
      send(message);
    });
  const sendEvaluation = (request: Extract<WorkerRequest, { type: 'evaluate' }>) => {
    inFlight = request.seq;
    send(request);
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

  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === 'evaluated') {
      settle(message.seq);
      if (message.seq === seq) callbacks.onResult(message.model);
    } else if (message.type === 'progress') {
      if (message.seq === seq) callbacks.onProgress(message.seq, message.stage);
    } else if (message.type === 'linted') {
      if (message.seq === seq) callbacks.onLint(message.seq, message.diagnostics, message.quickFixes);
    } else if (message.type === 'exported') {
      exports.get(message.id)?.resolve(message.result);
      exports.delete(message.id);
    } else if (
      message.type === 'explained' ||
      message.type === 'compared' ||
      message.type === 'flow-page' ||
      message.type === 'matrixed'
    ) {
      questions.get(message.id)?.resolve(message.result as never);
      questions.delete(message.id);
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
  worker.onerror = (event) => {
    if (inFlight !== null) settle(inFlight);
    callbacks.onFailure(event.message || 'The engine worker stopped.');
  };

  return {
    evaluate(text, namespace, expanded) {
      const request = { type: 'evaluate', seq: ++seq, text, namespace, expanded } as const;
      if (inFlight === null) sendEvaluation(request);
      else waiting = request;
      return request.seq;
    },
    exportYaml(text, namespace, scope) {
      const id = ++nextExportId;
      return new Promise((resolve, reject) => {
        exports.set(id, { resolve, reject });
        send({ type: 'export', id, text, namespace, scope });
      });
    },
    edit(text, namespace, intent) {
      // Edit and export requests share one numbering, so a failure names exactly one of them.
      const id = ++nextExportId;
      return new Promise((resolve, reject) => {
        edits.set(id, { resolve, reject });
        send({ type: 'edit', id, text, namespace, intent });
      });
    },
    explain(text, namespace, query) {
      const id = ++nextExportId;
      return new Promise<Explanation>((resolve, reject) => {
        questions.set(id, { resolve: resolve as (result: never) => void, reject });
        send({ type: 'explain', id, text, namespace, query });
      });
    },
    compare(text, namespace, baseText) {
      const id = ++nextExportId;
      return new Promise<Comparison>((resolve, reject) => {
        questions.set(id, { resolve: resolve as (result: never) => void, reject });
        send({ type: 'compare', id, text, namespace, baseText });
      });
    },
    flowPage(query) {
      return ask<FlowPage | null>({ type: 'flow-page', id: ++nextExportId, query });
    },
    matrix(text, namespace, query) {
      return ask<MatrixData>({ type: 'matrix', id: ++nextExportId, text, namespace, query });
    },
    matrixPair(text, namespace, from, to) {
      return ask<MatrixPair | null>({ type: 'matrix-pair', id: ++nextExportId, text, namespace, from, to });
    },
    report(text, namespace, format, port) {
      return ask<string>({ type: 'report', id: ++nextExportId, text, namespace, format, port });
    },
    dispose() {
      worker.terminate();
    },
  };
}
