import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
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
    expect(exportYaml(loadWorkspace([{ name: 'w.yaml', text: '' }]), '', 'policies')).toEqual({
      text: '',
      objects: 0,
    });
  });
});

/** Strings that YAML 1.1 readers (kubectl's go-yaml) turn into booleans, numbers or null when written plain. */
const TRICKY = ['true', 'on', 'yes', 'No', 'off', '080', '0x1F', '1_000', '1e3', '~', 'null', '.5', '+1'];

const LIST = `apiVersion: v1
kind: List
items:
- apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: tricky
    labels: {${TRICKY.map((v, i) => `l${i}: "${v}"`).join(', ')}}
    annotations: {"example.com/key:with:colons": "a: b", "plain:key": "x"}
  spec:
    podSelector:
      matchLabels: {flag: "true", mode: "on", zip: "080"}
    policyTypes: [Ingress]
    ingress:
    - from:
      - namespaceSelector: {matchLabels: {"example.com/team": "yes"}}
- apiVersion: v1
  kind: Namespace
  metadata: {name: "080"}
`;

describe('exportYaml quoting', () => {
  it('re-serializes List items so that a YAML 1.1 reader gets the very same strings back', () => {
    const workspace = loadWorkspace([{ name: 'w.yaml', text: LIST }], { namespace: 'on' });
    const original = workspace.parsed.objects[0]!.value as { items: Record<string, unknown>[] };
    const { text, objects } = exportYaml(workspace, LIST, 'policies');
    expect(objects).toBe(1);
    const docs = parseAllDocuments(text, { version: '1.1' });
    expect(docs).toHaveLength(1);
    expect(docs[0]!.errors).toEqual([]);
    const back = docs[0]!.toJS() as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
    const expected = original.items[0] as {
      metadata: Record<string, unknown>;
      spec: Record<string, unknown>;
    };
    // The namespace the workspace filled in (here `on`) is a string too.
    expect(back).toEqual({ ...expected, metadata: { ...expected.metadata, namespace: 'on' } });
    expect(back.metadata.labels).toEqual(Object.fromEntries(TRICKY.map((v, i) => [`l${i}`, v])));
    // The engine reads the export back with the same labels.
    const reread = loadWorkspace([{ name: 'export.yaml', text }]);
    expect(reread.cluster.policies.map((p) => p.id)).toEqual(['on/tricky']);
  });

  it('quotes a filled-in namespace that would not read back as a string, and leaves the rest as written', () => {
    const source = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}  # keep me\nspec: {podSelector: {matchLabels: {app: "on"}}}\n`;
    const { text } = exportYaml(
      loadWorkspace([{ name: 'w.yaml', text: source }], { namespace: '080' }),
      source,
      'policies',
    );
    expect(text).toContain('# keep me');
    expect(text).toContain('app: "on"');
    const back = parseAllDocuments(text, { version: '1.1' })[0]!.toJS() as {
      metadata: { namespace: unknown };
    };
    expect(back.metadata.namespace).toBe('080');
  });

  it('keeps every string of an everything-export of a List whose items need a namespace', () => {
    const text = exportYaml(
      loadWorkspace([{ name: 'w.yaml', text: LIST }], { namespace: 'yes' }),
      LIST,
      'everything',
    ).text;
    const values = parseAllDocuments(text, { version: '1.1' }).map(
      (d) => d.toJS() as { kind: string; metadata: { name: unknown; namespace?: unknown } },
    );
    expect(values.map((v) => [v.kind, v.metadata.name, v.metadata.namespace])).toEqual([
      ['NetworkPolicy', 'tricky', 'yes'],
      ['Namespace', '080', undefined],
    ]);
  });
});
