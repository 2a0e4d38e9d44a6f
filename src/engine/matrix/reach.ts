import {
  decidePair,
  isAllowed,
  isGoverned,
  VERDICTS,
  type PairDecision,
  type Verdict,
} from '../evaluate/evaluate';
import type { FlowEnd } from '../evaluate/resolve';
import { qualifiedRef } from '../model/build-cluster';
import type { Cluster, Endpoint, Protocol } from '../model/types';
import { isAllPorts, isEmptyPorts } from '../util/port-set';
import { buildClassMatrix, type ClassMatrix, type PortProtocol } from './classes';

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
 * Calls `visit` with every flow between all endpoints for the given ports, sources in endpoint
 * order, then destinations, then ports, without holding them: a big workspace's flows are streamed.
 * Verdicts come from the class matrix (classes.ts), which gives exactly
 * decideFlow(decidePair(...))'s verdict for every flow without evaluating each pair.
 */
export function forEachReachFlow(
  cluster: Cluster,
  ports: readonly PortProtocol[],
  visit: (flow: ReachFlow) => void,
  matrix: ClassMatrix = buildClassMatrix(cluster),
): void {
  const codes = matrix.verdictCodes(ports);
  const ids = cluster.endpoints.map((e) => e.id);
  for (let i = 0; i < ids.length; i++) {
    for (let j = 0; j < ids.length; j++) {
      const row = codes(i, j);
      for (let k = 0; k < ports.length; k++) {
        const { port, protocol } = ports[k]!;
        visit({ from: ids[i]!, to: ids[j]!, port, protocol, verdict: VERDICTS[row[k]!]! });
      }
    }
  }
}

/** The reachability matrix between all endpoints for the given ports (see forEachReachFlow). */
export function computeReach(cluster: Cluster, ports: PortProtocol[] = declaredPorts(cluster)): ReachMatrix {
  const flows: ReachFlow[] = [];
  forEachReachFlow(cluster, ports, (flow) => flows.push(flow));
  return { endpoints: cluster.endpoints.map((e) => e.id), ports, flows };
}

export type ReachGroupBy = 'namespace' | 'workload';

/** The group an endpoint is summarised in: its namespace, or its workload (`namespace/Kind/name`). */
export function reachGroupOf(endpoint: Endpoint, groupBy: ReachGroupBy): string {
  if (groupBy === 'namespace') return endpoint.namespace;
  return endpoint.controller ?? (endpoint.kind === 'Pod' ? endpoint.id : qualifiedRef(endpoint));
}

/** The groups of a summary, sorted, and each endpoint's index into them. */
export function reachGroups(
  cluster: Cluster,
  groupBy: ReachGroupBy,
): { names: string[]; groupOf: Uint32Array } {
  const keys = cluster.endpoints.map((endpoint) => reachGroupOf(endpoint, groupBy));
  const names = [...new Set(keys)].sort((a, b) => a.localeCompare(b));
  const index = new Map(names.map((name, i) => [name, i]));
  return { names, groupOf: Uint32Array.from(keys, (key) => index.get(key)!) };
}

export interface ReachSummaryRow {
  from: string;
  to: string;
  /** Endpoint pairs between the two groups times ports. */
  flows: number;
  allowed: number;
  denied: number;
  verdicts: Record<Verdict, number>;
}

export interface ReachSummary {
  groupBy: ReachGroupBy;
  groups: string[];
  ports: PortProtocol[];
  /** One per ordered pair of groups, sources then destinations in group order. */
  rows: ReachSummaryRow[];
}

/** How many flows each verdict has between every two groups: exact, in classes² rather than pairs. */
export function summarizeReach(
  cluster: Cluster,
  ports: PortProtocol[],
  groupBy: ReachGroupBy,
  matrix: ClassMatrix = buildClassMatrix(cluster),
): ReachSummary {
  const { names, groupOf } = reachGroups(cluster, groupBy);
  const counts = matrix.verdictCounts(ports, groupOf, names.length);
  const rows: ReachSummaryRow[] = [];
  const width = VERDICTS.length;
  for (let g = 0; g < names.length; g++) {
    for (let h = 0; h < names.length; h++) {
      const at = (g * names.length + h) * width;
      const verdicts = Object.fromEntries(VERDICTS.map((verdict, v) => [verdict, counts[at + v]!])) as Record<
        Verdict,
        number
      >;
      const flows = VERDICTS.reduce((sum, verdict) => sum + verdicts[verdict], 0);
      const allowed = VERDICTS.filter(isAllowed).reduce((sum, verdict) => sum + verdicts[verdict], 0);
      rows.push({ from: names[g]!, to: names[h]!, flows, allowed, denied: flows - allowed, verdicts });
    }
  }
  return { groupBy, groups: names, ports, rows };
}

/**
 * One verdict for a whole pair, for drawing one edge: allowed if any port is, otherwise which
 * side refuses everything.
 */
export function pairVerdict(pair: PairDecision): Verdict {
  if (pair.loopback) return 'allow-open';
  if (!isEmptyPorts(pair.allowed))
    return isGoverned(pair.egress) || isGoverned(pair.ingress) ? 'allow' : 'allow-open';
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
