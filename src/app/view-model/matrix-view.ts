/**
 * The matrix view's grid, built in the worker from the current evaluation: the engine's grid over
 * the endpoints (verdicts from the class matrix) and the outside ranges as one more group
 * (decided once per class and range, as the summary does).
 */
import {
  buildGrid,
  decideFlow,
  endpointGridSource,
  formatPorts,
  isolatingOf,
  pairDecider,
  pairVerdict,
  VERDICTS,
  type Evaluation,
  type GridLeaf,
  type GridSource,
  type PairDecision,
} from '../../engine';
import { namespaceNodeId } from '../model/ids';
import type { CanvasEnd as FlowEditEnd } from '../canvas/AllowFlowPopover/flow-ends';
import {
  OUTSIDE_GROUP,
  type MatrixData,
  type MatrixLine,
  type MatrixPair,
  type MatrixQuery,
} from '../model/matrix';
import type { ExternalView } from '../model/view-model';
import { parsePortFilter } from './matrix-report';
import { sideKey } from './summary-view';
import {
  destinationPorts,
  endpointEnd,
  endpointView,
  externalEnd,
  pairElements,
  type CanvasEnd,
} from './build-view-model';

/** The leaves of the view: every endpoint, then every outside range; and how to decide any pair of them. */
function viewSource(
  evaluation: Evaluation,
  externals: readonly ExternalView[],
  port: string,
  decisions: Map<string, Map<string, number>> = new Map(),
) {
  const { cluster } = evaluation.workspace;
  const { matrix } = evaluation;
  const n = cluster.endpoints.length;
  const inner = endpointGridSource(cluster, matrix);
  const chosen = parsePortFilter(port);
  const flowCodes = chosen && n > 0 ? matrix.flowVerdictMatrix([chosen]) : null;
  const decide = pairDecider(cluster, isolatingOf(cluster, matrix));
  const ends: CanvasEnd[] = [...cluster.endpoints.map(endpointEnd), ...externals.map(externalEnd)];
  // Towards an outside address, endpoints that agree on what the decision reads of them (their
  // isolating policies, families, named ports: sideKey) decide alike: one decision per key and range.
  const isolating = isolatingOf(cluster, matrix);
  const keys = cluster.endpoints.map((endpoint) => ({
    egress: sideKey(endpoint, 'Egress', isolating(endpoint, 'Egress')),
    ingress: sideKey(endpoint, 'Ingress', isolating(endpoint, 'Ingress')),
  }));
  const memo = new Map<string, PairDecision>();
  const decideLeaves = (i: number, j: number): PairDecision => {
    const key = i < n ? `${j}>${keys[i]!.egress}` : j < n ? `${i}<${keys[j]!.ingress}` : `${i},${j}`;
    let pair = memo.get(key);
    if (!pair) memo.set(key, (pair = decide(ends[i]!.end, ends[j]!.end)));
    return pair;
  };
  const leaves: GridLeaf[] = [
    ...inner.leaves,
    ...externals.map((external) => ({ id: external.cidr, group: OUTSIDE_GROUP })),
  ];
  const source: GridSource = {
    leaves,
    verdict(i, j) {
      if (i < n && j < n) return flowCodes ? flowCodes[i * n + j]! : inner.verdict(i, j);
      if (chosen)
        return VERDICTS.indexOf(decideFlow(decideLeaves(i, j), chosen.port, chosen.protocol).verdict);
      // Whole-pair verdicts towards outside ranges are the summary's (SummaryCache): decided once, kept across keystrokes.
      const side = i < n ? keys[i]!.egress : j < n ? keys[j]!.ingress : null;
      if (side === null) return VERDICTS.indexOf(pairVerdict(decideLeaves(i, j)));
      const sample = externals[(i < n ? j : i) - n]!.sample;
      let byKey = decisions.get(sample);
      if (!byKey) decisions.set(sample, (byKey = new Map()));
      let code = byKey.get(side);
      if (code === undefined) byKey.set(side, (code = VERDICTS.indexOf(pairVerdict(decideLeaves(i, j)))));
      return code;
    },
    allowed: (i, j) => (i < n && j < n ? inner.allowed(i, j) : formatPorts(decideLeaves(i, j).allowed)),
  };
  return { source, ends, decide };
}

export function buildMatrixData(
  evaluation: Evaluation,
  externals: readonly ExternalView[],
  query: MatrixQuery,
  decisions?: Map<string, Map<string, number>>,
): MatrixData {
  const expanded = new Set(query.expanded);
  const { source, ends } = viewSource(evaluation, externals, query.port, decisions);
  const grid = buildGrid(source, (group) => expanded.has(group));
  const lines = grid.lines.map((line): MatrixLine => ({
    ...line,
    nodeId:
      line.kind === 'leaf'
        ? ends[line.leaf]!.nodeId
        : line.group === OUTSIDE_GROUP
          ? ''
          : namespaceNodeId(line.group),
    name: line.kind === 'leaf' ? ends[line.leaf]!.name : line.group,
  }));
  return {
    lines,
    counts: grid.counts,
    ports: grid.ports,
    portTexts: grid.portTexts,
    endpointTotal: evaluation.workspace.cluster.endpoints.length,
    port: query.port,
  };
}

/** The edge and per-port rows of one pair of leaves (by node id), as the canvas would draw them. */
export function matrixPair(
  evaluation: Evaluation,
  externals: readonly ExternalView[],
  fromNode: string,
  toNode: string,
): MatrixPair | null {
  const { workspace } = evaluation;
  const { ends, decide } = viewSource(evaluation, externals, '');
  const fromIndex = ends.findIndex((end) => end.nodeId === fromNode);
  const toIndex = ends.findIndex((end) => end.nodeId === toNode);
  if (fromIndex < 0 || toIndex < 0) return null;
  const from = ends[fromIndex]!;
  const to = ends[toIndex]!;
  const { edge, rows } = pairElements(decide(from.end, to.end), from, to, destinationPorts(workspace));
  const isolating = isolatingOf(workspace.cluster, evaluation.matrix);
  const n = workspace.cluster.endpoints.length;
  const editEnd = (end: CanvasEnd, index: number): FlowEditEnd =>
    end.endpoint
      ? {
          kind: 'endpoint',
          ref: end.name,
          nodeId: end.nodeId,
          endpoint: endpointView(isolating, end.endpoint),
        }
      : { kind: 'external', ref: end.name, nodeId: end.nodeId, external: externals[index - n]! };
  return { edge, flows: rows, from: editEnd(from, fromIndex), to: editEnd(to, toIndex) };
}
