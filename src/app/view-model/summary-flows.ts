/**
 * The flows table of a summarized workspace: the same rows buildViewModel makes for a small one
 * (every ordered pair of canvas ends, self pairs and outside-to-outside excepted, per destination
 * port), without making them all. Verdicts come from the class matrix (and, towards an outside
 * range, one decision per class); only the window on screen gets its reasons and rules.
 */
import {
  decideFlow,
  decidePair,
  pairVerdict,
  VERDICTS,
  type Evaluation,
  type PairDecision,
} from '../../engine';
import { compareEnds, matchesVerdict, type FlowPage, type FlowPageQuery } from '../model/flow-page';
import { flowEdgeId, namespaceNodeId } from '../model/ids';
import { markSeen, matchesObserved, type ObservedIndex } from '../model/observed-match';
import {
  destinationPorts,
  endpointEnd,
  externalEnd,
  externalViews,
  pairElements,
  type CanvasEnd,
  type PortKey,
} from './build-view-model';

/** How many rows a whole workspace has: what the Flows tab counts before anything is asked. */
export function flowTotal(endpoints: number, externals: number, portCounts: readonly number[]): number {
  const ends = endpoints + externals;
  let total = 0;
  // Every endpoint is a destination for each other end; an outside range for each endpoint.
  for (const count of portCounts) total += (ends - 1) * Math.max(1, count);
  return total + externals * endpoints;
}

/** One row: source end, destination end, and which of the destination's ports (-1: any port). */
interface RowRef {
  from: number;
  to: number;
  port: number;
}

export class SummaryFlows {
  private readonly ends: CanvasEnd[];
  /** Ends in the table's order: workloads by name, then outside ranges. */
  private readonly order: number[];
  private readonly ports: PortKey[][];
  private readonly endpointCount: number;
  private readonly towardsOutside = new Map<string, PairDecision>();
  private matchedFor: { key: string; observed: ObservedIndex | null; rows: RowRef[] } | null = null;
  readonly total: number;

  constructor(readonly evaluation: Evaluation) {
    const { workspace } = evaluation;
    const { endpoints } = workspace.cluster;
    this.endpointCount = endpoints.length;
    this.ends = [...endpoints.map(endpointEnd), ...externalViews(workspace).map(externalEnd)];
    this.order = this.ends
      .map((_, i) => i)
      .sort((a, b) => compareEnds(this.ends[a]!.name, this.ends[b]!.name));
    const byDestination = destinationPorts(workspace);
    this.ports = this.ends.map((end) =>
      end.endpoint
        ? [...(byDestination.get(end.endpoint.id) ?? [])].sort(
            (a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol),
          )
        : [],
    );
    this.total = flowTotal(
      this.endpointCount,
      this.ends.length - this.endpointCount,
      this.ports.slice(0, this.endpointCount).map((p) => p.length),
    );
  }

  /** `observed`: the imported logs replayed against this evaluation, for the Observed filter. */
  page(query: FlowPageQuery, observed: ObservedIndex | null = null): FlowPage {
    const unfiltered =
      !query.text.trim() &&
      query.verdict === 'all' &&
      (query.observed === 'all' || !observed) &&
      (query.sort === 'from' || query.sort === 'to');
    // The whole table in name order needs no scan: the window is found by counting (typing in a
    // big workspace asks for it after every evaluation).
    const { rows: window, matched } = unfiltered
      ? { rows: this.window(query), matched: this.total }
      : (() => {
          const rows = this.matching(query, observed);
          return { rows: rows.slice(query.offset, query.offset + query.limit), matched: rows.length };
        })();
    const expanded = new Set(query.expanded);
    const groupOf = (end: CanvasEnd) =>
      end.endpoint && !expanded.has(end.endpoint.namespace)
        ? namespaceNodeId(end.endpoint.namespace)
        : end.nodeId;
    return {
      total: this.total,
      matched,
      offset: query.offset,
      rows: window.map(({ from, to, port }) => {
        const a = this.ends[from]!;
        const b = this.ends[to]!;
        const pair = decidePair(this.evaluation.workspace.cluster, a.end, b.end);
        const only = port < 0 ? [] : [this.ports[to]![port]!];
        const row = pairElements(pair, a, b, new Map(b.endpoint ? [[b.endpoint.id, only]] : [])).rows[0]!;
        // On a summarized canvas a flow is drawn on the edge between the boxes that hold its ends.
        const [source, target] = [groupOf(a), groupOf(b)];
        return { ...row, edgeId: source === target ? null : flowEdgeId(source, target) };
      }),
    };
  }

  /** Rows `offset…offset + limit` of the whole table sorted by source or destination, by counting. */
  private window({ sort, descending, offset, limit }: FlowPageQuery): RowRef[] {
    const start = descending ? Math.max(0, this.total - offset - limit) : offset;
    const end = Math.min(this.total, descending ? this.total - offset : offset + limit);
    const outside = (end: number) => end >= this.endpointCount;
    const width = (end: number) => Math.max(1, this.ports[end]!.length);
    const rows: RowRef[] = [];
    let at = 0;
    for (const first of this.order) {
      if (at >= end) break;
      const seconds = this.order.filter((second) => second !== first && !(outside(first) && outside(second)));
      const size =
        sort === 'from'
          ? seconds.reduce((sum, second) => sum + width(second), 0)
          : seconds.length * width(first);
      if (at + size <= start) {
        at += size;
        continue;
      }
      for (const second of seconds) {
        const [from, to] = sort === 'from' ? [first, second] : [second, first];
        const count = this.ports[to]!.length;
        for (let port = count ? 0 : -1; port < count; port++, at++)
          if (at >= start && at < end) rows.push({ from, to, port });
        if (at >= end) break;
      }
    }
    return descending ? rows.reverse() : rows;
  }

  /** The rows the filters keep, in the order asked; kept for the next window of the same question. */
  private matching(query: FlowPageQuery, observed: ObservedIndex | null): RowRef[] {
    const key = JSON.stringify([
      query.text.trim().toLowerCase(),
      query.verdict,
      query.observed,
      query.sort,
      query.descending,
    ]);
    if (this.matchedFor?.key === key && this.matchedFor.observed === observed) return this.matchedFor.rows;
    const bySeen = observed && query.observed !== 'all' ? observed : null;
    const needle = query.text.trim().toLowerCase();
    const nameMatches = this.ends.map((end) => !needle || end.name.toLowerCase().includes(needle));
    const portLabel = (to: number, port: number) =>
      port < 0 ? 'any' : `${this.ports[to]![port]!.port}/${this.ports[to]![port]!.protocol}`;
    const buckets = new Map<string, RowRef[]>();
    const keep = (from: number, to: number) => {
      const count = this.ports[to]!.length;
      for (let port = count ? 0 : -1; port < count; port++) {
        const label = portLabel(to, port);
        if (bySeen) {
          const [a, b] = [this.ends[from]!.name, this.ends[to]!.name];
          const key =
            port < 0 ? null : `${a}|${b}|${this.ports[to]![port]!.port}|${this.ports[to]![port]!.protocol}`;
          const seen = markSeen(bySeen, a, b, key);
          if (!matchesObserved(seen?.mark, query.observed)) continue;
        }
        const verdict = this.verdict(from, to, port);
        if (!matchesVerdict(verdict, query.verdict)) continue;
        if (
          needle &&
          !nameMatches[from] &&
          !nameMatches[to] &&
          !label.toLowerCase().includes(needle) &&
          !verdict.includes(needle)
        )
          continue;
        const bucket =
          query.sort === 'verdict'
            ? String(VERDICTS.indexOf(verdict)).padStart(2, '0')
            : query.sort === 'port'
              ? port < 0
                ? '00000 '
                : `${String(this.ports[to]![port]!.port).padStart(5, '0')} ${this.ports[to]![port]!.protocol}`
              : '';
        let list = buckets.get(bucket);
        if (!list) buckets.set(bucket, (list = []));
        list.push({ from, to, port });
      }
    };
    const outside = (end: number) => end >= this.endpointCount;
    for (const first of this.order) {
      for (const second of this.order) {
        if (first === second || (outside(first) && outside(second))) continue;
        if (query.sort === 'to') keep(second, first);
        else keep(first, second);
      }
    }
    const rows = [...buckets.keys()].sort().flatMap((bucket) => buckets.get(bucket)!);
    if (query.descending) rows.reverse();
    this.matchedFor = { key, observed, rows };
    return rows;
  }

  private verdict(from: number, to: number, port: number) {
    const { matrix } = this.evaluation;
    if (from < this.endpointCount && to < this.endpointCount) {
      if (port < 0) return matrix.pairVerdict(from, to);
      const { port: number, protocol } = this.ports[to]![port]!;
      return matrix.flowVerdict(from, to, number, protocol);
    }
    // Towards or from an outside range: every member of a class decides alike, so one decision per class.
    const inside = from < this.endpointCount ? from : to;
    const key = `${matrix.classOf(inside)}|${from < this.endpointCount ? 'out' : 'in'}|${from < this.endpointCount ? to : from}`;
    let pair = this.towardsOutside.get(key);
    if (!pair) {
      pair = decidePair(this.evaluation.workspace.cluster, this.ends[from]!.end, this.ends[to]!.end);
      this.towardsOutside.set(key, pair);
    }
    if (port < 0) return pairVerdict(pair);
    const { port: number, protocol } = this.ports[to]![port]!;
    return decideFlow(pair, number, protocol).verdict;
  }
}
