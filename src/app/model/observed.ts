/**
 * Observed traffic as the worker posts it with every evaluation: the flows of the imported logs,
 * replayed against the current text (flow-logs.md). The UI only shows it; verdicts come from the engine.
 */
import type { EditResult, Protocol, Verdict } from '../../engine';
import type { Comparison } from './insight';

/** One imported log: a file (read again, streamed, when the workspace's endpoints change) or pasted text. */
export interface FlowLogSource {
  name: string;
  data: Blob | string;
}

export interface ObservedFlowView {
  /** `from|to|port|protocol`, as flow rows are keyed. */
  key: string;
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  /** Connections seen. */
  count: number;
  actual: 'allow' | 'deny';
  verdict: Verdict;
  /** The canvas edge that draws it (between cards, collapsed boxes or outside ranges). */
  edgeId: string | null;
  /**
   * The ends of the flows-table rows that hold it: `from` and `to`, but for an outside address
   * the range of the node that draws it (the table, like the canvas, names ranges).
   */
  rowFrom: string;
  rowTo: string;
}

export interface UnknownFlowView {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  count: number;
  reason: string;
}

export interface FlowLogProblemView {
  file: string;
  line: number;
  message: string;
}

export interface ObservedView {
  /** The logs read, with how many lines each had. */
  logs: { name: string; lines: number }[];
  flows: ObservedFlowView[];
  unknown: UnknownFlowView[];
  problems: FlowLogProblemView[];
  /** Every bad line, also those not kept in `problems`. */
  problemCount: number;
  /** Lines that are no connection (replies, lost events, ICMP). */
  skipped: number;
  /** Connections replayed, and those the current text would deny. */
  observed: number;
  denied: number;
  unknownCount: number;
}

/** How far the worker has read the logs. */
export interface ObserveProgress {
  bytes: number;
  total: number;
  lines: number;
}

/** Whose policies "generate from observed traffic" writes. */
export type GenerateScope =
  { kind: 'all' } | { kind: 'namespace'; namespace: string } | { kind: 'workload'; endpoint: string };

/** What generating policies from the observed traffic would add, before it is applied. */
export type GeneratePreview =
  | {
      ok: true;
      /** The new documents, as one multi-document YAML. */
      yaml: string;
      policies: { namespace: string; name: string; spec: Record<string, unknown> }[];
      notes: string[];
      /** The edit layer's splices that add them (an `add-policies` intent of `policies`). */
      edit: Extract<EditResult, { ok: true }>;
      /** Every flow the new policies decide differently. */
      changes: Comparison;
    }
  | { ok: false; message: string };
