import type { DocumentSlice } from './document-slice';
import type { EvaluationSlice } from './evaluation-slice';
import type { HistorySlice } from './history-slice';
import type { ViewSlice } from './view-slice';

export type AppState = DocumentSlice & EvaluationSlice & ViewSlice & HistorySlice;

/** The middleware applied to the combined store, which every slice creator must declare. */
export type Middlewares = [['zustand/persist', unknown]];
