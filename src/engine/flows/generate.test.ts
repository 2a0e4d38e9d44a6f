import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePolicies, lintWorkspace, loadWorkspace, observeTraffic, replayFlows } from '..';
import { allowed, workspaceOf } from '../../testing/workspace';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'flows');
const SHOP = readFileSync(join(FIXTURES, 'shop.yaml'), 'utf8');
const HUBBLE = readFileSync(join(FIXTURES, 'shop-hubble.jsonl'), 'utf8');

function withGenerated(text: string, log: string) {
  const workspace = workspaceOf(text);
  const traffic = observeTraffic(workspace.index, [{ file: 'log', text: log }]);
  const generated = generatePolicies(workspace.cluster, traffic.flows);
  const after = loadWorkspace([
    { name: 'test.yaml', text },
    { name: 'generated.yaml', text: generated.yaml },
  ]);
  return { workspace, traffic, generated, after };
}

describe('replay', () => {
  it('gives each observed flow the verdict of the workspace', () => {
    const workspace = workspaceOf(SHOP);
    const traffic = observeTraffic(workspace.index, [{ file: 'log', text: HUBBLE }]);
    const replay = replayFlows(workspace.cluster, traffic.flows);
    expect(
      replay.flows.map(({ from, to, actual, verdict }) => `${from} -> ${to}: ${actual} ${verdict}`),
    ).toEqual([
      'shop/api -> 192.0.2.80: allow allow-open',
      'shop/api -> kube-system/coredns: allow allow-open',
      'shop/web -> shop/api: allow allow',
      'shop/web -> shop/pg: deny deny-ingress',
    ]);
    expect([replay.observed, replay.denied]).toEqual([4, 1]);
  });
});

describe('generate', () => {
  it('gives policies only to the subjects asked for, naming the others as peers', () => {
    const workspace = workspaceOf(SHOP);
    const traffic = observeTraffic(workspace.index, [{ file: 'log', text: HUBBLE }]);
    const generated = generatePolicies(workspace.cluster, traffic.flows, {
      subjects: (endpoint) => endpoint.id === 'shop/api',
    });
    expect(generated.manifests.map((m) => (m.metadata as { name: string }).name)).toEqual([
      'api-observed-egress',
      'api-observed-ingress',
    ]);
  });

  it('allows exactly what the example log observed, and lints clean', () => {
    const { generated, after } = withGenerated(SHOP, HUBBLE);
    const names = generated.manifests.map((m) => {
      const { namespace, name } = m.metadata as { namespace: string; name: string };
      return `${namespace}/${name}`;
    });
    expect(names).toEqual([
      'kube-system/coredns-observed-egress',
      'kube-system/coredns-observed-ingress',
      'shop/api-observed-egress',
      'shop/api-observed-ingress',
      'shop/pg-observed-egress',
      'shop/pg-observed-ingress',
      'shop/web-observed-egress',
      'shop/web-observed-ingress',
    ]);
    const replay = replayFlows(
      after.cluster,
      observeTraffic(after.index, [{ file: 'log', text: HUBBLE }]).flows,
    );
    expect(replay.denied).toBe(0);
    expect(allowed(after, 'shop/api', '203.0.113.1', 443)).toBe(false);
    // pg-ingress allows api, but api's egress now lists only what api was seen calling.
    expect(allowed(after, 'shop/api', 'shop/pg', 5432)).toBe(false);
    expect(allowed(after, 'shop/web', 'shop/pg', 80)).toBe(false);
    expect(allowed(after, 'shop/pg', 'shop/api', 8080)).toBe(false);
    expect(allowed(after, 'shop/web', 'kube-system/coredns', '53/UDP')).toBe(true); // DNS is kept
    expect(lintWorkspace(after).filter((d) => d.severity === 'error')).toEqual([]);
    expect(after.diagnostics.filter((d) => d.file === 'generated.yaml' && d.severity !== 'info')).toEqual([]);
  });

  it('writes rules as an expert would: workload selectors, namespaces by name, an ipBlock per address', () => {
    const { generated } = withGenerated(SHOP, HUBBLE);
    const apiEgress = generated.yaml.split('---\n').find((doc) => doc.includes('name: api-observed-egress'));
    expect(apiEgress).toBe(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-observed-egress
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Egress
  egress:
    - to:
        - ipBlock:
            cidr: 192.0.2.80/32
      ports:
        - protocol: TCP
          port: 443
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
`);
  });

  it('never selects by hash labels, and tells a workload from one with the same labels and more', () => {
    const text = `
apiVersion: v1
kind: Pod
metadata: { name: a, namespace: ns, labels: { app: x, pod-template-hash: 5f7d9c4b8x } }
spec: { containers: [{ name: c, image: c, ports: [{ containerPort: 80 }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: b, namespace: ns, labels: { app: x, tier: db, controller-revision-hash: r1 } }
spec: { containers: [{ name: c, image: c, ports: [{ containerPort: 80 }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: c, namespace: ns }
spec: { containers: [{ name: c, image: c, ports: [{ containerPort: 80 }] }] }
`;
    const log = 'from,to,port,protocol\nns/c,ns/a,80,TCP\nns/b,ns/c,80,TCP\n';
    const { generated, after } = withGenerated(text, log);
    expect(generated.yaml).not.toMatch(/hash/);
    const selectorOf = (name: string) =>
      (
        generated.manifests.find((m) => (m.metadata as { name: string }).name === name)!.spec as {
          podSelector: unknown;
        }
      ).podSelector;
    expect(selectorOf('a-observed-ingress')).toEqual({
      matchLabels: { app: 'x' },
      matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }],
    });
    expect(selectorOf('c-observed-ingress')).toEqual({
      matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }],
    });
    expect(allowed(after, 'ns/c', 'ns/a', 80)).toBe(true);
    expect(allowed(after, 'ns/c', 'ns/b', 80)).toBe(false);
    expect(allowed(after, 'ns/b', 'ns/c', 80)).toBe(true);
    expect(allowed(after, 'ns/a', 'ns/c', 80)).toBe(false);
  });
});
