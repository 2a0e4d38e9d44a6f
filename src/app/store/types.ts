import type { DocumentSlice } from './document-slice';
import type { EditSlice } from './edit-slice';
import type { EvaluationSlice } from './evaluation-slice';
import type { HistorySlice } from './history-slice';
import type { InsightSlice } from './insight-slice';
import type { SessionSlice } from './session-slice';
import type { ViewSlice } from './view-slice';

export type AppState = DocumentSlice &
  EvaluationSlice &
  ViewSlice &
  HistorySlice &
  SessionSlice &
  EditSlice &
  InsightSlice;

/** The middleware applied to the combined store, which every slice creator must declare. */
export type Middlewares = [['zustand/persist', unknown]];
