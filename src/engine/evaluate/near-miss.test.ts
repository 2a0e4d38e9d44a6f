import { describe, expect, it } from 'vitest';
import { withPolicies } from '../../testing/workspace';
import { explain, type ExplainResult } from '../workspace';

const policy = (name: string, spec: string, namespace = 'prod') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: ${spec}`;

function explained(result: ExplainResult) {
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('explanations name the deciding side, its policies and rules', () => {
  const ws = withPolicies(
    policy(
      'db-ingress',
      '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: pg}]}]}',
    ),
    policy(
      'web-egress',
      '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]}',
      'dev',
    ),
  );

  it('allow: the rules that allowed each side, with their lines', () => {
    const { flow } = explained(explain(ws, 'prod/web', 'prod/db', 5432, 'TCP'));
    expect(flow.verdict).toBe('allow');
    expect(flow.reason).toMatch(
      /prod\/web is not isolated for egress; prod\/db is isolated for ingress by prod\/db-ingress; allowed by prod\/db-ingress ingress rule 1 \(line \d+\)/,
    );
  });

  it('allow-open: neither side isolated', () => {
    const { flow } = explained(explain(ws, 'prod/db', 'prod/web', 80, 'TCP'));
    expect(flow.verdict).toBe('allow-open');
    expect(flow.reason).toBe('prod/db is not isolated for egress; prod/web is not isolated for ingress');
  });

  it('deny-ingress: a label mismatch, as the closest rule lacks it', () => {
    const result = explained(explain(ws, 'kube-system/coredns', 'prod/db', 5432, 'TCP'));
    expect(result.flow.verdict).toBe('deny-ingress');
    expect(result.nearMisses).toHaveLength(1);
    expect(result.nearMisses[0]!.lacks).toEqual([
      'the peer has no namespaceSelector, so it only means pods in prod, and kube-system/coredns is in kube-system',
      'pod kube-system/coredns has no label app (the rule wants app=web)',
    ]);
  });

  it('deny-ingress: the wrong port, named port resolved on the destination', () => {
    const result = explained(explain(ws, 'prod/web', 'prod/db', 5433, 'TCP'));
    expect(result.flow.verdict).toBe('deny-ingress');
    expect(result.flow.reason).toContain('rules matching prod/web allow only TCP 5432, not TCP 5433');
    expect(result.nearMisses[0]!.lacks).toEqual([
      'it allows TCP "pg" (= TCP 5432 on the destination), not TCP 5433',
    ]);
  });

  it('deny-ingress: the wrong protocol', () => {
    const result = explained(explain(ws, 'prod/web', 'prod/db', 5432, 'UDP'));
    expect(result.nearMisses[0]!.lacks).toEqual([
      'it allows TCP "pg" (= TCP 5432 on the destination), not UDP 5432',
    ]);
  });

  it('deny-egress: namespace mismatch on the egress side', () => {
    const result = explained(explain(ws, 'dev/web', 'prod/web', 80, 'TCP'));
    expect(result.flow.verdict).toBe('deny-egress');
    expect(result.flow.reason).toContain(
      'dev/web is isolated for egress by dev/web-egress; no egress rule matches prod/web',
    );
    expect(result.nearMisses[0]!.lacks[0]).toContain('it only means pods in dev, and prod/web is in prod');
  });

  it('deny-both: each side says why', () => {
    const result = explained(explain(ws, 'dev/web', 'prod/db', 5432, 'TCP'));
    expect(result.flow.verdict).toBe('deny-both');
    expect(result.flow.reason).toContain('no egress rule matches prod/db');
    expect(result.flow.reason).toContain('no ingress rule matches dev/web');
    expect(result.nearMisses.map((m) => m.direction)).toEqual(['egress', 'ingress']);
  });

  it('ipBlock near misses: outside the block, or carved out by except', () => {
    const blocks = withPolicies(
      policy(
        'p',
        '{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.2.0.0/16]}}]}]}',
      ),
    );
    expect(explained(explain(blocks, '192.0.2.1', 'prod/db', 5432, 'TCP')).nearMisses[0]!.lacks).toEqual([
      '192.0.2.1 is outside ipBlock 10.0.0.0/8',
    ]);
    expect(explained(explain(blocks, 'dev/web', 'prod/db', 5432, 'TCP')).nearMisses[0]!.lacks).toEqual([
      '10.2.0.5 is in ipBlock 10.0.0.0/8 but excluded by except 10.2.0.0/16',
    ]);
  });
});
