import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../engine';
import { documentValues, rawPolicySpec } from './edit-view';

const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicyList
items:
- metadata: {name: web, namespace: b}
  spec: {podSelector: {matchLabels: {app: web}}, ingress: [{from: [{podSelector: {}}]}]}
`;

describe('what the editing controls read from a workspace', () => {
  const workspace = loadWorkspace([{ name: 'w.yaml', text }]);

  it('reads a policy’s spec as written, also from a list', () => {
    const values = documentValues(workspace);
    const web = workspace.cluster.policies.find((policy) => policy.id === 'b/web')!;
    expect(rawPolicySpec(values, web)).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ podSelector: {} }] }],
    });
  });
});
