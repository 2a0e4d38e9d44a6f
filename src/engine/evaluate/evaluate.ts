import type {
  Cluster,
  Direction,
  Endpoint,
  Peer,
  Policy,
  PolicyPort,
  PolicyRule,
  Protocol,
  SourceRef,
} from '../model/types';
import { namespaceLabels } from '../model/conventions';
import { selects } from '../model/selector';
import { cidrContains, parseCidr, parseIp, type IpAddress } from '../util/cidr';
import {
  ALL_PORTS,
  EMPTY_PORTS,
  formatPorts,
  hasPort,
  intersectPorts,
  isEmptyPorts,
  MAX_PORT,
  MIN_PORT,
  portSetOf,
  unionPorts,
  type PortSet,
} from '../util/port-set';
import { isScanned, ruleIndex } from './ip-block-index';
import { endLabel, type FlowEnd } from './resolve';
import {
  adminAccepted,
  hasTieredPolicies,
  nodesAt,
  selectingPolicies,
  walkTiers,
  type TierPeer,
  type TierStep,
  type TierWalk,
} from './tiers';

export type Verdict = 'allow' | 'allow-open' | 'deny-egress' | 'deny-ingress' | 'deny-both';

export const VERDICTS: readonly Verdict[] = [
  'allow',
  'allow-open',
  'deny-egress',
  'deny-ingress',
  'deny-both',
];

export function isAllowed(verdict: Verdict): boolean {
  return verdict === 'allow' || verdict === 'allow-open';
}

/** A rule that lets (part of) a flow through, with where it is written. */
export interface RuleMatch {
  policy: string;
  direction: 'ingress' | 'egress';
  /** 0-based index into spec.ingress / spec.egress. */
  index: number;
  /** What this rule allows between these two ends. */
  ports: PortSet;
  source: SourceRef;
}

/** What one side of a connection decides: the source's egress, or the destination's ingress. */
export interface SideDecision {
  direction: Direction;
  /** The endpoint whose policies decide this side, if NetworkPolicy governs it at all. */
  subject: string | null;
  /** Why this side is not governed (outside address, hostNetwork pod), or a special rule that applied. */
  note?: string;
  isolated: boolean;
  /** Policies that select the subject for this direction. */
  policies: readonly string[];
  /** Rules that match the peer, each with the ports it allows. */
  matches: readonly RuleMatch[];
  /** Everything this side lets through between these two ends. */
  allowed: PortSet;
  /**
   * The walk through the Admin and Baseline tiers, present only when the workspace has
   * cluster-scoped policies; `matches` then hold only what reached the NetworkPolicy tier.
   */
  tiers?: TierWalk;
}

/** A side is governed when a NetworkPolicy isolates it or a cluster-scoped policy selects it. */
export function isGoverned(side: SideDecision): boolean {
  return side.isolated || (side.tiers?.policies.length ?? 0) > 0;
}

/** Everything NetworkPolicy decides between an ordered pair of ends, for every port at once. */
export interface PairDecision {
  from: FlowEnd;
  to: FlowEnd;
  /** Same pod: never governed by NetworkPolicy. */
  loopback: boolean;
  egress: SideDecision;
  ingress: SideDecision;
  allowed: PortSet;
}

/** A pod on the pod network: only these are policy subjects and selector peers. */
function podNetworkEndpoint(end: FlowEnd): Endpoint | null {
  return end.kind === 'endpoint' && !end.endpoint.hostNetwork ? end.endpoint : null;
}

/**
 * The address an end uses when talking to `other`: a named IP, else one of a family both ends
 * have, IPv4 first — so both sides of one connection agree on the family whatever the IP order.
 */
function addressOf(end: FlowEnd, other: FlowEnd): IpAddress | null {
  if (end.kind === 'ip' || end.ip) return parseIp(end.kind === 'ip' ? end.ip : end.ip!);
  const own = end.endpoint.ips
    .map(parseIp)
    .filter((ip): ip is IpAddress => ip !== null)
    .sort((a, b) => a.family - b.family);
  const otherNamed = other.ip;
  const otherFamilies = otherNamed
    ? [parseIp(otherNamed)?.family]
    : other.kind === 'endpoint' && other.endpoint.ips.length
      ? other.endpoint.ips.map((ip) => parseIp(ip)?.family)
      : [4, 6];
  return own.find((ip) => otherFamilies.includes(ip.family)) ?? null;
}

function peerMatches(
  cluster: Cluster,
  peer: Peer,
  policyNamespace: string,
  end: FlowEnd,
  address: IpAddress | null,
): boolean {
  if (peer.kind === 'ipBlock') {
    const cidr = parseCidr(peer.ipBlock.cidr);
    if (!cidr || !address || !cidrContains(cidr, address)) return false;
    return !peer.ipBlock.except.some((text) => {
      const except = parseCidr(text);
      return except !== null && cidrContains(except, address);
    });
  }
  const pod = podNetworkEndpoint(end);
  if (!pod) return false;
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, namespaceLabels(cluster, pod.namespace))
    : pod.namespace === policyNamespace;
  return namespaceOk && (!peer.podSelector || selects(peer.podSelector, pod.labels));
}

/** Ports one `ports` entry allows towards `destination`; named ports resolve on the destination pod. */
function portEntrySet(entry: PolicyPort, destination: Endpoint | null): PortSet {
  if (entry.port === undefined) return portSetOf(entry.protocol, MIN_PORT, MAX_PORT);
  if (typeof entry.port === 'number')
    return portSetOf(entry.protocol, entry.port, entry.endPort ?? entry.port);
  const named = destination?.ports.find((port) => port.name === entry.port);
  if (!named || named.protocol !== entry.protocol) return EMPTY_PORTS;
  return portSetOf(entry.protocol, named.port, named.port);
}

export function rulePortSet(rule: PolicyRule, destination: Endpoint | null): PortSet {
  if (rule.ports === null) return ALL_PORTS;
  return rule.ports.reduce((set, entry) => unionPorts(set, portEntrySet(entry, destination)), EMPTY_PORTS);
}

export function policySelects(policy: Policy, direction: Direction, endpoint: Endpoint): boolean {
  return (
    policy.namespace === endpoint.namespace &&
    !endpoint.hostNetwork &&
    policy.policyTypes.includes(direction) &&
    selects(policy.podSelector, endpoint.labels)
  );
}

function ungoverned(direction: Direction, note: string): SideDecision {
  return { direction, subject: null, note, isolated: false, policies: [], matches: [], allowed: ALL_PORTS };
}

/** One side of a connection: the egress of `from` or the ingress of `to`. */
export function decideSide(cluster: Cluster, direction: Direction, from: FlowEnd, to: FlowEnd): SideDecision {
  const subjectEnd = direction === 'Egress' ? from : to;
  const peerEnd = direction === 'Egress' ? to : from;
  if (subjectEnd.kind === 'ip') {
    return ungoverned(
      direction,
      `${subjectEnd.ip} is ${subjectEnd.node ? 'a node' : 'outside the cluster'}; NetworkPolicy does not govern it`,
    );
  }
  const subject = subjectEnd.endpoint;
  if (subject.hostNetwork)
    return ungoverned(
      direction,
      `${subject.id} uses the host network; NetworkPolicy treats it as node traffic`,
    );
  const policies = cluster.policies.filter((policy) => policySelects(policy, direction, subject));
  const destination = podNetworkEndpoint(to);
  const peerAddress = addressOf(peerEnd, subjectEnd);
  const peer = hasTieredPolicies(cluster) ? tierPeer(cluster, peerEnd, peerAddress, destination) : null;
  const walk = (networkPolicy: PortSet | null) =>
    walkTiers(cluster, direction, subject, peer!, networkPolicy);
  const base = {
    direction,
    subject: subject.id,
    isolated: policies.length > 0,
    policies: policies.map((p) => p.id),
  };
  if (policies.length === 0 && !(peer && tiersSelect(cluster, direction, subject))) {
    return { ...base, matches: [], allowed: ALL_PORTS, ...(peer && { tiers: walk(null).walk }) };
  }
  // Every tier admits the own node (docs/engine.md): kubelet probes must reach the pod.
  if (direction === 'Ingress' && isOwnNode(peerEnd, subject)) {
    return {
      ...base,
      matches: [],
      allowed: ALL_PORTS,
      note: `traffic from ${subject.id}'s own node is always allowed`,
      ...(peer && { tiers: walk(null).walk }),
    };
  }
  const matches: RuleMatch[] = [];
  for (const policy of policies) {
    const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
    const index = ruleIndex(rules);
    // ipBlock-only rules match only when the index finds them; the others are checked peer by peer.
    const candidates = peerAddress
      ? mergeAscending(index.scanned, index.blockRules(peerAddress))
      : index.scanned;
    for (const position of candidates) {
      const rule = rules[position]!;
      const peerOk =
        !isScanned(rule) ||
        rule.peers === null ||
        rule.peers.some((peer) => peerMatches(cluster, peer, policy.namespace, peerEnd, peerAddress));
      if (!peerOk) continue;
      const ports = rulePortSet(rule, destination);
      if (isEmptyPorts(ports)) continue;
      matches.push({
        policy: policy.id,
        direction: direction === 'Ingress' ? 'ingress' : 'egress',
        index: rule.index,
        ports,
        source: rule.source,
      });
    }
  }
  const networkPolicyAllows = matches.reduce((set, match) => unionPorts(set, match.ports), EMPTY_PORTS);
  if (!peer) return { ...base, matches, allowed: networkPolicyAllows };
  const tiered = walk(policies.length > 0 ? networkPolicyAllows : null);
  // A NetworkPolicy rule decides only what the Admin tier left to it.
  const reached = matches
    .map((match) => ({ ...match, ports: intersectPorts(match.ports, tiered.walk.afterAdmin) }))
    .filter((match) => !isEmptyPorts(match.ports));
  return { ...base, matches: reached, allowed: tiered.allowed, tiers: tiered.walk };
}

function tiersSelect(cluster: Cluster, direction: Direction, subject: Endpoint): boolean {
  return (
    selectingPolicies(cluster, 'Admin', direction, subject).length > 0 ||
    selectingPolicies(cluster, 'Baseline', direction, subject).length > 0
  );
}

/** The other end as cluster-scoped peers see it: a pod-network pod, an address, the nodes it is. */
function tierPeer(
  cluster: Cluster,
  end: FlowEnd,
  address: IpAddress | null,
  destination: Endpoint | null,
): TierPeer {
  const pod = podNetworkEndpoint(end);
  let nodeAddresses: string[] = [];
  if (end.kind === 'ip') nodeAddresses = [end.ip];
  else if (end.endpoint.hostNetwork)
    nodeAddresses = [...(end.endpoint.hostIP ? [end.endpoint.hostIP] : []), ...end.endpoint.ips];
  const peer: TierPeer = {
    pod,
    address,
    nodes: nodeAddresses.length ? nodesAt(cluster, nodeAddresses).map((node) => node.labels) : [],
    destination,
  };
  if (end.kind === 'ip' && end.domain !== undefined) peer.domain = end.domain;
  return peer;
}

/** Two ascending lists of distinct positions with none in common, merged in order. */
function mergeAscending(a: readonly number[], b: readonly number[]): readonly number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length)
    out.push(j >= b.length || (i < a.length && a[i]! < b[j]!) ? a[i++]! : b[j++]!);
  return out;
}

function isOwnNode(peer: FlowEnd, subject: Endpoint): boolean {
  if (!subject.hostIP) return false;
  if (peer.kind === 'ip') return peer.node && peer.ip === subject.hostIP;
  return peer.endpoint.hostNetwork && peer.endpoint.hostIP === subject.hostIP;
}

function isLoopback(from: FlowEnd, to: FlowEnd): boolean {
  return (
    from.kind === 'endpoint' &&
    to.kind === 'endpoint' &&
    from.endpoint === to.endpoint &&
    from.endpoint.kind === 'Pod'
  );
}

/**
 * For the class matrix: one side's tier walk between two endpoints, in the two parts it combines
 * with the NetworkPolicy tier: `admin` (what Admin accepts), `afterAdmin` (what reaches the
 * NetworkPolicy tier) and `open` (what the side allows when no NetworkPolicy isolates the
 * subject). When one does and allows N, the side allows admin ∪ (afterAdmin ∩ N). Without the
 * own-node exception, which the matrix applies per pair.
 */
export function classTierParts(
  cluster: Cluster,
  direction: Direction,
  from: Endpoint,
  to: Endpoint,
): { admin: PortSet; afterAdmin: PortSet; open: PortSet } {
  const fromEnd: FlowEnd = { kind: 'endpoint', endpoint: from };
  const toEnd: FlowEnd = { kind: 'endpoint', endpoint: to };
  const [subjectEnd, peerEnd] = direction === 'Egress' ? [fromEnd, toEnd] : [toEnd, fromEnd];
  const subject = direction === 'Egress' ? from : to;
  const peer = tierPeer(cluster, peerEnd, addressOf(peerEnd, subjectEnd), podNetworkEndpoint(toEnd));
  const { walk, allowed } = walkTiers(cluster, direction, subject, peer, null);
  return { admin: adminAccepted(walk), afterAdmin: walk.afterAdmin, open: allowed };
}

/**
 * Decides, for every port and protocol at once, what may flow from `from` to `to`: the source's
 * egress and the destination's ingress must both allow a connection; replies are implicit.
 */
export function decidePair(cluster: Cluster, from: FlowEnd, to: FlowEnd): PairDecision {
  const egress = decideSide(cluster, 'Egress', from, to);
  const ingress = decideSide(cluster, 'Ingress', from, to);
  const loopback = isLoopback(from, to);
  const allowed = loopback ? ALL_PORTS : intersectPorts(egress.allowed, ingress.allowed);
  return { from, to, loopback, egress, ingress, allowed };
}

/** Which tier settled one side of one flow, and the Admin/Baseline rules met on the way (Passes included). */
export interface FlowTiers {
  decidedBy: 'Admin' | 'NetworkPolicy' | 'Baseline' | 'default';
  steps: readonly TierStep[];
}

export interface FlowDecision {
  verdict: Verdict;
  egressAllows: boolean;
  ingressAllows: boolean;
  /** Rules that allow this very port, per side. */
  egressRules: readonly RuleMatch[];
  ingressRules: readonly RuleMatch[];
  /** Present when the workspace has cluster-scoped policies and the side is a pod on the pod network. */
  egressTiers?: FlowTiers;
  ingressTiers?: FlowTiers;
  reason: string;
}

/** The tier walk of one side for one port: the Admin step, then NetworkPolicy, Baseline or the default. */
function flowTiers(side: SideDecision, port: number, protocol: Protocol): FlowTiers | undefined {
  const walk = side.tiers;
  if (!walk) return undefined;
  // The own node is admitted before any tier is asked (docs/engine.md).
  if (side.note) return { decidedBy: 'NetworkPolicy', steps: [] };
  const admin = walk.admin.find((step) => hasPort(step.ports, protocol, port));
  if (admin && admin.rule.action !== 'Pass') return { decidedBy: 'Admin', steps: [admin] };
  const steps = admin ? [admin] : [];
  if (side.isolated) return { decidedBy: 'NetworkPolicy', steps };
  const baseline = walk.baseline.find((step) => hasPort(step.ports, protocol, port));
  if (baseline) steps.push(baseline);
  return { decidedBy: baseline && baseline.rule.action !== 'Pass' ? 'Baseline' : 'default', steps };
}

/** The verdict for one port and protocol, with a sentence that says why. */
export function decideFlow(pair: PairDecision, port: number, protocol: Protocol): FlowDecision {
  const egressAllows = hasPort(pair.egress.allowed, protocol, port);
  const ingressAllows = hasPort(pair.ingress.allowed, protocol, port);
  const egressRules = pair.egress.matches.filter((m) => hasPort(m.ports, protocol, port));
  const ingressRules = pair.ingress.matches.filter((m) => hasPort(m.ports, protocol, port));
  const anyIsolated = isGoverned(pair.egress) || isGoverned(pair.ingress);
  let verdict: Verdict;
  if (pair.loopback) verdict = 'allow-open';
  else if (egressAllows && ingressAllows) verdict = anyIsolated ? 'allow' : 'allow-open';
  else if (!egressAllows && !ingressAllows) verdict = 'deny-both';
  else verdict = egressAllows ? 'deny-ingress' : 'deny-egress';
  const decision: Omit<FlowDecision, 'reason'> = {
    verdict,
    egressAllows,
    ingressAllows,
    egressRules,
    ingressRules,
  };
  const egressTiers = flowTiers(pair.egress, port, protocol);
  const ingressTiers = flowTiers(pair.ingress, port, protocol);
  if (egressTiers) decision.egressTiers = egressTiers;
  if (ingressTiers) decision.ingressTiers = ingressTiers;
  return { ...decision, reason: explainFlow(pair, decision, port, protocol) };
}

/** The Admin or Baseline rules that settled a pair or a flow (Passes left out), and the higher of their tiers. */
export interface TierDecision {
  tier: 'Admin' | 'Baseline';
  steps: readonly TierStep[];
}

function tierDecision(steps: readonly TierStep[]): TierDecision | null {
  const settling = steps.filter((step) => step.rule.action !== 'Pass');
  if (settling.length === 0) return null;
  return { tier: settling.some((s) => s.policy.tier === 'Admin') ? 'Admin' : 'Baseline', steps: settling };
}

/**
 * Which cluster-scoped rules decided a pair as a whole: on an allowed pair those of both sides,
 * on a denied one those of the sides that refuse every port. null when NetworkPolicy or the
 * default decided alone.
 */
export function pairTierDecision(pair: PairDecision): TierDecision | null {
  if (pair.loopback) return null;
  const denied = isEmptyPorts(pair.allowed);
  const sides = [pair.egress, pair.ingress].filter(
    (side) => side.tiers && !side.note && (!denied || isEmptyPorts(side.allowed)),
  );
  return tierDecision(sides.flatMap((side) => [...side.tiers!.admin, ...side.tiers!.baseline]));
}

/** Which cluster-scoped rules decided one flow: those of the sides that settle its verdict. */
export function flowTierDecision(flow: FlowDecision): TierDecision | null {
  const sides: (FlowTiers | undefined)[] = [];
  if (flow.verdict !== 'deny-ingress') sides.push(flow.egressTiers);
  if (flow.verdict !== 'deny-egress') sides.push(flow.ingressTiers);
  return tierDecision(
    sides.flatMap((side) =>
      side && (side.decidedBy === 'Admin' || side.decidedBy === 'Baseline') ? side.steps : [],
    ),
  );
}

function ruleName(match: RuleMatch): string {
  return `${match.policy} ${match.direction} rule ${match.index + 1} (line ${match.source.line})`;
}

/** `cnp/deny-ops egress rule 2 "no-ops" (Admin, priority 10, line 14)` */
export function tierStepName({ policy, rule }: TierStep): string {
  const direction = policy.egress.includes(rule) ? 'egress' : 'ingress';
  const name = rule.name ? ` ${JSON.stringify(rule.name)}` : '';
  const priority = policy.kind === 'BaselineAdminNetworkPolicy' ? '' : `, priority ${policy.priority}`;
  return `${policy.id} ${direction} rule ${rule.index + 1}${name} (${policy.tier}${priority}, line ${rule.source.line})`;
}

const ACTION_WORD = { Accept: 'accepted', Deny: 'denied', Pass: 'passed' } as const;

/** One side's walk through the tiers for one port: "passed by …, then isolated by …; allowed by …". */
function tieredSideSentence(
  side: SideDecision,
  tiers: FlowTiers,
  allows: boolean,
  rules: readonly RuleMatch[],
  peer: string,
  what: string,
): string {
  const word = side.direction === 'Egress' ? 'egress' : 'ingress';
  const chain = tiers.steps
    .filter((step) => step.policy.tier === 'Admin')
    .map((step) => `${ACTION_WORD[step.rule.action]} by ${tierStepName(step)}`);
  if (tiers.decidedBy === 'NetworkPolicy') {
    const isolated = `isolated by ${side.policies.join(', ')}`;
    if (side.note) chain.push(side.isolated ? `${isolated}, but ${side.note}` : side.note);
    else if (allows) chain.push(`${isolated}; allowed by ${rules.map(ruleName).join(' and ')}`);
    else
      chain.push(
        side.matches.length
          ? `${isolated}; rules matching ${peer} allow only ${formatMatches(side.matches)}, not ${what}`
          : `${isolated}; no ${word} rule matches ${peer}`,
      );
  } else if (tiers.decidedBy !== 'Admin') {
    chain.push('not isolated by a NetworkPolicy');
    for (const step of tiers.steps.filter((s) => s.policy.tier === 'Baseline'))
      chain.push(`${ACTION_WORD[step.rule.action]} by ${tierStepName(step)}`);
    if (tiers.decidedBy === 'default') chain.push('allowed by default');
  }
  return `${side.subject} ${word}: ${chain.join(', then ')}`;
}

function sideSentence(
  side: SideDecision,
  allows: boolean,
  rules: readonly RuleMatch[],
  peer: string,
  what: string,
  tiers: FlowTiers | undefined,
): string {
  const word = side.direction === 'Egress' ? 'egress' : 'ingress';
  if (!side.subject) return side.note ?? `${word} is not governed`;
  if (tiers) return tieredSideSentence(side, tiers, allows, rules, peer, what);
  if (!side.isolated) return `${side.subject} is not isolated for ${word}`;
  const by = `${side.subject} is isolated for ${word} by ${side.policies.join(', ')}`;
  if (side.note) return `${by}, but ${side.note}`;
  if (allows) return `${by}; allowed by ${rules.map(ruleName).join(' and ')}`;
  const close = side.matches.length
    ? `; rules matching ${peer} allow only ${formatMatches(side.matches)}, not ${what}`
    : `; no ${word} rule matches ${peer}`;
  return `${by}${close}`;
}

function formatMatches(matches: readonly RuleMatch[]): string {
  const all = matches.reduce((set, m) => unionPorts(set, m.ports), EMPTY_PORTS);
  return formatPorts(all);
}

function explainFlow(
  pair: PairDecision,
  d: Omit<FlowDecision, 'reason'>,
  port: number,
  protocol: Protocol,
): string {
  const from = endLabel(pair.from);
  const to = endLabel(pair.to);
  if (pair.loopback) return `${from} is talking to itself: loopback is not governed by NetworkPolicy`;
  const what = `${protocol} ${port}`;
  const egress = sideSentence(pair.egress, d.egressAllows, d.egressRules, to, what, d.egressTiers);
  const ingress = sideSentence(pair.ingress, d.ingressAllows, d.ingressRules, from, what, d.ingressTiers);
  switch (d.verdict) {
    case 'deny-egress':
      return egress;
    case 'deny-ingress':
      return ingress;
    default:
      return `${egress}; ${ingress}`;
  }
}
