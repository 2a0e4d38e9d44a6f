/**
 * Workspaces shaped like a small product's cluster, for layout tests and screenshots: `n`
 * namespaces of two or three workloads (an api, its database, sometimes a worker), each isolated
 * for ingress with rules that let a front namespace call the services behind it, each api reach
 * its own database, one namespace allow everything inside itself, and one api call an outside
 * payment provider. Flows have a direction, so a layout can put sources before destinations.
 */
const NAMES = [
  'frontend',
  'catalog',
  'cart',
  'orders',
  'checkout',
  'payments',
  'users',
  'search',
  'inventory',
  'shipping',
  'reviews',
  'billing',
  'ledger',
  'notify',
  'reports',
];

/** Who calls whom: the front namespace calls up to four services, each service up to two behind it. */
function callers(index: number): number[] {
  if (index === 0) return [];
  if (index <= 4) return [0];
  return [Math.floor((index - 5) / 2) + 1];
}

function deployment(ns: string, name: string, port: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: main
          image: registry.example/${name}:1
          ports: [{containerPort: ${port}}]
`;
}

export function layoutWorkspace(n: number): string {
  if (n > NAMES.length) throw new Error(`at most ${NAMES.length} namespaces`);
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    const ns = NAMES[i]!;
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}\n`);
    docs.push(deployment(ns, `${ns}-api`, 8080));
    docs.push(deployment(ns, `${ns}-db`, 5432));
    if (i % 3 === 0) docs.push(deployment(ns, `${ns}-worker`, 9090));
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-ingress, namespace: ${ns}}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-api, namespace: ${ns}}
spec:
  podSelector: {matchLabels: {app: ${ns}-db}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: ${ns}-api}}}]
      ports: [{port: 5432}]
`);
    const from = callers(i);
    if (from.length)
      docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-from-callers, namespace: ${ns}}
spec:
  podSelector: {matchLabels: {app: ${ns}-api}}
  ingress:
    - from:
${from
  .map(
    (c) =>
      `        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${NAMES[c]}}}\n          podSelector: {matchLabels: {app: ${NAMES[c]}-api}}`,
  )
  .join('\n')}
      ports: [{port: 8080}]
`);
    // One namespace trusts itself: every workload may reach every other one inside it.
    if (i === 3)
      docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-same-namespace, namespace: ${ns}}
spec:
  podSelector: {}
  ingress:
    - from: [{podSelector: {}}]
`);
  }
  const paying = n > 5 ? NAMES[5]! : NAMES[n - 1]!;
  docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-egress, namespace: ${paying}}
spec:
  podSelector: {matchLabels: {app: ${paying}-api}}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: 203.0.113.0/24}}]
      ports: [{port: 443}]
    - to: [{podSelector: {matchLabels: {app: ${paying}-db}}}]
      ports: [{port: 5432}]
`);
  return docs.join('---\n');
}
