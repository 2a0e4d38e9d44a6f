import { describe, expect, it } from 'vitest';
import {
  applyOk,
  documentTexts,
  example,
  expectDocumentsKept,
  expectValid,
  load,
  touchedDocuments,
} from '../../testing/edit-workspace';
import { verdictOf } from '../../testing/workspace';
import { applyIntent } from './apply-intent';
import { defaultDenyByNamespace } from './default-deny';

const COREDNS = `---
apiVersion: v1
kind: Pod
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec: {containers: [{name: coredns, image: coredns, ports: [{containerPort: 53, protocol: UDP}, {containerPort: 53}]}]}
`;
const FRONTEND_BACKEND = example('03-frontend-backend-ingress.yaml') + COREDNS;

describe('set-default-deny', () => {
  it('appends default-deny-egress with DNS kept open, and leaves every other document as it was', () => {
    const applied = applyOk(FRONTEND_BACKEND, {
      kind: 'set-default-deny',
      namespace: 'default',
      direction: 'Egress',
      enabled: true,
      keepDns: true,
    });
    expect(touchedDocuments(applied.before, applied.edits)).toEqual([]);
    expect(applied.after).toBe(
      `${FRONTEND_BACKEND}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: default
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
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
`,
    );
    expectValid(applied);
    expect(verdictOf(applied.workspace, 'default/frontend', 'default/backend', 8080)).toBe('deny-egress');
    expect(verdictOf(applied.workspace, 'default/frontend', 'kube-system/coredns', '53/UDP')).toBe('allow');
    expect(verdictOf(applied.workspace, 'default/frontend', 'kube-system/coredns', '53/TCP')).toBe('allow');
    expect(applied.touched).toEqual(['default/default-deny-egress']);
    expect(applied.summary).toMatch(
      /^Added default\/default-deny-egress: every pod in default is now isolated for egress, except for DNS/,
    );
    expect(applied.summary).toMatch(/ Stops [^.]*default\/frontend -> default\/backend on TCP 8080/);
  });

  it('turning it off again gives back the exact text', () => {
    const on = applyOk(FRONTEND_BACKEND, {
      kind: 'set-default-deny',
      namespace: 'default',
      direction: 'Ingress',
      enabled: true,
    });
    expect(verdictOf(on.workspace, 'default/backend', 'default/frontend', 8080)).toBe('deny-ingress');
    const off = applyOk(on.after, {
      kind: 'set-default-deny',
      namespace: 'default',
      direction: 'Ingress',
      enabled: false,
    });
    expect(off.after).toBe(FRONTEND_BACKEND);
    expect(off.summary).toMatch(/^Removed default\/default-deny-ingress\. Allows /);
  });

  it('removes a default-deny in the middle of a file with its --- line, keeping its neighbours', () => {
    const text = example('02-default-deny-egress-dns.yaml');
    const index = documentTexts(text).findIndex((doc) => doc.includes('name: default-deny-all-egress'));
    const applied = applyOk(text, {
      kind: 'set-default-deny',
      namespace: 'shop',
      direction: 'Egress',
      enabled: false,
    });
    expect(touchedDocuments(text, applied.edits)).toEqual([index]);
    expect(documentTexts(applied.after)).toHaveLength(documentTexts(text).length - 1);
    expectDocumentsKept(text, applied.after, [index]);
    expectValid(applied);
    expect(verdictOf(applied.workspace, 'shop/api', '203.0.113.10', 443)).toBe('allow-open');
  });

  it('sees an existing default-deny with DNS as on, and opens or closes DNS in it', () => {
    const text = example('02-default-deny-egress-dns.yaml');
    const again = applyIntent(load(text), {
      kind: 'set-default-deny',
      namespace: 'shop',
      direction: 'Egress',
      enabled: true,
    });
    expect(again).toMatchObject({
      ok: true,
      edits: [],
      summary: 'shop already denies egress by default (shop/default-deny-all-egress).',
    });
    const closed = applyOk(text, {
      kind: 'set-default-deny',
      namespace: 'shop',
      direction: 'Egress',
      enabled: true,
      keepDns: false,
    });
    expect(closed.summary).toContain('Closed DNS in shop/default-deny-all-egress');
    expect(closed.after).toContain('  podSelector: {}\n  policyTypes:\n  - Egress\n---');
    expect(verdictOf(closed.workspace, 'shop/api', 'kube-system/coredns', '53/UDP')).toBe('deny-egress');
    const reopened = applyOk(closed.after, {
      kind: 'set-default-deny',
      namespace: 'shop',
      direction: 'Egress',
      enabled: true,
      keepDns: true,
    });
    expect(verdictOf(reopened.workspace, 'shop/api', 'kube-system/coredns', '53/UDP')).toBe('allow');
    expectValid(reopened);
  });

  it('takes only one direction out of a policy that denies both', () => {
    const text = `${FRONTEND_BACKEND}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all   # both directions
  namespace: default
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;
    const applied = applyOk(text, {
      kind: 'set-default-deny',
      namespace: 'default',
      direction: 'Egress',
      enabled: false,
    });
    expect(applied.after).toBe(text.replace('policyTypes: [Ingress, Egress]', 'policyTypes: [Ingress]'));
    expect(applied.summary).toMatch(/^Removed Egress from the policyTypes of default\/deny-all\./);
  });

  it('removes a default-deny that is an item of a List', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: default-deny-ingress, namespace: team}
  spec: {podSelector: {}, policyTypes: [Ingress]}
# the allow comes next
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: allow-web, namespace: team}
  spec: {podSelector: {}, ingress: [{ports: [{port: 80}]}]}
`;
    const applied = applyOk(text, {
      kind: 'set-default-deny',
      namespace: 'team',
      direction: 'Ingress',
      enabled: false,
    });
    expect(applied.after).toBe(`apiVersion: v1
kind: List
items:
# the allow comes next
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: allow-web, namespace: team}
  spec: {podSelector: {}, ingress: [{ports: [{port: 80}]}]}
`);
    expect(applied.summary).toContain(
      'Pods of team stay isolated for ingress by team/allow-web, which selects every pod.',
    );
  });

  it('is a no-op, with a message, when there is nothing to turn off', () => {
    expect(
      applyIntent(load(FRONTEND_BACKEND), {
        kind: 'set-default-deny',
        namespace: 'default',
        direction: 'Egress',
        enabled: false,
      }),
    ).toEqual({
      ok: true,
      edits: [],
      summary: 'default has no default-deny policy for egress; nothing to remove.',
      touched: [],
      stops: [],
    });
  });
});

describe('the default-deny state: one test for the switch and the toggle', () => {
  const STATE = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-in, namespace: a}
spec: {podSelector: {}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-out, namespace: a}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{ports: [{protocol: UDP, port: 53}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicyList
items:
- metadata: {name: web, namespace: b}
  spec: {podSelector: {matchLabels: {app: web}}, ingress: [{from: [{podSelector: {}}]}]}
`;

  it('finds the policies that are a namespace’s default deny, DNS-only egress included', () => {
    expect(defaultDenyByNamespace(load(STATE).cluster)).toEqual(
      new Map([['a', { ingress: ['a/deny-in'], egress: ['a/deny-out'], egressDns: true }]]),
    );
  });

  it('turns off exactly the policies the switch shows as on', () => {
    for (const direction of ['Ingress', 'Egress'] as const) {
      const shown = defaultDenyByNamespace(load(STATE).cluster).get('a')!;
      const applied = applyOk(STATE, { kind: 'set-default-deny', namespace: 'a', direction, enabled: false });
      const after = load(applied.after).cluster;
      expect(
        defaultDenyByNamespace(after).get('a')?.[direction === 'Ingress' ? 'ingress' : 'egress'] ?? [],
      ).toEqual([]);
      const removed = load(STATE)
        .cluster.policies.map((p) => p.id)
        .filter((id) => !after.policies.some((p) => p.id === id));
      expect(removed).toEqual(direction === 'Ingress' ? shown.ingress : shown.egress);
    }
  });
});
