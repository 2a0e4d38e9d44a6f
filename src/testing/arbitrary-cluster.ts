import fc from 'fast-check';
import { stringify } from 'yaml';

/** Small pools so that random selectors actually hit random labels. */
const KEYS = ['app', 'tier', 'env'];
const VALUES = ['a', 'b', 'c'];
const NAMESPACES = ['ns1', 'ns2', 'ns3'];
const PORTS = [53, 80, 443, 8080];
const PROTOCOLS = ['TCP', 'UDP'];

type Json = Record<string, unknown>;

const labelsArb = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 });

const selectorArb: fc.Arbitrary<Json> = fc.record(
  {
    matchLabels: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 1 }),
    matchExpressions: fc.array(
      fc.oneof(
        fc.record({
          key: fc.constantFrom(...KEYS),
          operator: fc.constantFrom('In', 'NotIn'),
          values: fc.subarray(VALUES, { minLength: 1 }),
        }),
        fc.record({ key: fc.constantFrom(...KEYS), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
      ),
      { maxLength: 1 },
    ),
  },
  { requiredKeys: [] },
);

const peerArb: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }),
  fc.record({
    ipBlock: fc.constantFrom(
      { cidr: '10.0.0.0/8' },
      { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] },
      { cidr: '0.0.0.0/0' },
    ),
  }),
);

const portArb: fc.Arbitrary<Json> = fc.oneof(
  fc.record(
    { protocol: fc.constantFrom(...PROTOCOLS), port: fc.constantFrom(...PORTS) },
    { requiredKeys: ['port'] },
  ),
  fc.record({ port: fc.constantFrom(80, 8000), endPort: fc.constantFrom(8080, 9000) }),
  fc.record({ port: fc.constantFrom('http', 'dns') }),
  fc.record({ protocol: fc.constantFrom(...PROTOCOLS) }),
);

function ruleArb(peersKey: 'from' | 'to'): fc.Arbitrary<Json> {
  return fc.record(
    { [peersKey]: fc.array(peerArb, { maxLength: 2 }), ports: fc.array(portArb, { maxLength: 2 }) },
    { requiredKeys: [] },
  );
}

export const policyArb: fc.Arbitrary<Json> = fc
  .record({
    namespace: fc.constantFrom(...NAMESPACES),
    podSelector: selectorArb,
    policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'], { minLength: 1 }), { nil: undefined }),
    ingress: fc.option(fc.array(ruleArb('from'), { maxLength: 2 }), { nil: undefined }),
    egress: fc.option(fc.array(ruleArb('to'), { maxLength: 2 }), { nil: undefined }),
  })
  .map(({ namespace, ...spec }) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace },
    spec: Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)),
  }));

const podArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  labels: labelsArb,
  ports: fc.subarray(
    [
      { name: 'http', containerPort: 80 },
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { containerPort: 8080 },
      { containerPort: 443 },
    ],
    { maxLength: 2 },
  ),
  withIp: fc.boolean(),
});

export interface ArbitraryCluster {
  /** Namespaces and pods. */
  base: Json[];
  policies: Json[];
}

/*
 * Cluster-scoped tier policies (tiered-policies.md): ClusterNetworkPolicy in both tiers, the
 * v1alpha1 AdminNetworkPolicy and the one BaselineAdminNetworkPolicy, with few priorities so that
 * ties happen, every peer and port form of each version, and Pass.
 */
const TIER_CIDRS = [
  '10.0.0.0/16',
  '10.0.1.0/24',
  '10.0.0.1/32',
  '0.0.0.0/0',
  '192.168.0.1/32',
  'fd00::/64',
  '::/0',
];

const tierSelectionArb: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ namespaces: selectorArb }),
  fc.record({
    pods: fc.record(
      { namespaceSelector: selectorArb, podSelector: selectorArb },
      { requiredKeys: ['podSelector'] },
    ),
  }),
);

function tierPeerArb(egress: boolean, v1alpha1Pods: boolean): fc.Arbitrary<Json> {
  const pods = v1alpha1Pods
    ? fc.record({ pods: fc.record({ namespaceSelector: selectorArb, podSelector: selectorArb }) })
    : tierSelectionArb;
  if (!egress) return pods;
  return fc.oneof(
    pods,
    fc.record({ networks: fc.subarray(TIER_CIDRS, { minLength: 1, maxLength: 2 }) }),
    fc.record({ nodes: selectorArb }),
  );
}

const v1alpha2PortArb: fc.Arbitrary<Json> = fc.oneof(
  fc
    .tuple(fc.constantFrom('tcp', 'udp', 'sctp'), fc.constantFrom(53, 80, 443, 8080, 9090))
    .map(([protocol, number]) => ({ [protocol]: { destinationPort: { number } } })),
  fc
    .tuple(fc.constantFrom('tcp', 'udp'), fc.constantFrom(53, 80, 8000), fc.constantFrom(81, 8080, 9090))
    // The CRDs want a range's start below its end.
    .filter(([, start, end]) => start < end)
    .map(([protocol, start, end]) => ({ [protocol]: { destinationPort: { range: { start, end } } } })),
  fc.record({ destinationNamedPort: fc.constantFrom('http', 'dns', 'metrics') }),
);

const v1alpha1PortArb: fc.Arbitrary<Json> = fc.oneof(
  fc
    .record(
      { protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'), port: fc.constantFrom(53, 80, 443, 8080, 9090) },
      { requiredKeys: ['port'] },
    )
    .map((portNumber) => ({ portNumber })),
  fc
    .record(
      {
        protocol: fc.constantFrom('TCP', 'UDP'),
        start: fc.constantFrom(53, 80, 8000),
        end: fc.constantFrom(80, 8080, 9090),
      },
      { requiredKeys: ['start', 'end'] },
    )
    // start = end is one port in v1alpha1 (only v1alpha2's CEL wants start < end).
    .filter(({ start, end }) => start <= end)
    .map((portRange) => ({ portRange })),
  fc.record({ namedPort: fc.constantFrom('http', 'dns', 'metrics') }),
);

function tierRuleArb(direction: 'ingress' | 'egress', kind: string): fc.Arbitrary<Json> {
  const v1alpha1 = kind !== 'ClusterNetworkPolicy';
  const actions =
    kind === 'BaselineAdminNetworkPolicy'
      ? ['Allow', 'Deny']
      : v1alpha1
        ? ['Allow', 'Deny', 'Pass']
        : ['Accept', 'Deny', 'Pass'];
  return fc
    .record(
      {
        action: fc.constantFrom(...actions),
        [direction === 'ingress' ? 'from' : 'to']: fc.array(tierPeerArb(direction === 'egress', v1alpha1), {
          minLength: 1,
          maxLength: 2,
        }),
        [v1alpha1 ? 'ports' : 'protocols']: fc.array(v1alpha1 ? v1alpha1PortArb : v1alpha2PortArb, {
          minLength: 1,
          maxLength: 2,
        }),
      },
      { requiredKeys: ['action', direction === 'ingress' ? 'from' : 'to'] },
    )
    .map(withoutImpossibleNamedPorts);
}

/** The CRDs reject a named port in a rule with networks or nodes peers (those have no named ports). */
function withoutImpossibleNamedPorts(rule: Json): Json {
  const peers = (rule.to ?? rule.from) as Json[];
  if (!peers.some((peer) => 'networks' in peer || 'nodes' in peer)) return rule;
  const key = 'protocols' in rule ? 'protocols' : 'ports';
  const ports = ((rule[key] ?? []) as Json[]).filter(
    (port) => !('destinationNamedPort' in port) && !('namedPort' in port),
  );
  const { [key]: _dropped, ...rest } = rule;
  return ports.length ? { ...rest, [key]: ports } : rest;
}

const TIERED_KINDS = {
  all: ['ClusterNetworkPolicy', 'ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'],
  v1alpha1: ['AdminNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy'],
} as const;

const tieredPolicyArb = (kinds: keyof typeof TIERED_KINDS): fc.Arbitrary<Json> =>
  fc.constantFrom(...TIERED_KINDS[kinds]).chain((kind) =>
    fc
      .record({
        tier: fc.constantFrom('Admin', 'Baseline'),
        priority: fc.integer({ min: 0, max: 3 }),
        subject:
          kind === 'ClusterNetworkPolicy'
            ? tierSelectionArb
            : fc.oneof(
                fc.record({ namespaces: selectorArb }),
                fc.record({ pods: fc.record({ namespaceSelector: selectorArb, podSelector: selectorArb }) }),
              ),
        ingress: fc.array(tierRuleArb('ingress', kind), { maxLength: 3 }),
        egress: fc.array(tierRuleArb('egress', kind), { maxLength: 3 }),
      })
      .map(({ tier, priority, ...spec }) => ({
        apiVersion: `policy.networking.k8s.io/${kind === 'ClusterNetworkPolicy' ? 'v1alpha2' : 'v1alpha1'}`,
        kind,
        metadata: { name: 'p' },
        spec: {
          ...(kind === 'ClusterNetworkPolicy' && { tier }),
          ...(kind !== 'BaselineAdminNetworkPolicy' && { priority }),
          ...spec,
        },
      })),
  );

/** A random cluster: labelled namespaces, 2–6 pods (some with IPs), 0–4 policies with unique names. */
export const clusterArb: fc.Arbitrary<ArbitraryCluster> = fc
  .record({
    namespaceLabels: fc.tuple(labelsArb, labelsArb, labelsArb),
    pods: fc.array(podArb, { minLength: 2, maxLength: 6 }),
    policies: fc.array(policyArb, { maxLength: 4 }),
  })
  .map(({ namespaceLabels, pods, policies }) => ({
    base: [
      ...NAMESPACES.map((name, i) => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, labels: namespaceLabels[i] },
      })),
      ...pods.map((pod, i) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `pod${i}`, namespace: pod.namespace, labels: pod.labels },
        spec: { containers: [{ name: 'c', image: 'c', ports: pod.ports }] },
        ...(pod.withIp ? { status: { podIP: `10.0.${i}.1` } } : {}),
      })),
    ],
    policies: policies.map((policy, i) => ({
      ...policy,
      metadata: { ...(policy.metadata as Json), name: `policy${i}` },
    })),
  }));

export function toYaml(objects: readonly Json[]): string {
  return objects.map((object) => stringify(object)).join('---\n');
}

/*
 * A richer random cluster for the class-matrix differential tests: pods that share labels (so
 * classes have several members), IPv4, IPv6 and dual-stack pod IPs that ipBlocks (with excepts)
 * split, hostNetwork pods on the nodes other pods run on, named ports whose numbers differ per
 * pod, endPort ranges, SCTP, workloads with folded replicas, and a namespace nobody declares.
 */

const RICH_NAMESPACES = ['ns1', 'ns2', 'ns3', 'ns4'];
const NODE_IPS = ['192.168.0.1', '192.168.0.2'];

const IP_BLOCKS: Json[] = [
  { cidr: '10.0.0.0/16' },
  { cidr: '10.0.0.0/24' },
  { cidr: '10.0.1.0/24' },
  { cidr: '10.0.0.1/32' },
  { cidr: '10.0.1.2/32' },
  { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] },
  { cidr: '10.0.0.0/23', except: ['10.0.0.1/32', '10.0.1.2/32'] },
  { cidr: '0.0.0.0/0' },
  { cidr: '192.168.0.0/24' },
  { cidr: '192.168.0.1/32' },
  { cidr: 'fd00::/64' },
  { cidr: 'fd00::1/128' },
  { cidr: 'fd00::/112', except: ['fd00::2/128'] },
  { cidr: '::/0' },
];

const richPeerArb: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }),
  fc.record({ ipBlock: fc.constantFrom(...IP_BLOCKS) }),
);

const richPortArb: fc.Arbitrary<Json> = fc.oneof(
  fc.record(
    { protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'), port: fc.constantFrom(53, 80, 443, 8080, 9090) },
    { requiredKeys: ['port'] },
  ),
  fc
    .record(
      {
        protocol: fc.constantFrom('TCP', 'UDP'),
        port: fc.constantFrom(53, 80, 8000),
        endPort: fc.constantFrom(80, 8080, 9090),
      },
      { requiredKeys: ['port', 'endPort'] },
    )
    .filter((p) => (p.endPort as number) >= (p.port as number)),
  fc.record(
    { protocol: fc.constantFrom('TCP', 'UDP'), port: fc.constantFrom('http', 'dns', 'metrics') },
    { requiredKeys: ['port'] },
  ),
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') }),
);

function richRuleArb(peersKey: 'from' | 'to'): fc.Arbitrary<Json> {
  return fc.record(
    { [peersKey]: fc.array(richPeerArb, { maxLength: 3 }), ports: fc.array(richPortArb, { maxLength: 3 }) },
    { requiredKeys: [] },
  );
}

export const richPolicyArb: fc.Arbitrary<Json> = fc
  .record({
    namespace: fc.constantFrom(...RICH_NAMESPACES),
    podSelector: selectorArb,
    policyTypes: fc.option(fc.subarray(['Ingress', 'Egress'], { minLength: 1 }), { nil: undefined }),
    ingress: fc.option(fc.array(richRuleArb('from'), { maxLength: 3 }), { nil: undefined }),
    egress: fc.option(fc.array(richRuleArb('to'), { maxLength: 3 }), { nil: undefined }),
  })
  .map(({ namespace, ...spec }) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p', namespace },
    spec: Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)),
  }));

/** Container ports: the same name means different numbers (or protocols) on different pods. */
const CONTAINER_PORTS: Json[] = [
  { name: 'http', containerPort: 80 },
  { name: 'http', containerPort: 8080 },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'dns', containerPort: 53 },
  { name: 'metrics', containerPort: 9090 },
  { containerPort: 443 },
  { containerPort: 8080, protocol: 'SCTP' },
];

const richPodArb = fc.record({
  namespace: fc.constantFrom(...RICH_NAMESPACES),
  labels: labelsArb,
  /** Indices into CONTAINER_PORTS; unique names per pod, as the API requires. */
  ports: fc.subarray([0, 1, 2, 3, 4, 5, 6], { maxLength: 3 }).map((picked) => {
    const names = new Set<unknown>();
    const ports: Json[] = [];
    for (const port of picked.map((i) => CONTAINER_PORTS[i]!)) {
      if (port.name && names.has(port.name)) continue;
      names.add(port.name);
      ports.push(port);
    }
    return ports;
  }),
  ips: fc.constantFrom('none', 'v4', 'v6', 'dual', 'dual6'),
  node: fc.constantFrom(-1, 0, 1),
  copies: fc.integer({ min: 1, max: 3 }),
});

export interface RichClusterOptions {
  /**
   * Add cluster-scoped tier policies and Node objects (labelled; sometimes left out): of every kind,
   * or only the v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy.
   */
  tiers?: boolean | 'v1alpha1';
  /**
   * Allow endpoints that list an IPv6 address before an IPv4 one (dual-stack pods, workloads
   * whose first replica is IPv6-only); see classes.test.ts on why this matters.
   */
  ipv6First?: boolean;
}

function podIps(kind: string, n: number, ipv6First: boolean): string[] {
  const v4 = `10.0.${n % 2}.${Math.floor(n / 2) + 1}`;
  const v6 = `fd00::${n + 1}`;
  if (kind === 'v4') return [v4];
  if (kind === 'v6') return [v6];
  if (kind === 'dual') return [v4, v6];
  if (kind === 'dual6') return ipv6First ? [v6, v4] : [v4, v6];
  return [];
}

function podObject(
  name: string,
  namespace: string,
  labels: Json,
  ports: Json[],
  ips: string[],
  hostNetwork: boolean,
  node: number,
  owner?: string,
): Json {
  const nodeIp = node >= 0 ? NODE_IPS[node] : undefined;
  // A hostNetwork pod has its node's address.
  const addresses = hostNetwork ? (nodeIp ? [nodeIp] : []) : ips;
  const status: Json = {};
  if (addresses.length) status.podIPs = addresses.map((ip) => ({ ip }));
  if (nodeIp) status.hostIP = nodeIp;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels,
      ...(owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: `${owner}-5d8f`,
                uid: 'u',
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: { ...(hostNetwork ? { hostNetwork: true } : {}), containers: [{ name: 'c', image: 'c', ports }] },
    ...(Object.keys(status).length ? { status } : {}),
  };
}

export function richClusterArb(options: RichClusterOptions = {}): fc.Arbitrary<ArbitraryCluster> {
  const deploymentArb = fc.record({
    namespace: fc.constantFrom(...RICH_NAMESPACES),
    labels: labelsArb,
    ports: fc
      .subarray([0, 2, 4, 5], { maxLength: 2 })
      .map((picked) => picked.map((i) => CONTAINER_PORTS[i]!)),
    // A workload's addresses are its replicas' in order; a v6-only replica before a v4 one would
    // list IPv6 first (see RichClusterOptions.ipv6First).
    replicas: fc.array(
      fc.record({
        ips: fc.constantFrom('none', 'v4', 'dual', 'dual6', ...(options.ipv6First ? ['v6'] : [])),
        node: fc.constantFrom(-1, 0, 1),
      }),
      { maxLength: 2 },
    ),
  });
  return fc
    .record({
      namespaceLabels: fc.tuple(labelsArb, labelsArb, labelsArb),
      pods: fc.array(richPodArb, { minLength: 1, maxLength: 6 }),
      hostNetworkPods: fc.array(fc.record({ labels: labelsArb, node: fc.constantFrom(-1, 0, 1) }), {
        maxLength: 2,
      }),
      deployments: fc.array(deploymentArb, { maxLength: 2 }),
      policies: fc.array(richPolicyArb, { maxLength: options.tiers ? 3 : 5 }),
      tiered: options.tiers
        ? fc.array(tieredPolicyArb(options.tiers === 'v1alpha1' ? 'v1alpha1' : 'all'), {
            minLength: 1,
            maxLength: 4,
          })
        : fc.constant<Json[]>([]),
      nodeLabels: fc.array(fc.option(labelsArb, { nil: null }), { minLength: 2, maxLength: 2 }),
    })
    .map(({ namespaceLabels, pods, hostNetworkPods, deployments, policies, tiered, nodeLabels }) => {
      const ipv6First = options.ipv6First ?? false;
      const objects: Json[] = RICH_NAMESPACES.slice(0, 3).map((name, i) => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, labels: namespaceLabels[i] },
      }));
      let n = 0;
      pods.forEach((pod, p) => {
        for (let copy = 0; copy < pod.copies; copy++, n++) {
          objects.push(
            podObject(
              `pod${p}-${copy}`,
              pod.namespace,
              pod.labels,
              pod.ports,
              podIps(pod.ips, n, ipv6First),
              false,
              pod.node,
            ),
          );
        }
      });
      hostNetworkPods.forEach((pod, h) =>
        objects.push(podObject(`host${h}`, 'ns1', pod.labels, [CONTAINER_PORTS[0]!], [], true, pod.node)),
      );
      deployments.forEach((deployment, d) => {
        const name = `deploy${d}`;
        objects.push({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name, namespace: deployment.namespace },
          spec: {
            selector: { matchLabels: deployment.labels },
            template: {
              metadata: { labels: deployment.labels },
              spec: { containers: [{ name: 'c', image: 'c', ports: deployment.ports }] },
            },
          },
        });
        deployment.replicas.forEach((replica, r) => {
          const labels = { ...deployment.labels, 'pod-template-hash': '5d8f' };
          objects.push(
            podObject(
              `${name}-5d8f-r${r}`,
              deployment.namespace,
              labels,
              deployment.ports,
              podIps(replica.ips, n++, ipv6First),
              false,
              replica.node,
              name,
            ),
          );
        });
      });
      if (options.tiers)
        NODE_IPS.forEach((address, i) => {
          const labels = nodeLabels[i];
          if (labels)
            objects.push({
              apiVersion: 'v1',
              kind: 'Node',
              metadata: { name: `node${i}`, labels },
              status: { addresses: [{ type: 'InternalIP', address }] },
            });
        });
      let baseline = false;
      const tieredObjects = tiered.flatMap((policy, i): Json[] => {
        if (policy.kind !== 'BaselineAdminNetworkPolicy')
          return [{ ...policy, metadata: { name: `tiered${i}` } }];
        // At most one BaselineAdminNetworkPolicy, named default.
        if (baseline) return [];
        baseline = true;
        return [{ ...policy, metadata: { name: 'default' } }];
      });
      return {
        base: objects,
        policies: [
          ...policies.map((policy, i) => ({
            ...policy,
            metadata: { ...(policy.metadata as Json), name: `policy${i}` },
          })),
          ...tieredObjects,
        ],
      };
    });
}
