/**
 * The reachability matrix as files: one CSV row per flow, and a Markdown grid of namespaces or
 * workloads. The CLI's `reach --format csv|md` and the app's Export menu both call these, so the
 * same text gives the same file.
 */
import {
  decideFlow,
  decidePair,
  type FlowDecision,
  type FlowTiers,
  type PairDecision,
  type RuleMatch,
  type Verdict,
} from '../evaluate/evaluate';
import type { FlowEnd } from '../evaluate/resolve';
import type { ClassMatrix } from '../matrix/classes';
import type { PortProtocol } from '../matrix/reach';
import type { Cluster, Direction, Endpoint, Policy } from '../model/types';

/**
 * decidePair among only the policies that select either end: the same decision (policies that
 * select neither end cannot take part), without asking every policy of a big cluster.
 */
export function pairDecider(
  cluster: Cluster,
  isolating: (endpoint: Endpoint, direction: Direction) => readonly string[],
): (from: FlowEnd, to: FlowEnd) => PairDecision {
  const orderOf = new Map(cluster.policies.map((policy, i) => [policy, i]));
  const policyById = new Map<string, Policy[]>();
  for (const policy of cluster.policies)
    policyById.set(policy.id, [...(policyById.get(policy.id) ?? []), policy]);
  return (from, to) => {
    const ids = new Set<string>();
    if (from.kind === 'endpoint') for (const id of isolating(from.endpoint, 'Egress')) ids.add(id);
    if (to.kind === 'endpoint') for (const id of isolating(to.endpoint, 'Ingress')) ids.add(id);
    // In the cluster's order, so the decision lists policies as decidePair over all of them does.
    const policies = [...ids]
      .flatMap((id) => policyById.get(id) ?? [])
      .sort((a, b) => orderOf.get(a)! - orderOf.get(b)!);
    return decidePair({ ...cluster, policies }, from, to);
  };
}

/** isolatingPolicies of the class matrix, by endpoint object. */
export function isolatingOf(
  cluster: Cluster,
  matrix: ClassMatrix,
): (endpoint: Endpoint, direction: Direction) => readonly string[] {
  const indexOf = new Map(cluster.endpoints.map((endpoint, i) => [endpoint, i]));
  return (endpoint, direction) => matrix.isolatingPolicies(indexOf.get(endpoint)!, direction);
}

/**
 * The pair decision of endpoints i and j, decided once per pair of classes: endpoints of a class
 * are alike to every selector, rule, named port and ipBlock, so only the two exceptions that
 * depend on the endpoints themselves (a pod to itself, a hostNetwork pod to its own node) are
 * part of the key. Names in the decision are the representative's: callers read policies and rules.
 */
export function classPairDecider(
  cluster: Cluster,
  matrix: ClassMatrix,
): (i: number, j: number) => PairDecision {
  const decide = pairDecider(cluster, isolatingOf(cluster, matrix));
  const memo = new Map<number, PairDecision>();
  const classes = matrix.classCount;
  return (i, j) => {
    const from = cluster.endpoints[i]!;
    const to = cluster.endpoints[j]!;
    const loopback = i === j && from.kind === 'Pod';
    const ownNode = from.hostNetwork && !!to.hostIP && from.hostIP === to.hostIP;
    const key =
      ((matrix.classOf(i) * classes + matrix.classOf(j)) * 2 + (loopback ? 1 : 0)) * 2 + (ownNode ? 1 : 0);
    let pair = memo.get(key);
    if (!pair) {
      pair = decide({ kind: 'endpoint', endpoint: from }, { kind: 'endpoint', endpoint: to });
      memo.set(key, pair);
    }
    return pair;
  };
}

export interface FlowReportRow {
  from: string;
  to: string;
  port: number;
  protocol: PortProtocol['protocol'];
  verdict: Verdict;
  /** The policies that decided: the ones whose rules allow it, or the ones that isolate the denying side. */
  policies: string[];
  /** The rules that allow it ("shop/db-ingress ingress rule 1"), egress first. */
  rules: string[];
}

/**
 * One side of one flow: the Admin or Baseline rule that settled it, else the NetworkPolicy tier's
 * rules (allowed) or its isolating policies (denied); a side allowed by default names nothing.
 */
function sideDeciders(
  side: PairDecision['egress'],
  tiers: FlowTiers | undefined,
  rules: readonly RuleMatch[],
  allows: boolean,
): { policies: string[]; rules: string[] } {
  const step = tiers?.steps.find((s) => s.rule.action !== 'Pass' && s.policy.tier === tiers.decidedBy);
  if (step) {
    const direction = step.policy.egress.includes(step.rule) ? 'egress' : 'ingress';
    const rule = `${step.policy.id} ${direction} rule ${step.rule.index + 1}`;
    return { policies: [step.policy.id], rules: allows ? [rule] : [] };
  }
  if (tiers?.decidedBy === 'default') return { policies: [], rules: [] };
  if (allows)
    return {
      policies: rules.map((rule) => rule.policy),
      rules: rules.map((rule) => `${rule.policy} ${rule.direction} rule ${rule.index + 1}`),
    };
  return { policies: [...side.policies], rules: [] };
}

/** What decided a flow: for an allowed one both sides' deciders, for a denied one the refusing sides'. */
function deciders(pair: PairDecision, flow: FlowDecision): { policies: string[]; rules: string[] } {
  const egress = sideDeciders(pair.egress, flow.egressTiers, flow.egressRules, flow.egressAllows);
  const ingress = sideDeciders(pair.ingress, flow.ingressTiers, flow.ingressRules, flow.ingressAllows);
  if (flow.verdict === 'allow')
    return {
      policies: [...new Set([...egress.policies, ...ingress.policies])],
      rules: [...egress.rules, ...ingress.rules],
    };
  const refusing = [
    ...(flow.egressAllows || flow.verdict.startsWith('allow') ? [] : egress.policies),
    ...(flow.ingressAllows || flow.verdict.startsWith('allow') ? [] : ingress.policies),
  ];
  return { policies: [...new Set(refusing)], rules: [] };
}

/**
 * Every flow between endpoints for the given ports, in the order of `reach` (source, destination,
 * port; self pairs included), with what decided it.
 */
export function flowReportRows(
  cluster: Cluster,
  matrix: ClassMatrix,
  ports: readonly PortProtocol[],
): FlowReportRow[] {
  const pairOf = classPairDecider(cluster, matrix);
  const decided = new Map<PairDecision, Omit<FlowReportRow, 'from' | 'to'>[]>();
  const rows: FlowReportRow[] = [];
  const ids = cluster.endpoints.map((endpoint) => endpoint.id);
  for (let i = 0; i < ids.length; i++) {
    for (let j = 0; j < ids.length; j++) {
      const pair = pairOf(i, j);
      let flows = decided.get(pair);
      if (!flows) {
        flows = ports.map(({ port, protocol }) => {
          const flow = decideFlow(pair, port, protocol);
          return { port, protocol, verdict: flow.verdict, ...deciders(pair, flow) };
        });
        decided.set(pair, flows);
      }
      for (const flow of flows) rows.push({ from: ids[i]!, to: ids[j]!, ...flow });
    }
  }
  return rows;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const CSV_HEADER = ['from', 'to', 'port', 'protocol', 'verdict', 'policies', 'rules'] as const;

/** RFC 4180 CSV with a header line; several policies or rules in one field are separated by "; ". */
export function formatFlowCsv(rows: readonly FlowReportRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const row of rows)
    lines.push(
      [
        row.from,
        row.to,
        String(row.port),
        row.protocol,
        row.verdict,
        row.policies.join('; '),
        row.rules.join('; '),
      ]
        .map(csvField)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

/** `reach --format csv`: every flow for the given ports. */
export function reachCsv(cluster: Cluster, matrix: ClassMatrix, ports: readonly PortProtocol[]): string {
  return formatFlowCsv(flowReportRows(cluster, matrix, ports));
}
