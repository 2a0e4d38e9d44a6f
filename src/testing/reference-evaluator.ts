/**
 * A deliberately simple evaluator, for differential tests and the `naive-1k` benchmark: one
 * flow at a time, written straight from the pseudo-code of docs/netpol-semantics.md §2.2–4 and
 * the choices in docs/engine.md. It reads the raw objects with its own minimal reader and imports
 * no engine code beyond types, so policyTypes defaulting, implicit namespaces and the folding of
 * replicas into their workload are checked independently of src/engine too.
 * Slow on purpose: every flow re-reads every policy.
 */
import ipaddr from 'ipaddr.js';
import type { Protocol } from '../engine';

type Json = Record<string, unknown>;
type Labels = Record<string, string>;

interface Selector {
  matchLabels: Labels;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}
interface IpBlock {
  cidr: string;
  except: string[];
}
type Peer = { ipBlock: IpBlock } | { podSelector?: Selector; namespaceSelector?: Selector };
interface PolicyPort {
  protocol: Protocol;
  port?: number | string;
  endPort?: number;
}
interface Rule {
  peers: Peer[] | null;
  ports: PolicyPort[] | null;
}
interface Policy {
  namespace: string;
  podSelector: Selector;
  policyTypes: string[];
  ingress: Rule[];
  egress: Rule[];
}
interface Endpoint {
  id: string;
  namespace: string;
  name: string;
  kind: string;
  labels: Labels;
  ports: { name?: string; port: number; protocol: Protocol }[];
  ips: string[];
  hostIP?: string;
  hostNetwork: boolean;
  owner?: { kind: string; name: string };
}

/** A ClusterNetworkPolicy, or a v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy, kept close to its YAML. */
interface TierPolicy {
  kind: string;
  name: string;
  tier: 'Admin' | 'Baseline';
  priority: number;
  subject: Json;
  ingress: Json[];
  egress: Json[];
}

/** The reference's own model of a workspace. */
export interface ReferenceCluster {
  namespaces: Map<string, Labels>;
  endpoints: Endpoint[];
  byId: Map<string, Endpoint>;
  policies: Policy[];
  tierPolicies: TierPolicy[];
  /** Node labels by address (hostIPs without a Node object: no labels). */
  nodes: Map<string, Labels[]>;
}

const NAME_LABEL = 'kubernetes.io/metadata.name';
const WORKLOADS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
];
const HASH_LABELS = ['pod-template-hash', 'controller-revision-hash', 'pod-template-generation'];

const obj = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const labelsOf = (value: unknown): Labels =>
  Object.fromEntries(
    Object.entries(obj(value)).flatMap(([k, v]) =>
      typeof v === 'string' ? [[k, v]] : v === null ? [[k, '']] : [],
    ),
  );
const protocolOf = (value: unknown): Protocol => (value === 'UDP' || value === 'SCTP' ? value : 'TCP');

function selectorOf(value: unknown): Selector {
  return {
    matchLabels: labelsOf(obj(value).matchLabels),
    matchExpressions: list(obj(value).matchExpressions).map((e) => ({
      key: String(obj(e).key),
      operator: String(obj(e).operator),
      values: list(obj(e).values).map(String),
    })),
  };
}

function rulesOf(value: unknown, peersKey: 'from' | 'to'): Rule[] {
  return list(value).map((rule) => {
    const peers = list(obj(rule)[peersKey]);
    const ports = list(obj(rule).ports);
    return {
      peers: peers.length
        ? peers.map((peer): Peer => {
            const p = obj(peer);
            if (p.ipBlock)
              return {
                ipBlock: {
                  cidr: String(obj(p.ipBlock).cidr),
                  except: list(obj(p.ipBlock).except).map(String),
                },
              };
            return {
              ...(obj(p).podSelector !== undefined &&
                p.podSelector !== null && { podSelector: selectorOf(p.podSelector) }),
              ...(p.namespaceSelector !== undefined &&
                p.namespaceSelector !== null && { namespaceSelector: selectorOf(p.namespaceSelector) }),
            };
          })
        : null,
      ports: ports.length
        ? ports.map((entry) => {
            const e = obj(entry);
            return {
              protocol: protocolOf(e.protocol),
              ...((typeof e.port === 'number' || typeof e.port === 'string') && { port: e.port }),
              ...(typeof e.endPort === 'number' && { endPort: e.endPort }),
            };
          })
        : null,
    };
  });
}

/** The pod shape of a pod spec: its containers' ports (and restartable init containers'), hostNetwork. */
function podShape(labels: unknown, spec: Json): Pick<Endpoint, 'labels' | 'ports' | 'hostNetwork'> {
  const containers = [
    ...list(spec.containers),
    ...list(spec.initContainers).filter((c) => obj(c).restartPolicy === 'Always'),
  ];
  return {
    labels: labelsOf(labels),
    ports: containers.flatMap((c) =>
      list(obj(c).ports).flatMap((port) => {
        const p = obj(port);
        if (typeof p.containerPort !== 'number') return [];
        return [
          {
            port: p.containerPort,
            protocol: protocolOf(p.protocol),
            ...(str(p.name) && { name: str(p.name) }),
          },
        ];
      }),
    ),
    hostNetwork: spec.hostNetwork === true,
  };
}

/**
 * Reads raw objects (a List's items too) as the API server and kubectl apply would hold them, in
 * `workspaceNamespace` when they name none.
 */
export function readReferenceCluster(
  objects: readonly unknown[],
  workspaceNamespace = 'default',
): ReferenceCluster {
  const items = objects.flatMap((o) => {
    const kind = str(obj(o).kind) ?? '';
    if (!kind.endsWith('List')) return [obj(o)];
    return list(obj(o).items).map((item) => ({
      kind: kind === 'List' ? undefined : kind.slice(0, -4),
      ...obj(item),
    }));
  });
  const namespaces = new Map<string, Labels>();
  const endpoints = new Map<string, Endpoint>();
  const policies = new Map<string, Policy>();
  const tierPolicies = new Map<string, TierPolicy>();
  const nodes = new Map<string, Labels[]>();
  for (const item of items) {
    const meta = obj(item.metadata);
    const name = str(meta.name) ?? '';
    const namespace = str(meta.namespace) || workspaceNamespace;
    const kind = str(item.kind) ?? '';
    const owner = list(meta.ownerReferences)
      .map(obj)
      .find((ref) => ref.controller === true);
    const spec = obj(item.spec);
    if (kind === 'Namespace') namespaces.set(name, { ...labelsOf(meta.labels), [NAME_LABEL]: name });
    else if (kind === 'Node') {
      for (const address of list(obj(item.status).addresses).map((a) => str(obj(a).address))) {
        if (address && ipaddr.isValid(address))
          nodes.set(ipaddr.parse(address).toNormalizedString(), [
            ...(nodes.get(ipaddr.parse(address).toNormalizedString()) ?? []),
            labelsOf(meta.labels),
          ]);
      }
    } else if (
      kind === 'ClusterNetworkPolicy' ||
      kind === 'AdminNetworkPolicy' ||
      kind === 'BaselineAdminNetworkPolicy'
    ) {
      // tiered-policies.md §7: ANP is the Admin tier, the BANP the Baseline tier (last, see docs/engine.md).
      tierPolicies.set(`${kind}/${name}`, {
        kind,
        name,
        tier:
          kind === 'AdminNetworkPolicy'
            ? 'Admin'
            : kind === 'BaselineAdminNetworkPolicy'
              ? 'Baseline'
              : (spec.tier as 'Admin' | 'Baseline'),
        priority: kind === 'BaselineAdminNetworkPolicy' ? 1000 : Number(spec.priority),
        subject: obj(spec.subject),
        ingress: list(spec.ingress).map(obj),
        egress: list(spec.egress).map(obj),
      });
    } else if (kind === 'NetworkPolicy') {
      const types = list(spec.policyTypes).map(String);
      // The API server's default: Ingress, and Egress too when the policy has egress rules.
      const policyTypes = types.length
        ? types
        : list(spec.egress).length
          ? ['Ingress', 'Egress']
          : ['Ingress'];
      policies.set(`${namespace}/${name}`, {
        namespace,
        podSelector: selectorOf(spec.podSelector),
        policyTypes,
        ingress: rulesOf(spec.ingress, 'from'),
        egress: rulesOf(spec.egress, 'to'),
      });
    } else if (kind === 'Pod' || WORKLOADS.includes(kind)) {
      const status = obj(item.status);
      if (kind === 'Pod' && (status.phase === 'Succeeded' || status.phase === 'Failed')) continue;
      const template = obj(
        kind === 'CronJob' ? obj(obj(obj(spec.jobTemplate).spec).template) : spec.template,
      );
      const shape =
        kind === 'Pod'
          ? podShape(meta.labels, spec)
          : podShape(obj(template.metadata).labels, obj(template.spec));
      const ips = [...list(status.podIPs).map((e) => str(obj(e).ip)), str(status.podIP)].filter(
        (ip, i, all): ip is string => ip !== undefined && ipaddr.isValid(ip) && all.indexOf(ip) === i,
      );
      endpoints.set(`${namespace}/${name}`, {
        id: `${namespace}/${name}`,
        namespace,
        name,
        kind,
        ...shape,
        ips: kind === 'Pod' ? ips : [],
        ...(str(status.hostIP) && { hostIP: str(status.hostIP) }),
        ...(owner && { owner: { kind: String(owner.kind), name: String(owner.name) } }),
      });
    }
    if (kind === 'NetworkPolicy' || kind === 'Pod' || WORKLOADS.includes(kind))
      if (!namespaces.has(namespace)) namespaces.set(namespace, { [NAME_LABEL]: namespace });
  }
  foldReplicas(endpoints);
  for (const endpoint of endpoints.values()) {
    const host =
      endpoint.hostIP &&
      ipaddr.isValid(endpoint.hostIP) &&
      ipaddr.parse(endpoint.hostIP).toNormalizedString();
    if (host && !nodes.has(host)) nodes.set(host, [{}]);
  }
  return {
    namespaces,
    endpoints: [...endpoints.values()],
    byId: endpoints,
    policies: [...policies.values()],
    tierPolicies: [...tierPolicies.values()],
    nodes,
  };
}

const withoutHashes = (labels: Labels) =>
  JSON.stringify(
    Object.entries(labels)
      .filter(([k]) => !HASH_LABELS.includes(k))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );

/**
 * docs/engine.md: a workload stands for its replicas. Owned workloads (a Deployment's ReplicaSet)
 * go into their top owner; pods go into it when their labels are its template's but for the
 * controller's hash labels. A pod whose ReplicaSet is missing finds its Deployment by the hash.
 */
function foldReplicas(endpoints: Map<string, Endpoint>): void {
  const top = (e: Endpoint): Endpoint | undefined => {
    let found: Endpoint | undefined;
    let owner = e.owner;
    for (let depth = 0; owner && depth < 4; depth++) {
      const next = endpoints.get(`${e.namespace}/${owner.name}`);
      if (!next || next.kind !== owner.kind) {
        const hash = e.labels['pod-template-hash'];
        if (e.kind === 'Pod' && owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
          const deployment = endpoints.get(`${e.namespace}/${owner.name.slice(0, -hash.length - 1)}`);
          if (deployment?.kind === 'Deployment') return deployment;
        }
        break;
      }
      found = next;
      owner = next.owner;
    }
    return found;
  };
  const all = [...endpoints.values()];
  for (const e of all.filter((x) => x.kind !== 'Pod' && x.owner)) if (top(e)) endpoints.delete(e.id);
  for (const pod of all.filter((x) => x.kind === 'Pod')) {
    const owner = top(pod);
    if (!owner || withoutHashes(pod.labels) !== withoutHashes(owner.labels)) continue;
    for (const ip of pod.ips) if (!owner.ips.includes(ip)) owner.ips.push(ip);
    endpoints.delete(pod.id);
  }
}

export type ReferenceVerdict = 'allow' | 'allow-open' | 'deny-egress' | 'deny-ingress' | 'deny-both';

interface Connection {
  src: Endpoint;
  dst: Endpoint;
  protocol: Protocol;
  dstPort: number;
}

/** §3.2: every requirement must hold; a missing key fails `In` and passes `NotIn`. */
function labelsMatch(selector: Selector, labels: Labels): boolean {
  const has = (key: string) => Object.prototype.hasOwnProperty.call(labels, key);
  for (const key of Object.keys(selector.matchLabels)) {
    if (!has(key) || labels[key] !== selector.matchLabels[key]) return false;
  }
  for (const requirement of selector.matchExpressions) {
    const present = has(requirement.key);
    const inValues = present && requirement.values.includes(labels[requirement.key]!);
    if (requirement.operator === 'In' && !inValues) return false;
    if (requirement.operator === 'NotIn' && inValues) return false;
    if (requirement.operator === 'Exists' && !present) return false;
    if (requirement.operator === 'DoesNotExist' && present) return false;
  }
  return true;
}

/** hostNetwork pods are node traffic (model b): not policy subjects, not selector peers. */
function isPodNetworkPod(endpoint: Endpoint): boolean {
  return !endpoint.hostNetwork;
}

function namespaceLabels(cluster: ReferenceCluster, namespace: string): Labels {
  return cluster.namespaces.get(namespace) ?? { [NAME_LABEL]: namespace };
}

/** §2.1: P is in X's namespace, P's podSelector matches X, and the direction is in P's policyTypes. */
function policiesApplying(
  cluster: ReferenceCluster,
  endpoint: Endpoint,
  direction: 'Ingress' | 'Egress',
): Policy[] {
  if (!isPodNetworkPod(endpoint)) return [];
  return cluster.policies.filter(
    (policy) =>
      policy.namespace === endpoint.namespace &&
      policy.policyTypes.includes(direction) &&
      labelsMatch(policy.podSelector, endpoint.labels),
  );
}

type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
const familyOf = (ip: IpAddress) => (ip.kind() === 'ipv4' ? 4 : 6);

function ipsOf(endpoint: Endpoint): IpAddress[] {
  return endpoint.ips.map((ip) => ipaddr.parse(ip));
}

/** docs/engine.md: the connection uses a family both ends have, IPv4 first; an end with no known IP has any. */
function ipUsedByThisConnection(endpoint: Endpoint, connection: Connection): IpAddress | null {
  const families = (end: Endpoint) => (end.ips.length === 0 ? [4, 6] : ipsOf(end).map(familyOf));
  const family = [4, 6].find(
    (f) => families(connection.src).includes(f) && families(connection.dst).includes(f),
  );
  return ipsOf(endpoint).find((ip) => familyOf(ip) === family) ?? null;
}

/** §3.4: inside the cidr and inside none of the excepts. */
function ipInBlock(ip: IpAddress | null, block: IpBlock): boolean {
  const inside = (cidr: string) => {
    if (ip === null || !ipaddr.isValidCIDR(cidr)) return false;
    const range = ipaddr.parseCIDR(cidr);
    return range[0].kind() === ip.kind() && ip.match(range);
  };
  return inside(block.cidr) && !block.except.some(inside);
}

/** §3.1 */
function peerMatch(
  cluster: ReferenceCluster,
  peer: Peer,
  policyNamespace: string,
  endpoint: Endpoint,
  connection: Connection,
): boolean {
  if ('ipBlock' in peer) return ipInBlock(ipUsedByThisConnection(endpoint, connection), peer.ipBlock);
  if (!isPodNetworkPod(endpoint)) return false;
  const nsOK =
    peer.namespaceSelector === undefined
      ? endpoint.namespace === policyNamespace
      : labelsMatch(peer.namespaceSelector, namespaceLabels(cluster, endpoint.namespace));
  const podOK = peer.podSelector === undefined ? true : labelsMatch(peer.podSelector, endpoint.labels);
  return nsOK && podOK;
}

function peersMatch(
  cluster: ReferenceCluster,
  peers: readonly Peer[] | null,
  policyNamespace: string,
  endpoint: Endpoint,
  connection: Connection,
): boolean {
  if (peers === null || peers.length === 0) return true;
  return peers.some((peer) => peerMatch(cluster, peer, policyNamespace, endpoint, connection));
}

/** §4: names resolve on the destination pod; its first port of that name, with the rule's protocol. */
function namedPortMatch(name: string, protocol: Protocol, connection: Connection): boolean {
  if (!isPodNetworkPod(connection.dst)) return false;
  const containerPort = connection.dst.ports.find((port) => port.name === name);
  return (
    containerPort !== undefined &&
    containerPort.port === connection.dstPort &&
    containerPort.protocol === protocol
  );
}

function portsMatch(ports: readonly PolicyPort[] | null, connection: Connection): boolean {
  if (ports === null || ports.length === 0) return true;
  return ports.some((entry) => {
    if (connection.protocol !== entry.protocol) return false;
    if (entry.port === undefined) return true;
    if (typeof entry.port === 'string') return namedPortMatch(entry.port, entry.protocol, connection);
    if (entry.endPort === undefined) return connection.dstPort === entry.port;
    return entry.port <= connection.dstPort && connection.dstPort <= entry.endPort;
  });
}

/** docs/engine.md: the destination's node is a hostNetwork pod on the node the destination runs on. */
function isOwnNode(src: Endpoint, dst: Endpoint): boolean {
  return src.hostNetwork && dst.hostIP !== undefined && dst.hostIP !== '' && src.hostIP === dst.hostIP;
}

/** The verdict of one flow between two endpoints of the reference's model, by `namespace/name`. */
export function referenceVerdict(
  cluster: ReferenceCluster,
  from: string,
  to: string,
  dstPort: number,
  protocol: Protocol,
): ReferenceVerdict {
  const find = (id: string) => {
    const endpoint = cluster.byId.get(id);
    if (!endpoint) throw new Error(`the reference has no endpoint ${id}`);
    return endpoint;
  };
  const src = find(from);
  const dst = find(to);
  // A pod may always reach itself; a workload to itself means replica to replica.
  if (src === dst && src.kind === 'Pod') return 'allow-open';
  const connection: Connection = { src, dst, protocol, dstPort };

  const egressPolicies = policiesApplying(cluster, src, 'Egress');
  const networkPolicyEgressOK = egressPolicies.some((policy) =>
    policy.egress.some(
      (rule) =>
        peersMatch(cluster, rule.peers, policy.namespace, dst, connection) &&
        portsMatch(rule.ports, connection),
    ),
  );
  const egress = tierSide(
    cluster,
    'egress',
    src,
    dst,
    connection,
    egressPolicies.length ? networkPolicyEgressOK : null,
  );

  const ingressPolicies = policiesApplying(cluster, dst, 'Ingress');
  const networkPolicyIngressOK = ingressPolicies.some((policy) =>
    policy.ingress.some(
      (rule) =>
        peersMatch(cluster, rule.peers, policy.namespace, src, connection) &&
        portsMatch(rule.ports, connection),
    ),
  );
  const ingress = tierSide(
    cluster,
    'ingress',
    dst,
    src,
    connection,
    ingressPolicies.length ? networkPolicyIngressOK : null,
  );
  // docs/engine.md: every tier admits the destination's own node.
  const egressOK = egress.allowed;
  const ingressOK =
    ingress.allowed || ((ingressPolicies.length > 0 || ingress.selected) && isOwnNode(src, dst));

  const isolated =
    egressPolicies.length > 0 || ingressPolicies.length > 0 || egress.selected || ingress.selected;
  if (egressOK && ingressOK) return isolated ? 'allow' : 'allow-open';
  if (!egressOK && !ingressOK) return 'deny-both';
  return egressOK ? 'deny-ingress' : 'deny-egress';
}

/** tiered-policies.md §5.2 for a subject: never a host-network pod. */
function tierSubject(cluster: ReferenceCluster, policy: TierPolicy, endpoint: Endpoint): boolean {
  if (endpoint.hostNetwork) return false;
  return tierPodsMatch(cluster, policy.subject, endpoint);
}

/** `{namespaces: sel}` or `{pods: {namespaceSelector?, podSelector}}` against a pod-network pod. */
function tierPodsMatch(cluster: ReferenceCluster, selection: Json, endpoint: Endpoint): boolean {
  if (endpoint.hostNetwork) return false;
  const nsLabels = namespaceLabels(cluster, endpoint.namespace);
  if (selection.namespaces !== undefined) return labelsMatch(selectorOf(selection.namespaces), nsLabels);
  const pods = obj(selection.pods);
  return (
    labelsMatch(selectorOf(pods.namespaceSelector), nsLabels) &&
    labelsMatch(selectorOf(pods.podSelector), endpoint.labels)
  );
}

/** §5.2: the peer is the other end of this side of the connection. */
function tierPeerMatch(
  cluster: ReferenceCluster,
  peer: Json,
  other: Endpoint,
  connection: Connection,
): boolean {
  if (peer.namespaces !== undefined || peer.pods !== undefined) return tierPodsMatch(cluster, peer, other);
  if (peer.networks !== undefined) {
    const ip = ipUsedByThisConnection(other, connection);
    return list(peer.networks).some((cidr) => ipInBlock(ip, { cidr: String(cidr), except: [] }));
  }
  if (peer.nodes !== undefined) {
    if (!other.hostNetwork || !other.hostIP || !ipaddr.isValid(other.hostIP)) return false;
    const labels = cluster.nodes.get(ipaddr.parse(other.hostIP).toNormalizedString()) ?? [];
    return labels.some((l) => labelsMatch(selectorOf(peer.nodes), l));
  }
  return false;
}

/** §2.5 and §3.1: both port forms; a named port is the destination pod's first port of that name. */
function tierPortsMatch(rule: Json, connection: Connection): boolean {
  const entries = list(rule.protocols ?? rule.ports).map(obj);
  if (entries.length === 0) return true;
  const inRange = (lo: number, hi: number) => lo <= connection.dstPort && connection.dstPort <= hi;
  return entries.some((entry) => {
    const named = str(entry.destinationNamedPort) ?? str(entry.namedPort);
    if (named !== undefined) {
      if (connection.dst.hostNetwork) return false;
      const port = connection.dst.ports.find((p) => p.name === named);
      return port !== undefined && port.port === connection.dstPort && port.protocol === connection.protocol;
    }
    for (const key of ['tcp', 'udp', 'sctp']) {
      if (entry[key] === undefined) continue;
      if (key.toUpperCase() !== connection.protocol) return false;
      const port = obj(obj(entry[key]).destinationPort);
      if (typeof port.number === 'number') return connection.dstPort === port.number;
      return inRange(Number(obj(port.range).start), Number(obj(port.range).end));
    }
    const v1 = obj(entry.portNumber ?? entry.portRange);
    if ((str(v1.protocol) ?? 'TCP') !== connection.protocol) return false;
    if (typeof v1.port === 'number') return connection.dstPort === v1.port;
    return inRange(Number(v1.start), Number(v1.end));
  });
}

/**
 * §5.3 for one side and one flow: Admin, then NetworkPolicy (`networkPolicy`: its answer when it
 * isolates the subject, else null), then Baseline, then allow. `selected`: some cluster policy
 * with rules in this direction selects the subject (docs/engine.md: the verdict is then `allow`).
 */
function tierSide(
  cluster: ReferenceCluster,
  direction: 'ingress' | 'egress',
  subject: Endpoint,
  other: Endpoint,
  connection: Connection,
  networkPolicy: boolean | null,
): { allowed: boolean; selected: boolean } {
  const kindRank = (p: TierPolicy) => (p.kind === 'ClusterNetworkPolicy' ? 0 : 1);
  const applying = cluster.tierPolicies
    .filter((p) => p[direction].length > 0 && tierSubject(cluster, p, subject))
    .sort((a, b) => a.priority - b.priority || kindRank(a) - kindRank(b) || (a.name < b.name ? -1 : 1));
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const firstAction = (tier: string): string | null => {
    for (const policy of applying.filter((p) => p.tier === tier))
      for (const rule of policy[direction])
        if (
          list(rule[peersKey]).some((peer) => tierPeerMatch(cluster, obj(peer), other, connection)) &&
          tierPortsMatch(rule, connection)
        )
          return String(rule.action);
    return null;
  };
  const selected = applying.length > 0;
  const admin = firstAction('Admin');
  if (admin === 'Accept' || admin === 'Allow') return { allowed: true, selected };
  if (admin === 'Deny') return { allowed: false, selected };
  if (networkPolicy !== null) return { allowed: networkPolicy, selected };
  const baseline = firstAction('Baseline');
  return { allowed: baseline !== 'Deny', selected };
}
