/**
 * Turns one engine Workspace into the serializable ViewModel. Every verdict, reason and isolation
 * flag comes from an engine call (decidePair, decideFlow, pairVerdict, policySelects, runTests);
 * this module only decides what to ask and how to lay the answers out for the screen.
 */
import {
  declaredPorts,
  decideFlow,
  decidePair,
  explain,
  defaultDenyByNamespace,
  flowTierDecision,
  formatPorts,
  isClusterDns,
  isEmptyPorts,
  isPortRestricted,
  lintWorkspaceSteps,
  pairTierDecision,
  pairVerdict,
  policySelects,
  runTests,
  runToEnd,
  resolveRef,
  type Cluster,
  type Diagnostic,
  type Direction,
  type Endpoint,
  type FlowEnd,
  type PairDecision,
  type Protocol,
  type RuleMatch,
  type SideDecision,
  type Workspace,
} from '../../engine';
import {
  endpointId,
  endpointNodeId,
  externalNodeId,
  flowEdgeId,
  namespaceNodeId,
  policyId,
  type EndpointId,
  type NodeId,
} from '../model/ids';
import type {
  EdgeView,
  EndpointView,
  ExternalView,
  FlowRow,
  NamespaceView,
  PolicyView,
  RuleView,
  SideView,
  ViewModel,
} from '../model/view-model';
import type { StepProgress } from '../worker/protocol';
import { narrowerInside, sampleAddress, takenAddresses } from './address-sample';
import { quickFixes } from './quick-fixes';
import { documentValues, rawPolicySpec } from './edit-view';
import { addTierViews, tierMark } from './tier-view';

const INTERNET_CIDR = '0.0.0.0/0';

/** One end of a flow as the canvas shows it: an endpoint node or an outside node. */
export interface CanvasEnd {
  nodeId: NodeId;
  name: string;
  end: FlowEnd;
  endpoint: Endpoint | null;
}

export interface PortKey {
  port: number;
  protocol: Protocol;
}

export function ruleView(match: RuleMatch): RuleView {
  return {
    policy: match.policy,
    direction: match.direction,
    index: match.index,
    ports: formatPorts(match.ports),
    line: match.source.line,
  };
}

function sideView(side: SideDecision): SideView {
  const view: SideView = {
    direction: side.direction,
    subject: side.subject,
    isolated: side.isolated,
    policies: [...side.policies],
    rules: side.matches.map(ruleView),
    allowed: formatPorts(side.allowed),
  };
  if (side.note) view.note = side.note;
  return view;
}

/** Ids of the policies that select an endpoint for one direction. */
export type IsolatingPolicies = (endpoint: Endpoint, direction: Direction) => readonly string[];

function askEveryPolicy(workspace: Workspace): IsolatingPolicies {
  return (endpoint, direction) =>
    workspace.cluster.policies
      .filter((policy) => policySelects(policy, direction, endpoint))
      .map((p) => p.id);
}

function isolationOf(isolating: IsolatingPolicies, endpoint: Endpoint, direction: Direction) {
  const policies = [...isolating(endpoint, direction)];
  return { isolated: policies.length > 0, policies };
}

export function endpointView(isolating: IsolatingPolicies, endpoint: Endpoint): EndpointView {
  return {
    nodeId: endpointNodeId(endpointId(endpoint.id)),
    id: endpointId(endpoint.id),
    namespace: endpoint.namespace,
    name: endpoint.name,
    kind: endpoint.kind,
    labels: { ...endpoint.labels },
    ports: endpoint.ports.map((p) =>
      p.name ? { name: p.name, port: p.port, protocol: p.protocol } : { port: p.port, protocol: p.protocol },
    ),
    ips: [...endpoint.ips],
    hostNetwork: endpoint.hostNetwork,
    dns: isClusterDns(endpoint),
    ingress: isolationOf(isolating, endpoint, 'Ingress'),
    egress: isolationOf(isolating, endpoint, 'Egress'),
    line: endpoint.source.line,
  };
}

/** One outside node per ipBlock CIDR that a policy names, plus the internet. */
export function externalViews(workspace: Workspace): ExternalView[] {
  const excepts = new Map<string, Set<string>>([[INTERNET_CIDR, new Set()]]);
  for (const policy of workspace.cluster.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers ?? []) {
        if (peer.kind !== 'ipBlock') continue;
        const set = excepts.get(peer.ipBlock.cidr) ?? new Set<string>();
        for (const except of peer.ipBlock.except) set.add(except);
        excepts.set(peer.ipBlock.cidr, set);
      }
    }
  }
  const cidrs = [...excepts.keys()];
  const podAddresses = takenAddresses(workspace.cluster.endpoints.flatMap((e) => e.ips));
  // Narrower ranges have nodes of their own, so a node's sample must stay out of them.
  const narrower = narrowerInside(cidrs);
  const views: ExternalView[] = [];
  for (const [index, cidr] of cidrs.entries()) {
    const prefix = Number(cidr.split('/')[1]);
    const except = [...excepts.get(cidr)!];
    const sample = sampleAddress(cidr, [...except, ...narrower[index]!], podAddresses);
    if (!sample) continue;
    views.push({ nodeId: externalNodeId(cidr), cidr, except, internet: prefix === 0, sample });
  }
  return views;
}

/** Endpoints and isolated endpoints per namespace. */
type NamespaceCounts = Map<string, { endpoints: number; ingressIsolated: number; egressIsolated: number }>;

export function namespaceCounts(workspace: Workspace, isolating: IsolatingPolicies): NamespaceCounts {
  const counts: NamespaceCounts = new Map();
  for (const endpoint of workspace.cluster.endpoints) {
    const entry = counts.get(endpoint.namespace) ?? { endpoints: 0, ingressIsolated: 0, egressIsolated: 0 };
    entry.endpoints++;
    if (isolating(endpoint, 'Ingress').length) entry.ingressIsolated++;
    if (isolating(endpoint, 'Egress').length) entry.egressIsolated++;
    counts.set(endpoint.namespace, entry);
  }
  return counts;
}

export function namespaceViews(workspace: Workspace, counts: NamespaceCounts): NamespaceView[] {
  const defaultDeny = defaultDenyByNamespace(workspace.cluster);
  return [...workspace.cluster.namespaces.values()]
    .map((ns) => {
      const count = counts.get(ns.name);
      return {
        nodeId: namespaceNodeId(ns.name),
        name: ns.name,
        labels: { ...ns.labels },
        declared: ns.declared,
        line: ns.source?.line ?? null,
        endpointCount: count?.endpoints ?? 0,
        ingressIsolated: count?.ingressIsolated ?? 0,
        egressIsolated: count?.egressIsolated ?? 0,
        defaultDeny: defaultDeny.get(ns.name) ?? { ingress: [], egress: [], egressDns: false },
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Policy views listing at most this many selected endpoints by name (selectCount has them all). */
const MAX_LISTED_SELECTED = 50;

export function policyViews(workspace: Workspace, isolating: IsolatingPolicies): PolicyView[] {
  const { policies, endpoints } = workspace.cluster;
  const values = documentValues(workspace);
  const selected = new Map<string, EndpointId[]>(policies.map((p) => [p.id, []]));
  for (const endpoint of endpoints) {
    const ids = new Set([...isolating(endpoint, 'Ingress'), ...isolating(endpoint, 'Egress')]);
    for (const id of ids) selected.get(id)?.push(endpointId(endpoint.id));
  }
  return policies.map((policy) => {
    const selects = selected.get(policy.id) ?? [];
    return {
      id: policyId(policy.id),
      namespace: policy.namespace,
      name: policy.name,
      line: policy.source.line,
      policyTypes: [...policy.policyTypes],
      ingressRules: policy.ingress.length,
      egressRules: policy.egress.length,
      selects: selects.slice(0, MAX_LISTED_SELECTED),
      selectCount: selects.length,
      spec: rawPolicySpec(values, policy),
    };
  });
}

function uniquePorts(ports: readonly PortKey[]): PortKey[] {
  const seen = new Map<string, PortKey>();
  for (const { port, protocol } of ports) seen.set(`${port}/${protocol}`, { port, protocol });
  return [...seen.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/** Ports to tabulate per destination: what it declares, else what probes aim at it. */
export function destinationPorts(workspace: Workspace): Map<string, PortKey[]> {
  const probed = new Map<string, PortKey[]>();
  for (const test of workspace.cluster.tests) {
    for (const probe of test.probes) {
      if (typeof probe.port !== 'number') continue;
      const to = resolveRef(workspace.index, probe.to);
      if (!to.ok || to.end.kind !== 'endpoint') continue;
      const list = probed.get(to.end.endpoint.id) ?? [];
      list.push({ port: probe.port, protocol: probe.protocol });
      probed.set(to.end.endpoint.id, list);
    }
  }
  const result = new Map<string, PortKey[]>();
  for (const endpoint of workspace.cluster.endpoints) {
    const declared = endpoint.ports.map(({ port, protocol }) => ({ port, protocol }));
    result.set(endpoint.id, uniquePorts(declared.length ? declared : (probed.get(endpoint.id) ?? [])));
  }
  return result;
}

function rowKey(from: string, to: string, port: number | null, protocol: string | null): string {
  return `${from}|${to}|${port ?? 'any'}|${protocol ?? ''}`;
}

/** A sentence for a whole pair when no port is singled out, built from the engine's side decisions. */
function pairReason(pair: PairDecision): string {
  const sides = [pair.egress, pair.ingress].map((side) => {
    const word = side.direction === 'Egress' ? 'egress' : 'ingress';
    if (!side.subject) return side.note ?? `${word} is not governed`;
    if (!side.isolated) return `${side.subject} is not isolated for ${word}`;
    return `${side.subject} is isolated for ${word} by ${side.policies.join(', ')} and lets through ${formatPorts(side.allowed)}`;
  });
  const head = isEmptyPorts(pair.allowed)
    ? 'Denied on every port'
    : `Allowed on ${formatPorts(pair.allowed)}`;
  return `${head}: ${sides.join('; ')}.`;
}

export function endpointEnd(endpoint: Endpoint): CanvasEnd {
  return {
    nodeId: endpointNodeId(endpointId(endpoint.id)),
    name: endpoint.id,
    end: { kind: 'endpoint', endpoint },
    endpoint,
  };
}

export function externalEnd(external: ExternalView): CanvasEnd {
  return {
    nodeId: external.nodeId,
    name: external.cidr,
    end: { kind: 'ip', ip: external.sample, node: false },
    endpoint: null,
  };
}

/** The edge between two canvas ends and its table rows (one per destination port), from the engine's decision. */
export function pairElements(
  pair: PairDecision,
  from: CanvasEnd,
  to: CanvasEnd,
  portsByDestination: ReadonlyMap<string, PortKey[]>,
): { edge: EdgeView; rows: FlowRow[] } {
  const edgeId = flowEdgeId(from.nodeId, to.nodeId);
  const edge: EdgeView = {
    id: edgeId,
    source: from.nodeId,
    target: to.nodeId,
    from: from.name,
    to: to.name,
    verdict: pairVerdict(pair),
    portLabel: isPortRestricted(pair) ? formatPorts(pair.allowed) : null,
    allowed: pair.allowed,
    egress: sideView(pair.egress),
    ingress: sideView(pair.ingress),
  };
  const edgeTier = tierMark(pairTierDecision(pair));
  if (edgeTier) edge.tier = edgeTier;
  const rows: FlowRow[] = [];
  const ports = to.endpoint ? (portsByDestination.get(to.endpoint.id) ?? []) : [];
  if (ports.length === 0) {
    const rules = [...pair.egress.matches, ...pair.ingress.matches].map(ruleView);
    rows.push({
      key: rowKey(from.name, to.name, null, null),
      from: from.name,
      to: to.name,
      edgeId,
      port: null,
      protocol: null,
      verdict: edge.verdict,
      reason: edgeTier
        ? `${pairReason(pair)} Settled by ${edgeTier.rules.map((rule) => rule.text).join(' and ')}.`
        : pairReason(pair),
      rules,
      probed: false,
      ...(edgeTier && { tier: edgeTier }),
    });
  }
  for (const { port, protocol } of ports) {
    const flow = decideFlow(pair, port, protocol);
    const tier = tierMark(flowTierDecision(flow));
    rows.push({
      key: rowKey(from.name, to.name, port, protocol),
      from: from.name,
      to: to.name,
      edgeId,
      port,
      protocol,
      verdict: flow.verdict,
      reason: flow.reason,
      rules: [...flow.egressRules, ...flow.ingressRules].map(ruleView),
      probed: false,
      ...(tier && { tier }),
    });
  }
  return { edge, rows };
}

/** Probe results and rows for them, plus the diagnostics of probes that could not run. */
export function testsOf(workspace: Workspace, flows: FlowRow[], ends: CanvasEnd[]) {
  const tests = runTests(workspace);
  addProbedRows(workspace, flows, tests.results, ends);
  return {
    view: { results: tests.results, passed: tests.passed, failed: tests.failed },
    errors: tests.errors,
  };
}

/** Validation and lint findings (likely mistakes) together, plus probes that could not run, by line. */
export function allDiagnostics(workspace: Workspace, probeErrors: readonly Diagnostic[]): Diagnostic[] {
  return runToEnd(allDiagnosticsSteps(workspace, probeErrors));
}

/** allDiagnostics a step at a time (see lintWorkspaceSteps), for a worker that gives way to keystrokes. */
export function* allDiagnosticsSteps(
  workspace: Workspace,
  probeErrors: readonly Diagnostic[],
): Generator<void, Diagnostic[], void> {
  const lint = yield* lintWorkspaceSteps(workspace);
  return [...lint, ...probeErrors].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The whole picture, every pair drawn: for workspaces small enough to read edge by edge. */
export function buildViewModel(
  workspace: Workspace,
  seq: number,
  onStep?: (progress: StepProgress) => void,
): ViewModel {
  const { cluster } = workspace;
  const isolating = askEveryPolicy(workspace);
  const endpoints = cluster.endpoints.map((e) => endpointView(isolating, e));
  const externals = cluster.endpoints.length ? externalViews(workspace) : [];
  const ends: CanvasEnd[] = [...cluster.endpoints.map(endpointEnd), ...externals.map(externalEnd)];
  const portsByDestination = destinationPorts(workspace);
  const edges: EdgeView[] = [];
  const flows: FlowRow[] = [];
  for (const [index, from] of ends.entries()) {
    for (const [inner, to] of ends.entries()) {
      if (from === to || (!from.endpoint && !to.endpoint)) continue;
      // Per pair, not per row: with thousands of outside ranges one row is most of the work.
      onStep?.({ done: index * ends.length + inner, total: ends.length * ends.length });
      const { edge, rows } = pairElements(
        decidePair(cluster, from.end, to.end),
        from,
        to,
        portsByDestination,
      );
      edges.push(edge);
      flows.push(...rows);
    }
  }
  const tests = testsOf(workspace, flows, ends);
  const diagnostics = allDiagnostics(workspace, tests.errors);
  const tiered = { namespaces: namespaceViews(workspace, namespaceCounts(workspace, isolating)), endpoints };
  const tiers = addTierViews(workspace, tiered, flows);
  return {
    seq,
    workspaceNamespace: cluster.workspaceNamespace,
    ...tiered,
    ...(tiers && { tiers }),
    externals,
    edges,
    flows,
    ports: portChoices(cluster),
    policies: policyViews(workspace, isolating),
    tests: tests.view,
    diagnostics,
    blocking: diagnostics.some((d) => d.blocking),
    documentCount: workspace.parsed.documents.length,
    quickFixes: quickFixes(diagnostics),
  };
}

/** The engine's declared ports as the port filter names them (`8080/TCP`). */
export function portChoices(cluster: Cluster): string[] {
  return declaredPorts(cluster).map(({ port, protocol }) => `${port}/${protocol}`);
}

/** Every flow a ConnectivityTest names gets a row under the names the probe uses. */
function addProbedRows(
  workspace: Workspace,
  flows: FlowRow[],
  results: ReturnType<typeof runTests>['results'],
  ends: CanvasEnd[],
): void {
  const byKey = new Map(flows.map((row) => [row.key, row]));
  const nodeIdOf = new Map(ends.map((end) => [end.name, end.nodeId]));
  for (const result of results) {
    const key = rowKey(result.from, result.to, result.port, result.protocol);
    const existing = byKey.get(key);
    if (existing) {
      existing.probed = true;
      continue;
    }
    const explained = explain(workspace, result.from, result.to, result.port, result.protocol);
    const from = nodeIdOf.get(result.from);
    const to = nodeIdOf.get(result.to);
    const row: FlowRow = {
      key,
      from: result.from,
      to: result.to,
      edgeId: from && to ? flowEdgeId(from, to) : null,
      port: result.port,
      protocol: result.protocol,
      verdict: result.verdict,
      reason: result.reason,
      rules: explained.ok
        ? [...explained.flow.egressRules, ...explained.flow.ingressRules].map(ruleView)
        : [],
      probed: true,
    };
    const tier = explained.ok ? tierMark(flowTierDecision(explained.flow)) : undefined;
    if (tier) row.tier = tier;
    byKey.set(key, row);
    flows.push(row);
  }
}
