/**
 * The main thread's handle on the engine worker: debounces evaluations, numbers them, and drops
 * answers that a newer request has overtaken.
 */
import type { ViewModel } from '../model/view-model';
import type { ExportResult, ExportScope, WorkerRequest, WorkerResponse } from './protocol';

export const EVALUATE_DEBOUNCE_MS = 150;

export interface EngineClient {
  /** Evaluates after a short pause; `immediate` skips the pause (first load, example switch). */
  evaluate(text: string, namespace: string, immediate?: boolean): void;
  exportYaml(text: string, namespace: string, scope: ExportScope): Promise<ExportResult>;
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

  const send = (message: WorkerRequest) => worker.postMessage(message);

  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === 'evaluated') {
      if (message.seq === seq) callbacks.onResult(message.model);
    } else if (message.type === 'exported') {
      exports.get(message.id)?.resolve(message.result);
      exports.delete(message.id);
    } else if (message.id !== null) {
      exports.get(message.id)?.reject(new Error(message.message));
      exports.delete(message.id);
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
    dispose() {
      clearTimeout(timer);
      worker.terminate();
    },
  };
}
