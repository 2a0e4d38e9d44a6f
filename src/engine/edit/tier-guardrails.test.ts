import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyOk, expectValid, load, type Applied } from '../../testing/edit-workspace';
import { allowed } from '../../testing/workspace';
import { validateTieredPolicy } from '../validate/tiered-policy';
import { applyIntent } from './apply-intent';
import type { EditIntent } from './intents';

const pod = (namespace: string, name: string, labels: string, port: string) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: {${labels}}}
spec:
  containers: [{name: c, image: i, ports: [${port}]}]
`;

/**
 * shop (front, db), ops (mon, serving metrics on 9100), kube-system (coredns). shop's
 * `db-from-front` isolates db for ingress and admits shop/front and ops/mon on 5432.
 */
const WORKSPACE = `# a hand-written workspace
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
${pod('shop', 'front', 'app: front', '{containerPort: 8080}')}${pod('shop', 'db', 'app: db', '{containerPort: 5432}, {name: metrics, containerPort: 9100}')}${pod('ops', 'mon', 'app: mon', '{containerPort: 9090}')}${pod('kube-system', 'coredns', 'k8s-app: kube-dns', '{containerPort: 53, protocol: UDP}')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-front, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - podSelector: {matchLabels: {app: front}}
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}
    ports: [{port: 5432}]
`;

/** The documents the intent appended: everything after the original text, which must stay a prefix. */
function appended(applied: Applied): Record<string, unknown>[] {
  expect(applied.after.startsWith(applied.before)).toBe(true);
  const added = applied.after
    .slice(applied.before.length)
    .split(/^---$/m)
    .filter((doc) => doc.trim())
    .map((doc) => parse(doc) as Record<string, unknown>);
  for (const doc of added) {
    expect(doc.apiVersion).toBe('policy.networking.k8s.io/v1alpha2');
    expect(doc.kind).toBe('ClusterNetworkPolicy');
    expect(validateTieredPolicy(doc, 'ClusterNetworkPolicy')).toEqual([]);
  }
  expectValid(applied);
  return added;
}

const spec = (doc: Record<string, unknown>) => doc.spec as Record<string, unknown>;

/** An Admin Accept into `to` from `from` at priority 50. */
const adminAccept = (from: string, to: string) => `---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: ${from}-into-${to}}
spec:
  tier: Admin
  priority: 50
  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: ${to}}}}
  ingress:
  - {action: Accept, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: ${from}}}}]}
`;

describe('tier-deny-namespaces: an Admin Deny no NetworkPolicy can reopen', () => {
  it('denies every flow from the one namespace to the other, and only those', () => {
    const text = `${WORKSPACE}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-all-in, namespace: shop}
spec:
  podSelector: {}
  ingress: [{}]
`;
    const before = load(text);
    expect(allowed(before, 'ops/mon', 'shop/db', 5432)).toBe(true);
    expect(allowed(before, 'ops/mon', 'shop/front', 8080)).toBe(true);
    const applied = applyOk(text, { kind: 'tier-deny-namespaces', from: 'ops', to: 'shop' });
    const [doc] = appended(applied);
    expect(doc!.metadata).toEqual({ name: 'deny-ops-to-shop' });
    expect(spec(doc!)).toMatchObject({ tier: 'Admin', priority: 100 });
    const after = applied.workspace;
    // shop's allow-all-in and db-from-front both admit ops: the Admin tier decides first.
    expect(allowed(after, 'ops/mon', 'shop/db', 5432)).toBe(false);
    expect(allowed(after, 'ops/mon', 'shop/front', 8080)).toBe(false);
    expect(allowed(after, 'shop/front', 'shop/db', 5432)).toBe(true);
    expect(allowed(after, 'shop/front', 'ops/mon', 9090)).toBe(true);
    expect(applied.summary).toContain(
      'Adds ClusterNetworkPolicy deny-ops-to-shop (Admin tier, priority 100).',
    );
    expect(applied.summary).toContain('Stops ops/mon -> shop/db on TCP 5432');
    expect(applied.summary).toContain('ops/mon -> shop/front on TCP 8080');
  });

  it('goes before an Admin Accept that would let the traffic through, on a free priority', () => {
    const text = `${WORKSPACE}${adminAccept('ops', 'shop')}`;
    expect(allowed(load(text), 'ops/mon', 'shop/front', 8080)).toBe(true);
    const applied = applyOk(text, { kind: 'tier-deny-namespaces', from: 'ops', to: 'shop' });
    const [doc] = appended(applied);
    expect(spec(doc!).priority).toBe(49);
    expect(applied.summary).toContain('before the Admin policy at priority 50');
    expect(allowed(applied.workspace, 'ops/mon', 'shop/front', 8080)).toBe(false);
  });

  it('refuses unknown namespaces and a namespace to itself', () => {
    const workspace = load(WORKSPACE);
    const refused = (intent: EditIntent) => {
      const result = applyIntent(workspace, intent);
      return result.ok ? '' : result.message;
    };
    expect(refused({ kind: 'tier-deny-namespaces', from: 'ops', to: 'nowhere' })).toBe(
      'There is no namespace nowhere in the workspace.',
    );
    expect(refused({ kind: 'tier-deny-namespaces', from: 'ops', to: 'ops' })).toBe(
      'Choose two different namespaces.',
    );
  });
});

describe('tier-allow-from-namespace: an Admin Accept for a monitoring namespace', () => {
  it('opens the given port into every namespace, past their NetworkPolicies', () => {
    expect(allowed(load(WORKSPACE), 'ops/mon', 'shop/db', 9100)).toBe(false);
    const applied = applyOk(WORKSPACE, {
      kind: 'tier-allow-from-namespace',
      namespace: 'ops',
      ports: [{ port: 9100, protocol: 'TCP' }],
    });
    const [doc] = appended(applied);
    expect(doc!.metadata).toEqual({ name: 'allow-ops-to-all-namespaces' });
    expect(spec(doc!)).toEqual({
      tier: 'Admin',
      priority: 100,
      subject: { namespaces: {} },
      ingress: [
        {
          name: 'accept from ops',
          action: 'Accept',
          from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } }],
          protocols: [{ tcp: { destinationPort: { number: 9100 } } }],
        },
      ],
    });
    expect(allowed(applied.workspace, 'ops/mon', 'shop/db', 9100)).toBe(true);
    // Other ports and other sources stay as db-from-front says.
    expect(allowed(applied.workspace, 'ops/mon', 'shop/db', 5432)).toBe(true);
    expect(allowed(applied.workspace, 'shop/front', 'shop/db', 9100)).toBe(false);
    expect(applied.summary).toContain('Allows ops/mon -> shop/db on TCP 9100');
  });

  it('goes after a Deny guardrail only when that guardrail does not decide its traffic', () => {
    const guarded = applyOk(WORKSPACE, { kind: 'tier-deny-namespaces', from: 'shop', to: 'ops' });
    const applied = applyOk(guarded.after, { kind: 'tier-allow-from-namespace', namespace: 'ops' });
    expect(spec(appended(applied)[0]!).priority).toBe(110);
    // With every port and a named-port list alike, the Deny of ops -> shop comes first and wins.
    const denied = applyOk(WORKSPACE, { kind: 'tier-deny-namespaces', from: 'ops', to: 'shop' });
    const reopened = applyOk(denied.after, {
      kind: 'tier-allow-from-namespace',
      namespace: 'ops',
      ports: [{ port: 'metrics', protocol: 'TCP' }],
    });
    expect(spec(appended(reopened)[0]!).priority).toBe(99);
    expect(allowed(reopened.workspace, 'ops/mon', 'shop/db', 9100)).toBe(true);
    expect(allowed(reopened.workspace, 'ops/mon', 'shop/db', 5432)).toBe(false);
  });
});

describe('tier-baseline-deny-between-namespaces', () => {
  it('denies across namespaces by default; same-namespace traffic and NetworkPolicy allows stay', () => {
    const before = load(WORKSPACE);
    expect(allowed(before, 'shop/front', 'ops/mon', 9090)).toBe(true);
    const applied = applyOk(WORKSPACE, { kind: 'tier-baseline-deny-between-namespaces' });
    const docs = appended(applied);
    // kube-system serves cluster DNS and stays open.
    expect(docs.map((doc) => (doc.metadata as { name: string }).name)).toEqual([
      'baseline-deny-into-ops',
      'baseline-deny-into-shop',
    ]);
    expect(docs.map((doc) => spec(doc).priority)).toEqual([100, 101]);
    expect(spec(docs[0]!).ingress).toEqual([
      {
        name: 'deny from other namespaces',
        action: 'Deny',
        from: [
          {
            namespaces: {
              matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['ops'] }],
            },
          },
        ],
      },
    ]);
    const after = applied.workspace;
    expect(allowed(after, 'shop/front', 'ops/mon', 9090)).toBe(false);
    expect(allowed(after, 'ops/mon', 'shop/front', 8080)).toBe(false);
    expect(allowed(after, 'shop/db', 'shop/front', 8080)).toBe(true);
    expect(allowed(after, 'shop/front', 'kube-system/coredns', '53/UDP')).toBe(true);
    // db is isolated by db-from-front, which admits ops: the NetworkPolicy tier decides before Baseline.
    expect(allowed(after, 'ops/mon', 'shop/db', 5432)).toBe(true);
    expect(applied.summary).toContain('kube-system (cluster DNS) stays open.');
    expect(applied.summary).toContain('Stops ');
  });
});

describe('tier-delegate-namespace: an Admin Pass hands the decision to the namespace', () => {
  it('lets shop’s NetworkPolicies decide what a later Admin Deny decided', () => {
    const denied = applyOk(WORKSPACE, { kind: 'tier-deny-namespaces', from: 'ops', to: 'shop' });
    expect(allowed(denied.workspace, 'ops/mon', 'shop/db', 5432)).toBe(false);
    const applied = applyOk(denied.after, {
      kind: 'tier-delegate-namespace',
      namespace: 'shop',
      peer: 'ops',
    });
    const [doc] = appended(applied);
    expect(doc!.metadata).toEqual({ name: 'delegate-shop-with-ops' });
    expect(spec(doc!)).toMatchObject({ tier: 'Admin', priority: 99 });
    expect((spec(doc!).ingress as { action: string }[]).map((r) => r.action)).toEqual(['Pass']);
    expect((spec(doc!).egress as { action: string }[]).map((r) => r.action)).toEqual(['Pass']);
    const after = applied.workspace;
    // db-from-front admits ops on 5432 only; front is not isolated, so it is open again.
    expect(allowed(after, 'ops/mon', 'shop/db', 5432)).toBe(true);
    expect(allowed(after, 'ops/mon', 'shop/db', 9100)).toBe(false);
    expect(allowed(after, 'ops/mon', 'shop/front', 8080)).toBe(true);
    expect(applied.summary).toContain('Allows ops/mon -> shop/db on TCP 5432');
  });

  it('without a peer passes every namespace, and changes nothing where no Admin rule decided', () => {
    const applied = applyOk(WORKSPACE, { kind: 'tier-delegate-namespace', namespace: 'shop' });
    const [doc] = appended(applied);
    expect(doc!.metadata).toEqual({ name: 'delegate-shop' });
    expect(spec(doc!).subject).toEqual({
      namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
    });
    expect(applied.summary).not.toContain('Stops');
    expect(applied.summary).not.toContain('Allows');
  });
});

describe('choosing the priority in a big workspace', () => {
  it('past 2 000 evaluated pairs, every policy of the tier that may disagree comes after the new one', () => {
    const pods = (namespace: string, count: number) =>
      Array.from({ length: count }, (_, i) =>
        pod(namespace, `p${i}`, `app: p${i}`, '{containerPort: 80}'),
      ).join('');
    // Accepts only from ops: it never decides shop -> web, but telling that takes evaluating.
    const text = `${pods('web', 50)}${pods('shop', 50)}${pod('ops', 'mon', 'app: mon', '{containerPort: 9090}')}${adminAccept('ops', 'web')}`;
    const small = `${pods('web', 3)}${pods('shop', 3)}${pod('ops', 'mon', 'app: mon', '{containerPort: 9090}')}${adminAccept('ops', 'web')}`;
    const exact = applyOk(small, { kind: 'tier-deny-namespaces', from: 'shop', to: 'web' });
    expect(spec(appended(exact)[0]!).priority).toBe(60);
    const big = applyOk(text, { kind: 'tier-deny-namespaces', from: 'shop', to: 'web' });
    expect(spec(appended(big)[0]!).priority).toBe(49);
    expect(allowed(big.workspace, 'shop/p0', 'web/p1', 80)).toBe(false);
    expect(allowed(big.workspace, 'ops/mon', 'web/p1', 80)).toBe(true);
  });
});
