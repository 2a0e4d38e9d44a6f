import { describe, expect, it } from 'vitest';
import { allowed, withPolicies } from '../../testing/workspace';
import { loadWorkspace } from '../workspace';
import { applyIntent } from './apply-intent';
import type { EditIntent } from './intents';
import { applyEditsToFiles } from './text-edits';

/** Edits of NetworkPolicies under cluster-scoped tiers: the preview says what the Admin tier keeps. */
const cnp = (name: string, spec: string) =>
  `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: {name: ${name}}\nspec: ${spec}`;
const np = (name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: prod}\nspec: ${spec}`;

const denyDevIngress = (tier: 'Admin' | 'Baseline') =>
  cnp(
    'no-dev',
    `{tier: ${tier}, priority: 3, subject: {namespaces: {matchLabels: {team: a}}}, ingress: [{action: Deny, from: [{namespaces: {matchLabels: {team: b}}}]}]}`,
  );
const isolateDb = np('db-in', '{podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}');
const allowDevToDb: EditIntent = {
  kind: 'allow-flow',
  from: 'dev/web',
  to: 'prod/db',
  ports: [{ port: 5432, protocol: 'TCP' }],
  peerWidth: 'workload',
};

describe('allow-flow under the tiers', () => {
  it('refuses a flow an Admin Deny decides, naming the Admin rule, whether or not a NetworkPolicy isolates', () => {
    for (const workspace of [
      withPolicies(denyDevIngress('Admin'), isolateDb),
      withPolicies(denyDevIngress('Admin')),
    ]) {
      const result = applyIntent(workspace, allowDevToDb);
      expect(result).toEqual({
        ok: false,
        message:
          'dev/web -> prod/db on TCP 5432 stays denied: cnp/no-dev ingress rule 1 (Admin, priority 3, line 44) denies it in the Admin tier, which comes before every NetworkPolicy, so no NetworkPolicy rule can allow it. Change or remove that Admin rule instead.'.replace(
            'line 44',
            `line ${workspace.cluster.tieredPolicies![0]!.ingress[0]!.source.line}`,
          ),
      });
    }
  });

  it('writes nothing on a side an Admin Accept settles, and says so', () => {
    const workspace = withPolicies(
      np('web-out', '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress]}'),
      cnp(
        'web-to-db',
        '{tier: Admin, priority: 1, subject: {pods: {podSelector: {matchLabels: {app: web}}}}, egress: [{action: Accept, to: [{pods: {podSelector: {matchLabels: {app: db}}}}]}]}',
      ),
    );
    const result = applyIntent(workspace, { ...allowDevToDb, from: 'prod/web' });
    if (!result.ok) throw new Error(result.message);
    expect(result.edits).toEqual([]);
    expect(result.summary).toMatch(
      /^prod\/web may already send to prod\/db on TCP 5432\. Egress: accepted by cnp\/web-to-db egress rule 1 \(Admin, priority 1, line \d+\) in the Admin tier, before any NetworkPolicy; no rule is needed on this side\./,
    );
  });

  it('overrides a Baseline Deny with a NetworkPolicy on the side it denies', () => {
    const workspace = withPolicies(denyDevIngress('Baseline'));
    expect(allowed(workspace, 'dev/web', 'prod/db', 5432)).toBe(false);
    const result = applyIntent(workspace, allowDevToDb);
    if (!result.ok) throw new Error(result.message);
    expect(result.summary).toContain('Ingress: cnp/no-dev ingress rule 1 (Baseline, priority 3, line');
    expect(result.summary).toContain('a NetworkPolicy that selects prod/db is read before the Baseline tier');
    const after = loadWorkspace(applyEditsToFiles(workspace.files, result.edits));
    expect(allowed(after, 'dev/web', 'prod/db', 5432)).toBe(true);
  });
});

describe('remove-flow under the tiers', () => {
  it('refuses a flow an Admin Accept admits, naming the Admin rule', () => {
    const workspace = withPolicies(
      np(
        'db-in',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}',
      ),
      cnp(
        'web-to-db',
        '{tier: Admin, priority: 1, subject: {pods: {podSelector: {matchLabels: {app: db}}}}, ingress: [{action: Accept, from: [{pods: {podSelector: {matchLabels: {app: web}}}}]}]}',
      ),
    );
    const result = applyIntent(workspace, {
      kind: 'remove-flow',
      from: 'prod/web',
      to: 'prod/db',
      port: 5432,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^prod\/web -> prod\/db on TCP 5432 stays allowed: cnp\/web-to-db ingress rule 1 \(Admin, priority 1, line \d+\) accepts it in the Admin tier, which comes before every NetworkPolicy/,
    );
  });
});
