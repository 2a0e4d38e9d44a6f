/**
 * Least-privilege NetworkPolicies from observed traffic: added to the workspace, they allow exactly
 * the observed connections at workload granularity. Every workload in the log is isolated in both
 * directions; its ingress lists the sources seen reaching it on the ports seen, its egress the
 * destinations seen, plus DNS to kube-dns. Selectors are the workloads' stable labels, narrowed
 * with `DoesNotExist` where another workload of the namespace carries the same labels and more.
 */
import {
  dnsEgressRule,
  exactLabelSelector,
  namespaceSelectorByName,
  networkPolicyManifest,
} from '../edit/manifests';
import { CONTROLLER_HASH_LABELS } from '../model/read-workload';
import type { Cluster, Direction, Endpoint, Labels } from '../model/types';
import { formatIp, parseIp } from '../util/cidr';
import { toKubeYaml } from '../util/kube-yaml';
import type { RawRecord } from '../util/raw';
import type { ObservedEnd } from './map-ends';
import type { ObservedFlow } from './observe';

export interface GeneratedPolicies {
  /** NetworkPolicy objects, sorted by namespace and name. */
  manifests: RawRecord[];
  /** The same, as one multi-document YAML for `kubectl apply`. */
  yaml: string;
  /** What the user should know: shared selectors, ends no policy can name. */
  notes: string[];
}

/** Endpoints no podSelector can tell apart (same namespace, same stable labels) share a policy. */
interface Group {
  namespace: string;
  labels: Labels;
  members: Endpoint[];
}

interface RuleDraft {
  peer: RawRecord;
  ports: Map<string, { protocol: string; port: number }>;
}

const DNS_LABEL = { key: 'k8s-app', value: 'kube-dns' };
const DNS_RULE = dnsEgressRule() as { to: RawRecord[]; ports: { protocol: string; port: number }[] };
const DNS_PEER_KEY = JSON.stringify(DNS_RULE.to[0]);

function stableLabels(endpoint: Endpoint): Labels {
  return Object.fromEntries(
    Object.entries(endpoint.labels)
      .filter(([key]) => !CONTROLLER_HASH_LABELS.includes(key))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function ipBlockPeer(ip: string): RawRecord {
  const parsed = parseIp(ip)!;
  return { ipBlock: { cidr: `${formatIp(parsed)}/${parsed.family === 4 ? 32 : 128}` } };
}

function comparePortKeys(a: { protocol: string; port: number }, b: { protocol: string; port: number }) {
  return a.port - b.port || a.protocol.localeCompare(b.protocol);
}

export interface GenerateOptions {
  /**
   * Only these endpoints get policies (the app's "one namespace" or "one workload"); the others
   * stay as they are and appear only as peers. Absent: every workload in the log.
   */
  subjects?: (endpoint: Endpoint) => boolean;
}

export function generatePolicies(
  cluster: Cluster,
  flows: readonly ObservedFlow[],
  options: GenerateOptions = {},
): GeneratedPolicies {
  const notes = new Set<string>();
  const groups = new Map<string, Group>();
  const groupOf = new Map<Endpoint, Group>();
  for (const endpoint of cluster.endpoints) {
    if (endpoint.hostNetwork) continue;
    const labels = stableLabels(endpoint);
    const key = `${endpoint.namespace}\0${JSON.stringify(labels)}`;
    let group = groups.get(key);
    if (!group) {
      group = { namespace: endpoint.namespace, labels, members: [] };
      groups.set(key, group);
    }
    group.members.push(endpoint);
    groupOf.set(endpoint, group);
  }

  const selectors = new Map<Group, RawRecord>();
  /** Picks out exactly the group's members among the workspace's pods. */
  const selectorOf = (group: Group): RawRecord => {
    let selector = selectors.get(group);
    if (selector) return selector;
    const neighbours = [...groups.values()]
      .filter((other) => other !== group && other.namespace === group.namespace)
      .map((other) => other.labels);
    selector = exactLabelSelector(group.labels, neighbours);
    selectors.set(group, selector);
    return selector;
  };

  const peerFor = (end: ObservedEnd, policyNamespace: string): RawRecord | null => {
    if (end.kind === 'ip') return ipBlockPeer(end.ip);
    if (end.kind !== 'endpoint') return null;
    const { endpoint } = end;
    if (endpoint.hostNetwork) {
      if (endpoint.hostIP && parseIp(endpoint.hostIP)) return ipBlockPeer(endpoint.hostIP);
      notes.add(
        `${endpoint.id} uses the host network and its node's IP is not known, so no rule can name it; its flows are left out.`,
      );
      return null;
    }
    const podSelector = selectorOf(groupOf.get(endpoint)!);
    return endpoint.namespace === policyNamespace
      ? { podSelector }
      : { namespaceSelector: namespaceSelectorByName(endpoint.namespace), podSelector };
  };

  const drafts: Record<Direction, Map<Group, Map<string, RuleDraft>>> = {
    Ingress: new Map(),
    Egress: new Map(),
  };
  const subject = (end: ObservedEnd): Group | null => {
    if (end.kind !== 'endpoint') return null;
    if (options.subjects && !options.subjects(end.endpoint)) return null;
    if (end.endpoint.hostNetwork) {
      notes.add(
        `${end.endpoint.id} uses the host network: NetworkPolicy does not govern it, so it gets no policy.`,
      );
      return null;
    }
    const group = groupOf.get(end.endpoint)!;
    for (const direction of ['Ingress', 'Egress'] as const)
      if (!drafts[direction].has(group)) drafts[direction].set(group, new Map());
    return group;
  };
  const allow = (direction: Direction, group: Group, peer: RawRecord | null, flow: ObservedFlow) => {
    if (!peer) return;
    const rules = drafts[direction].get(group)!;
    const key = JSON.stringify(peer);
    // Every egress policy ends with the DNS rule; an observed lookup needs no rule of its own.
    const dns = DNS_RULE.ports.some((p) => p.port === flow.port && p.protocol === flow.protocol);
    if (direction === 'Egress' && dns && key === DNS_PEER_KEY) return;
    let rule = rules.get(key);
    if (!rule) {
      rule = { peer, ports: new Map() };
      rules.set(key, rule);
    }
    rule.ports.set(`${flow.protocol}/${flow.port}`, { protocol: flow.protocol, port: flow.port });
  };

  for (const flow of flows) {
    const from = subject(flow.fromEnd);
    const to = subject(flow.toEnd);
    // A Pod reaching itself is loopback, which NetworkPolicy never governs.
    const { fromEnd, toEnd } = flow;
    if (fromEnd.kind === 'endpoint' && toEnd.kind === 'endpoint' && fromEnd.endpoint === toEnd.endpoint)
      if (fromEnd.endpoint.kind === 'Pod') continue;
    if (to) allow('Ingress', to, peerFor(flow.fromEnd, to.namespace), flow);
    if (from) allow('Egress', from, peerFor(flow.toEnd, from.namespace), flow);
  }

  const taken = new Set(cluster.policies.map((policy) => policy.id));
  const freeName = (namespace: string, preferred: string) => {
    let name = preferred;
    for (let n = 2; taken.has(`${namespace}/${name}`); n++) name = `${preferred}-${n}`;
    taken.add(`${namespace}/${name}`);
    return name;
  };

  const manifests: RawRecord[] = [];
  for (const direction of ['Ingress', 'Egress'] as const) {
    for (const [group, rules] of drafts[direction]) {
      // Peers allowed on the same ports share one rule.
      const byPorts = new Map<string, { peers: RawRecord[]; ports: { protocol: string; port: number }[] }>();
      for (const { peer, ports } of rules.values()) {
        const list = [...ports.values()].sort(comparePortKeys);
        const key = JSON.stringify(list);
        const entry = byPorts.get(key) ?? { peers: [] as RawRecord[], ports: list };
        entry.peers.push(peer);
        byPorts.set(key, entry);
      }
      const peersKey = direction === 'Ingress' ? 'from' : 'to';
      const ruleList: RawRecord[] = [...byPorts.values()].map(({ peers, ports }) => ({
        [peersKey]: peers,
        ports,
      }));
      const isDns = group.namespace === 'kube-system' && group.labels[DNS_LABEL.key] === DNS_LABEL.value;
      if (direction === 'Egress') ruleList.push(DNS_RULE);
      else if (isDns) {
        // Isolating kube-dns to the clients that happened to resolve names in the log would break DNS for the rest.
        ruleList.push({ from: [{ namespaceSelector: {} }], ports: DNS_RULE.ports });
        notes.add(`kube-system/${group.members[0]!.name} keeps DNS (UDP and TCP 53) open to every pod.`);
      }
      if (group.members.length > 1)
        notes.add(
          `${group.members.map((m) => m.id).join(', ')} have the same labels, so no selector tells them apart: they share their policies.`,
        );
      const suffix = `-observed-${direction.toLowerCase()}`;
      // A name is at most 253 characters; room is left for freeName's "-2".
      const base = group.members[0]!.name.slice(0, 253 - suffix.length - 4);
      const name = freeName(group.namespace, `${base}${suffix}`);
      manifests.push(
        networkPolicyManifest(group.namespace, name, {
          podSelector: selectorOf(group),
          policyTypes: [direction],
          [direction.toLowerCase()]: ruleList,
        }),
      );
    }
  }
  const metaOf = (m: RawRecord) => m.metadata as { namespace: string; name: string };
  manifests.sort(
    (a, b) =>
      metaOf(a).namespace.localeCompare(metaOf(b).namespace) || metaOf(a).name.localeCompare(metaOf(b).name),
  );
  return { manifests, yaml: manifests.map(toKubeYaml).join('---\n'), notes: [...notes] };
}
