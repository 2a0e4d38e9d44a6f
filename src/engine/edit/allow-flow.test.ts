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
import { SEMANTICS_CLUSTER, verdictOf } from '../../testing/workspace';
import { applyIntent } from './apply-intent';
import type { AllowFlowIntent } from './intents';

const SCENARIO_03 = example('03-frontend-backend-ingress.yaml');
/** Scenario 03 before its step 2: backend denies all ingress. */
const BACKEND_DENIED = documentTexts(SCENARIO_03)
  .filter((doc) => !doc.includes('name: backend-allow-ingress-frontend'))
  .join('');

const allow = (
  from: string,
  to: string,
  port?: number | string,
  more: Partial<AllowFlowIntent> = {},
): AllowFlowIntent => ({
  kind: 'allow-flow',
  from,
  to,
  ports: port === undefined ? [] : [{ port, protocol: 'TCP' }],
  peerWidth: 'workload',
  ...more,
});

describe('allow-flow', () => {
  it('allows frontend -> backend with a new backend-ingress policy, leaving the deny policy and every document alone', () => {
    expect(verdictOf(load(BACKEND_DENIED), 'default/frontend', 'default/backend', 8080)).toBe('deny-ingress');
    const applied = applyOk(BACKEND_DENIED, allow('default/frontend', 'default/backend', 8080));
    expect(touchedDocuments(applied.before, applied.edits)).toEqual([]);
    expect(applied.after).toBe(`${BACKEND_DENIED}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: backend-ingress
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: backend
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: frontend
    ports:
    - protocol: TCP
      port: 8080
`);
    expectValid(applied);
    expect(verdictOf(applied.workspace, 'default/frontend', 'default/backend', 8080)).toBe('allow');
    expect(verdictOf(applied.workspace, 'default/not-frontend', 'default/backend', 8080)).toBe(
      'deny-ingress',
    );
    expect(applied.summary).toBe(
      'Allows default/frontend -> default/backend on TCP 8080. Ingress: added the new policy default/backend-ingress with that ingress rule.',
    );
    expect(applied.touched).toEqual(['default/backend-ingress']);
  });

  it('grows the same policy next time: another peer on the same port joins the rule', () => {
    const first = applyOk(BACKEND_DENIED, allow('default/frontend', 'default/backend', 8080));
    const second = applyOk(first.after, allow('default/not-frontend', 'default/backend', 8080));
    const policyIndex = documentTexts(first.after).findIndex((doc) =>
      doc.includes('name: backend-ingress\n'),
    );
    expect(touchedDocuments(first.after, second.edits)).toEqual([policyIndex]);
    expectDocumentsKept(first.after, second.after, [policyIndex]);
    expect(second.after).toContain(`  - from:
    - podSelector:
        matchLabels:
          app: frontend
    - podSelector:
        matchLabels:
          app: not-frontend
    ports:
    - protocol: TCP
      port: 8080
`);
    expect(second.summary).toContain('widened ingress rule 1 of default/backend-ingress');
    expect(verdictOf(second.workspace, 'default/not-frontend', 'default/backend', 8080)).toBe('allow');
  });

  it('adds a port to the rule of the same peer, and never repeats a rule', () => {
    const first = applyOk(BACKEND_DENIED, allow('default/frontend', 'default/backend', 8080));
    const second = applyOk(first.after, allow('default/frontend', 'default/backend', 9090));
    expect(second.after).toContain(
      '    ports:\n    - protocol: TCP\n      port: 8080\n    - protocol: TCP\n      port: 9090\n',
    );
    const again = applyIntent(load(second.after), allow('default/frontend', 'default/backend', 9090));
    expect(again).toMatchObject({ ok: true, edits: [], touched: [] });
    expect(again.ok && again.summary).toContain('Ingress: already allowed by default/backend-ingress.');
  });

  it('writes nothing for a flow that no side refuses, and says how to lock it down', () => {
    const result = applyIntent(load(SCENARIO_03), allow('default/backend', 'default/frontend', 80));
    expect(result).toMatchObject({ ok: true, edits: [], touched: [] });
    expect(result.ok && result.summary).toBe(
      'default/backend may already send to default/frontend on TCP 80. Neither side is isolated (default/backend for egress, default/frontend for ingress), so no rule is needed; to lock the flow down, choose the side(s) to isolate.',
    );
  });

  it('isolates an open side only when asked, and says what the new isolation stops', () => {
    const applied = applyOk(
      SCENARIO_03,
      allow('default/backend', 'default/frontend', undefined, { isolate: ['Ingress'] }),
    );
    expect(applied.summary).toContain('default/frontend was not isolated for ingress; now it is');
    expect(applied.summary).toMatch(
      /Also stops [^.]*default\/not-frontend -> default\/frontend on all ports\./,
    );
    expect(verdictOf(applied.workspace, 'default/backend', 'default/frontend', 80)).toBe('allow');
    expect(verdictOf(applied.workspace, 'default/not-frontend', 'default/frontend', 80)).toBe('deny-ingress');
  });

  it('adds the egress rule to the source policy that stands for that workload, and no ingress on an open destination', () => {
    const text = example('05-backend-egress-to-dbs.yaml');
    const applied = applyOk(text, allow('project-snake/backend-0', 'project-snake/vault-0', 3333));
    expect(applied.touched).toEqual(['project-snake/np-backend']);
    expect(applied.after).toContain(`    - to:
        - podSelector:
            matchLabels:
              app: db2
      ports:
        - protocol: TCP
          port: 2222
    - to:
        - podSelector:
            matchLabels:
              app: vault
      ports:
        - protocol: TCP
          port: 3333
`);
    expectValid(applied);
    expect(verdictOf(applied.workspace, 'project-snake/backend-0', 'project-snake/vault-0', 3333)).toBe(
      'allow',
    );
    // vault-0 was open for ingress: its other clients keep their access.
    expect(verdictOf(applied.workspace, 'project-snake/db1-0', 'project-snake/vault-0', 3333)).toBe(
      'allow-open',
    );
    expect(applied.summary).not.toContain('Also stops');
  });

  it('allows an outside range by an egress ipBlock with except', () => {
    const text = example('05-backend-egress-to-dbs.yaml');
    const applied = applyOk(
      text,
      allow('project-snake/backend-0', '203.0.113.0/24', 443, { except: ['203.0.113.128/25'] }),
    );
    expect(applied.after).toContain(
      '    - to:\n        - ipBlock:\n            cidr: 203.0.113.0/24\n            except:\n              - 203.0.113.128/25\n',
    );
    expect(verdictOf(applied.workspace, 'project-snake/backend-0', '203.0.113.9', 443)).toBe('allow');
    expect(verdictOf(applied.workspace, 'project-snake/backend-0', '203.0.113.200', 443)).toBe('deny-egress');
    expect(applied.summary).not.toContain('was not isolated');
  });

  it('names a pod of another namespace with both selectors in one peer', () => {
    const applied = applyOk(SEMANTICS_CLUSTER, allow('dev/web', 'prod/db', 'pg', { isolate: ['Ingress'] }));
    expect(applied.after).toContain(`  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: dev
      podSelector:
        matchLabels:
          app: web
    ports:
    - protocol: TCP
      port: pg
`);
    expect(verdictOf(applied.workspace, 'dev/web', 'prod/db', 5432)).toBe('allow');
    expect(verdictOf(applied.workspace, 'prod/web', 'prod/db', 5432)).toBe('deny-ingress');
  });

  it('names a whole namespace as asked', () => {
    const pods = applyOk(
      SEMANTICS_CLUSTER,
      allow('prod/web', 'prod/db', 5432, { peerWidth: 'namespace-pods', isolate: ['Ingress'] }),
    );
    expect(pods.after).toContain('  - from:\n    - podSelector: {}\n');
    const label = applyOk(
      SEMANTICS_CLUSTER,
      allow('prod/web', 'prod/db', 5432, { peerWidth: 'namespace-label', isolate: ['Ingress'] }),
    );
    expect(label.after).toContain(
      '  - from:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: prod\n    ports:',
    );
    const other = applyOk(
      SEMANTICS_CLUSTER,
      allow('dev/web', 'prod/db', 5432, { peerWidth: 'namespace-pods', isolate: ['Ingress'] }),
    );
    expect(verdictOf(other.workspace, 'dev/web', 'prod/db', 5432)).toBe('allow');
  });

  it('refuses what no NetworkPolicy can express, saying why', () => {
    const refuse = (intent: AllowFlowIntent) => {
      const result = applyIntent(load(SEMANTICS_CLUSTER), intent);
      if (result.ok) throw new Error('expected a refusal');
      return result.message;
    };
    expect(refuse(allow('10.0.0.0/8', '192.0.2.1'))).toMatch(/At least one end/);
    expect(refuse(allow('prod/nope', 'prod/db'))).toBe(
      'from: no Pod or workload named prod/nope in the workspace',
    );
    expect(refuse(allow('prod/web', 'prod/db', 'http'))).toBe(
      'prod/db declares none of the named ports asked for.',
    );
    expect(refuse(allow('prod/web', '192.0.2.1', 'http'))).toMatch(
      /^Only pods have named ports, and 192.0.2.1\/32 is outside the cluster/,
    );
    expect(refuse(allow('prod/web', 'prod/db', 5432, { except: ['10.0.0.0/9'] }))).toMatch(
      /except applies to a CIDR/,
    );
    expect(
      refuse(allow('192.0.2.0/24', 'prod/db', 5432, { except: ['10.0.0.0/9'], isolate: ['Ingress'] })),
    ).toMatch(/must be a strict subset of cidr/);
    expect(refuse(allow('192.0.2.0/24', 'prod/db', 5432, { isolate: ['Egress'] }))).toBe(
      '192.0.2.0/24 is outside the cluster: no policy can isolate it for egress.',
    );
  });

  it('selects only the refusing pod when a neighbour carries its labels and more', () => {
    // Found by the allow-never-denies property: {app: a} also selected the open pod with env: a.
    const text = `apiVersion: v1
kind: Pod
metadata: {name: open, namespace: shop, labels: {app: a, env: a}}
spec: {containers: [{name: c, image: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: closed, namespace: shop, labels: {app: a}}
spec: {containers: [{name: c, image: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client, namespace: shop, labels: {role: client}}
spec: {containers: [{name: c, image: c}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: isolate-closed, namespace: shop}
spec:
  podSelector: {matchExpressions: [{key: env, operator: DoesNotExist}]}
  policyTypes: [Ingress]
`;
    expect(verdictOf(load(text), 'shop/client', 'shop/open', 80)).toBe('allow-open');
    const applied = applyOk(text, allow('shop/client', 'shop/closed', 80));
    expect(verdictOf(load(applied.after), 'shop/client', 'shop/closed', 80)).toBe('allow');
    expect(verdictOf(load(applied.after), 'shop/client', 'shop/open', 80)).toBe('allow-open');
    expect(applied.after).toContain('operator: DoesNotExist');
  });
});
