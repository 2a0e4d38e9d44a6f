import type { StateCreator } from 'zustand';
import type { Diagnostic } from '../../engine';
import type { QuickFix } from '../model/insight';
import type { ViewModel } from '../model/view-model';
import type { EngineRestart } from '../engine-client/engine-client';
import type { LoadStage, StepProgress } from '../worker/protocol';
import type { AppState, Middlewares } from './types';

/** Where the loading of a big workspace is, from reading the file to a painted canvas. */
export interface LoadProgress {
  stage: 'read' | LoadStage | 'layout';
  /** What is being loaded, for the progress display. */
  label: string;
  bytes: number;
  /** performance.now() when loading began. */
  since: number;
}

export interface EvaluationSlice {
  /** The newest answer from the engine, for markers and problems. */
  current: ViewModel | null;
  /** The newest answer that left nothing out: what the canvas shows while the text is broken. */
  lastGood: ViewModel | null;
  /** The text changed and its evaluation has not arrived yet. */
  evaluating: boolean;
  engineError: string | null;
  loadProgress: LoadProgress | null;
  /** The stage the running evaluation is in, and how far its long step has got. */
  evaluationStep: { stage: LoadStage; step?: StepProgress } | null;
  /** The engine was replaced before it answered: the canvas shows the picture from before. */
  engineRestart: { reason: EngineRestart; message: string } | null;
  receiveProgress(stage: LoadStage, step?: StepProgress): void;
  receiveEngineRestart(reason: EngineRestart, message: string): void;
  receiveEvaluation(model: ViewModel): void;
  /** Lint findings for the evaluation `seq`, which came without them. */
  receiveLint(seq: number, diagnostics: Diagnostic[], quickFixes: QuickFix[]): void;
  setLoadProgress(progress: LoadProgress | null): void;
  /** The canvas shows the loaded workspace. */
  finishLoad(): void;
  receiveEngineError(message: string): void;
  markEvaluating(): void;
  resetEvaluation(): void;
}

export const createEvaluationSlice: StateCreator<AppState, Middlewares, [], EvaluationSlice> = (
  set,
  get,
) => ({
  current: null,
  lastGood: null,
  evaluating: true,
  engineError: null,
  loadProgress: null,
  evaluationStep: null,
  engineRestart: null,
  receiveProgress(stage, step) {
    set((state) => ({
      evaluationStep: { stage, step },
      loadProgress:
        state.loadProgress && state.loadProgress.stage !== stage
          ? { ...state.loadProgress, stage }
          : state.loadProgress,
    }));
  },
  receiveEngineRestart(reason, message) {
    set({ engineRestart: { reason, message }, evaluating: false, loadProgress: null, evaluationStep: null });
  },
  receiveEvaluation(model) {
    set((state) => ({
      evaluationStep: null,
      engineRestart: null,
      current: model,
      lastGood: model.blocking ? state.lastGood : model,
      evaluating: false,
      engineError: null,
      // What is left of a big load is the layout and the painting; the canvas ends it (finishLoad).
      loadProgress: state.loadProgress && { ...state.loadProgress, stage: 'layout' },
    }));
  },
  receiveLint(seq, diagnostics, quickFixes) {
    const withLint = (model: ViewModel | null) =>
      model?.seq === seq
        ? {
            ...model,
            diagnostics,
            quickFixes,
            lintPending: false,
            blocking: diagnostics.some((d) => d.blocking),
          }
        : model;
    set((state) => ({ current: withLint(state.current), lastGood: withLint(state.lastGood) }));
  },
  setLoadProgress(progress) {
    set({ loadProgress: progress });
  },
  finishLoad() {
    if (get().loadProgress?.stage === 'layout') set({ loadProgress: null });
  },
  receiveEngineError(message) {
    set({ engineError: message, evaluating: false, loadProgress: null });
  },
  markEvaluating() {
    set({ evaluating: true, evaluationStep: null });
  },
  resetEvaluation() {
    // A new workspace must never show the previous one's graph, as its "last good" picture or
    // while its own evaluation is on the way (nor have the old graph laid out as if it were its own).
    set({ current: null, lastGood: null, evaluating: true });
  },
});
