/**
 * Which flows changed verdict between two evaluations, by the flow rows' stable keys. The engine
 * decided every verdict on both sides; this only lines the answers up.
 */
import type { Verdict } from '../../engine';
import type { ChangeKind, FlowDifference } from './insight';
import type { EdgeView, FlowRow } from './view-model';

const denied = (verdict: Verdict) => verdict.startsWith('deny');

/** `allowed`/`denied` when the flow crossed over; null when it stayed on the same side. */
export function changeOf(before: Verdict | null, after: Verdict | null): ChangeKind | null {
  if (!before || !after || denied(before) === denied(after)) return null;
  return denied(after) ? 'denied' : 'allowed';
}

export interface DiffOptions {
  /** Also list verdicts that changed without crossing between allowed and denied. */
  verdictChanges?: boolean;
  /** Also list flows that exist on one side only (an endpoint or a port came or went). */
  onlyOneSide?: boolean;
}

/** Flows whose verdict differs, in the order of `after` (then flows only in `before`). */
export function diffFlows(
  before: readonly FlowRow[],
  after: readonly FlowRow[],
  options: DiffOptions = {},
): FlowDifference[] {
  const old = new Map(before.map((row) => [row.key, row]));
  const out: FlowDifference[] = [];
  const push = (row: FlowRow, was: Verdict | null, now: Verdict | null) =>
    out.push({
      key: row.key,
      from: row.from,
      to: row.to,
      port: row.port,
      protocol: row.protocol,
      before: was,
      after: now,
      change: changeOf(was, now),
    });
  for (const row of after) {
    const previous = old.get(row.key);
    if (!previous) {
      if (options.onlyOneSide) push(row, null, row.verdict);
      continue;
    }
    old.delete(row.key);
    if (previous.verdict === row.verdict) continue;
    if (changeOf(previous.verdict, row.verdict) || options.verdictChanges)
      push(row, previous.verdict, row.verdict);
  }
  if (options.onlyOneSide) for (const row of old.values()) push(row, row.verdict, null);
  return out;
}

/** Edges whose verdict crossed between allowed and denied, by edge id. */
export function edgeChanges(
  before: readonly EdgeView[],
  after: readonly EdgeView[],
): Record<string, ChangeKind> {
  const old = new Map(before.map((edge) => [edge.id, edge.verdict]));
  const out: Record<string, ChangeKind> = {};
  for (const edge of after) {
    const change = changeOf(old.get(edge.id) ?? null, edge.verdict);
    if (change) out[edge.id] = change;
  }
  return out;
}

/**
 * Edges to mark after an edit: those whose own verdict crossed over, and those with a flow row
 * that did (an edge stays "allowed" when one of its ports closes; the row says which).
 */
export function changedEdges(
  before: { edges: readonly EdgeView[] },
  after: { edges: readonly EdgeView[]; flows: readonly FlowRow[] },
  flows: readonly FlowDifference[],
): Record<string, ChangeKind> {
  const out = edgeChanges(before.edges, after.edges);
  const rows = new Map(after.flows.map((row) => [row.key, row]));
  for (const difference of flows) {
    const edgeId = rows.get(difference.key)?.edgeId;
    if (edgeId && difference.change && !out[edgeId]) out[edgeId] = difference.change;
  }
  return out;
}
