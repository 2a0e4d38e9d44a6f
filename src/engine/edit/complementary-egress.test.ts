import { describe, expect, it } from 'vitest';
import { applyOk, example, expectValid, load, touchedDocuments } from '../../testing/edit-workspace';
import { SEMANTICS_CLUSTER, verdictOf } from '../../testing/workspace';
import { applyIntent } from './apply-intent';

const SCENARIO_03 = example('03-frontend-backend-ingress.yaml');

describe('generate-complementary-egress', () => {
  it('gives the sources of an ingress policy the egress policy they need', () => {
    const applied = applyOk(SCENARIO_03, {
      kind: 'generate-complementary-egress',
      policyId: 'default/backend-allow-ingress-frontend',
    });
    expect(touchedDocuments(SCENARIO_03, applied.edits)).toEqual([]);
    expect(applied.after).toBe(`${SCENARIO_03}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend-egress
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: frontend
  policyTypes:
  - Egress
  egress:
  - to:
    - podSelector:
        matchLabels:
          app: backend
`);
    expectValid(applied);
    expect(applied.summary).toMatch(
      /^Preview of the egress the sources need: new default\/frontend-egress\. Stops /,
    );
    expect(verdictOf(applied.workspace, 'default/frontend', 'default/backend', 8080)).toBe('allow');
  });

  it('writes the egress in each namespace the peer picks, naming the policy namespace in the same peer', () => {
    const text = `${SEMANTICS_CLUSTER}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-ingress, namespace: prod}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress:
  - from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: web}}}, {ipBlock: {cidr: 192.0.2.0/24}}]
    ports: [{port: pg}]
  - {}
`;
    const applied = applyOk(text, {
      kind: 'generate-complementary-egress',
      policyId: 'prod/db-ingress',
      ruleIndex: 0,
    });
    expect(applied.after.slice(text.length)).toBe(`---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-egress
  namespace: dev
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: prod
      podSelector:
        matchLabels:
          app: db
    ports:
    - port: pg
`);
    expect(applied.summary).toContain(
      'Skipped 1 ipBlock peer(s): addresses outside the cluster have no egress policies.',
    );
    expect(verdictOf(applied.workspace, 'dev/web', 'prod/db', 5432)).toBe('allow');
    const whole = applyOk(text, { kind: 'generate-complementary-egress', policyId: 'prod/db-ingress' });
    expect(whole.summary).toContain('Skipped 1 rule(s) that allow every source');
  });

  it('refuses what has no sources to complement', () => {
    const text = `${SEMANTICS_CLUSTER}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-only, namespace: prod}
spec: {podSelector: {}, policyTypes: [Egress]}
`;
    expect(
      applyIntent(load(text), { kind: 'generate-complementary-egress', policyId: 'prod/egress-only' }),
    ).toEqual({
      ok: false,
      message: 'prod/egress-only does not govern ingress, so it has no sources to complement.',
    });
    expect(
      applyIntent(load(text), { kind: 'generate-complementary-egress', policyId: 'prod/missing' }),
    ).toEqual({
      ok: false,
      message: 'There is no NetworkPolicy prod/missing in the workspace.',
    });
  });
});

describe('generate-all-complementary-egress', () => {
  it('covers every ingress rule once: running it again changes nothing', () => {
    const text = example('04-web-api-db.yaml');
    const applied = applyOk(text, { kind: 'generate-all-complementary-egress' });
    expect(touchedDocuments(text, applied.edits)).toEqual([]);
    expectValid(applied);
    const again = applyIntent(applied.workspace, { kind: 'generate-all-complementary-egress' });
    expect(again).toMatchObject({
      ok: true,
      edits: [],
      summary: 'The sources already have the egress rules they need.',
    });
  });
});
