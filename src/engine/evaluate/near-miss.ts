import type {
  Cluster,
  Endpoint,
  LabelSelector,
  Labels,
  Peer,
  Policy,
  PolicyPort,
  PolicyRule,
  Protocol,
  SourceRef,
} from '../model/types';
import { namespaceLabels } from '../model/conventions';
import { formatSelector, selects } from '../model/selector';
import { cidrContains, parseCidr, parseIp } from '../util/cidr';
import type { PairDecision } from './evaluate';
import { endLabel, type FlowEnd } from './resolve';

/** A rule that nearly allowed a denied flow, and what it lacked. */
export interface NearMiss {
  policy: string;
  direction: 'ingress' | 'egress';
  index: number;
  source: SourceRef;
  /** Sentences such as "the pod lacks label app=web". Fewer means closer. */
  lacks: string[];
}

function selectorMisses(selector: LabelSelector, labels: Labels, what: string): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (!Object.hasOwn(labels, key)) out.push(`${what} has no label ${key} (the rule wants ${key}=${value})`);
    else if (labels[key] !== value)
      out.push(`${what} has ${key}=${labels[key]}, the rule wants ${key}=${value}`);
  }
  for (const requirement of selector.matchExpressions) {
    const single = { matchLabels: {}, matchExpressions: [requirement] };
    if (!selects(single, labels)) out.push(`${what} does not satisfy ${formatSelector(single)}`);
  }
  return out;
}

function peerMisses(
  cluster: Cluster,
  peer: Peer,
  policy: Policy,
  end: FlowEnd,
  address: string | undefined,
): string[] {
  const name = endLabel(end);
  if (peer.kind === 'ipBlock') {
    const { cidr, except } = peer.ipBlock;
    if (!address) return [`${name} has no known IP, so ipBlock ${cidr} cannot match it`];
    const ip = parseIp(address);
    const block = parseCidr(cidr);
    if (!ip || !block || !cidrContains(block, ip)) return [`${address} is outside ipBlock ${cidr}`];
    const carved = except.find((e) => {
      const range = parseCidr(e);
      return range !== null && cidrContains(range, ip);
    });
    return carved ? [`${address} is in ipBlock ${cidr} but excluded by except ${carved}`] : [];
  }
  if (end.kind === 'ip')
    return [`${name} is an address outside the pods, and a pod or namespace selector matches pods only`];
  const pod = end.endpoint;
  if (pod.hostNetwork)
    return [`${pod.id} uses the host network, so selectors do not match it (only ipBlock does)`];
  const out: string[] = [];
  if (peer.namespaceSelector) {
    out.push(
      ...selectorMisses(
        peer.namespaceSelector,
        namespaceLabels(cluster, pod.namespace),
        `namespace ${pod.namespace}`,
      ),
    );
  } else if (pod.namespace !== policy.namespace) {
    out.push(
      `the peer has no namespaceSelector, so it only means pods in ${policy.namespace}, and ${pod.id} is in ${pod.namespace}`,
    );
  }
  if (peer.podSelector) out.push(...selectorMisses(peer.podSelector, pod.labels, `pod ${pod.id}`));
  return out;
}

function describePortEntry(entry: PolicyPort, destination: Endpoint | null): string {
  if (entry.port === undefined) return `all ${entry.protocol}`;
  if (typeof entry.port === 'number') {
    return `${entry.protocol} ${entry.endPort && entry.endPort !== entry.port ? `${entry.port}-${entry.endPort}` : entry.port}`;
  }
  const named = destination?.ports.find((p) => p.name === entry.port);
  if (!named) return `${entry.protocol} "${entry.port}" (not declared by the destination)`;
  return `${entry.protocol} "${entry.port}" (= ${named.protocol} ${named.port} on the destination)`;
}

function entryMatches(
  entry: PolicyPort,
  port: number,
  protocol: Protocol,
  destination: Endpoint | null,
): boolean {
  if (entry.protocol !== protocol) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'number') return entry.port <= port && port <= (entry.endPort ?? entry.port);
  const named = destination?.ports.find((p) => p.name === entry.port);
  return named !== undefined && named.protocol === protocol && named.port === port;
}

function portMisses(
  ports: readonly PolicyPort[] | null,
  port: number,
  protocol: Protocol,
  destination: Endpoint | null,
): string[] {
  if (ports === null || ports.some((entry) => entryMatches(entry, port, protocol, destination))) return [];
  return [
    `it allows ${ports.map((entry) => describePortEntry(entry, destination)).join(', ')}, not ${protocol} ${port}`,
  ];
}

/**
 * For a side that denies, the rules that came closest (fewest unmet conditions), with what each
 * lacked: a label, the namespace, the port or the protocol.
 */
export function nearMisses(
  cluster: Cluster,
  pair: PairDecision,
  direction: 'ingress' | 'egress',
  port: number,
  protocol: Protocol,
): NearMiss[] {
  const side = direction === 'ingress' ? pair.ingress : pair.egress;
  if (!side.subject || !side.isolated) return [];
  const peerEnd = direction === 'ingress' ? pair.from : pair.to;
  const destination = pair.to.kind === 'endpoint' && !pair.to.endpoint.hostNetwork ? pair.to.endpoint : null;
  const address = peerEnd.kind === 'ip' ? peerEnd.ip : (peerEnd.ip ?? peerEnd.endpoint.ips[0]);
  const candidates: NearMiss[] = [];
  for (const policy of cluster.policies.filter((p) => side.policies.includes(p.id))) {
    const rules: readonly PolicyRule[] = direction === 'ingress' ? policy.ingress : policy.egress;
    for (const rule of rules) {
      const peerReasons =
        rule.peers === null
          ? []
          : (rule.peers
              .map((peer) => peerMisses(cluster, peer, policy, peerEnd, address))
              .sort((a, b) => a.length - b.length)[0] ?? []);
      const lacks = [...peerReasons, ...portMisses(rule.ports, port, protocol, destination)];
      if (lacks.length > 0)
        candidates.push({ policy: policy.id, direction, index: rule.index, source: rule.source, lacks });
    }
  }
  const fewest = Math.min(...candidates.map((c) => c.lacks.length));
  return candidates.filter((c) => c.lacks.length === fewest);
}
