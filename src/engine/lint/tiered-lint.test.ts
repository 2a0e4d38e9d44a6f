import { describe, expect, it } from 'vitest';
import { withPolicies, workspaceOf } from '../../testing/workspace';
import { applyIntent } from '../edit/apply-intent';
import { applyEditsToFiles } from '../edit/text-edits';
import { lintWorkspace, loadWorkspace, type Workspace } from '../workspace';
import { LINT_CHECKS } from './lint';

const cnp = (name: string, spec: string) =>
  `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: ${name}}\nspec: ${spec}`;
const anp = (name: string, spec: string) =>
  `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: ${name}}\nspec: ${spec}`;

const findings = (workspace: Workspace, code: string) =>
  lintWorkspace(workspace).filter((d) => d.code === code);

describe(LINT_CHECKS.shadowedRule, () => {
  const code = LINT_CHECKS.shadowedRule;

  it('fires on a rule an earlier rule of the same policy covers (subjects, peers and ports)', () => {
    const workspace = withPolicies(
      cnp(
        'guard',
        `{tier: Admin, priority: 10, subject: {namespaces: {}}, ingress: [
  {action: Deny, from: [{namespaces: {matchLabels: {team: b}}}]},
  {name: late, action: Accept, from: [{pods: {namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: web}}}}], protocols: [{tcp: {destinationPort: {number: 80}}}]}]}`,
      ),
    );
    const [found, ...rest] = findings(workspace, code);
    expect(rest).toEqual([]);
    const line = workspace.files[0]!.text.split('\n').findIndex((text) => text.includes('name: late')) + 1;
    expect(found).toMatchObject({ line, severity: 'warning', object: 'ClusterNetworkPolicy guard' });
    expect(found!.message).toBe(
      'Admin ClusterNetworkPolicy guard (priority 10): ingress rule 2 "late" can never match: ingress rule 1 of the same policy matches every connection it matches and comes first, so its Accept never applies (that rule\'s Deny does).',
    );
  });

  it('fires across policies only for a lower priority number whose subject contains this one', () => {
    const wide = cnp(
      'wide',
      '{tier: Admin, priority: 5, subject: {namespaces: {}}, egress: [{action: Pass, to: [{networks: [10.0.0.0/8]}], protocols: [{udp: {destinationPort: {range: {start: 1, end: 1000}}}}]}]}',
    );
    const narrow = (priority: number) =>
      cnp(
        'narrow',
        `{tier: Admin, priority: ${priority}, subject: {pods: {namespaceSelector: {matchLabels: {team: a}}, podSelector: {matchLabels: {app: web}}}}, egress: [{action: Deny, to: [{networks: [10.1.0.0/16, 10.2.3.0/24]}], protocols: [{udp: {destinationPort: {number: 53}}}]}]}`,
      );
    const [found] = findings(withPolicies(wide, narrow(9)), code);
    expect(found!.message).toContain(
      'egress rule 1 of Admin ClusterNetworkPolicy wide (priority 5), which selects every pod this policy selects',
    );
    // Same priority: the order is the implementation's, so nothing is proven.
    expect(findings(withPolicies(wide, narrow(5)), code)).toEqual([]);
    // Nor between API versions (tiered-policies.md 8.8).
    expect(
      findings(
        withPolicies(
          wide,
          `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: old}
spec: {priority: 9, subject: {namespaces: {}}, egress: [{action: Deny, to: [{networks: [10.1.0.0/16]}], ports: [{portNumber: {protocol: UDP, port: 53}}]}]}`,
        ),
        code,
      ),
    ).toEqual([]);
    // A port outside the earlier rule's range.
    expect(findings(withPolicies(wide, narrow(9).replace('number: 53', 'number: 1053')), code)).toEqual([]);
    // A CIDR outside the earlier rule's.
    expect(findings(withPolicies(wide, narrow(9).replace('10.2.3.0/24', '11.2.3.0/24')), code)).toEqual([]);
  });

  it('stays quiet when the earlier subject or peer is narrower', () => {
    expect(
      findings(
        withPolicies(
          cnp(
            'p',
            `{tier: Baseline, priority: 1, subject: {namespaces: {}}, ingress: [
  {action: Accept, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]}]}`,
          ),
          cnp(
            'q',
            '{tier: Baseline, priority: 2, subject: {namespaces: {}}, ingress: [{action: Deny, from: [{pods: {namespaceSelector: {matchExpressions: [{key: team, operator: Exists}]}, podSelector: {}}}]}]}',
          ),
        ),
        code,
      ),
    ).toEqual([]);
  });

  it('removes the shadowed rule as its quick fix, and the finding goes', () => {
    const workspace = withPolicies(
      anp(
        'dup',
        '{priority: 3, subject: {namespaces: {}}, egress: [{action: Deny, to: [{namespaces: {}}]}, {action: Deny, to: [{namespaces: {matchExpressions: [{key: team, operator: In, values: [a]}]}}]}]}',
      ),
    );
    const [found] = findings(workspace, code);
    expect(found!.message).toContain('so it is redundant');
    expect(found!.fix!.title).toBe('Remove egress rule 2');
    const result = applyIntent(workspace, found!.fix!.intent);
    if (!result.ok) throw new Error(result.message);
    const after = loadWorkspace(applyEditsToFiles(workspace.files, result.edits));
    expect(findings(after, code)).toEqual([]);
    expect(after.files[0]!.text).toContain('egress: [{action: Deny, to: [{namespaces: {}}]}]}');
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe(LINT_CHECKS.samePriority, () => {
  const code = LINT_CHECKS.samePriority;
  const deny = cnp(
    'a-deny',
    '{tier: Admin, priority: 7, subject: {namespaces: {matchLabels: {team: a}}}, ingress: [{action: Deny, from: [{namespaces: {matchLabels: {team: b}}}]}]}',
  );
  const accept = (subject: string) =>
    cnp(
      'b-accept',
      `{tier: Admin, priority: 7, subject: ${subject}, ingress: [{action: Accept, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]}]}`,
    );

  it('fires when the order between two policies of one priority changes a verdict, naming the flow', () => {
    const [found, ...rest] = findings(withPolicies(deny, accept('{namespaces: {}}')), code);
    expect(rest).toEqual([]);
    expect(found!.object).toBe('ClusterNetworkPolicy b-accept');
    expect(found!.message).toMatch(
      /^Admin ClusterNetworkPolicy b-accept \(priority 7\) and ClusterNetworkPolicy a-deny have the same priority in the Admin tier and both decide dev\/web -> prod\/\w+ on all ports, differently: .*This engine applies ClusterNetworkPolicy a-deny first/,
    );
  });

  it('stays quiet when the subjects do not overlap or the priorities differ', () => {
    expect(findings(withPolicies(deny, accept('{namespaces: {matchLabels: {team: b}}}')), code)).toEqual([]);
    expect(
      findings(withPolicies(deny, accept('{namespaces: {}}').replace('priority: 7', 'priority: 8')), code),
    ).toEqual([]);
  });
});

describe(LINT_CHECKS.passChangesNothing, () => {
  const code = LINT_CHECKS.passChangesNothing;
  const delegate = (after: string) =>
    cnp(
      'delegate',
      `{tier: Admin, priority: 1, subject: {namespaces: {matchLabels: {team: a}}}, ingress: [{action: Pass, from: [{namespaces: {matchLabels: {team: a}}}]}${after}]}`,
    );

  it('fires on a Pass with no later rule of its tier that would decide its traffic', () => {
    const [found] = findings(withPolicies(delegate('')), code);
    expect(found).toMatchObject({ severity: 'info', object: 'ClusterNetworkPolicy delegate' });
    expect(found!.message).toMatch(
      /^Admin ClusterNetworkPolicy delegate \(priority 1\): ingress rule 1 passes traffic that no later rule of the Admin tier would accept or deny/,
    );
  });

  it('stays quiet when a later rule would deny what it passes', () => {
    expect(findings(withPolicies(delegate(', {action: Deny, from: [{namespaces: {}}]}')), code)).toEqual([]);
    // …in another policy of the tier, too.
    expect(
      findings(
        withPolicies(
          delegate(''),
          anp(
            'later',
            '{priority: 50, subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {}}]}]}',
          ),
        ),
        code,
      ),
    ).toEqual([]);
  });
});

describe(LINT_CHECKS.networksDenyPods, () => {
  const code = LINT_CHECKS.networksDenyPods;
  const block = (rules: string) =>
    cnp(
      'no-private',
      `{tier: Admin, priority: 2, subject: {namespaces: {matchLabels: {team: a}}}, egress: [${rules}]}`,
    );
  const denyPrivate = '{action: Deny, to: [{networks: [10.0.0.0/8]}]}';

  it('fires when the CIDR holds pod IPs the rule actually denies, naming the flows', () => {
    const [found] = findings(withPolicies(block(denyPrivate)), code);
    expect(found).toMatchObject({ severity: 'warning', object: 'ClusterNetworkPolicy no-private' });
    expect(found!.message).toMatch(
      /^Admin ClusterNetworkPolicy no-private \(priority 2\): egress rule 1 denies 10\.0\.0\.0\/8, which holds pod IPs of the workspace: it also stops prod\/db -> dev\/web, prod\/db -> kube-system\/coredns, prod\/db -> prod\/web and more\./,
    );
  });

  it('stays quiet when a Pass for pod traffic comes first, or the CIDR holds no pod', () => {
    expect(
      findings(withPolicies(block(`{action: Pass, to: [{namespaces: {}}]}, ${denyPrivate}`)), code),
    ).toEqual([]);
    expect(findings(withPolicies(block('{action: Deny, to: [{networks: [203.0.113.0/24]}]}')), code)).toEqual(
      [],
    );
  });

  it('without any known pod IP, says only that the range is where pod networks usually are', () => {
    const workspace = workspaceOf(
      `apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: prod}\nspec: {containers: [{name: c, image: i}]}\n---\n${block(
        '{action: Deny, to: [{networks: [0.0.0.0/0]}]}',
      ).replace('{matchLabels: {team: a}}', '{}')}`,
    );
    const [found] = findings(workspace, code);
    expect(found!.severity).toBe('info');
    expect(found!.message).toContain('The workspace knows no pod IP');
  });
});
