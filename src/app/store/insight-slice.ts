import type { StateCreator } from 'zustand';
import type { Protocol } from '../../engine';
import type { ChangeKind, Comparison, Explanation, FlowDifference, FlowQuery } from '../model/insight';
import type { WorkspaceOrigin } from './document-slice';
import type { AppState, Middlewares } from './types';

/** The query box as typed: the port stays text until it is asked. */
export interface QueryDraft {
  from: string;
  to: string;
  port: string;
  protocol: Protocol;
}

/** Flows that the last edit turned from allowed to denied or back. */
export interface RecentChanges {
  flows: FlowDifference[];
  /** Edge ids with the direction they changed in. */
  edges: Record<string, ChangeKind>;
  /** While true, the canvas and the flows table mark the changed flows. */
  highlight: boolean;
  /** When the change happened (ms since the epoch). */
  at: number;
  nonce: number;
}

/** A text to compare the workspace against. */
export interface Baseline {
  label: string;
  text: string;
}

export type LessonPhase = 'predict' | 'revealed';

/** A lesson in progress: active while the workspace is the one the lesson opened. */
export interface LessonProgress {
  lessonId: string;
  /** The origin the lesson's workspace was opened with; another origin means the user left it. */
  origin: WorkspaceOrigin;
  step: number;
  phase: LessonPhase;
  prediction: 'allow' | 'deny' | null;
  explanation: Explanation | null;
}

export interface InsightSlice {
  queryDraft: QueryDraft;
  explanation: Explanation | null;
  explaining: boolean;
  recentChanges: RecentChanges | null;
  /** The last example or file opened, or the text last exported: a baseline on offer. */
  loadedBaseline: Baseline | null;
  baseline: Baseline | null;
  comparison: Comparison | null;
  comparing: boolean;
  lesson: LessonProgress | null;
  setQueryDraft(draft: Partial<QueryDraft>): void;
  setExplanation(explanation: Explanation | null, explaining?: boolean): void;
  setRecentChanges(changes: Omit<RecentChanges, 'nonce' | 'highlight' | 'at'>): void;
  endChangeHighlight(nonce: number): void;
  setLoadedBaseline(baseline: Baseline | null): void;
  setBaseline(baseline: Baseline | null): void;
  setComparison(comparison: Comparison | null, comparing?: boolean): void;
  setLesson(lesson: LessonProgress | null): void;
  highlightLines(line: number, endLine?: number): void;
}

export const EMPTY_QUERY: QueryDraft = { from: '', to: '', port: '', protocol: 'TCP' };

export const createInsightSlice: StateCreator<AppState, Middlewares, [], InsightSlice> = (set, get) => ({
  queryDraft: EMPTY_QUERY,
  explanation: null,
  explaining: false,
  recentChanges: null,
  loadedBaseline: null,
  baseline: null,
  comparison: null,
  comparing: false,
  lesson: null,
  setQueryDraft: (draft) => set((state) => ({ queryDraft: { ...state.queryDraft, ...draft } })),
  setExplanation: (explanation, explaining = false) => set({ explanation, explaining }),
  setRecentChanges(changes) {
    const nonce = (get().recentChanges?.nonce ?? 0) + 1;
    set({ recentChanges: { ...changes, highlight: true, at: Date.now(), nonce } });
  },
  endChangeHighlight(nonce) {
    const current = get().recentChanges;
    if (current && current.nonce === nonce && current.highlight)
      set({ recentChanges: { ...current, highlight: false } });
  },
  setLoadedBaseline: (loadedBaseline) => set({ loadedBaseline }),
  setBaseline: (baseline) => set({ baseline, comparison: null }),
  setComparison: (comparison, comparing = false) => set({ comparison, comparing }),
  setLesson: (lesson) => set({ lesson }),
  highlightLines(line, endLine) {
    get().editorEvents.emit('highlight', { line, endLine: endLine ?? line });
  },
});

/** The query as the engine takes it, or why it is not complete yet. */
export function queryOf(draft: QueryDraft): FlowQuery | string {
  const from = draft.from.trim();
  const to = draft.to.trim();
  if (!from) return 'Choose where the connection starts (From).';
  if (!to) return 'Choose where it goes (To).';
  const port = Number(draft.port.trim());
  if (!draft.port.trim() || !Number.isInteger(port) || port < 1 || port > 65535)
    return 'Give a port number from 1 to 65535.';
  return { from, to, port, protocol: draft.protocol };
}
