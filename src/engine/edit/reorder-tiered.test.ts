import { describe, expect, it } from 'vitest';
import { applyIntent, decidePair, isEmptyPorts, type Workspace } from '..';
import { applyOk, documentTexts, expectDocumentsKept, load } from '../../testing/edit-workspace';
import { reorderedPriorities } from './reorder-tiered';

const CNP = 'policy.networking.k8s.io/v1alpha2';
const ANP = 'policy.networking.k8s.io/v1alpha1';

/** An Admin Deny ahead of an Admin Accept for the same traffic, a NetworkPolicy and comments around them. */
const TEXT = `# shop and ops
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: web}}
---
apiVersion: v1
kind: Pod
metadata: {name: front, namespace: shop, labels: {app: front}}
spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: mon, namespace: ops, labels: {app: mon}}
spec: {containers: [{name: c, image: mon}]}
---
apiVersion: ${CNP}
kind: ClusterNetworkPolicy
metadata:
  name: deny-ops   # keep ops out
spec:
  tier: Admin
  priority:   10 # first
  subject: {namespaces: {matchLabels: {team: web}}}
  ingress:
  - {name: no-ops, action: Deny, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: ops}}}]}
---
apiVersion: ${CNP}
kind: ClusterNetworkPolicy
metadata: {name: let-mon}
spec:
  tier: Admin
  priority: 20
  subject: {namespaces: {matchLabels: {team: web}}}
  ingress:
  - {name: mon, action: Accept, from: [{pods: {podSelector: {matchLabels: {app: mon}}}}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

/** Whether ops/mon may reach shop/front at all, as the engine decides it. */
function monReachesFront(workspace: Workspace): boolean {
  const end = (id: string) => ({
    kind: 'endpoint' as const,
    endpoint: workspace.cluster.endpoints.find((e) => e.id === id)!,
  });
  return !isEmptyPorts(decidePair(workspace.cluster, end('ops/mon'), end('shop/front')).allowed);
}

const reorder = (...order: string[]) => ({
  kind: 'reorder-tiered-policies' as const,
  tier: 'Admin' as const,
  order,
});

describe('reorderedPriorities', () => {
  it('changes only the moved policy when there is room', () => {
    expect(reorderedPriorities([20, 10])).toEqual([20, 30]);
    expect(reorderedPriorities([10, 30, 20])).toEqual([10, 30, 40]);
  });

  it('keeps the longest run that leaves room and spreads the others in the gaps', () => {
    expect(reorderedPriorities([1, 5, 2, 9])).toEqual([1, 5, 7, 9]);
    expect(reorderedPriorities([3, 1, 2])).toEqual([0, 1, 2]);
  });

  it('stays within the priority limits, ascending strictly', () => {
    expect(reorderedPriorities([1000, 0])).toEqual([0, 10]);
    expect(reorderedPriorities([0, 1000, 999])).toEqual([0, 499, 999]);
    const many = reorderedPriorities([0, 0, 0, 0], { min: 0, max: 3 });
    expect(many).toEqual([0, 1, 2, 3]);
    expect(() => reorderedPriorities([0, 0, 0], { min: 0, max: 1 })).toThrow(/distinct priorities/);
    for (const result of [reorderedPriorities([5, 5, 5]), reorderedPriorities([999, 1000, 1000])]) {
      for (let i = 1; i < result.length; i++) expect(result[i]).toBeGreaterThan(result[i - 1]!);
      expect(Math.min(...result)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...result)).toBeLessThanOrEqual(1000);
    }
  });
});

describe('the reorder-tiered-policies intent', () => {
  it('splices only the one priority it changes, comments and spacing kept, and the verdict follows', () => {
    expect(monReachesFront(load(TEXT))).toBe(false);
    const applied = applyOk(TEXT, reorder('cnp/let-mon', 'cnp/deny-ops'));
    expect(applied.edits).toHaveLength(1);
    expect(applied.after).toBe(TEXT.replace('priority:   10 # first', 'priority:   30 # first'));
    expectDocumentsKept(TEXT, applied.after, [3]);
    expect(monReachesFront(applied.workspace)).toBe(true);
    expect(applied.summary).toContain('cnp/deny-ops: priority 10 → 30.');
    expect(applied.summary).toContain('ops/mon');
  });

  it('rewrites each priority it must change in its own document', () => {
    const third = `---
apiVersion: ${CNP}
kind: ClusterNetworkPolicy
metadata: {name: third}
spec: {tier: Admin, priority: 30, subject: {namespaces: {}}, egress: [{action: Pass, to: [{namespaces: {}}]}]}
`;
    const text = TEXT + third;
    const applied = applyOk(text, reorder('cnp/third', 'cnp/let-mon', 'cnp/deny-ops'));
    expect(applied.edits).toHaveLength(2);
    expectDocumentsKept(text, applied.after, [3, 4]);
    const docs = documentTexts(applied.after);
    expect(docs[3]).toBe(documentTexts(text)[3]!.replace('priority:   10', 'priority:   50'));
    expect(docs[4]).toBe(documentTexts(text)[4]!.replace('priority: 20', 'priority: 40'));
  });

  it('orders v1alpha1 AdminNetworkPolicies too, and refuses to order the priority-less Baseline singleton', () => {
    const v1 = `apiVersion: ${ANP}
kind: AdminNetworkPolicy
metadata: {name: a}
spec: {priority: 3, subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {}}]}]}
---
apiVersion: ${ANP}
kind: AdminNetworkPolicy
metadata: {name: b}
spec: {priority: 4, subject: {namespaces: {}}, ingress: [{action: Allow, from: [{namespaces: {}}]}]}
---
apiVersion: ${ANP}
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec: {subject: {namespaces: {}}, ingress: [{action: Deny, from: [{namespaces: {}}]}]}
---
apiVersion: ${CNP}
kind: ClusterNetworkPolicy
metadata: {name: base}
spec: {tier: Baseline, priority: 4, subject: {namespaces: {}}, ingress: [{action: Accept, from: [{namespaces: {}}]}]}
`;
    const applied = applyOk(v1, reorder('anp/b', 'anp/a'));
    expect(applied.after).toBe(
      v1.replace(
        'priority: 3, subject: {namespaces: {}}, ingress: [{action: Deny',
        'priority: 14, subject: {namespaces: {}}, ingress: [{action: Deny',
      ),
    );
    const refused = applyIntent(load(v1), {
      kind: 'reorder-tiered-policies',
      tier: 'Baseline',
      order: ['banp/default', 'cnp/base'],
    });
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/banp\/default has no priority/) });
  });

  it('refuses an order that leaves a policy out or names one twice, and one already in place', () => {
    const workspace = load(TEXT);
    for (const order of [['cnp/let-mon'], ['cnp/let-mon', 'cnp/let-mon'], ['cnp/let-mon', 'cnp/nope']])
      expect(applyIntent(workspace, reorder(...order))).toMatchObject({ ok: false });
    expect(applyIntent(workspace, reorder('cnp/deny-ops', 'cnp/let-mon'))).toEqual({
      ok: false,
      message: 'The Admin tier is in that order already.',
    });
  });
});
