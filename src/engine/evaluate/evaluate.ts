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

function decideSide(cluster: Cluster, direction: Direction, from: FlowEnd, to: FlowEnd): SideDecision {
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
  const base = {
    direction,
    subject: subject.id,
    isolated: policies.length > 0,
    policies: policies.map((p) => p.id),
  };
  if (policies.length === 0) return { ...base, matches: [], allowed: ALL_PORTS };
  if (direction === 'Ingress' && isOwnNode(peerEnd, subject)) {
    return {
      ...base,
      matches: [],
      allowed: ALL_PORTS,
      note: `traffic from ${subject.id}'s own node is always allowed`,
    };
  }
  const destination = podNetworkEndpoint(to);
  const peerAddress = addressOf(peerEnd, subjectEnd);
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
  const allowed = matches.reduce((set, match) => unionPorts(set, match.ports), EMPTY_PORTS);
  return { ...base, matches, allowed };
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

export interface FlowDecision {
  verdict: Verdict;
  egressAllows: boolean;
  ingressAllows: boolean;
  /** Rules that allow this very port, per side. */
  egressRules: readonly RuleMatch[];
  ingressRules: readonly RuleMatch[];
  reason: string;
}

/** The verdict for one port and protocol, with a sentence that says why. */
export function decideFlow(pair: PairDecision, port: number, protocol: Protocol): FlowDecision {
  const egressAllows = hasPort(pair.egress.allowed, protocol, port);
  const ingressAllows = hasPort(pair.ingress.allowed, protocol, port);
  const egressRules = pair.egress.matches.filter((m) => hasPort(m.ports, protocol, port));
  const ingressRules = pair.ingress.matches.filter((m) => hasPort(m.ports, protocol, port));
  const anyIsolated = pair.egress.isolated || pair.ingress.isolated;
  let verdict: Verdict;
  if (pair.loopback) verdict = 'allow-open';
  else if (egressAllows && ingressAllows) verdict = anyIsolated ? 'allow' : 'allow-open';
  else if (!egressAllows && !ingressAllows) verdict = 'deny-both';
  else verdict = egressAllows ? 'deny-ingress' : 'deny-egress';
  const decision = { verdict, egressAllows, ingressAllows, egressRules, ingressRules };
  return { ...decision, reason: explainFlow(pair, decision, port, protocol) };
}

function ruleName(match: RuleMatch): string {
  return `${match.policy} ${match.direction} rule ${match.index + 1} (line ${match.source.line})`;
}

function sideSentence(
  side: SideDecision,
  allows: boolean,
  rules: readonly RuleMatch[],
  peer: string,
  what: string,
): string {
  const word = side.direction === 'Egress' ? 'egress' : 'ingress';
  if (!side.subject) return side.note ?? `${word} is not governed`;
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
  const egress = sideSentence(pair.egress, d.egressAllows, d.egressRules, to, what);
  const ingress = sideSentence(pair.ingress, d.ingressAllows, d.ingressRules, from, what);
  switch (d.verdict) {
    case 'deny-egress':
      return egress;
    case 'deny-ingress':
      return ingress;
    default:
      return `${egress}; ${ingress}`;
  }
}
