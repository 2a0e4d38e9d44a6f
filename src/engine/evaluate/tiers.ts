import { namespaceLabels } from '../model/conventions';
import { isEmptySelector, selects } from '../model/selector';
import type {
  Cluster,
  Direction,
  Endpoint,
  Labels,
  Tier,
  TieredPeer,
  TieredPolicy,
  TieredRule,
} from '../model/types';
import { cidrContains, parseCidr, parseIp, type IpAddress } from '../util/cidr';
import {
  ALL_PORTS,
  EMPTY_PORTS,
  intersectPorts,
  isEmptyPorts,
  portSetOf,
  subtractPorts,
  unionPorts,
  type PortSet,
} from '../util/port-set';

/** One Admin or Baseline rule that decided some ports of one side of a connection. */
export interface TierStep {
  policy: TieredPolicy;
  rule: TieredRule;
  /** The ports this rule decided: those it matches that no earlier rule of the tier decided. */
  ports: PortSet;
}

/** How one side of a connection walks the tiers above and below NetworkPolicy, for every port at once. */
export interface TierWalk {
  /** Ids of the Admin and Baseline policies that select the subject with rules in this direction, in walk order. */
  policies: readonly string[];
  admin: readonly TierStep[];
  /** What goes on to the NetworkPolicy tier: matched by no Admin rule, or passed. */
  afterAdmin: PortSet;
  baseline: readonly TierStep[];
  /** What nothing decided (or Baseline passed): allowed by the default. */
  byDefault: PortSet;
}

/** The other end of one side, as the cluster-scoped peers see it. */
export interface TierPeer {
  /** A pod on the pod network (only these match `namespaces`/`pods` peers). */
  pod: Endpoint | null;
  /** The address it uses on this connection (`networks` peers). */
  address: IpAddress | null;
  /** Labels of the nodes it is (a node address, or a hostNetwork pod on that node). */
  nodes: readonly Labels[];
  /** The domain name a probe named (`domainNames` peers match nothing else). */
  domain?: string;
  /** Where named ports resolve: the destination pod of the connection. */
  destination: Endpoint | null;
}

interface TierOrder {
  admin: readonly TieredPolicy[];
  baseline: readonly TieredPolicy[];
  /** Every Node and every hostIP no Node lists, by canonical address: their labels. */
  nodesByAddress: ReadonlyMap<string, readonly { name: string; labels: Labels }[]>;
}

const orders = new WeakMap<Cluster, TierOrder>();

const addressKey = (ip: IpAddress) => `${ip.family}:${ip.value.toString(16)}`;

/**
 * Within a tier: ascending priority; equal priorities (left open upstream, §8.1) by kind, v1alpha2
 * first, then by name, so the verdict does not depend on file order.
 */
export function byPriority(a: TieredPolicy, b: TieredPolicy): number {
  const kindRank = (p: TieredPolicy) => (p.kind === 'ClusterNetworkPolicy' ? 0 : 1);
  return (
    a.priority - b.priority || kindRank(a) - kindRank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

function tierOrder(cluster: Cluster): TierOrder {
  let order = orders.get(cluster);
  if (order) return order;
  const sorted = [...(cluster.tieredPolicies ?? [])].sort(byPriority);
  const nodesByAddress = new Map<string, { name: string; labels: Labels }[]>();
  const add = (address: string, node: { name: string; labels: Labels }) => {
    const ip = parseIp(address);
    if (!ip) return;
    const key = addressKey(ip);
    const known = nodesByAddress.get(key);
    if (!known) nodesByAddress.set(key, [node]);
    else if (!known.some((other) => other.name === node.name)) known.push(node);
  };
  for (const node of cluster.nodes ?? []) for (const address of node.addresses) add(address, node);
  // A pod's hostIP is a node's address even when no Node object is in the workspace: such a node
  // has no labels, so only selectors without requirements on present keys ({} and the like) match it.
  for (const endpoint of cluster.endpoints) {
    const ip = endpoint.hostIP && parseIp(endpoint.hostIP);
    if (ip && !nodesByAddress.has(addressKey(ip)))
      nodesByAddress.set(addressKey(ip), [{ name: endpoint.hostIP!, labels: {} }]);
  }
  order = {
    admin: sorted.filter((p) => p.tier === 'Admin'),
    baseline: sorted.filter((p) => p.tier === 'Baseline'),
    nodesByAddress,
  };
  orders.set(cluster, order);
  return order;
}

/** A tier's policies in the order they are walked (ascending priority, ties as byPriority breaks them). */
export function tierPolicies(cluster: Cluster, tier: Tier): readonly TieredPolicy[] {
  const order = tierOrder(cluster);
  return tier === 'Admin' ? order.admin : order.baseline;
}

/** What one cluster-scoped policy takes as its subject. */
export interface TieredSubjects {
  policy: TieredPolicy;
  /** Namespaces it selects whole: its pod selector is empty and its namespace selector matches. */
  namespaces: string[];
  /** Ids of the endpoints it selects (never host-network ones). */
  endpoints: string[];
}

/** The subjects of every Admin policy, then every Baseline one, each tier in walk order. */
export function tieredSubjects(cluster: Cluster): TieredSubjects[] {
  return [...tierPolicies(cluster, 'Admin'), ...tierPolicies(cluster, 'Baseline')].map((policy) => {
    // The namespace side once per namespace: a big workspace has far fewer namespaces than pods.
    const matching = new Set(
      [...cluster.namespaces.keys()].filter((name) =>
        selects(policy.subject.namespaceSelector, namespaceLabels(cluster, name)),
      ),
    );
    return {
      policy,
      namespaces: isEmptySelector(policy.subject.podSelector) ? [...matching] : [],
      endpoints: cluster.endpoints
        .filter((e) => matching.has(e.namespace) && selectsSubjectPod(policy, e))
        .map((e) => e.id),
    };
  });
}

export function hasTieredPolicies(cluster: Cluster): boolean {
  return (cluster.tieredPolicies?.length ?? 0) > 0;
}

/** The nodes an address stands for (a node's address, or a pod's hostIP). */
export function nodesAt(cluster: Cluster, addresses: readonly string[]): { name: string; labels: Labels }[] {
  const { nodesByAddress } = tierOrder(cluster);
  const found = new Map<string, { name: string; labels: Labels }>();
  for (const address of addresses) {
    const ip = parseIp(address);
    for (const node of (ip && nodesByAddress.get(addressKey(ip))) || []) found.set(node.name, node);
  }
  return [...found.values()];
}

/** The pod side of a subject: host-network pods are never subjects, others when their labels match. */
const selectsSubjectPod = (policy: TieredPolicy, endpoint: Endpoint) =>
  !endpoint.hostNetwork && selects(policy.subject.podSelector, endpoint.labels);

/** Host-network pods are never subjects; others when their namespace and labels match. */
export function tierSelects(cluster: Cluster, policy: TieredPolicy, endpoint: Endpoint): boolean {
  return (
    selectsSubjectPod(policy, endpoint) &&
    selects(policy.subject.namespaceSelector, namespaceLabels(cluster, endpoint.namespace))
  );
}

const rulesOf = (policy: TieredPolicy, direction: Direction) =>
  direction === 'Ingress' ? policy.ingress : policy.egress;

/** `*.example.com` matches one or more whole labels in front; names compare without case or a final dot. */
export function domainMatches(pattern: string, domain: string): boolean {
  const normal = (name: string) => name.toLowerCase().replace(/\.$/, '');
  const name = normal(domain);
  const wanted = normal(pattern);
  if (wanted.startsWith('*.')) return name.endsWith(wanted.slice(1)) && name.length > wanted.length - 1;
  return name === wanted;
}

function peerMatches(
  cluster: Cluster,
  peer: TieredPeer,
  action: TieredRule['action'],
  other: TierPeer,
): boolean {
  switch (peer.kind) {
    case 'pods':
      return (
        other.pod !== null &&
        selects(peer.podSelector, other.pod.labels) &&
        selects(peer.namespaceSelector, namespaceLabels(cluster, other.pod.namespace))
      );
    case 'networks':
      return (
        other.address !== null &&
        peer.cidrs.some((text) => {
          const cidr = parseCidr(text);
          return cidr !== null && cidrContains(cidr, other.address!);
        })
      );
    case 'nodes':
      return other.nodes.some((labels) => selects(peer.nodeSelector, labels));
    case 'domainNames':
      return (
        other.domain !== undefined && peer.domains.some((pattern) => domainMatches(pattern, other.domain!))
      );
    case 'unknown':
      // Fail closed (§8.11): an Accept cannot widen through it, a Deny or Pass covers everything.
      return action !== 'Accept';
  }
}

/** The ports a rule matches towards `destination`: a named port is the destination pod's first port of that name. */
export function tierRulePorts(rule: Pick<TieredRule, 'ports'>, destination: Endpoint | null): PortSet {
  if (rule.ports === null) return ALL_PORTS;
  let set = EMPTY_PORTS;
  for (const entry of rule.ports) {
    if ('named' in entry) {
      const named = destination?.hostNetwork
        ? undefined
        : destination?.ports.find((p) => p.name === entry.named);
      if (named) set = unionPorts(set, portSetOf(named.protocol, named.port, named.port));
    } else if (entry.start <= entry.end)
      set = unionPorts(set, portSetOf(entry.protocol, entry.start, entry.end));
  }
  return set;
}

/** First match wins, rule by rule in priority order; returns the steps and what no rule decided. */
function walkTier(
  cluster: Cluster,
  policies: readonly TieredPolicy[],
  direction: Direction,
  other: TierPeer,
  pending: PortSet,
): { steps: TierStep[]; rest: PortSet } {
  const steps: TierStep[] = [];
  let remaining = pending;
  for (const policy of policies) {
    for (const rule of rulesOf(policy, direction)) {
      if (isEmptyPorts(remaining)) return { steps, rest: remaining };
      if (!rule.peers.some((peer) => peerMatches(cluster, peer, rule.action, other))) continue;
      const ports = intersectPorts(tierRulePorts(rule, other.destination), remaining);
      if (isEmptyPorts(ports)) continue;
      steps.push({ policy, rule, ports });
      remaining = subtractPorts(remaining, ports);
    }
  }
  return { steps, rest: remaining };
}

const decided = (steps: readonly TierStep[], action: TieredRule['action']) =>
  steps.filter((s) => s.rule.action === action).reduce((set, s) => unionPorts(set, s.ports), EMPTY_PORTS);

/** What the Admin tier accepts in a walk. */
export function adminAccepted(walk: TierWalk): PortSet {
  return decided(walk.admin, 'Accept');
}

/** The cluster-scoped policies of a tier that select `subject` and have rules in `direction`, in walk order. */
export function selectingPolicies(
  cluster: Cluster,
  tier: Tier,
  direction: Direction,
  subject: Endpoint,
): TieredPolicy[] {
  return tierPolicies(cluster, tier).filter(
    (policy) => rulesOf(policy, direction).length > 0 && tierSelects(cluster, policy, subject),
  );
}

/**
 * One side (tiered-policies.md §5.3) for every port at once: the Admin tier, then the NetworkPolicy
 * tier (`networkPolicy`: what it allows when it isolates the subject, null when it does not), then
 * Baseline, then the default allow. `subject` must be a pod on the pod network.
 */
export function walkTiers(
  cluster: Cluster,
  direction: Direction,
  subject: Endpoint,
  other: TierPeer,
  networkPolicy: PortSet | null,
): { walk: TierWalk; allowed: PortSet } {
  const adminPolicies = selectingPolicies(cluster, 'Admin', direction, subject);
  const baselinePolicies = selectingPolicies(cluster, 'Baseline', direction, subject);
  const admin = walkTier(cluster, adminPolicies, direction, other, ALL_PORTS);
  const afterAdmin = unionPorts(admin.rest, decided(admin.steps, 'Pass'));
  let allowed = decided(admin.steps, 'Accept');
  let toBaseline = afterAdmin;
  if (networkPolicy !== null) {
    allowed = unionPorts(allowed, intersectPorts(afterAdmin, networkPolicy));
    toBaseline = EMPTY_PORTS;
  }
  const baseline = walkTier(cluster, baselinePolicies, direction, other, toBaseline);
  const byDefault = unionPorts(baseline.rest, decided(baseline.steps, 'Pass'));
  allowed = unionPorts(allowed, unionPorts(decided(baseline.steps, 'Accept'), byDefault));
  return {
    walk: {
      policies: [...adminPolicies, ...baselinePolicies].map((p) => p.id),
      admin: admin.steps,
      afterAdmin,
      baseline: baseline.steps,
      byDefault,
    },
    allowed,
  };
}
