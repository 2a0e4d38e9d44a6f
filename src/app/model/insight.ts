/**
 * Plain data the worker answers with when the user asks about one flow, previews an edit, or
 * compares the workspace with a baseline. Like the ViewModel, every verdict in here comes from the
 * engine; the UI only lays the answers out.
 */
import type { Protocol, Verdict, EditIntent } from '../../engine';

/** "Can `from` reach `to` on `port`/`protocol`?": ends as `namespace/name` or IP addresses. */
export interface FlowQuery {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
}

/** A policy named in an explanation, with the lines it spans in the YAML. */
export interface PolicyRef {
  id: string;
  line: number;
  endLine: number;
}

/** A rule named in an explanation. */
export interface RuleRef {
  policy: string;
  direction: 'ingress' | 'egress';
  /** 0-based index into spec.ingress / spec.egress. */
  index: number;
  line: number;
  endLine: number;
  /** What the rule lets through between these two ends ("TCP 1111"); empty for a near miss. */
  ports: string;
}

/** A rule that nearly allowed the flow, and what it lacked, in the engine's words. */
export interface NearMissRef extends RuleRef {
  lacks: string[];
}

/** One side of a connection: the source's egress or the destination's ingress. */
export interface ExplainSide {
  direction: 'Egress' | 'Ingress';
  /** The endpoint whose policies decide this side, or null when NetworkPolicy does not govern it. */
  subject: string | null;
  note?: string;
  isolated: boolean;
  /** The policies that isolate the subject in this direction. */
  policies: PolicyRef[];
  /** This side lets the flow through. */
  allows: boolean;
  /** Rules that allow this very port and protocol. */
  allowing: RuleRef[];
  /** Rules that match the peer, on other ports (when this side denies). */
  otherPorts: RuleRef[];
  /** What this side lets through towards the peer, e.g. "TCP 1111" ("none" when nothing). */
  allowed: string;
  /** The closest rules when this side denies. */
  nearMisses: NearMissRef[];
}

export type Explanation =
  | {
      ok: true;
      query: FlowQuery;
      /** Names of the ends as the engine resolved them. */
      from: string;
      to: string;
      verdict: Verdict;
      /** The engine's sentence. */
      reason: string;
      egress: ExplainSide;
      ingress: ExplainSide;
      /** The canvas edge that stands for this flow, when there is one. */
      edgeId: string | null;
    }
  | { ok: false; query: FlowQuery; message: string };

/** A run of changed lines: what the YAML says there now, and what it will say. */
export interface EditHunk {
  /** 1-based line of the first line in the current text (where the added lines go). */
  line: number;
  removed: string[];
  added: string[];
}

/** A fix the app can make for a diagnostic: matched to it by code, line and column. */
export interface QuickFix {
  code: string;
  line: number;
  column: number;
  title: string;
  intent: EditIntent;
}

export type ChangeKind = 'allowed' | 'denied';

/** A flow whose verdict differs between two evaluations. */
export interface FlowDifference {
  key: string;
  from: string;
  to: string;
  port: number | null;
  protocol: Protocol | null;
  /** null: the flow did not exist on that side (an endpoint or a port was added or removed). */
  before: Verdict | null;
  after: Verdict | null;
  /** `allowed` / `denied`: it became so; null: the verdict changed but it stays allowed or denied, or one side is missing. */
  change: ChangeKind | null;
}

export type Comparison =
  | { ok: true; differences: FlowDifference[]; baseBlocking: boolean; currentBlocking: boolean }
  | { ok: false; message: string };
