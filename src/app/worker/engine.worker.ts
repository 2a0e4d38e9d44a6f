/// <reference lib="webworker" />
/**
 * Runs the engine off the main thread, so that typing in the editor never waits for an evaluation.
 * Evaluations arrive already debounced; the newest request wins and older ones still queued are
 * skipped rather than computed for nothing.
 */
import { loadWorkspace } from '../../engine';
import { applyIntent } from '../../engine/edit';
import { buildViewModel } from './build-view-model';
import { compareWorkspaces } from './compare';
import { explainFlow } from './explain-flow';
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
  if (request.type === 'explain' || request.type === 'compare') {
    try {
      const workspace = load(request.text, request.namespace);
      if (request.type === 'explain') post({ type: 'explained', id: request.id, result: explainFlow(workspace, request.query) });
      else post({ type: 'compared', id: request.id, result: compareWorkspaces(load(request.baseText, request.namespace), workspace) });
    } catch (error) {
      post({ type: 'failed', seq: null, id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  if (request.type === 'edit') {
    try {
      // applyIntent never throws; this guards the load. Edits come back unapplied: the main thread owns the text.
      post({ type: 'edited', id: request.id, result: applyIntent(load(request.text, request.namespace), request.intent) });
    } catch (error) {
      post({ type: 'failed', seq: null, id: request.id, message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  try {
    post({ type: 'exported', id: request.id, result: exportYaml(load(request.text, request.namespace), request.text, request.scope) });
  } catch (error) {
    post({ type: 'failed', seq: null, id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
};
