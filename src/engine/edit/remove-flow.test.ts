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
import type { RemoveFlowIntent } from './intents';

const SCENARIO_03 = example('03-frontend-backend-ingress.yaml');
const SCENARIO_05 = example('05-backend-egress-to-dbs.yaml');

const remove = (from: string, to: string, port?: number | string): RemoveFlowIntent => ({
  kind: 'remove-flow',
  from,
  to,
  ...(port === undefined ? {} : { port }),
});

/** Scenario 03 with the allow policy's rule replaced. */
const withAllowRule = (rule: string) =>
  SCENARIO_03.replace(
    '  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          app: frontend\n',
    `  ingress:\n${rule}`,
  );

describe('remove-flow', () => {
  it('removes the rule that allows the flow, and only touches its document', () => {
    const index = documentTexts(SCENARIO_03).findIndex((doc) =>
      doc.includes('name: backend-allow-ingress-frontend'),
    );
    const applied = applyOk(SCENARIO_03, remove('default/frontend', 'default/backend', 8080));
    expect(touchedDocuments(SCENARIO_03, applied.edits)).toEqual([index]);
    expectDocumentsKept(SCENARIO_03, applied.after, [index]);
    expect(documentTexts(applied.after)[index]).toBe(`---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: backend-allow-ingress-frontend
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: backend
  policyTypes:
  - Ingress
`);
    expectValid(applied);
    expect(verdictOf(applied.workspace, 'default/frontend', 'default/backend', 8080)).toBe('deny-ingress');
    expect(applied.summary).toBe(
      'Stops default/frontend -> default/backend on TCP 8080. Removed ingress rule 1 of default/backend-allow-ingress-frontend. default/backend-allow-ingress-frontend now allows no ingress; it still isolates the pods it selects.',
    );
  });

  it('takes only the port out of a rule that allows more ports', () => {
    const text = withAllowRule(
      '  - from:\n    - podSelector: {matchLabels: {app: frontend}}\n    ports:\n    - port: 8080\n    - port: 9090\n',
    );
    const applied = applyOk(text, remove('default/frontend', 'default/backend', 8080));
    expect(applied.after).toBe(text.replace('    - port: 8080\n', ''));
    expect(verdictOf(applied.workspace, 'default/frontend', 'default/backend', 9090)).toBe('allow');
  });

  it('splits a port range around the port', () => {
    const text = withAllowRule(
      '  - from:\n    - podSelector: {matchLabels: {app: frontend}}\n    ports:\n    - {port: 8000, endPort: 8999}\n',
    );
    const applied = applyOk(text, remove('default/frontend', 'default/backend', 8080));
    expect(applied.after).toContain(
      '    ports:\n    - {protocol: TCP, port: 8000, endPort: 8079}\n    - {protocol: TCP, port: 8081, endPort: 8999}\n',
    );
    expect(verdictOf(applied.workspace, 'default/frontend', 'default/backend', 8081)).toBe('allow');
    expect(verdictOf(applied.workspace, 'default/frontend', 'default/backend', 8080)).toBe('deny-ingress');
  });

  it('takes only the peer out of a rule that allows more peers', () => {
    const text = withAllowRule(
      '  - from:\n    - podSelector: {matchLabels: {app: frontend}}\n    - podSelector: {matchLabels: {app: not-frontend}}\n',
    );
    const applied = applyOk(text, remove('default/frontend', 'default/backend'));
    expect(applied.after).toBe(text.replace('    - podSelector: {matchLabels: {app: frontend}}\n', ''));
    expect(verdictOf(applied.workspace, 'default/not-frontend', 'default/backend', 8080)).toBe('allow');
    expect(applied.summary).not.toContain('Also');
  });

  it('says what else stops when the only way is to remove a wider rule', () => {
    const text = withAllowRule('  - from:\n    - podSelector: {}\n');
    const applied = applyOk(text, remove('default/frontend', 'default/backend', 8080));
    expect(applied.summary).toMatch(
      /Removed ingress rule 1 of default\/backend-allow-ingress-frontend\..* Also stops [^.]*default\/not-frontend -> default\/backend on TCP 8080/,
    );
  });

  it('narrows the egress side when it is the only isolated one', () => {
    const applied = applyOk(SCENARIO_05, remove('project-snake/backend-0', 'project-snake/db1-0', 1111));
    expect(applied.summary).toBe(
      'Stops project-snake/backend-0 -> project-snake/db1-0 on TCP 1111. Removed egress rule 1 of project-snake/np-backend.',
    );
    expect(verdictOf(applied.workspace, 'project-snake/backend-0', 'project-snake/db1-0', 1111)).toBe(
      'deny-egress',
    );
    expect(verdictOf(applied.workspace, 'project-snake/backend-0', 'project-snake/db2-0', 2222)).toBe(
      'allow',
    );
    expectValid(applied);
  });

  it('leaves a costly side alone when the other side can deny the flow for free', () => {
    const text = `${SCENARIO_05}---
apiVersion: v1
kind: Pod
metadata: {name: cache-0, namespace: project-snake, labels: {app: cache}}
spec: {containers: [{name: cache, image: cache, ports: [{containerPort: 1111}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: backend-to-anything-on-1111, namespace: project-snake}
spec:
  podSelector: {matchLabels: {app: backend}}
  policyTypes: [Egress]
  egress: [{ports: [{port: 1111}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db1-ingress, namespace: project-snake}
spec:
  podSelector: {matchLabels: {app: db1}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {matchLabels: {app: backend}}}]}]
`;
    const applied = applyOk(text, remove('project-snake/backend-0', 'project-snake/db1-0', 1111));
    expect(applied.touched).toEqual(['project-snake/db1-ingress']);
    expect(applied.summary).toContain(
      'Left the egress rules as they are: the other side denies the flow now',
    );
    expect(verdictOf(applied.workspace, 'project-snake/backend-0', 'project-snake/db1-0', 1111)).toBe(
      'deny-ingress',
    );
    expect(verdictOf(applied.workspace, 'project-snake/backend-0', 'project-snake/cache-0', 1111)).toBe(
      'allow',
    );
  });

  it('reports a flow that is already denied, and refuses one that no rule allows', () => {
    expect(
      applyIntent(load(SCENARIO_03), remove('default/not-frontend', 'default/backend', 8080)),
    ).toMatchObject({
      ok: true,
      edits: [],
      summary: 'default/not-frontend -> default/backend on TCP 8080 is already denied.',
    });
    const open = applyIntent(load(SCENARIO_03), remove('default/backend', 'default/frontend', 80));
    expect(open).toMatchObject({ ok: false });
    expect(!open.ok && open.message).toMatch(/neither end is isolated, so no rule allows it to remove/);
  });
});
