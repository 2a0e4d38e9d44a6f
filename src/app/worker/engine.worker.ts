/// <reference lib="webworker" />
/**
 * Runs the engine off the main thread, so that typing in the editor never waits for an evaluation.
 * Evaluations arrive already debounced; the newest request wins and older ones still queued are
 * skipped rather than computed for nothing.
 */
import { loadWorkspace } from '../../engine';
import { buildViewModel } from './build-view-model';
import { exportYaml } from './export-yaml';
import { WORKSPACE_FILE, type WorkerRequest, type WorkerResponse } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let newestSeq = 0;

function post(message: WorkerResponse): void {
  self.postMessage(message);
}

function load(text: string, namespace: string) {
  return loadWorkspace([{ name: WORKSPACE_FILE, text }], { namespace });
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'evaluate') {
    newestSeq = Math.max(newestSeq, request.seq);
    // Let newer messages already in the queue run first; this one would be stale when it finished.
    setTimeout(() => {
      if (request.seq !== newestSeq) return;
      try {
        post({ type: 'evaluated', seq: request.seq, model: buildViewModel(load(request.text, request.namespace), request.seq) });
      } catch (error) {
        post({ type: 'failed', seq: request.seq, id: null, message: error instanceof Error ? error.message : String(error) });
      }
    }, 0);
    return;
  }
  try {
    post({ type: 'exported', id: request.id, result: exportYaml(load(request.text, request.namespace), request.text, request.scope) });
  } catch (error) {
    post({ type: 'failed', seq: null, id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
};
