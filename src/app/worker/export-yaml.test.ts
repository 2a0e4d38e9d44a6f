import { describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../engine';
import { exportYaml } from './export-yaml';

const TEXT = `# a comment that stays with the namespace
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
# deny everything by default
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: named, namespace: other}
spec: {podSelector: {}}
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec: {containers: [{name: web, image: nginx}]}
`;

const load = () => loadWorkspace([{ name: 'w.yaml', text: TEXT }], { namespace: 'shop' });

describe('exportYaml', () => {
  it('exports only NetworkPolicies, each with a namespace, keeping comments', () => {
    const { text, objects } = exportYaml(load(), TEXT, 'policies');
    expect(objects).toBe(2);
    const back = loadWorkspace([{ name: 'x.yaml', text }]);
    expect(back.cluster.policies.map((p) => p.id).sort()).toEqual(['other/named', 'shop/default-deny']);
    expect(text).toContain('# deny everything by default');
    expect(text).not.toContain('kind: Pod');
  });

  it('exports everything with namespaces filled in, and the user text is not touched', () => {
    const { text, objects } = exportYaml(load(), TEXT, 'everything');
    expect(objects).toBe(4);
    const back = loadWorkspace([{ name: 'x.yaml', text }]);
    expect(back.cluster.endpoints.map((e) => e.id)).toEqual(['shop/web']);
    expect(text).toContain('# a comment that stays with the namespace');
    expect(TEXT).not.toContain('namespace: shop}');
  });

  it('exports nothing from an empty workspace', () => {
    expect(exportYaml(loadWorkspace([{ name: 'w.yaml', text: '' }]), '', 'policies')).toEqual({ text: '', objects: 0 });
  });
});
