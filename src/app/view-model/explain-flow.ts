/**
 * One flow, explained: the engine's `explain` laid out per side (egress of the source, then
 * ingress of the destination) with the policies and rules that decided it, their lines, and for a
 * side that denies, the closest rules and what they lacked. Runs in the worker.
 */
import {
  cidrContains,
  explain,
  formatPorts,
  parseCidr,
  parseIp,
  type FlowEnd,
  type NearMiss,
  type RuleMatch,
  type SideDecision,
  type Workspace,
} from '../../engine';
import { endpointId, endpointNodeId, externalNodeId, flowEdgeId, type NodeId } from '../model/ids';
import type { ExplainSide, Explanation, FlowQuery, NearMissRef, PolicyRef, RuleRef } from '../model/insight';

const INTERNET_CIDR = '0.0.0.0/0';

function policyRef(workspace: Workspace, id: string): PolicyRef {
  const policy = workspace.cluster.policies.find((p) => p.id === id);
  return { id, line: policy?.source.line ?? 0, endLine: policy?.source.endLine ?? 0 };
}

/** The lines a rule spans: from its `- from:`/`- to:` line to its last line. */
function ruleLines(workspace: Workspace, policyId: string, direction: 'ingress' | 'egress', index: number) {
  const rule = workspace.cluster.policies.find((p) => p.id === policyId)?.[direction][index];
  return { line: rule?.source.line ?? 0, endLine: rule?.source.endLine ?? rule?.source.line ?? 0 };
}

function ruleRef(workspace: Workspace, match: RuleMatch): RuleRef {
  const lines = ruleLines(workspace, match.policy, match.direction, match.index);
  return {
    policy: match.policy,
    direction: match.direction,
    index: match.index,
    ...lines,
    ports: formatPorts(match.ports),
  };
}

function nearMissRef(workspace: Workspace, miss: NearMiss): NearMissRef {
  const lines = ruleLines(workspace, miss.policy, miss.direction, miss.index);
  return {
    policy: miss.policy,
    direction: miss.direction,
    index: miss.index,
    ...lines,
    ports: '',
    lacks: [...miss.lacks],
  };
}

function sideOf(
  workspace: Workspace,
  side: SideDecision,
  allows: boolean,
  allowing: readonly RuleMatch[],
  misses: readonly NearMiss[],
): ExplainSide {
  const key = (m: { policy: string; index: number }) => `${m.policy}#${m.index}`;
  const allowingKeys = new Set(allowing.map(key));
  const view: ExplainSide = {
    direction: side.direction,
    subject: side.subject,
    isolated: side.isolated,
    policies: side.policies.map((id) => policyRef(workspace, id)),
    allows,
    allowing: allowing.map((match) => ruleRef(workspace, match)),
    otherPorts: allows
      ? []
      : side.matches
          .filter((match) => !allowingKeys.has(key(match)))
          .map((match) => ruleRef(workspace, match)),
    allowed: formatPorts(side.allowed),
    nearMisses: misses.map((miss) => nearMissRef(workspace, miss)),
  };
  if (side.note) view.note = side.note;
  return view;
}

/** The canvas node that stands for an end: its endpoint, or the narrowest outside range holding the address. */
function nodeIdOf(workspace: Workspace, end: FlowEnd): NodeId | null {
  if (end.kind === 'endpoint') return endpointNodeId(endpointId(end.endpoint.id));
  const ip = parseIp(end.ip);
  if (!ip) return null;
  const cidrs = new Set<string>([INTERNET_CIDR]);
  for (const policy of workspace.cluster.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? []) if (peer.kind === 'ipBlock') cidrs.add(peer.ipBlock.cidr);
    }
  }
  let best: { cidr: string; prefix: number } | null = null;
  for (const cidr of cidrs) {
    const parsed = parseCidr(cidr);
    if (!parsed || !cidrContains(parsed, ip)) continue;
    if (!best || parsed.prefix > best.prefix) best = { cidr, prefix: parsed.prefix };
  }
  return best ? externalNodeId(best.cidr) : null;
}

/** "--from: no Pod…" (the CLI's wording) reads as "From: no Pod…" in the app. */
function appMessage(message: string): string {
  return message.replace(/^--(from|to): /, (_, which: string) => `${which === 'from' ? 'From' : 'To'}: `);
}

export function explainFlow(workspace: Workspace, query: FlowQuery): Explanation {
  const result = explain(workspace, query.from.trim(), query.to.trim(), query.port, query.protocol);
  if (!result.ok) return { ok: false, query, message: appMessage(result.message) };
  const { pair, flow, nearMisses } = result;
  const from = nodeIdOf(workspace, pair.from);
  const to = nodeIdOf(workspace, pair.to);
  const endName = (end: FlowEnd) => (end.kind === 'endpoint' ? end.endpoint.id : end.ip);
  return {
    ok: true,
    query,
    from: endName(pair.from),
    to: endName(pair.to),
    verdict: flow.verdict,
    reason: flow.reason,
    egress: sideOf(
      workspace,
      pair.egress,
      flow.egressAllows,
      flow.egressRules,
      nearMisses.filter((m) => m.direction === 'egress'),
    ),
    ingress: sideOf(
      workspace,
      pair.ingress,
      flow.ingressAllows,
      flow.ingressRules,
      nearMisses.filter((m) => m.direction === 'ingress'),
    ),
    edgeId: from && to && from !== to ? flowEdgeId(from, to) : null,
  };
}
