/**
 * Likely mistakes in ClusterNetworkPolicies, AdminNetworkPolicies and the BaselineAdminNetworkPolicy
 * (docs/engine.md, "Lint of the cluster-scoped tiers"). A finding either rests on the selectors and
 * rules alone (shadowed rules: true in every cluster) or on evaluating the workspace's endpoints
 * with the engine itself (the other three: true for the pods the workspace holds).
 */
import { subjectDiagnostic, type Diagnostic, type DiagnosticSubject, type Severity } from '../diagnostics';
import { decideSide, type SideDecision } from '../evaluate/evaluate';
import { partitionCluster } from '../matrix/classes';
import type { FlowEnd } from '../evaluate/resolve';
import { byPriority, domainMatches, tierSelects, type TierStep } from '../evaluate/tiers';
import type {
  Cluster,
  Endpoint,
  LabelSelector,
  LabelSelectorRequirement,
  PodsSelection,
  TieredPeer,
  TieredPolicy,
  TieredRule,
} from '../model/types';
import { cidrContains, formatIp, networkOf, parseCidr, parseIp, type Cidr } from '../util/cidr';
import {
  EMPTY_PORTS,
  formatPorts,
  isEmptyPorts,
  portSetOf,
  subtractPorts,
  unionPorts,
  type PortSet,
} from '../util/port-set';

export const TIERED_LINT_CHECKS = {
  shadowedRule: 'lint/tiered-shadowed-rule',
  samePriority: 'lint/tiered-same-priority-overlap',
  passChangesNothing: 'lint/tiered-pass-changes-nothing',
  networksDenyPods: 'lint/tiered-networks-deny-pods',
} as const;

/**
 * Side decisions the workspace-based checks may make in one lint run (about 0.1 ms each): lint runs
 * on every edit. A check that finds its budget spent stays quiet rather than guess.
 */
const SIDE_BUDGET = 10_000;

type RuleDirection = 'ingress' | 'egress';

const rulesOf = (policy: TieredPolicy, direction: RuleDirection) => policy[direction];

/** `Admin ClusterNetworkPolicy deny-all (priority 10)`: what every message starts from. */
function describePolicy(policy: TieredPolicy): string {
  const priority = policy.kind === 'BaselineAdminNetworkPolicy' ? '' : ` (priority ${policy.priority})`;
  return `${policy.tier} ${policy.kind} ${policy.name}${priority}`;
}

function describeRule(direction: RuleDirection, rule: TieredRule): string {
  return `${direction} rule ${rule.index + 1}${rule.name ? ` "${rule.name}"` : ''}`;
}

function finding(
  policy: TieredPolicy,
  at: { direction: RuleDirection; rule: TieredRule } | null,
  severity: Severity,
  code: string,
  message: string,
  fix?: Diagnostic['fix'],
): Diagnostic {
  const subject: DiagnosticSubject = { kind: policy.kind, name: policy.name };
  if (at) subject.rule = { direction: at.direction, index: at.rule.index };
  return subjectDiagnostic(at?.rule.source ?? policy.source, subject, { severity, code, message, fix });
}

// ---------------------------------------------------------------------------------------------
// Structural containment: "everything `narrow` matches, `wide` matches too", proven from the text.

const requirementsOf = (selector: LabelSelector): LabelSelectorRequirement[] => [
  ...Object.entries(selector.matchLabels).map(([key, value]) => ({
    key,
    operator: 'In' as const,
    values: [value],
  })),
  ...selector.matchExpressions,
];

/** Does requirement `n` (held by every object a narrow selector matches) imply `w`? */
function implies(n: LabelSelectorRequirement, w: LabelSelectorRequirement): boolean {
  if (n.key !== w.key) return false;
  const subset = (a: readonly string[], b: readonly string[]) => a.every((v) => b.includes(v));
  switch (w.operator) {
    case 'In':
      return n.operator === 'In' && subset(n.values, w.values);
    case 'Exists':
      return n.operator === 'In' || n.operator === 'Exists';
    case 'NotIn':
      return (
        (n.operator === 'In' && !n.values.some((v) => w.values.includes(v))) ||
        (n.operator === 'NotIn' && subset(w.values, n.values)) ||
        n.operator === 'DoesNotExist'
      );
    case 'DoesNotExist':
      return n.operator === 'DoesNotExist';
    default:
      return false;
  }
}

/** Every object `narrow` selects is selected by `wide` (each of wide's requirements follows from one of narrow's). */
export function selectorWithin(narrow: LabelSelector, wide: LabelSelector): boolean {
  const held = requirementsOf(narrow);
  return requirementsOf(wide).every((w) => held.some((n) => implies(n, w)));
}

const selectionWithin = (narrow: PodsSelection, wide: PodsSelection) =>
  selectorWithin(narrow.namespaceSelector, wide.namespaceSelector) &&
  selectorWithin(narrow.podSelector, wide.podSelector);

function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return (
    inner.family === outer.family &&
    outer.prefix <= inner.prefix &&
    networkOf({ family: inner.family, value: inner.network }, outer.prefix) === outer.network
  );
}

function peerWithin(narrow: TieredPeer, wide: TieredPeer, wideAction: TieredRule['action']): boolean {
  // A peer no reader knows covers everything in a Deny or Pass rule (fail closed, §8.11).
  if (wide.kind === 'unknown') return wideAction !== 'Accept';
  switch (narrow.kind) {
    case 'pods':
      return wide.kind === 'pods' && selectionWithin(narrow, wide);
    case 'networks':
      return (
        wide.kind === 'networks' &&
        narrow.cidrs.every((text) => {
          const inner = parseCidr(text);
          return (
            inner === null ||
            wide.cidrs.some((outerText) => {
              const outer = parseCidr(outerText);
              return outer !== null && cidrWithin(inner, outer);
            })
          );
        })
      );
    case 'nodes':
      return wide.kind === 'nodes' && selectorWithin(narrow.nodeSelector, wide.nodeSelector);
    case 'domainNames':
      return (
        wide.kind === 'domainNames' &&
        narrow.domains.every((name) =>
          wide.domains.some(
            (pattern) =>
              pattern.toLowerCase() === name.toLowerCase() ||
              domainMatches(pattern, name.startsWith('*.') ? name.slice(2) : name),
          ),
        )
      );
    case 'unknown':
      return false;
  }
}

function numericPorts(rule: TieredRule): PortSet {
  let set = EMPTY_PORTS;
  for (const entry of rule.ports ?? [])
    if (!('named' in entry) && entry.start <= entry.end)
      set = unionPorts(set, portSetOf(entry.protocol, entry.start, entry.end));
  return set;
}

function portsWithin(narrow: TieredRule, wide: TieredRule): boolean {
  if (wide.ports === null) return true;
  if (narrow.ports === null) return false;
  const namedWide = new Set(wide.ports.flatMap((entry) => ('named' in entry ? [entry.named] : [])));
  return (
    narrow.ports.every((entry) => !('named' in entry) || namedWide.has(entry.named)) &&
    isEmptyPorts(subtractPorts(numericPorts(narrow), numericPorts(wide)))
  );
}

/** Every connection `narrow` matches, `wide` matches too (for the subjects both select). */
const ruleWithin = (narrow: TieredRule, wide: TieredRule) =>
  narrow.peers.every((peer) => wide.peers.some((other) => peerWithin(peer, other, wide.action))) &&
  portsWithin(narrow, wide);

/** The Admin or Baseline policies in the engine's walk order. */
const tierPolicies = (cluster: Cluster, tier: TieredPolicy['tier']) =>
  (cluster.tieredPolicies ?? []).filter((policy) => policy.tier === tier).sort(byPriority);

function checkShadowed(cluster: Cluster, out: Diagnostic[]): void {
  for (const tier of ['Admin', 'Baseline'] as const) {
    const policies = tierPolicies(cluster, tier);
    for (const [position, policy] of policies.entries()) {
      // Only policies that certainly come first: a lower priority number, and the same API version
      // (upstream orders no v1alpha1 policy against a v1alpha2 one, 8.8).
      const v2 = (p: TieredPolicy) => p.kind === 'ClusterNetworkPolicy';
      const before = policies
        .slice(0, position)
        .filter(
          (other) =>
            other.priority < policy.priority &&
            v2(other) === v2(policy) &&
            selectionWithin(policy.subject, other.subject),
        );
      for (const direction of ['ingress', 'egress'] as const) {
        const rules = rulesOf(policy, direction);
        for (const [index, rule] of rules.entries()) {
          const earlier: [TieredPolicy, TieredRule][] = [
            ...before.flatMap((other) =>
              rulesOf(other, direction).map((r): [TieredPolicy, TieredRule] => [other, r]),
            ),
            ...rules.slice(0, index).map((r): [TieredPolicy, TieredRule] => [policy, r]),
          ];
          const shadow = earlier.find(([, candidate]) => ruleWithin(rule, candidate));
          if (!shadow) continue;
          const [by, byRule] = shadow;
          const where =
            by === policy
              ? `${describeRule(direction, byRule)} of the same policy`
              : `${describeRule(direction, byRule)} of ${describePolicy(by)}, which selects every pod this policy selects`;
          const outcome =
            byRule.action === rule.action
              ? `so it is redundant`
              : `so its ${rule.action} never applies (that rule's ${byRule.action} does)`;
          out.push(
            finding(
              policy,
              { direction, rule },
              'warning',
              TIERED_LINT_CHECKS.shadowedRule,
              `${describePolicy(policy)}: ${describeRule(direction, rule)} can never match: ${where} matches every connection it matches and comes first, ${outcome}.`,
              {
                title: `Remove ${direction} rule ${rule.index + 1}`,
                intent: {
                  kind: 'remove-tiered-rule',
                  policy: { kind: policy.kind, name: policy.name },
                  direction,
                  index: rule.index,
                },
              },
            ),
          );
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Checks that evaluate the workspace's endpoints, one per class: members of a class are alike to
// every selector, named port, ipBlock, networks peer and node (matrix/partition.ts), so one side
// decision stands for the whole class; the own-node exception admits everything either way.

const endpointEnd = (endpoint: Endpoint): FlowEnd => ({ kind: 'endpoint', endpoint });

interface Workspace {
  cluster: Cluster;
  /** Each class's members. */
  classes: readonly (readonly Endpoint[])[];
  /** What is left of SIDE_BUDGET. */
  left: number;
}

/** Takes `n` side decisions from the budget, or none when fewer are left. */
function spend(workspace: Workspace, n: number): boolean {
  if (workspace.left < n) return false;
  workspace.left -= n;
  return true;
}

/** The other ends worth trying against a subject: a member of every class, the nodes' addresses, each CIDR's first address. */
function otherEnds(workspace: Workspace, direction: RuleDirection, cidrs: readonly string[]): FlowEnd[] {
  const ends = workspace.classes.map((members) => endpointEnd(members[0]!));
  if (direction === 'ingress') return ends;
  const nodeAddresses = new Set(workspace.cluster.nodes?.flatMap((node) => node.addresses) ?? []);
  for (const address of nodeAddresses) ends.push({ kind: 'ip', ip: address, node: true });
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    if (cidr)
      ends.push({ kind: 'ip', ip: formatIp({ family: cidr.family, value: cidr.network }), node: false });
  }
  return ends;
}

const cidrsOf = (policies: readonly TieredPolicy[]) =>
  policies.flatMap((policy) =>
    policy.egress.flatMap((rule) =>
      rule.peers.flatMap((peer) => (peer.kind === 'networks' ? peer.cidrs : [])),
    ),
  );

function sideOf(cluster: Cluster, direction: RuleDirection, subject: Endpoint, other: FlowEnd): SideDecision {
  return direction === 'egress'
    ? decideSide(cluster, 'Egress', endpointEnd(subject), other)
    : decideSide(cluster, 'Ingress', other, endpointEnd(subject));
}

const describeEnd = (end: FlowEnd) => (end.kind === 'endpoint' ? end.endpoint.id : end.ip);

function flowText(direction: RuleDirection, subject: Endpoint, other: FlowEnd): string {
  return direction === 'egress'
    ? `${subject.id} -> ${describeEnd(other)}`
    : `${describeEnd(other)} -> ${subject.id}`;
}

const samePorts = (a: PortSet, b: PortSet) =>
  isEmptyPorts(subtractPorts(a, b)) && isEmptyPorts(subtractPorts(b, a));

const withTiered = (cluster: Cluster, policies: readonly TieredPolicy[]): Cluster => ({
  ...cluster,
  tieredPolicies: policies,
});

/** One member of each class the policy selects. */
const subjectsOf = (workspace: Workspace, policy: TieredPolicy) =>
  workspace.classes
    .map((members) => members[0]!)
    .filter((endpoint) => tierSelects(workspace.cluster, policy, endpoint));

const stepsOf = (side: SideDecision): readonly TierStep[] => [
  ...(side.tiers?.admin ?? []),
  ...(side.tiers?.baseline ?? []),
];

/** The engine's tie order (tiers.ts) for the message. */
const TIE_ORDER = 'ClusterNetworkPolicy before the v1alpha1 kinds, then by name';

function checkSamePriority(workspace: Workspace, out: Diagnostic[]): void {
  for (const tier of ['Admin', 'Baseline'] as const) {
    const policies = tierPolicies(workspace.cluster, tier);
    for (const [i, first] of policies.entries()) {
      for (const second of policies.slice(i + 1)) {
        if (second.priority !== first.priority) break;
        const found = disagreement(workspace, first, second);
        if (!found) continue;
        out.push(
          finding(
            second,
            null,
            'warning',
            TIERED_LINT_CHECKS.samePriority,
            `${describePolicy(second)} and ${first.kind} ${first.name} have the same priority in the ${tier} tier and both decide ${found.flow} on ${formatPorts(found.ports)}, differently: upstream leaves their order to the implementation, so a cluster may apply either. This engine applies ${first.kind} ${first.name} first (${TIE_ORDER}); give one of them another priority to say which wins.`,
          ),
        );
      }
    }
  }
}

/** A flow whose verdict changes when `second` goes before `first`, if the workspace has one. */
function disagreement(
  workspace: Workspace,
  first: TieredPolicy,
  second: TieredPolicy,
): { flow: string; ports: PortSet } | null {
  const { cluster } = workspace;
  const swapped = withTiered(
    cluster,
    (cluster.tieredPolicies ?? []).map((p) => (p === second ? { ...p, priority: p.priority - 0.5 } : p)),
  );
  const subjects = subjectsOf(workspace, first).filter((e) => tierSelects(cluster, second, e));
  for (const direction of ['ingress', 'egress'] as const) {
    if (!first[direction].length || !second[direction].length) continue;
    const others = otherEnds(workspace, direction, cidrsOf([first, second]));
    for (const subject of subjects)
      for (const other of others) {
        if (!spend(workspace, 2)) return null;
        const now = sideOf(cluster, direction, subject, other).allowed;
        const then = sideOf(swapped, direction, subject, other).allowed;
        const differ = unionPorts(subtractPorts(now, then), subtractPorts(then, now));
        if (!isEmptyPorts(differ)) return { flow: flowText(direction, subject, other), ports: differ };
      }
  }
  return null;
}

function checkPassChangesNothing(workspace: Workspace, out: Diagnostic[]): void {
  for (const policy of workspace.cluster.tieredPolicies ?? []) {
    for (const direction of ['ingress', 'egress'] as const) {
      for (const rule of rulesOf(policy, direction)) {
        // Other ends are tried as the workspace's pods: a rule with a networks, nodes or domain peer
        // would need every outside address, so it is left alone.
        if (rule.action !== 'Pass' || !rule.peers.every((peer) => peer.kind === 'pods')) continue;
        if (passChangesNothing(workspace, policy, direction, rule)) {
          const next = policy.tier === 'Admin' ? 'the NetworkPolicy tier' : 'the default (allow)';
          out.push(
            finding(
              policy,
              { direction, rule },
              'info',
              TIERED_LINT_CHECKS.passChangesNothing,
              `${describePolicy(policy)}: ${describeRule(direction, rule)} passes traffic that no later rule of the ${policy.tier} tier would accept or deny: without it the same connections go on to ${next}, so for the workspace's pods it changes nothing. It only matters if a later ${policy.tier} rule is meant to be skipped.`,
            ),
          );
        }
      }
    }
  }
}

function passChangesNothing(
  workspace: Workspace,
  policy: TieredPolicy,
  direction: RuleDirection,
  rule: TieredRule,
): boolean {
  const { cluster } = workspace;
  const without = withTiered(
    cluster,
    (cluster.tieredPolicies ?? []).map((p) =>
      p === policy ? { ...p, [direction]: p[direction].filter((r) => r !== rule) } : p,
    ),
  );
  const subjects = subjectsOf(workspace, policy);
  const others = workspace.classes.map((members) => endpointEnd(members[0]!));
  // Claiming "nothing changes" needs every pair: without the budget for all of them it stays quiet.
  if (!spend(workspace, 2 * subjects.length * others.length)) return false;
  let decides = false;
  for (const subject of subjects)
    for (const other of others) {
      const side = sideOf(cluster, direction, subject, other);
      if (!stepsOf(side).some((step) => step.rule === rule)) continue;
      decides = true;
      if (!samePorts(side.allowed, sideOf(without, direction, subject, other).allowed)) return false;
    }
  return decides;
}

/** Private ranges where pod networks usually live: RFC 1918, shared address space (RFC 6598), IPv6 ULA. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'].map(
  (text) => parseCidr(text)!,
);

/** How many denied pod flows a networks-Deny finding names. */
const NAMED_FLOWS = 3;

function checkNetworksDeny(workspace: Workspace, out: Diagnostic[]): void {
  const { cluster } = workspace;
  const podsWithIps = cluster.endpoints.some(
    (endpoint) => !endpoint.hostNetwork && endpoint.ips.some((ip) => parseIp(ip)),
  );
  const podClasses = workspace.classes.filter((members) => !members[0]!.hostNetwork);
  for (const policy of cluster.tieredPolicies ?? []) {
    for (const rule of policy.egress) {
      if (rule.action !== 'Deny') continue;
      const cidrs = rule.peers.flatMap((peer) => (peer.kind === 'networks' ? peer.cidrs : []));
      const parsed = cidrs.map(parseCidr).filter((cidr): cidr is Cidr => cidr !== null);
      if (!parsed.length) continue;
      const holds = (pod: Endpoint) =>
        pod.ips.some((text) => {
          const ip = parseIp(text);
          return ip !== null && parsed.some((cidr) => cidrContains(cidr, ip));
        });
      const inside = podClasses.filter((members) => holds(members[0]!));
      const blocked: string[] = [];
      search: for (const subject of subjectsOf(workspace, policy)) {
        for (const members of inside) {
          const pod = members.find((member) => member !== subject);
          if (!pod) continue;
          if (!spend(workspace, 1)) break search;
          const side = sideOf(cluster, 'egress', subject, endpointEnd(pod));
          if (stepsOf(side).some((step) => step.rule === rule)) blocked.push(`${subject.id} -> ${pod.id}`);
          if (blocked.length > NAMED_FLOWS) break search;
        }
      }
      const head = `${describePolicy(policy)}: ${describeRule('egress', rule)} denies ${cidrs.join(', ')}`;
      const remedy = `networks peers match pod addresses as well as outside ones; if only outside addresses are meant, put a rule that passes (or accepts) pod traffic, to: [{namespaces: {}}], before it.`;
      if (blocked.length) {
        const more = blocked.length > NAMED_FLOWS ? ' and more' : '';
        out.push(
          finding(
            policy,
            { direction: 'egress', rule },
            'warning',
            TIERED_LINT_CHECKS.networksDenyPods,
            `${head}, which holds pod IPs of the workspace: it also stops ${blocked.slice(0, NAMED_FLOWS).join(', ')}${more}. ${remedy}`,
          ),
        );
      } else if (
        !podsWithIps &&
        parsed.some((cidr) =>
          PRIVATE_RANGES.some((range) => cidrWithin(cidr, range) || cidrWithin(range, cidr)),
        )
      ) {
        out.push(
          finding(
            policy,
            { direction: 'egress', rule },
            'info',
            TIERED_LINT_CHECKS.networksDenyPods,
            `${head}, which overlaps the private ranges where pod networks usually are (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7). The workspace knows no pod IP, so whether it stops pod traffic depends on the cluster's pod CIDR: ${remedy}`,
          ),
        );
      }
    }
  }
}

/** The tiered checks; lintWorkspace sorts every finding by place. */
export function lintTieredPolicies(cluster: Cluster): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!cluster.tieredPolicies?.length) return out;
  checkShadowed(cluster, out);
  const workspace: Workspace = {
    cluster,
    classes: partitionCluster(cluster).classes.map((cls) => cls.members.map((i) => cluster.endpoints[i]!)),
    left: SIDE_BUDGET,
  };
  // In the order of what a spent budget should cost least: the warnings first.
  checkNetworksDeny(workspace, out);
  checkSamePriority(workspace, out);
  checkPassChangesNothing(workspace, out);
  return out;
}
