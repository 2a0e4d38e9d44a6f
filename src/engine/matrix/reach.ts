import { decidePair, VERDICTS, type PairDecision, type Verdict } from '../evaluate/evaluate';
import type { FlowEnd } from '../evaluate/resolve';
import type { Cluster, Protocol } from '../model/types';
import { isAllPorts, isEmptyPorts } from '../util/port-set';
import { buildClassMatrix, type PortProtocol } from './classes';

export type { PortProtocol };

export interface ReachFlow {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  verdict: Verdict;
}

export interface ReachMatrix {
  endpoints: string[];
  ports: PortProtocol[];
  flows: ReachFlow[];
}

/** Every (port, protocol) some endpoint declares, sorted: the default set of ports to examine. */
export function declaredPorts(cluster: Cluster): PortProtocol[] {
  const seen = new Map<string, PortProtocol>();
  for (const endpoint of cluster.endpoints) {
    for (const { port, protocol } of endpoint.ports) seen.set(`${protocol}/${port}`, { port, protocol });
  }
  return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

function endOf(cluster: Cluster, index: number): FlowEnd {
  return { kind: 'endpoint', endpoint: cluster.endpoints[index]! };
}

/** Calls `visit` with the decision for every ordered pair of endpoints (self pairs included). */
export function forEachPair(
  cluster: Cluster,
  visit: (pair: PairDecision, from: string, to: string) => void,
): void {
  const count = cluster.endpoints.length;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      visit(
        decidePair(cluster, endOf(cluster, i), endOf(cluster, j)),
        cluster.endpoints[i]!.id,
        cluster.endpoints[j]!.id,
      );
    }
  }
}

/**
 * The reachability matrix between all endpoints for the given ports. Verdicts come from the class
 * matrix (classes.ts), which gives exactly decideFlow(decidePair(...))'s verdict for every flow
 * without evaluating each pair.
 */
export function computeReach(cluster: Cluster, ports: PortProtocol[] = declaredPorts(cluster)): ReachMatrix {
  const codes = buildClassMatrix(cluster).verdictCodes(ports);
  const ids = cluster.endpoints.map((e) => e.id);
  const flows: ReachFlow[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = 0; j < ids.length; j++) {
      const row = codes(i, j);
      ports.forEach(({ port, protocol }, k) =>
        flows.push({ from: ids[i]!, to: ids[j]!, port, protocol, verdict: VERDICTS[row[k]!]! }),
      );
    }
  }
  return { endpoints: ids, ports, flows };
}

/**
 * One verdict for a whole pair, for drawing one edge: allowed if any port is, otherwise which
 * side refuses everything.
 */
export function pairVerdict(pair: PairDecision): Verdict {
  if (pair.loopback) return 'allow-open';
  if (!isEmptyPorts(pair.allowed))
    return pair.egress.isolated || pair.ingress.isolated ? 'allow' : 'allow-open';
  const egressNone = isEmptyPorts(pair.egress.allowed);
  const ingressNone = isEmptyPorts(pair.ingress.allowed);
  if (egressNone && !ingressNone) return 'deny-egress';
  if (ingressNone && !egressNone) return 'deny-ingress';
  return 'deny-both';
}

/** True when the policies restrict which ports may flow (the edge then carries a port label). */
export function isPortRestricted(pair: PairDecision): boolean {
  return !isEmptyPorts(pair.allowed) && !isAllPorts(pair.allowed);
}
