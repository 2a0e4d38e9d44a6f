import type { StateCreator } from 'zustand';
import type { ViewModel } from '../model/view-model';
import type { AppState, Middlewares } from './types';

export interface EvaluationSlice {
  /** The newest answer from the engine, for markers and problems. */
  current: ViewModel | null;
  /** The newest answer that left nothing out: what the canvas shows while the text is broken. */
  lastGood: ViewModel | null;
  /** The text changed and its evaluation has not arrived yet. */
  evaluating: boolean;
  engineError: string | null;
  receiveEvaluation(model: ViewModel): void;
  receiveEngineError(message: string): void;
  markEvaluating(): void;
  resetEvaluation(): void;
}

export const createEvaluationSlice: StateCreator<AppState, Middlewares, [], EvaluationSlice> = (set) => ({
  current: null,
  lastGood: null,
  evaluating: true,
  engineError: null,
  receiveEvaluation(model) {
    set((state) => ({
      current: model,
      lastGood: model.blocking ? state.lastGood : model,
      evaluating: false,
      engineError: null,
    }));
  },
  receiveEngineError(message) {
    set({ engineError: message, evaluating: false });
  },
  markEvaluating() {
    set({ evaluating: true });
  },
  resetEvaluation() {
    // A new workspace must never show the previous one's graph as its "last good" picture.
    set({ lastGood: null, evaluating: true });
  },
});
