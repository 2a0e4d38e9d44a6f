/**
 * A deliberately simple evaluator, for differential tests and the `naive-1k` benchmark: one
 * flow at a time, written straight from the pseudo-code of netpol-semantics.md §2.2–4 and the
 * choices in docs/engine.md, sharing no code with src/engine/evaluate (only the CIDR parser).
 * Slow on purpose: every flow re-reads every policy.
 */
import type {
  Cluster,
  Endpoint,
  IpBlock,
  LabelSelector,
  Labels,
  Peer,
  Policy,
  PolicyPort,
  Protocol,
} from '../engine';
import { cidrContains, parseCidr, parseIp, type IpAddress } from '../engine/util/cidr';

export type ReferenceVerdict = 'allow' | 'allow-open' | 'deny-egress' | 'deny-ingress' | 'deny-both';

interface Connection {
  src: Endpoint;
  dst: Endpoint;
  protocol: Protocol;
  dstPort: number;
}

/** §3.2: every requirement must hold; a missing key fails `In` and passes `NotIn`. */
function labelsMatch(selector: LabelSelector, labels: Labels): boolean {
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

function namespaceLabels(cluster: Cluster, namespace: string): Labels {
  return cluster.namespaces.get(namespace)?.labels ?? { 'kubernetes.io/metadata.name': namespace };
}

/** §2.1: P is in X's namespace, P's podSelector matches X, and the direction is in P's policyTypes. */
function policiesApplying(cluster: Cluster, endpoint: Endpoint, direction: 'Ingress' | 'Egress'): Policy[] {
  if (!isPodNetworkPod(endpoint)) return [];
  return cluster.policies.filter(
    (policy) =>
      policy.namespace === endpoint.namespace &&
      policy.policyTypes.includes(direction) &&
      labelsMatch(policy.podSelector, endpoint.labels),
  );
}

function ipsOf(endpoint: Endpoint): IpAddress[] {
  return endpoint.ips.map(parseIp).filter((ip): ip is IpAddress => ip !== null);
}

/** docs/engine.md: the connection uses a family both ends have, IPv4 first; an end with no known IP has any. */
function ipUsedByThisConnection(endpoint: Endpoint, connection: Connection): IpAddress | null {
  const families = (end: Endpoint) => (end.ips.length === 0 ? [4, 6] : ipsOf(end).map((ip) => ip.family));
  const family = [4, 6].find(
    (f) => families(connection.src).includes(f) && families(connection.dst).includes(f),
  );
  return ipsOf(endpoint).find((ip) => ip.family === family) ?? null;
}

/** §3.4: inside the cidr and inside none of the excepts. */
function ipInBlock(ip: IpAddress | null, block: IpBlock): boolean {
  const cidr = parseCidr(block.cidr);
  if (ip === null || cidr === null || !cidrContains(cidr, ip)) return false;
  return !block.except.some((text) => {
    const except = parseCidr(text);
    return except !== null && cidrContains(except, ip);
  });
}

/** §3.1 */
function peerMatch(
  cluster: Cluster,
  peer: Peer,
  policyNamespace: string,
  endpoint: Endpoint,
  connection: Connection,
): boolean {
  if (peer.kind === 'ipBlock') return ipInBlock(ipUsedByThisConnection(endpoint, connection), peer.ipBlock);
  if (!isPodNetworkPod(endpoint)) return false;
  const nsOK =
    peer.namespaceSelector === undefined
      ? endpoint.namespace === policyNamespace
      : labelsMatch(peer.namespaceSelector, namespaceLabels(cluster, endpoint.namespace));
  const podOK = peer.podSelector === undefined ? true : labelsMatch(peer.podSelector, endpoint.labels);
  return nsOK && podOK;
}

function peersMatch(
  cluster: Cluster,
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

/** The verdict of one flow between two modelled endpoints. */
export function referenceVerdict(
  cluster: Cluster,
  src: Endpoint,
  dst: Endpoint,
  dstPort: number,
  protocol: Protocol,
): ReferenceVerdict {
  // A pod may always reach itself; a workload to itself means replica to replica.
  if (src === dst && src.kind === 'Pod') return 'allow-open';
  const connection: Connection = { src, dst, protocol, dstPort };

  const egressPolicies = policiesApplying(cluster, src, 'Egress');
  const egressOK =
    egressPolicies.length === 0 ||
    egressPolicies.some((policy) =>
      policy.egress.some(
        (rule) =>
          peersMatch(cluster, rule.peers, policy.namespace, dst, connection) &&
          portsMatch(rule.ports, connection),
      ),
    );

  const ingressPolicies = policiesApplying(cluster, dst, 'Ingress');
  const ingressOK =
    ingressPolicies.length === 0 ||
    isOwnNode(src, dst) ||
    ingressPolicies.some((policy) =>
      policy.ingress.some(
        (rule) =>
          peersMatch(cluster, rule.peers, policy.namespace, src, connection) &&
          portsMatch(rule.ports, connection),
      ),
    );

  const isolated = egressPolicies.length > 0 || ingressPolicies.length > 0;
  if (egressOK && ingressOK) return isolated ? 'allow' : 'allow-open';
  if (!egressOK && !ingressOK) return 'deny-both';
  return egressOK ? 'deny-ingress' : 'deny-egress';
}
