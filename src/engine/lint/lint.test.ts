import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPolicies, workspaceOf } from '../../testing/workspace';
import { applyIntent } from '../edit/apply-intent';
import { applyEditsToFiles } from '../edit/text-edits';
import { lintWorkspace, lintWorkspaceSteps, loadWorkspace, type Workspace } from '../workspace';
import { LINT_CHECKS, WORKSPACE_FINDINGS } from './lint';

const policy = (name: string, spec: string, namespace = 'prod') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: ${spec}`;

const codes = (workspace: Workspace) => lintWorkspace(workspace).map((d) => d.code);
const fires = (code: string, ...docs: string[]) => expect(codes(withPolicies(...docs))).toContain(code);
const silent = (code: string, ...docs: string[]) => expect(codes(withPolicies(...docs))).not.toContain(code);

const example = (file: string) =>
  workspaceOf(readFileSync(join(import.meta.dirname, '../../../public/examples', file), 'utf8'));

describe('lint checks: each fires on its mistake and stays quiet otherwise', () => {
  it(LINT_CHECKS.crossProduct, () => {
    expect(codes(example('06-backend-egress-or-mistake.yaml'))).toContain(LINT_CHECKS.crossProduct);
    expect(codes(example('05-backend-egress-to-dbs.yaml'))).not.toContain(LINT_CHECKS.crossProduct);
    const diagnostic = lintWorkspace(example('06-backend-egress-or-mistake.yaml')).find(
      (d) => d.code === LINT_CHECKS.crossProduct,
    )!;
    expect(diagnostic.line).toBe(40);
  });

  it(LINT_CHECKS.splitPeer, () => {
    fires(
      LINT_CHECKS.splitPeer,
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}, {podSelector: {matchLabels: {app: web}}}]}]}',
      ),
    );
    silent(
      LINT_CHECKS.splitPeer,
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: web}}}]}]}',
      ),
    );
  });

  it(LINT_CHECKS.emptyAndPeer, () => {
    fires(
      LINT_CHECKS.emptyAndPeer,
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]}]}',
      ),
    );
    silent(
      LINT_CHECKS.emptyAndPeer,
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: web}}}]}]}',
      ),
    );
  });

  it(LINT_CHECKS.noDns, () => {
    fires(
      LINT_CHECKS.noDns,
      policy(
        'p',
        '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]}',
      ),
    );
    silent(
      LINT_CHECKS.noDns,
      policy(
        'p',
        '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}, {to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}], ports: [{protocol: UDP, port: 53}, {port: 53}]}]}',
      ),
    );
  });

  it(LINT_CHECKS.selectsNothing, () => {
    fires(LINT_CHECKS.selectsNothing, policy('p', '{podSelector: {matchLabels: {app: nobody}}}'));
    silent(LINT_CHECKS.selectsNothing, policy('p', '{podSelector: {matchLabels: {app: db}}}'));
  });

  it(LINT_CHECKS.unknownLabel, () => {
    fires(
      LINT_CHECKS.unknownLabel,
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: typo}}}]}]}',
      ),
    );
    silent(
      LINT_CHECKS.unknownLabel,
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: b}}}]}]}',
      ),
    );
  });

  it(LINT_CHECKS.ignoredRules, () => {
    fires(
      LINT_CHECKS.ignoredRules,
      policy(
        'p',
        '{podSelector: {}, policyTypes: [Ingress], egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]}',
      ),
    );
    silent(
      LINT_CHECKS.ignoredRules,
      policy('p', '{podSelector: {}, egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]}'),
    );
  });

  it(LINT_CHECKS.emptyEgressList, () => {
    fires(LINT_CHECKS.emptyEgressList, policy('p', '{podSelector: {}, egress: []}'));
    silent(LINT_CHECKS.emptyEgressList, policy('p', '{podSelector: {}, policyTypes: [Egress], egress: []}'));
  });

  it(LINT_CHECKS.undeclaredNamedPort, () => {
    fires(
      LINT_CHECKS.undeclaredNamedPort,
      policy('p', '{podSelector: {matchLabels: {app: db}}, ingress: [{ports: [{port: http}]}]}'),
    );
    fires(
      LINT_CHECKS.undeclaredNamedPort,
      policy('p', '{podSelector: {matchLabels: {app: db}}, ingress: [{ports: [{protocol: UDP, port: pg}]}]}'),
    );
    silent(
      LINT_CHECKS.undeclaredNamedPort,
      policy('p', '{podSelector: {matchLabels: {app: db}}, ingress: [{ports: [{port: pg}]}]}'),
    );
  });

  it(LINT_CHECKS.mixedPolicyApiVersions, () => {
    const anp = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: old}
spec: {priority: 1, subject: {namespaces: {}}}`;
    const cnp = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: new}
spec: {tier: Admin, priority: 2, subject: {namespaces: {}}}`;
    const mixed = workspaceOf(`${cnp}\n---\n${anp}`);
    const finding = lintWorkspace(mixed).find((d) => d.code === LINT_CHECKS.mixedPolicyApiVersions)!;
    expect(finding).toMatchObject({ line: 7, severity: 'warning', object: 'AdminNetworkPolicy old' });
    expect(finding.message).toMatch(
      /^AdminNetworkPolicy old is v1alpha1, and this workspace also has the v1alpha2 ClusterNetworkPolicy new/,
    );
    expect(codes(workspaceOf(anp))).not.toContain(LINT_CHECKS.mixedPolicyApiVersions);
    expect(codes(workspaceOf(cnp))).not.toContain(LINT_CHECKS.mixedPolicyApiVersions);
  });

  it(LINT_CHECKS.cniReminder, () => {
    fires(LINT_CHECKS.cniReminder, policy('p', '{podSelector: {}}'));
    expect(codes(withPolicies())).not.toContain(LINT_CHECKS.cniReminder);
  });

  it('reminds of the CNI once per workspace, on one line of its first policy', () => {
    const reminders = lintWorkspace(
      withPolicies(
        policy('a', '{podSelector: {}}'),
        policy('b', '{podSelector: {}}'),
        policy('c', '{podSelector: {}}'),
      ),
    ).filter((d) => d.code === LINT_CHECKS.cniReminder);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.endLine).toBe(reminders[0]!.line);
    expect(WORKSPACE_FINDINGS.has(LINT_CHECKS.cniReminder)).toBe(true);
  });
});

describe('lint fixes: the remedy a finding carries removes it', () => {
  const fixed = (workspace: Workspace, code: string) => {
    const finding = lintWorkspace(workspace).find((d) => d.code === code)!;
    expect(finding.fix).toBeDefined();
    const result = applyIntent(workspace, finding.fix!.intent);
    if (!result.ok) throw new Error(result.message);
    const after = loadWorkspace(applyEditsToFiles(workspace.files, result.edits));
    expect(codes(after)).not.toContain(code);
    return { finding, after };
  };

  it('splits a cross-product rule into one rule per peer', () => {
    const { finding, after } = fixed(example('06-backend-egress-or-mistake.yaml'), LINT_CHECKS.crossProduct);
    expect(finding.fix!.title).toBe('Split into one rule per peer');
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('adds the directions policyTypes ignores, and sets policyTypes for egress: []', () => {
    const ignoring = withPolicies(
      policy('p', '{podSelector: {}, policyTypes: [Ingress], egress: [{to: [{podSelector: {}}]}]}'),
    );
    expect(fixed(ignoring, LINT_CHECKS.ignoredRules).finding.fix!.title).toBe('Add Egress to policyTypes');
    const emptyEgress = withPolicies(policy('p', '{podSelector: {}, egress: []}'));
    expect(fixed(emptyEgress, LINT_CHECKS.emptyEgressList).finding.fix!.title).toBe(
      'Set policyTypes: [Egress]',
    );
  });

  it('converts a v1alpha1 policy next to v1alpha2 ones into a ClusterNetworkPolicy', () => {
    const mixed = workspaceOf(`apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: new}
spec: {tier: Baseline, priority: 2, subject: {namespaces: {}}}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  ingress: [{action: Allow, from: [{namespaces: {}}]}]`);
    const { finding, after } = fixed(mixed, LINT_CHECKS.mixedPolicyApiVersions);
    expect(finding.fix!.title).toBe('Convert to ClusterNetworkPolicy');
    expect(after.files[0]!.text).toContain('kind: ClusterNetworkPolicy\nmetadata: {name: default}');
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('offers no fix where the remedy is not obvious', () => {
    const workspace = withPolicies(policy('p', '{podSelector: {matchLabels: {app: nothing}}}'));
    const finding = lintWorkspace(workspace).find((d) => d.code === LINT_CHECKS.selectsNothing)!;
    expect(finding.fix).toBeUndefined();
  });
});

describe('lint a step at a time', () => {
  it('yields between policies and ends with the findings of a lint at once', () => {
    const workspace = example('06-backend-egress-or-mistake.yaml');
    const steps = lintWorkspaceSteps(workspace);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    // One step per policy at least, so a worker can give way inside a long lint.
    expect(yields).toBeGreaterThanOrEqual(workspace.cluster.policies.length);
    expect(next.value).toEqual(lintWorkspace(workspace));
    expect(next.value.map((d) => d.code)).toContain(LINT_CHECKS.crossProduct);
  });
});
