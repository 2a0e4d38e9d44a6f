import type { StateCreator } from 'zustand';
import type { Diagnostic } from '../../engine';
import type { QuickFix } from '../model/insight';
import type { ViewModel } from '../model/view-model';
import type { LoadStage } from '../worker/protocol';
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
  receiveEvaluation(model: ViewModel): void;
  /** Lint findings for the evaluation `seq`, which came without them. */
  receiveLint(seq: number, diagnostics: Diagnostic[], quickFixes: QuickFix[]): void;
  setLoadProgress(progress: LoadProgress | null): void;
  advanceLoad(stage: LoadProgress['stage']): void;
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
  receiveEvaluation(model) {
    set((state) => ({
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
  advanceLoad(stage) {
    set((state) => (state.loadProgress ? { loadProgress: { ...state.loadProgress, stage } } : {}));
  },
  receiveEngineError(message) {
    set({ engineError: message, evaluating: false, loadProgress: null });
  },
  markEvaluating() {
    set({ evaluating: true });
  },
  resetEvaluation() {
    // A new workspace must never show the previous one's graph, as its "last good" picture or
    // while its own evaluation is on the way (nor have the old graph laid out as if it were its own).
    set({ current: null, lastGood: null, evaluating: true });
  },
});
