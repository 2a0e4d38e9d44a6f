/**
 * The main thread's handle on the engine worker: debounces evaluations, numbers them, and drops
 * answers that a newer request has overtaken.
 */
import type { Comparison, Explanation, FlowQuery } from '../model/insight';
import type { ViewModel } from '../model/view-model';
import type { EditIntent, EditResult, ExportResult, ExportScope, WorkerRequest, WorkerResponse } from './protocol';

export const EVALUATE_DEBOUNCE_MS = 150;

export interface EngineClient {
  /** Evaluates after a short pause; `immediate` skips the pause (first load, example switch). */
  evaluate(text: string, namespace: string, immediate?: boolean): void;
  exportYaml(text: string, namespace: string, scope: ExportScope): Promise<ExportResult>;
  /** Asks the engine for the text edits an intent makes to `text`; nothing is applied. */
  edit(text: string, namespace: string, intent: EditIntent): Promise<EditResult>;
  /** The engine's explanation of one flow in `text`. */
  explain(text: string, namespace: string, query: FlowQuery): Promise<Explanation>;
  /** Flows `text` decides differently from `baseText`. */
  compare(text: string, namespace: string, baseText: string): Promise<Comparison>;
  dispose(): void;
}

export interface EngineCallbacks {
  onResult(model: ViewModel): void;
  onFailure(message: string): void;
}

export function createEngineClient(callbacks: EngineCallbacks): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'netpol-engine' });
  let seq = 0;
  let nextExportId = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const exports = new Map<number, { resolve(result: ExportResult): void; reject(error: Error): void }>();
  const edits = new Map<number, { resolve(result: EditResult): void; reject(error: Error): void }>();
  // Explain and compare answers, by the same numbering as exports and edits.
  const questions = new Map<number, { resolve(result: never): void; reject(error: Error): void }>();

  const send = (message: WorkerRequest) => worker.postMessage(message);

  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === 'evaluated') {
      if (message.seq === seq) callbacks.onResult(message.model);
    } else if (message.type === 'exported') {
      exports.get(message.id)?.resolve(message.result);
      exports.delete(message.id);
    } else if (message.type === 'explained' || message.type === 'compared') {
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
    } else if (message.seq === seq) {
      callbacks.onFailure(message.message);
    }
  };
  worker.onerror = (event) => callbacks.onFailure(event.message || 'The engine worker stopped.');

  return {
    evaluate(text, namespace, immediate = false) {
      clearTimeout(timer);
      const run = () => send({ type: 'evaluate', seq: ++seq, text, namespace });
      if (immediate) run();
      else timer = setTimeout(run, EVALUATE_DEBOUNCE_MS);
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
    dispose() {
      clearTimeout(timer);
      worker.terminate();
    },
  };
}
