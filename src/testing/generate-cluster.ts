/**
 * Synthetic clusters shaped like real ones, for benchmarks: namespaces of 10–200 workloads,
 * Deployments whose replicas are Pods (pod-template-hash label, ReplicaSet owner, pod and host
 * IPs), StatefulSets, hostNetwork DaemonSets on every node, the usual label schemes (app, tier,
 * team, env, app.kubernetes.io/*), and a policy mix of default-deny, allow-from-namespace,
 * allow-from-label, ipBlock and named-port policies. Deterministic for a given seed.
 */
import { stringify } from 'yaml';

export type Json = Record<string, unknown>;

export interface GenerateOptions {
  seed: number;
  /** Stop adding workloads once this many pods exist... */
  pods?: number;
  /** ...or once the workloads would model as this many endpoints (after folding replicas). */
  endpoints?: number;
  policies: number;
}

export interface GeneratedCluster {
  /** Namespaces, workloads, their pods, Services and NetworkPolicies, as `kubectl get -o yaml` lists them. */
  items: Json[];
  podCount: number;
  /** Endpoints the engine will model: one per workload, plus pods that do not fold into one. */
  expectedEndpoints: number;
  policyCount: number;
}

/** mulberry32: small, fast and good enough to make shapes vary. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'cart',
  'checkout',
  'payments',
  'search',
  'catalog',
  'orders',
  'users',
  'auth',
  'billing',
  'inventory',
  'shipping',
  'reviews',
  'ads',
  'mail',
  'notify',
  'reports',
  'ledger',
  'pricing',
  'media',
  'events',
];
const TEAMS = ['red', 'blue', 'green', 'orange', 'purple', 'teal'];
const ENVS = ['prod', 'staging', 'dev'];

interface Tier {
  name: string;
  ports: { name: string; containerPort: number; protocol?: string }[];
}

const TIERS: Tier[] = [
  {
    name: 'frontend',
    ports: [
      { name: 'http', containerPort: 8080 },
      { name: 'metrics', containerPort: 9102 },
    ],
  },
  {
    name: 'backend',
    ports: [
      { name: 'http', containerPort: 8080 },
      { name: 'grpc', containerPort: 9090 },
      { name: 'metrics', containerPort: 9102 },
    ],
  },
  {
    name: 'api',
    ports: [
      { name: 'https', containerPort: 8443 },
      { name: 'metrics', containerPort: 9102 },
    ],
  },
  { name: 'worker', ports: [{ name: 'metrics', containerPort: 9102 }] },
  {
    name: 'db',
    ports: [
      { name: 'pg', containerPort: 5432 },
      { name: 'metrics', containerPort: 9187 },
    ],
  },
  {
    name: 'cache',
    ports: [
      { name: 'redis', containerPort: 6379 },
      { name: 'metrics', containerPort: 9121 },
    ],
  },
  {
    name: 'queue',
    ports: [
      { name: 'amqp', containerPort: 5672 },
      { name: 'metrics', containerPort: 15692 },
    ],
  },
];

const NODE_COUNT = 40;
const selectorOf = (labels: Json): Json => (labels.app ? { app: labels.app } : labels);
const nodeIp = (node: number) => `10.0.${node >> 8}.${(node & 255) + 10}`;
const nodeName = (node: number) => `node-${node}`;

class Generator {
  readonly items: Json[] = [];
  podCount = 0;
  endpointCount = 0;
  policyCount = 0;
  private uid = 0;
  /** Next free pod address per node (pod CIDR 10.244.<node>.0/24, then on into the next /16 block). */
  private readonly nextHost = new Array<number>(NODE_COUNT).fill(2);
  readonly namespaces: {
    name: string;
    team: string;
    env: string;
    apps: { name: string; tier: Tier; labels: Json }[];
  }[] = [];

  constructor(readonly rand: () => number) {}

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)]!;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }

  hash(length = 10): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let out = '';
    for (let i = 0; i < length; i++) out += this.pick([...alphabet]);
    return out;
  }

  nextUid(): string {
    this.uid++;
    return `6f1c${this.uid.toString(16).padStart(4, '0')}-0b2e-4c1a-9d7e-${this.uid.toString(16).padStart(12, '0')}`;
  }

  podIp(node: number): string {
    const host = this.nextHost[node]!++;
    return `10.${244 + (host >> 8)}.${node}.${host & 255}`;
  }

  meta(name: string, namespace: string | undefined, labels: Json, extra: Json = {}): Json {
    return {
      creationTimestamp: '2024-05-01T10:00:00Z',
      labels,
      name,
      ...(namespace ? { namespace } : {}),
      resourceVersion: String(1000 + this.uid),
      uid: this.nextUid(),
      ...extra,
    };
  }

  podSpec(app: string, tier: Tier, node?: number, hostNetwork = false): Json {
    return {
      containers: [
        {
          image: `registry.example.com/${app}:1.${this.int(0, 9)}.${this.int(0, 20)}`,
          imagePullPolicy: 'IfNotPresent',
          livenessProbe: {
            httpGet: { path: '/healthz', port: tier.ports[0]!.name, scheme: 'HTTP' },
            periodSeconds: 10,
          },
          name: app,
          ports: tier.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' })),
          resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
        },
      ],
      dnsPolicy: hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
      ...(hostNetwork ? { hostNetwork: true } : {}),
      ...(node === undefined ? {} : { nodeName: nodeName(node) }),
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: app,
      terminationGracePeriodSeconds: 30,
    };
  }

  podStatus(node: number, ip: string): Json {
    return {
      conditions: [
        { lastTransitionTime: '2024-05-01T10:00:05Z', status: 'True', type: 'Ready' },
        { lastTransitionTime: '2024-05-01T10:00:01Z', status: 'True', type: 'PodScheduled' },
      ],
      hostIP: nodeIp(node),
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      qosClass: 'Burstable',
      startTime: '2024-05-01T10:00:01Z',
    };
  }

  addNamespace(name: string, team: string, env: string): void {
    this.items.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: this.meta(name, undefined, { team, env }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
    this.namespaces.push({ name, team, env, apps: [] });
  }

  labelsFor(app: string, tier: Tier, team: string, env: string, partOf: string): Json {
    return {
      app,
      tier: tier.name,
      team,
      env,
      'app.kubernetes.io/name': app,
      'app.kubernetes.io/instance': `${app}-${env}`,
      'app.kubernetes.io/component': tier.name,
      'app.kubernetes.io/part-of': partOf,
      'app.kubernetes.io/managed-by': 'Helm',
    };
  }

  /** A Deployment, its ReplicaSet and its replicas; one endpoint. */
  addDeployment(namespace: string, app: string, tier: Tier, labels: Json, replicas: number): void {
    const hash = this.hash();
    const template = { metadata: { labels }, spec: this.podSpec(app, tier) };
    // (Helm-managed: no last-applied-configuration, unlike the Services and policies.)
    this.items.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: this.meta(app, namespace, labels, { generation: 1 }),
      spec: { replicas, selector: { matchLabels: selectorOf(labels) }, template },
      status: { availableReplicas: replicas, readyReplicas: replicas, replicas },
    });
    const replicaSet = `${app}-${hash}`;
    for (let r = 0; r < replicas; r++) {
      const node = this.int(0, NODE_COUNT - 1);
      const owner = {
        apiVersion: 'apps/v1',
        blockOwnerDeletion: true,
        controller: true,
        kind: 'ReplicaSet',
        name: replicaSet,
        uid: this.nextUid(),
      };
      this.items.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: this.meta(
          `${replicaSet}-${this.hash(5)}`,
          namespace,
          { ...labels, 'pod-template-hash': hash },
          { generateName: `${replicaSet}-`, ownerReferences: [owner] },
        ),
        spec: this.podSpec(app, tier, node),
        status: this.podStatus(node, this.podIp(node)),
      });
    }
    this.podCount += replicas;
    this.endpointCount += 1;
  }

  /**
   * A StatefulSet and its pods. Each pod carries its own `statefulset.kubernetes.io/pod-name`
   * label, so pods do not fold into the set: one endpoint per pod, plus the set itself.
   */
  addStatefulSet(namespace: string, app: string, tier: Tier, labels: Json, replicas: number): void {
    this.items.push({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: this.meta(app, namespace, labels),
      spec: {
        replicas,
        serviceName: app,
        selector: { matchLabels: selectorOf(labels) },
        template: { metadata: { labels }, spec: this.podSpec(app, tier) },
      },
    });
    const revision = `${app}-${this.hash()}`;
    for (let r = 0; r < replicas; r++) {
      const node = this.int(0, NODE_COUNT - 1);
      const podLabels = {
        ...labels,
        'controller-revision-hash': revision,
        'statefulset.kubernetes.io/pod-name': `${app}-${r}`,
        'apps.kubernetes.io/pod-index': String(r),
      };
      const owner = {
        apiVersion: 'apps/v1',
        blockOwnerDeletion: true,
        controller: true,
        kind: 'StatefulSet',
        name: app,
        uid: this.nextUid(),
      };
      this.items.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: this.meta(`${app}-${r}`, namespace, podLabels, { ownerReferences: [owner] }),
        spec: { ...this.podSpec(app, tier, node), hostname: `${app}-${r}`, subdomain: app },
        status: this.podStatus(node, this.podIp(node)),
      });
    }
    this.podCount += replicas;
    this.endpointCount += 1 + replicas;
  }

  /** A hostNetwork DaemonSet with a pod on every node: the node's address, one endpoint. */
  addHostDaemonSet(namespace: string, app: string, tier: Tier): void {
    const labels = { 'k8s-app': app, 'app.kubernetes.io/name': app };
    this.items.push({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: this.meta(app, namespace, labels),
      spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: this.podSpec(app, tier, undefined, true) },
      },
    });
    const revision = this.hash();
    for (let node = 0; node < NODE_COUNT; node++) {
      const owner = {
        apiVersion: 'apps/v1',
        blockOwnerDeletion: true,
        controller: true,
        kind: 'DaemonSet',
        name: app,
        uid: this.nextUid(),
      };
      this.items.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: this.meta(
          `${app}-${this.hash(5)}`,
          namespace,
          { ...labels, 'controller-revision-hash': revision, 'pod-template-generation': '1' },
          { ownerReferences: [owner] },
        ),
        spec: this.podSpec(app, tier, node, true),
        status: this.podStatus(node, nodeIp(node)),
      });
    }
    this.podCount += NODE_COUNT;
    this.endpointCount += 1;
  }

  addService(namespace: string, app: string, tier: Tier): void {
    this.items.push(
      this.applied({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: this.meta(app, namespace, { app }),
        spec: {
          selector: { app },
          ports: tier.ports.map((p) => ({
            name: p.name,
            port: p.containerPort === 8080 ? 80 : p.containerPort,
            targetPort: p.name,
            protocol: p.protocol ?? 'TCP',
          })),
          type: 'ClusterIP',
        },
      }),
    );
  }

  /** What `kubectl apply` leaves on the objects it wrote: a JSON copy, printed as a `|` block. */
  applied(object: Json): Json {
    const metadata = object.metadata as Json;
    const copy = {
      apiVersion: object.apiVersion,
      kind: object.kind,
      metadata: { name: metadata.name, namespace: metadata.namespace, labels: metadata.labels },
      spec: object.spec,
    };
    metadata.annotations = {
      'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(copy)}\n`,
    };
    return object;
  }

  addPolicy(namespace: string, name: string, spec: Json): void {
    this.items.push(
      this.applied({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: this.meta(name, namespace, {}),
        spec,
      }),
    );
    this.policyCount++;
  }
}

function addSystem(g: Generator): void {
  g.addNamespace('kube-system', 'platform', 'prod');
  g.addNamespace('monitoring', 'platform', 'prod');
  const dns: Tier = {
    name: 'dns',
    ports: [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53 },
      { name: 'metrics', containerPort: 9153 },
    ],
  };
  g.addDeployment('kube-system', 'coredns', dns, { 'k8s-app': 'kube-dns' }, 2);
  g.addHostDaemonSet('kube-system', 'kube-proxy', {
    name: 'proxy',
    ports: [{ name: 'metrics', containerPort: 10249 }],
  });
  g.addHostDaemonSet('monitoring', 'node-exporter', {
    name: 'exporter',
    ports: [{ name: 'metrics', containerPort: 9100 }],
  });
  g.addDeployment(
    'monitoring',
    'prometheus',
    { name: 'monitoring', ports: [{ name: 'web', containerPort: 9090 }] },
    { app: 'prometheus', 'app.kubernetes.io/name': 'prometheus' },
    2,
  );
}

function budgetLeft(g: Generator, options: GenerateOptions): boolean {
  return (
    (options.pods === undefined || g.podCount < options.pods) &&
    (options.endpoints === undefined || g.endpointCount < options.endpoints)
  );
}

function addWorkloads(g: Generator, options: GenerateOptions): void {
  for (let n = 0; budgetLeft(g, options); n++) {
    const env = g.pick(ENVS);
    const namespace = `${g.pick(WORDS)}-${env}-${n}`;
    const team = g.pick(TEAMS);
    g.addNamespace(namespace, team, env);
    const ns = g.namespaces[g.namespaces.length - 1]!;
    // Mostly small namespaces, a few large ones.
    const size = g.rand() < 0.8 ? g.int(10, 40) : g.int(40, 200);
    for (let w = 0; w < size && budgetLeft(g, options); w++) {
      const tier = w === 0 ? TIERS[0]! : g.pick(TIERS);
      const app = `${g.pick(WORDS)}-${tier.name}-${w}`;
      const labels = g.labelsFor(app, tier, team, env, namespace);
      ns.apps.push({ name: app, tier, labels });
      if (tier.name === 'db' && g.rand() < 0.6) g.addStatefulSet(namespace, app, tier, labels, g.int(1, 3));
      else g.addDeployment(namespace, app, tier, labels, g.int(1, 5));
      g.addService(namespace, app, tier);
    }
  }
}

const DNS_EGRESS = {
  to: [
    {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    },
  ],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

/** One policy of the mix, for namespace `ns`; `k` varies the choice. */
function addOnePolicy(g: Generator, ns: Generator['namespaces'][number], k: number): void {
  const app = g.pick(ns.apps);
  const peerApp = g.pick(ns.apps);
  const kind = k % 10;
  const name = `${app.name}-${['deny', 'from-ns', 'from-label', 'from-tier', 'egress-ext', 'from-lb', 'metrics', 'egress-db', 'from-team', 'node'][kind]}-${k}`;
  switch (kind) {
    case 0: // default deny, ingress only or both with a DNS exception
      if (g.rand() < 0.5)
        g.addPolicy(ns.name, `default-deny-${k}`, { podSelector: {}, policyTypes: ['Ingress'] });
      else
        g.addPolicy(ns.name, `default-deny-all-${k}`, {
          podSelector: {},
          policyTypes: ['Ingress', 'Egress'],
          egress: [DNS_EGRESS],
        });
      return;
    case 1: // allow from a namespace by name
      g.addPolicy(ns.name, name, {
        podSelector: { matchLabels: { app: app.name } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': g.pick(g.namespaces).name },
                },
              },
            ],
            ports: [{ port: app.tier.ports[0]!.containerPort }],
          },
        ],
      });
      return;
    case 2: // allow from one app in the same namespace, on a named port
      g.addPolicy(ns.name, name, {
        podSelector: { matchLabels: { app: app.name } },
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: peerApp.name } } }],
            ports: [{ port: app.tier.ports[0]!.name }],
          },
        ],
      });
      return;
    case 3: // allow from a tier
      g.addPolicy(ns.name, name, {
        podSelector: { matchLabels: { 'app.kubernetes.io/component': app.tier.name } },
        ingress: [
          {
            from: [
              {
                podSelector: {
                  matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'api'] }],
                },
              },
            ],
          },
        ],
      });
      return;
    case 4: // egress to the internet but not to private ranges, plus DNS
      g.addPolicy(ns.name, name, {
        podSelector: { matchLabels: { app: app.name } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } },
            ],
            ports: [{ port: 443 }],
          },
          DNS_EGRESS,
        ],
      });
      return;
    case 5: // from the load balancer range and the node network
      g.addPolicy(ns.name, name, {
        podSelector: { matchLabels: { tier: 'frontend' } },
        ingress: [
          {
            from: [
              { ipBlock: { cidr: '203.0.113.0/24' } },
              { ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } },
            ],
            ports: [{ port: 8080 }, { port: 8443 }],
          },
        ],
      });
      return;
    case 6: // metrics scraping from monitoring, by named port
      g.addPolicy(ns.name, name, {
        podSelector: {},
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
                podSelector: { matchLabels: { app: 'prometheus' } },
              },
            ],
            ports: [{ port: 'metrics' }],
          },
        ],
      });
      return;
    case 7: // egress to the databases of the namespace, a port range
      g.addPolicy(ns.name, name, {
        podSelector: { matchLabels: { app: app.name } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ podSelector: { matchLabels: { tier: 'db' } } }],
            ports: [{ port: 5432 }, { port: 6379, endPort: 6380 }],
          },
          DNS_EGRESS,
        ],
      });
      return;
    case 8: // from every namespace of a team and environment
      g.addPolicy(ns.name, name, {
        podSelector: { matchLabels: { app: app.name } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { team: g.pick(TEAMS), env: ns.env } },
                podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] },
              },
            ],
          },
        ],
      });
      return;
    default: // a pod subnet of one node (pod CIDR based allow, as some teams write)
      g.addPolicy(ns.name, name, {
        podSelector: { matchLabels: { app: app.name } },
        ingress: [
          {
            from: [{ ipBlock: { cidr: `10.244.${g.int(0, NODE_COUNT - 1)}.0/24` } }],
            ports: [{ protocol: 'TCP', port: 8000, endPort: 9000 }],
          },
        ],
      });
  }
}

function addPolicies(g: Generator, count: number): void {
  const userNamespaces = g.namespaces.filter((ns) => ns.apps.length > 0);
  if (userNamespaces.length === 0) return;
  const total = userNamespaces.reduce((sum, ns) => sum + ns.apps.length, 0);
  let k = 0;
  // Spread policies over namespaces in proportion to their size.
  for (const ns of userNamespaces) {
    const share = Math.max(1, Math.round((count * ns.apps.length) / total));
    for (let i = 0; i < share && g.policyCount < count; i++) addOnePolicy(g, ns, k++);
  }
  while (g.policyCount < count) addOnePolicy(g, g.pick(userNamespaces), k++);
}

export function generateCluster(options: GenerateOptions): GeneratedCluster {
  const g = new Generator(random(options.seed));
  addSystem(g);
  addWorkloads(g, options);
  addPolicies(g, options.policies);
  return {
    items: g.items,
    podCount: g.podCount,
    expectedEndpoints: g.endpointCount,
    policyCount: g.policyCount,
  };
}

/** The cluster as one `kind: List` document, the shape `kubectl get ... -o yaml` prints. */
export function toListYaml(items: readonly Json[]): string {
  return stringify(
    { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } },
    { lineWidth: 0, aliasDuplicateObjects: false, indentSeq: false },
  );
}

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/**
 * What `kubectl get pods,services,networkpolicies,namespaces -A` lists: the cluster without its
 * workloads, so that pods keep ownerReferences to ReplicaSets and sets that are not in the dump
 * and no replica folds into a workload (every pod is an endpoint of its own).
 */
export function withoutWorkloads(items: readonly Json[]): Json[] {
  return items.filter((item) => !WORKLOAD_KINDS.has(item.kind as string));
}

/** The cluster as one List the way `kubectl get ... -o json` prints it (four-space indents). */
export function toListJson(items: readonly Json[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)}\n`;
}
