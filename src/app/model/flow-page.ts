/** The flows table of a summarized workspace asks the worker for one window of rows at a time. */
import type { ObservedChoice } from './observed-match';
import type { FlowRow } from './view-model';

export type SortKey = 'from' | 'to' | 'port' | 'verdict';
export type VerdictChoice = 'all' | 'allowed' | 'denied' | FlowRow['verdict'];

export interface FlowPageQuery {
  /** Kept when any of from, to, port ("8080/TCP", "any") or verdict contains it (case-insensitive). */
  text: string;
  verdict: VerdictChoice;
  /** Only rows the imported logs saw, or saw and would break (the worker's replay decides). */
  observed: ObservedChoice;
  sort: SortKey;
  descending: boolean;
  /** Namespaces shown open: a row's edge is the endpoint edge there, else the counted one. */
  expanded: readonly string[];
  offset: number;
  limit: number;
}

export interface FlowPage {
  /** Every flow of the workspace. */
  total: number;
  /** Flows that match the filters. */
  matched: number;
  offset: number;
  rows: FlowRow[];
}

/** Addresses and ranges sort after namespace/name ends: the workloads are what users look for. */
export function compareEnds(a: string, b: string): number {
  const outside = (name: string) => (name.includes('/') && !/^[\d:]/.test(name) ? 0 : 1);
  return outside(a) - outside(b) || a.localeCompare(b);
}

export function matchesVerdict(verdict: FlowRow['verdict'], choice: VerdictChoice): boolean {
  if (choice === 'all') return true;
  if (choice === 'allowed') return verdict.startsWith('allow');
  if (choice === 'denied') return verdict.startsWith('deny');
  return verdict === choice;
}
