/**
 * What the explain, test, compare and lesson panels ask for: questions go to the engine worker,
 * edits go through the canvas's edit commands (one undo step each), lessons replace the workspace
 * through the same confirmation as examples. Nothing here decides a verdict.
 */
import type { Protocol, EditIntent } from '../../engine';
import {
  applyPreview,
  previewIntent,
  runIntent,
  type EditOutcome,
  type EditPreview,
} from '../editing/edit-commands';
import { LESSONS, type Lesson } from '../lessons/lessons';
import { lessonStepText } from '../lessons/lesson-text';
import type { FlowQuery } from '../model/insight';
import type { ViewModel } from '../model/view-model';
import { useAppStore } from '../store';
import { selectDisplayed } from '../store/selectors';
import { requestComparison, requestExplanation } from '../worker/engine-bridge';
import { spliceBetween } from '../yaml/text-diff';

const store = () => useAppStore.getState();

/** A flow row names an outside range by its CIDR; the engine is asked about the address that stands for it. */
export function endForQuery(model: ViewModel | null, name: string): string {
  return model?.externals.find((external) => external.cidr === name)?.sample ?? name;
}

let explainSeq = 0;

/** Asks the engine to explain one flow; the newest question wins. */
export async function explainQuery(query: FlowQuery): Promise<void> {
  const seq = ++explainSeq;
  store().setExplanation(store().explanation, true);
  try {
    const result = await requestExplanation(query);
    if (seq === explainSeq) store().setExplanation(result);
  } catch (error) {
    if (seq === explainSeq)
      store().setExplanation({
        ok: false,
        query,
        message: `The engine could not answer: ${error instanceof Error ? error.message : String(error)}`,
      });
  }
}

/** Fills the query box with a flow (from an edge, a row or a test) and explains it when a port is known. */
export function explainInDrawer(flow: {
  from: string;
  to: string;
  port: number | null;
  protocol: Protocol | null;
}): void {
  const model = selectDisplayed(store());
  const from = endForQuery(model, flow.from);
  const to = endForQuery(model, flow.to);
  store().setQueryDraft({
    from,
    to,
    port: flow.port === null ? '' : String(flow.port),
    protocol: flow.protocol ?? 'TCP',
  });
  store().openDrawer('explain');
  if (flow.port !== null) void explainQuery({ from, to, port: flow.port, protocol: flow.protocol ?? 'TCP' });
  else store().setExplanation(null);
}

/** Writes a probe for the flow into the YAML (the existing ConnectivityTest, or a new one). */
export async function addProbe(flow: FlowQuery, expect: 'allow' | 'deny'): Promise<EditOutcome> {
  const model = selectDisplayed(store());
  const intent: EditIntent = {
    kind: 'add-probe',
    from: endForQuery(model, flow.from),
    to: endForQuery(model, flow.to),
    port: flow.port,
    protocol: flow.protocol,
    expect,
  };
  const outcome = await runIntent(intent);
  if (!outcome.ok) store().reportEdit('error', outcome.message);
  return outcome;
}

/** The edits that would allow a denied flow, for the user to look at before applying. */
export function previewAllow(flow: FlowQuery): Promise<EditPreview> {
  return previewIntent({
    kind: 'allow-flow',
    from: flow.from,
    to: flow.to,
    ports: [{ port: flow.port, protocol: flow.protocol }],
    peerWidth: 'workload',
  });
}

export { applyPreview, runIntent, type EditOutcome, type EditPreview };

/** Reveals a rule or policy in the YAML: the cursor goes to its first line, and its lines are marked. */
export function revealLines(line: number, endLine?: number): void {
  if (line < 1) return;
  store().revealLine(line);
  store().highlightLines(line, endLine);
}

// --- compare -------------------------------------------------------------------------------

let compareSeq = 0;

export async function compareWithBaseline(): Promise<void> {
  const baseline = store().baseline;
  if (!baseline) return;
  const seq = ++compareSeq;
  store().setComparison(store().comparison, true);
  try {
    const result = await requestComparison(baseline.text);
    if (seq === compareSeq) store().setComparison(result);
  } catch (error) {
    if (seq === compareSeq)
      store().setComparison({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}

// --- lessons -------------------------------------------------------------------------------

const scenarios = new Map<string, Promise<string>>();

function scenarioText(file: string): Promise<string> {
  let text = scenarios.get(file);
  if (!text) {
    text = fetch(`${import.meta.env.BASE_URL}examples/${file}`).then((response) => {
      if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
      return response.text();
    });
    text.catch(() => scenarios.delete(file));
    scenarios.set(file, text);
  }
  return text;
}

export const lessonById = (id: string): Lesson | undefined => LESSONS.find((lesson) => lesson.id === id);

/** Opens a lesson at its first step; asks first when that would replace edited work. */
export async function startLesson(lesson: Lesson): Promise<void> {
  let text: string;
  try {
    text = lessonStepText(await scenarioText(lesson.scenario), lesson.steps[0]!.policies);
  } catch (error) {
    store().showNotice(
      'error',
      `The lesson could not be opened: ${error instanceof Error ? error.message : String(error)}.`,
    );
    return;
  }
  const origin = { kind: 'example' as const, id: `lesson:${lesson.id}`, title: `Lesson: ${lesson.title}` };
  store().setLesson({
    lessonId: lesson.id,
    origin,
    step: 0,
    phase: 'predict',
    prediction: null,
    explanation: null,
  });
  store().requestReplace({ label: `the lesson “${lesson.title}”`, origin }, text);
}

/** The lesson in progress, if the workspace is still the one it opened. */
export function activeLesson(): {
  lesson: Lesson;
  progress: NonNullable<ReturnType<typeof store>['lesson']>;
} | null {
  const { lesson: progress, origin } = store();
  const lesson = progress && progress.origin === origin ? lessonById(progress.lessonId) : undefined;
  return lesson && progress ? { lesson, progress } : null;
}

/** Records the learner's guess, then asks the engine for the verdict and shows that flow on the canvas. */
export async function predict(prediction: 'allow' | 'deny'): Promise<void> {
  const active = activeLesson();
  if (!active || active.progress.phase !== 'predict') return;
  const step = active.lesson.steps[active.progress.step]!;
  store().setLesson({ ...active.progress, prediction, phase: 'revealed', explanation: null });
  let explanation;
  try {
    explanation = await requestExplanation(step.predict);
  } catch (error) {
    explanation = {
      ok: false as const,
      query: step.predict,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  const now = store().lesson;
  if (!now || now.lessonId !== active.progress.lessonId || now.step !== active.progress.step) return;
  store().setLesson({ ...now, explanation });
  if (explanation.ok && explanation.edgeId) store().select({ kind: 'edge', id: explanation.edgeId });
}

/** Moves to the next step: the step's policies are written into the text as one undo step, so the canvas keeps its layout. */
export async function nextStep(): Promise<void> {
  const active = activeLesson();
  if (!active) return;
  const next = active.progress.step + 1;
  const step = active.lesson.steps[next];
  if (!step) return;
  const text = lessonStepText(await scenarioText(active.lesson.scenario), step.policies);
  const base = store().text;
  const splice = spliceBetween(base, text);
  if (splice) {
    if (!store().applyEngineEdits(base, [{ file: 'workspace.yaml', ...splice }], '')) return;
    // The lesson wrote this text, not the learner: leaving the lesson should not ask to keep it.
    store().markSaved();
  }
  store().select(null);
  store().setLesson({
    ...active.progress,
    step: next,
    phase: 'predict',
    prediction: null,
    explanation: null,
  });
}

export function leaveLesson(): void {
  store().setLesson(null);
}
