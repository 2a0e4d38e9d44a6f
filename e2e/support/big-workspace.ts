/**
 * The 300-pod workspace of issue 11: 15 namespaces (kube-system and 14 of a shop), each workload
 * a Deployment whose replicas are Pods, as `kubectl get deploy,pods,netpol -A -o yaml` lists
 * them. Names share their first letters (cart, catalog, checkout…) and some are long, so that a
 * name cut after a letter or two cannot tell them apart. Deterministic.
 */
import { stringify } from 'yaml';

type Json = Record<string, unknown>;

export const BIG_NAMESPACES = [
  'cart',
  'catalog',
  'checkout',
  'customer-notifications',
  'inventory-reservations',
  'orders',
  'payments-gateway',
  'pricing',
  'recommendations-engine',
  'reviews',
  'search',
  'shipping',
  'storefront-ui',
  'users',
] as const;

/** Workloads per shop namespace, three replicas each: 14 × 7 × 3 + 6 in kube-system = 300 pods. */
const WORKLOADS = ['api', 'worker', 'cache', 'db', 'events-consumer', 'admin-dashboard', 'metrics-exporter'];
const PORTS: Record<string, number> = {
  api: 8080,
  worker: 9000,
  cache: 6379,
  db: 5432,
  'events-consumer': 9092,
  'admin-dashboard': 3000,
  'metrics-exporter': 9102,
};

const HASH = 'f7c9d5b8';

function deployment(namespace: string, name: string, labels: Json, port: number, replicas: number): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name, image: `registry.example.com/${name}:1.0`, ports: [{ containerPort: port }] }],
        },
      },
    },
  };
}

function pods(
  namespace: string,
  name: string,
  labels: Json,
  port: number,
  replicas: number,
  ip: () => string,
) {
  return Array.from({ length: replicas }, (_, r) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${name}-${HASH}-${'bcdfg'[r]}x${r}q`,
      namespace,
      labels: { ...labels, 'pod-template-hash': HASH },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${name}-${HASH}`,
          controller: true,
          uid: `${namespace}-${name}`,
        },
      ],
    },
    spec: {
      containers: [{ name, image: `registry.example.com/${name}:1.0`, ports: [{ containerPort: port }] }],
    },
    status: { phase: 'Running', podIP: ip() },
  }));
}

function policy(namespace: string, name: string, spec: Json): Json {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

export interface BigWorkspace {
  text: string;
  podCount: number;
  namespaces: string[];
}

export function bigWorkspace(): BigWorkspace {
  let host = 10;
  const ip = () => `10.244.${host >> 8}.${host++ & 255}`;
  const items: Json[] = [];
  let podCount = 0;
  const add = (namespace: string, name: string, labels: Json, port: number, replicas: number) => {
    items.push(deployment(namespace, name, labels, port, replicas));
    items.push(...pods(namespace, name, labels, port, replicas, ip));
    podCount += replicas;
  };

  items.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
  add('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, 53, 2);
  add('kube-system', 'metrics-server', { 'k8s-app': 'metrics-server' }, 4443, 2);
  add('kube-system', 'aws-load-balancer-controller', { app: 'aws-load-balancer-controller' }, 9443, 2);

  BIG_NAMESPACES.forEach((namespace, n) => {
    items.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels: { team: `team-${n % 4}` } },
    });
    for (const workload of WORKLOADS)
      add(
        namespace,
        `${namespace}-${workload}`,
        { app: `${namespace}-${workload}`, tier: workload },
        PORTS[workload]!,
        3,
      );
    // Half the namespaces deny ingress by default and let in their own pods and the storefront.
    if (n % 2 === 0) {
      items.push(policy(namespace, 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }));
      items.push(
        policy(namespace, 'allow-same-namespace', {
          podSelector: {},
          ingress: [{ from: [{ podSelector: {} }] }],
        }),
      );
      items.push(
        policy(namespace, 'allow-storefront-api', {
          podSelector: { matchLabels: { tier: 'api' } },
          ingress: [
            {
              from: [
                { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'storefront-ui' } } },
              ],
              ports: [{ port: 8080, protocol: 'TCP' }],
            },
          ],
        }),
      );
    }
    // Every third one also denies egress, but for DNS.
    if (n % 3 === 0)
      items.push(
        policy(namespace, 'default-deny-egress', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { port: 53, protocol: 'UDP' },
                { port: 53, protocol: 'TCP' },
              ],
            },
          ],
        }),
      );
  });
  const text = stringify(
    { apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } },
    { lineWidth: 0, aliasDuplicateObjects: false },
  );
  return { text, podCount, namespaces: ['kube-system', ...BIG_NAMESPACES] };
}
