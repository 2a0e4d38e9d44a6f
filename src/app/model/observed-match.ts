/**
 * Lines up the engine's flow rows and edges with the observed flows (both come from the worker):
 * which rows were seen, which seen flows the text would deny, and which allowed rows no log has
 * seen. Only keys are compared; every verdict is the engine's.
 */
import { isDenied } from './verdicts';
import { endpointId, endpointNodeId, flowEdgeId } from './ids';
import type { ObservedFlowView, ObservedView } from './observed';
import type { FlowRow } from './view-model';

/** What the logs say about a row or an edge. */
export type ObservedMark = 'would-break' | 'allowed' | 'never-seen';

export interface ObservedCounts {
  /** Connections seen that the text allows / would deny. */
  allowed: number;
  denied: number;
}

export interface ObservedIndex {
  byKey: ReadonlyMap<string, ObservedFlowView>;
  /** Per `from|to` of the rows that hold them: what any port saw (for rows about any port). */
  byPair: ReadonlyMap<string, ObservedCounts>;
  byEdge: ReadonlyMap<string, ObservedCounts>;
}

export function indexObserved(view: ObservedView): ObservedIndex {
  const byKey = new Map<string, ObservedFlowView>();
  const byPair = new Map<string, ObservedCounts>();
  const byEdge = new Map<string, ObservedCounts>();
  const add = (map: Map<string, ObservedCounts>, key: string, flow: ObservedFlowView) => {
    const counts = map.get(key) ?? { allowed: 0, denied: 0 };
    if (flow.actual === 'deny') counts.denied += flow.count;
    else counts.allowed += flow.count;
    map.set(key, counts);
  };
  for (const flow of view.flows) {
    byKey.set(flow.key, flow);
    add(byPair, `${flow.rowFrom}|${flow.rowTo}`, flow);
    if (flow.edgeId) add(byEdge, flow.edgeId, flow);
  }
  return { byKey, byPair, byEdge };
}

/** A row between two workloads or pods: the only rows a log can vouch for never having been seen. */
const betweenEndpoints = (row: FlowRow) =>
  row.edgeId !== null &&
  row.edgeId === flowEdgeId(endpointNodeId(endpointId(row.from)), endpointNodeId(endpointId(row.to)));

/**
 * What the logs saw of the flow `from` → `to` on one port (`key`, a row key) or, with `key` null,
 * on any port: would break when any of it would be denied.
 */
export function markSeen(
  index: ObservedIndex,
  from: string,
  to: string,
  key: string | null,
): { mark: 'would-break' | 'allowed'; count: number } | null {
  const seen =
    key === null
      ? index.byPair.get(`${from}|${to}`)
      : (() => {
          const flow = index.byKey.get(key);
          return (
            flow &&
            (flow.actual === 'deny' ? { allowed: 0, denied: flow.count } : { allowed: flow.count, denied: 0 })
          );
        })();
  if (seen && seen.denied > 0) return { mark: 'would-break', count: seen.denied + seen.allowed };
  if (seen && seen.allowed > 0) return { mark: 'allowed', count: seen.allowed };
  return null;
}

export function markRow(row: FlowRow, index: ObservedIndex): { mark: ObservedMark; count: number } | null {
  const seen = markSeen(index, row.from, row.to, row.port === null ? null : row.key);
  if (seen) return seen;
  if (!isDenied(row.verdict) && betweenEndpoints(row) && row.from !== row.to)
    return { mark: 'never-seen', count: 0 };
  return null;
}

/** The flows table's choice of rows by what the logs saw. */
export type ObservedChoice = 'all' | 'observed' | 'would-break';

export function matchesObserved(mark: ObservedMark | undefined, choice: ObservedChoice): boolean {
  if (choice === 'all') return true;
  if (choice === 'would-break') return mark === 'would-break';
  return mark === 'would-break' || mark === 'allowed';
}
