import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, applyIntent, applyTextEdits } from '../../engine';
import { buildViewModel } from './build-view-model';
import { compareWorkspaces } from './compare';
import { explainFlow } from './explain-flow';
import { fixOf } from './quick-fixes';

const example = (file: string) =>
  readFileSync(join(import.meta.dirname, '../../../public/examples', file), 'utf8');
const load = (text: string) => loadWorkspace([{ name: 'workspace.yaml', text }]);
const SCENARIO_06 = example('06-backend-egress-or-mistake.yaml');
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('explainFlow', () => {
  it('explains a denied flow: egress side isolated by the policy, with the closest rule and what it lacked', () => {
    const result = explainFlow(load(SCENARIO_06), {
      from: 'project-snake/backend-0',
      to: 'project-snake/vault-0',
      port: 3333,
      protocol: 'TCP',
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.verdict).toBe('deny-egress');
    expect(result.edgeId).toBe('flow:ep:project-snake/backend-0->ep:project-snake/vault-0');
    expect(result.egress).toMatchObject({
      subject: 'project-snake/backend-0',
      isolated: true,
      allows: false,
      allowing: [],
      policies: [
        { id: 'project-snake/np-backend', line: lineOf(SCENARIO_06, 'apiVersion: networking.k8s.io/v1') },
      ],
    });
    const [miss] = result.egress.nearMisses;
    expect(miss).toMatchObject({
      policy: 'project-snake/np-backend',
      direction: 'egress',
      index: 0,
      line: lineOf(SCENARIO_06, '    - to:'),
    });
    expect(miss!.endLine).toBeGreaterThan(miss!.line);
    expect(miss!.lacks.join(' ')).toMatch(/app=db1|app=db2/);
    expect(miss!.lacks.join(' ')).toContain('not TCP 3333');
    expect(result.ingress).toMatchObject({ isolated: false, allows: true, nearMisses: [] });
  });

  it('names the rule that allows an allowed flow, and a missing end in words', () => {
    const workspace = load(SCENARIO_06);
    const allowed = explainFlow(workspace, {
      from: 'project-snake/backend-0',
      to: 'project-snake/db1-0',
      port: 1111,
      protocol: 'TCP',
    });
    expect(allowed).toMatchObject({
      ok: true,
      verdict: 'allow',
      egress: {
        allows: true,
        allowing: [{ policy: 'project-snake/np-backend', index: 0, ports: 'TCP 1111,2222' }],
      },
    });
    expect(
      explainFlow(workspace, {
        from: 'project-snake/nope',
        to: 'project-snake/db1-0',
        port: 1,
        protocol: 'TCP',
      }),
    ).toEqual({
      ok: false,
      query: expect.anything(),
      message: 'From: no Pod or workload named project-snake/nope in the workspace',
    });
  });

  it('puts an outside address on the narrowest range node that holds it', () => {
    const text = `${SCENARIO_06.replace('    - to:\n', '    - to:\n        - ipBlock: {cidr: 203.0.113.0/24}\n')}`;
    const result = explainFlow(load(text), {
      from: 'project-snake/backend-0',
      to: '203.0.113.7',
      port: 1111,
      protocol: 'TCP',
    });
    expect(result).toMatchObject({
      ok: true,
      verdict: 'allow',
      edgeId: 'flow:ep:project-snake/backend-0->ext:203.0.113.0/24',
    });
    const internet = explainFlow(load(text), {
      from: 'project-snake/backend-0',
      to: '198.51.100.1',
      port: 1111,
      protocol: 'TCP',
    });
    expect(internet).toMatchObject({
      ok: true,
      verdict: 'deny-egress',
      edgeId: 'flow:ep:project-snake/backend-0->ext:0.0.0.0/0',
    });
  });
});

describe('quickFixes', () => {
  it('offers to split the cross-product rule of scenario 06, and the fix makes the unintended flows denied', () => {
    const model = buildViewModel(load(SCENARIO_06), 1);
    const warning = model.diagnostics.find((d) => d.code === 'lint/cross-product')!;
    const fix = fixOf(model.quickFixes, warning);
    expect(fix).toMatchObject({
      title: 'Split into one rule per peer',
      intent: { kind: 'split-rule', policyId: 'project-snake/np-backend', direction: 'egress', index: 0 },
    });
    const result = applyIntent(load(SCENARIO_06), fix!.intent);
    if (!result.ok) throw new Error(result.message);
    const after = buildViewModel(load(applyTextEdits(SCENARIO_06, result.edits)), 2);
    const verdict = (to: string, port: number) =>
      after.flows.find(
        (row) =>
          row.to === `project-snake/${to}` && row.from === 'project-snake/backend-0' && row.port === port,
      )?.verdict;
    expect([
      verdict('db2-0', 1111),
      verdict('db1-0', 2222),
      verdict('db1-0', 1111),
      verdict('db2-0', 2222),
    ]).toEqual(['deny-egress', 'deny-egress', 'allow', 'allow']);
  });

  const POLICY = (spec: string) => `apiVersion: v1
kind: Pod
metadata: {name: a, namespace: x, labels: {app: a}}
spec: {containers: [{name: a, image: a}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: x}
spec:
${spec}`;

  it('adds the direction whose rules policyTypes ignores', () => {
    const text = POLICY(
      '  podSelector: {}\n  policyTypes: [Ingress]\n  egress:\n  - to: [{podSelector: {}}]\n',
    );
    const workspace = load(text);
    const model = buildViewModel(workspace, 1);
    const warning = model.diagnostics.find((d) => d.code === 'lint/rules-ignored-by-policy-types')!;
    const fix = fixOf(model.quickFixes, warning)!;
    expect(fix.title).toBe('Add Egress to policyTypes');
    const result = applyIntent(workspace, fix.intent);
    if (!result.ok) throw new Error(result.message);
    const after = applyTextEdits(text, result.edits);
    expect(after).toContain('policyTypes: [Ingress, Egress]');
    expect(buildViewModel(load(after), 2).diagnostics.map((d) => d.code)).not.toContain(
      'lint/rules-ignored-by-policy-types',
    );
  });

  it('sets policyTypes [Egress] for an empty egress list that meant "deny all egress"', () => {
    const text = POLICY('  podSelector: {}\n  egress: []\n');
    const workspace = load(text);
    const model = buildViewModel(workspace, 1);
    const fix = fixOf(
      model.quickFixes,
      model.diagnostics.find((d) => d.code === 'lint/empty-egress-without-policy-types')!,
    )!;
    expect(fix.title).toBe('Set policyTypes: [Egress]');
    const result = applyIntent(workspace, fix.intent);
    if (!result.ok) throw new Error(result.message);
    const after = load(applyTextEdits(text, result.edits));
    expect(after.cluster.policies[0]!.policyTypes).toEqual(['Egress']);
  });
});

describe('compareWorkspaces', () => {
  it('lists the flows a change decides differently, and nothing for the same text', () => {
    const fixed = SCENARIO_06.replace(
      '        - podSelector:\n            matchLabels:\n              app: db2\n',
      '',
    );
    const result = compareWorkspaces(load(SCENARIO_06), load(fixed));
    if (!result.ok) throw new Error('compare failed');
    const newlyDenied = result.differences
      .filter((d) => d.change === 'denied')
      .map((d) => `${d.to}:${d.port}`);
    expect(newlyDenied.sort()).toEqual(['project-snake/db2-0:1111', 'project-snake/db2-0:2222']);
    expect(result.differences.every((d) => d.before === 'allow')).toBe(true);
    expect(compareWorkspaces(load(SCENARIO_06), load(SCENARIO_06))).toMatchObject({
      ok: true,
      differences: [],
    });
  });
});
