import { describe, expect, it } from 'vitest';
import { lintWorkspace } from '../workspace';
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
import type { SplitRuleIntent } from './intents';

const SCENARIO_06 = example('06-backend-egress-or-mistake.yaml');
const BACKEND = 'project-snake/backend-0';
const split = (more: Partial<SplitRuleIntent> = {}): SplitRuleIntent => ({
  kind: 'split-rule',
  policyId: 'project-snake/np-backend',
  direction: 'egress',
  index: 0,
  ...more,
});

describe('split-rule', () => {
  it('fixes the cross-product of scenario 06: each database keeps only the port it serves', () => {
    const before = load(SCENARIO_06);
    expect(verdictOf(before, BACKEND, 'project-snake/db2-0', 1111)).toBe('allow');
    expect(verdictOf(before, BACKEND, 'project-snake/db1-0', 2222)).toBe('allow');

    const applied = applyOk(SCENARIO_06, split());
    const policyIndex = documentTexts(SCENARIO_06).findIndex((doc) => doc.includes('name: np-backend'));
    expect(touchedDocuments(SCENARIO_06, applied.edits)).toEqual([policyIndex]);
    expectDocumentsKept(SCENARIO_06, applied.after, [policyIndex]);
    expectValid(applied);
    expect(applied.after).toContain(`  egress:
    - to:
        - podSelector:
            matchLabels:
              app: db1
      ports:
        - protocol: TCP
          port: 1111
    - to:
        - podSelector:
            matchLabels:
              app: db2
      ports:
        - protocol: TCP
          port: 2222
`);
    expect(verdictOf(applied.workspace, BACKEND, 'project-snake/db2-0', 1111)).toBe('deny-egress');
    expect(verdictOf(applied.workspace, BACKEND, 'project-snake/db1-0', 2222)).toBe('deny-egress');
    expect(verdictOf(applied.workspace, BACKEND, 'project-snake/db1-0', 1111)).toBe('allow');
    expect(verdictOf(applied.workspace, BACKEND, 'project-snake/db2-0', 2222)).toBe('allow');
    expect(lintWorkspace(applied.workspace).map((d) => d.code)).not.toContain('lint/cross-product');
    expect(applied.summary).toContain('Split egress rule 1 of project-snake/np-backend into 2 rules');
    expect(applied.summary).toContain('keeps only TCP 1111');
    expect(applied.touched).toEqual(['project-snake/np-backend']);
  });

  it('keeps every port for each peer of an ingress rule: the ports belong to the policy’s own pods', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: api, namespace: prod, labels: {app: api}}
spec: {containers: [{name: api, image: api, ports: [{containerPort: 80}, {containerPort: 443}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: prod, labels: {app: web}}
spec: {containers: [{name: web, image: web}]}
---
apiVersion: v1
kind: Pod
metadata: {name: admin, namespace: prod, labels: {app: admin}}
spec: {containers: [{name: admin, image: admin}]}
---
# who may call the api
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in, namespace: prod}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: web}}
    - podSelector: {matchLabels: {app: admin}}
    ports:
    - port: 80
    - port: 443
`;
    const applied = applyOk(text, split({ policyId: 'prod/api-in', direction: 'ingress' }));
    expectDocumentsKept(text, applied.after, [3]);
    expectValid(applied);
    expect(applied.after).toContain('# who may call the api\n');
    for (const from of ['prod/web', 'prod/admin']) {
      for (const port of [80, 443])
        expect(verdictOf(applied.workspace, from, 'prod/api', port)).toBe('allow');
    }
    const policy = applied.workspace.cluster.policies.find((p) => p.id === 'prod/api-in')!;
    expect(policy.ingress.map((rule) => [rule.peers?.length, rule.ports?.length])).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('refuses a rule with one peer, and a rule that does not exist', () => {
    const once = applyOk(SCENARIO_06, split());
    const again = applyIntent(load(once.after), split());
    expect(again).toEqual({
      ok: false,
      message: expect.stringContaining('one peer, so there is nothing to split'),
    });
    expect(applyIntent(load(SCENARIO_06), split({ index: 3 }))).toMatchObject({ ok: false });
    expect(applyIntent(load(SCENARIO_06), split({ policyId: 'project-snake/nope' }))).toMatchObject({
      ok: false,
    });
  });
});
