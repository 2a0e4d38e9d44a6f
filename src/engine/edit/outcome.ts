import type { PortSet } from '../util/port-set';

/** The flow an intent is about, with `from`/`to` as endpoint ids or CIDRs. */
export interface TargetFlow {
  from: string;
  to: string;
  ports: PortSet;
  expect: 'allowed' | 'denied';
  /** False when an end is a range of addresses: one address of it cannot vouch for all of them. */
  checkable: boolean;
}

/** What an intent handler reports besides the drafts it changed. */
export interface IntentOutcome {
  /** Sentences for the summary, the main effect first. */
  notes: string[];
  /** Checked once the edit is made, and left out of the side effects the summary lists. */
  target?: TargetFlow;
  /** Endpoints whose flows may change although no touched policy selects them. */
  subjects?: string[];
}
