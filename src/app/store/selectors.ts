/** Selectors shared by components; module-level so subscriptions stay stable between renders. */
import type { ViewModel } from '../model/view-model';
import type { AppState } from './types';
import { isBlank } from '../model/text';

/** What the canvas and the tables show: the newest evaluation, or the last good one while the text is broken. */
export const selectDisplayed = (s: AppState): ViewModel | null =>
  s.current?.blocking && s.lastGood ? s.lastGood : s.current;

/** The text has errors that leave something out of the evaluation. */
export const selectStale = (s: AppState): boolean => Boolean(s.current?.blocking);

/** The canvas still shows an older text's picture. */
export const selectShowingLastGood = (s: AppState): boolean => Boolean(s.current?.blocking && s.lastGood);

export const selectDiagnostics = (s: AppState) => s.current?.diagnostics;
export const selectText = (s: AppState) => s.text;
export const selectNamespace = (s: AppState) => s.namespace;
export const selectSelection = (s: AppState) => s.selection;
export const selectHovered = (s: AppState) => s.hovered;
export const selectTheme = (s: AppState) => s.theme;
export const selectDialog = (s: AppState) => s.dialog;
export const selectPending = (s: AppState) => s.pendingReplace;
export const selectCanUndo = (s: AppState) => s.past.length > 0;
export const selectCanRedo = (s: AppState) => s.future.length > 0;
export const selectIsEmpty = (s: AppState) => isBlank(s.text);

export const selectProblemCount = (s: AppState): number => s.current?.diagnostics.length ?? 0;

export const selectTestSummary = (s: AppState): { passed: number; total: number } | null => {
  const tests = selectDisplayed(s)?.tests;
  return tests ? { passed: tests.passed, total: tests.passed + tests.failed } : null;
};

export const selectPositions = (s: AppState) => s.positions;
export const selectLayoutRequest = (s: AppState) => s.layoutRequest;
export const selectFilters = (s: AppState) => ({ verdictFilter: s.verdictFilter, portFilter: s.portFilter });
export const selectDrawer = (s: AppState) => ({
  open: s.drawerOpen,
  tab: s.drawerTab,
  height: s.drawerHeight,
});
export const selectSplitRatio = (s: AppState) => s.splitRatio;
export const selectOrigin = (s: AppState) => s.origin;
export const selectModified = (s: AppState) => s.modified;
export const selectEvaluating = (s: AppState) => s.evaluating;
export const selectEngineError = (s: AppState) => s.engineError;
