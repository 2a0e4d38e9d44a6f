/**
 * Connects the store to the engine worker: every change of the text is handed to the worker as
 * its edits (the whole text only when the workspace is replaced), every change of text or
 * namespace is evaluated, and answers land in the evaluation slice. One bridge per page.
 */
import { useAppStore } from '../store';
import { selectDisplayed } from '../store/selectors';
import type { FlowPage, FlowPageQuery } from '../model/flow-page';
import type { Comparison, Explanation, FlowQuery } from '../model/insight';
import { createEngineClient, type EngineClient } from '../engine-client/engine-client';
import type { MatrixData, MatrixPair, MatrixQuery } from '../model/matrix';
import type { EditIntent, EditResult, ExportResult, ExportScope, ReportFormat } from './protocol';
import type {
  FlowLogSource,
  GeneratePreview,
  GenerateScope,
  ObserveProgress,
  ObservedView,
} from '../model/observed';

let client: EngineClient | null = null;

export function startEngine(): () => void {
  const engine = createEngineClient({
    currentText: () => {
      const { text, textVersion } = useAppStore.getState();
      return { version: textVersion, text };
    },
    onResult: (model) => useAppStore.getState().receiveEvaluation(model),
    onFailure: (message) => useAppStore.getState().receiveEngineError(message),
    onProgress: (_seq, stage, step) => useAppStore.getState().receiveProgress(stage, step),
    onRestart: (reason, message) => useAppStore.getState().receiveEngineRestart(reason, message),
    onLint: (seq, diagnostics, quickFixes) =>
      useAppStore.getState().receiveLint(seq, diagnostics, quickFixes),
  });
  client = engine;
  const initial = useAppStore.getState();
  /** The newest version of the text handed to the worker. */
  let sent = initial.textVersion;
  engine.setText(sent, initial.text);
  engine.evaluate(sent, initial.namespace, initial.expanded, initial.portFilter);
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    if (previous.loadProgress?.stage === 'layout' && !state.loadProgress) engine.painted();
    // A change made while another was being announced (a listener's own edit) may be announced
    // first: the worker is then handed the text as it is now, and the older change is skipped.
    if (state.textVersion > sent) {
      const now = useAppStore.getState();
      if (now.textEdits && now.textVersion === sent + 1) engine.editText(now.textVersion, now.textEdits);
      else engine.setText(now.textVersion, now.text);
      sent = now.textVersion;
    }
    // A replaced workspace is re-evaluated even when its text is the same (an example opened twice).
    if (
      state.textVersion === previous.textVersion &&
      state.namespace === previous.namespace &&
      state.origin === previous.origin &&
      state.expanded === previous.expanded &&
      // Only a summarized workspace's counts depend on the port; a small one draws every flow's row.
      (state.portFilter === previous.portFilter || !selectDisplayed(state)?.summary)
    )
      return;
    if (!state.evaluating) state.markEvaluating();
    engine.evaluate(sent, state.namespace, state.expanded, state.portFilter);
  });
  return () => {
    unsubscribe();
    engine.dispose();
    client = null;
  };
}

/** Stops the running evaluation (the worker is replaced); the canvas keeps the picture from before. */
export function cancelEvaluation(): void {
  client?.cancel();
}

/** Evaluates the current text again, after a cancel or a restart. */
export function evaluateAgain(): void {
  if (!client) return;
  const state = useAppStore.getState();
  state.markEvaluating();
  client.evaluate(state.textVersion, state.namespace, state.expanded, state.portFilter);
}

export function exportWorkspace(scope: ExportScope): Promise<ExportResult> {
  if (!client) return Promise.reject(new Error('The engine is not running.'));
  const { textVersion, namespace } = useAppStore.getState();
  return client.exportYaml(textVersion, namespace, scope);
}

/** The engine's edits for an intent, against the text as it is now (returned with them, to apply to exactly that text). */
export async function requestEdit(intent: EditIntent): Promise<{ result: EditResult; text: string }> {
  if (!client)
    return {
      result: { ok: false, message: 'The engine is not running.' },
      text: useAppStore.getState().text,
    };
  const { text, textVersion, namespace } = useAppStore.getState();
  return { result: await client.edit(textVersion, namespace, intent), text };
}

/** The engine's explanation of one flow in the current text. */
export function requestExplanation(query: FlowQuery): Promise<Explanation> {
  if (!client) return Promise.resolve({ ok: false, query, message: 'The engine is not running.' });
  const { textVersion, namespace } = useAppStore.getState();
  return client.explain(textVersion, namespace, query);
}

/** Flows the current text decides differently from `baseText`. */
export function requestComparison(baseText: string): Promise<Comparison> {
  if (!client) return Promise.resolve({ ok: false, message: 'The engine is not running.' });
  const { textVersion, namespace } = useAppStore.getState();
  return client.compare(textVersion, namespace, baseText);
}

/** A window of the flows table of a summarized workspace, from the engine's last evaluation. */
export function requestFlowPage(query: FlowPageQuery): Promise<FlowPage | null> {
  if (!client) return Promise.resolve(null);
  return client.flowPage(query);
}

/** The matrix view's grid for the current text. */
export function requestMatrix(query: MatrixQuery): Promise<MatrixData> {
  if (!client) return Promise.reject(new Error('The engine is not running.'));
  const { textVersion, namespace } = useAppStore.getState();
  return client.matrix(textVersion, namespace, query);
}

/** One matrix cell of two leaves as an edge of the current text. */
export function requestMatrixPair(from: string, to: string): Promise<MatrixPair | null> {
  if (!client) return Promise.resolve(null);
  const { textVersion, namespace } = useAppStore.getState();
  return client.matrixPair(textVersion, namespace, from, to);
}

/** The reachability matrix of the current text as CSV (for the port filter) or Markdown. */
export function requestReport(format: ReportFormat, port: string): Promise<string> {
  if (!client) return Promise.reject(new Error('The engine is not running.'));
  const { textVersion, namespace } = useAppStore.getState();
  return client.report(textVersion, namespace, format, port);
}

/**
 * Hands the worker the flow logs to hold and evaluates again, so that the canvas and the panels
 * show the observed flows; resolves with the flows once read (null: no log held).
 */
export async function requestObserve(
  sources: FlowLogSource[],
  onProgress?: (progress: ObserveProgress) => void,
): Promise<ObservedView | null> {
  if (!client) throw new Error('The engine is not running.');
  const view = await client.observe(sources, onProgress);
  evaluateAgain();
  return view;
}

/** Policies from the observed traffic for `scope`, previewed against the current text. */
export function requestGenerate(scope: GenerateScope): Promise<GeneratePreview> {
  if (!client) return Promise.resolve({ ok: false, message: 'The engine is not running.' });
  const { textVersion, namespace } = useAppStore.getState();
  return client.generate(textVersion, namespace, scope);
}
