/** What the policies of a workspace give every observed flow. */
import { decideFlow, decidePair, isAllowed, type Verdict } from '../evaluate/evaluate';
import type { FlowEnd } from '../evaluate/resolve';
import { buildClassMatrix, type ClassMatrix } from '../matrix/classes';
import type { Cluster, Endpoint } from '../model/types';
import type { ObservedEnd } from './map-ends';
import type { ObservedFlow } from './observe';

export interface ReplayedFlow extends ObservedFlow {
  actual: 'allow' | 'deny';
  verdict: Verdict;
}

export interface Replay {
  flows: ReplayedFlow[];
  /** Connections replayed (the sum of the flows' counts). */
  observed: number;
  /** Connections the policies would deny. */
  denied: number;
}

function flowEnd(end: ObservedEnd): FlowEnd {
  if (end.kind === 'endpoint') return { kind: 'endpoint', endpoint: end.endpoint };
  if (end.kind === 'ip') return { kind: 'ip', ip: end.ip, node: end.node };
  throw new Error(`replay: ${end.ref} is unknown`);
}

/**
 * Replays known flows (ObservedTraffic.flows). Endpoint pairs go through the class matrix (pass the
 * one already built for `cluster`, if any); flows with an outside end through the pair evaluator.
 */
export function replayFlows(
  cluster: Cluster,
  flows: readonly ObservedFlow[],
  matrix: ClassMatrix = buildClassMatrix(cluster),
): Replay {
  const position = new Map<Endpoint, number>(cluster.endpoints.map((endpoint, i) => [endpoint, i]));
  const replay: Replay = { flows: [], observed: 0, denied: 0 };
  for (const flow of flows) {
    const from = flow.fromEnd.kind === 'endpoint' ? position.get(flow.fromEnd.endpoint) : undefined;
    const to = flow.toEnd.kind === 'endpoint' ? position.get(flow.toEnd.endpoint) : undefined;
    const verdict =
      from !== undefined && to !== undefined
        ? matrix.flowVerdict(from, to, flow.port, flow.protocol)
        : decideFlow(
            decidePair(cluster, flowEnd(flow.fromEnd), flowEnd(flow.toEnd)),
            flow.port,
            flow.protocol,
          ).verdict;
    const actual = isAllowed(verdict) ? 'allow' : 'deny';
    replay.flows.push({ ...flow, actual, verdict });
    replay.observed += flow.count;
    if (actual === 'deny') replay.denied += flow.count;
  }
  return replay;
}
