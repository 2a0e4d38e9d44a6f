import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadWorkspace } from '../workspace';
import { exportManifests } from './export-manifests';

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

describe('exportManifests', () => {
  it('exports only NetworkPolicies, each with a namespace, keeping comments', () => {
    const { text, objects } = exportManifests(load(), 'policies');
    expect(objects).toBe(2);
    const back = loadWorkspace([{ name: 'x.yaml', text }]);
    expect(back.cluster.policies.map((p) => p.id).sort()).toEqual(['other/named', 'shop/default-deny']);
    expect(text).toContain('# deny everything by default');
    expect(text).not.toContain('kind: Pod');
  });

  it('exports everything with namespaces filled in, and the user text is not touched', () => {
    const { text, objects } = exportManifests(load(), 'everything');
    expect(objects).toBe(4);
    const back = loadWorkspace([{ name: 'x.yaml', text }]);
    expect(back.cluster.endpoints.map((e) => e.id)).toEqual(['shop/web']);
    expect(text).toContain('# a comment that stays with the namespace');
    expect(TEXT).not.toContain('namespace: shop}');
  });

  it('exports nothing from an empty workspace', () => {
    expect(exportManifests(loadWorkspace([{ name: 'w.yaml', text: '' }]), 'policies')).toEqual({
      text: '',
      objects: 0,
      notes: [],
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

describe('exportManifests quoting', () => {
  it('keeps the policies of a List so that a YAML 1.1 reader gets the very same strings back', () => {
    const workspace = loadWorkspace([{ name: 'w.yaml', text: LIST }], { namespace: 'on' });
    const original = workspace.parsed.objects[0]!.value as { items: Record<string, unknown>[] };
    const { text, objects } = exportManifests(workspace, 'policies');
    expect(objects).toBe(1);
    const docs = parseAllDocuments(text, { version: '1.1' });
    expect(docs).toHaveLength(1);
    expect(docs[0]!.errors).toEqual([]);
    const list = docs[0]!.toJS() as { kind: string; items: unknown[] };
    expect(list.kind).toBe('List');
    expect(list.items).toHaveLength(1);
    const back = list.items[0] as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
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
    const { text } = exportManifests(
      loadWorkspace([{ name: 'w.yaml', text: source }], { namespace: '080' }),
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
    const text = exportManifests(
      loadWorkspace([{ name: 'w.yaml', text: LIST }], { namespace: 'yes' }),
      'everything',
    ).text;
    const [list] = parseAllDocuments(text, { version: '1.1' }).map(
      (d) => d.toJS() as { items: { kind: string; metadata: { name: unknown; namespace?: unknown } }[] },
    );
    const values = list!.items;
    expect(values.map((v) => [v.kind, v.metadata.name, v.metadata.namespace])).toEqual([
      ['NetworkPolicy', 'tricky', 'yes'],
      ['Namespace', '080', undefined],
    ]);
  });
});

const policy = (apiVersion: string, name: string, spec = '{podSelector: {}, policyTypes: [Ingress]}') =>
  `apiVersion: ${apiVersion}\nkind: NetworkPolicy\nmetadata: {name: ${name}}\nspec: ${spec}\n`;

describe('exportManifests and the policies the engine evaluates', () => {
  it('exports an extensions/v1beta1 policy beside a v1 one, under the apiVersion it was read as', () => {
    const text = [policy('extensions/v1beta1', 'old'), policy('networking.k8s.io/v1', 'new')].join('---\n');
    const workspace = loadWorkspace([{ name: 'w.yaml', text }], { namespace: 'shop' });
    expect(workspace.cluster.policies.map((p) => p.id)).toEqual(['shop/new', 'shop/old']);
    const result = exportManifests(workspace, 'policies');
    expect(result.objects).toBe(2);
    const back = loadWorkspace([{ name: 'x.yaml', text: result.text }]);
    expect(back.cluster.policies.map((p) => p.id)).toEqual(['shop/new', 'shop/old']);
    expect(back.diagnostics.filter((d) => d.code === 'api-version')).toEqual([]);
    expect(result.notes).toEqual([
      'NetworkPolicy shop/old is written with apiVersion networking.k8s.io/v1 (it says "extensions/v1beta1"), as Netpol Canvas read it.',
    ]);
  });

  it('names every policy it leaves out, with the reason', () => {
    const text = [
      policy('networking.k8s.io/v1', 'broken', '{podSelector: {}, policyTypes: [Sideways]}'),
      policy('networking.k8s.io/v1', 'twice'),
      policy('networking.k8s.io/v1', 'twice', '{podSelector: {}, policyTypes: [Egress]}'),
      policy('projectcalico.org/v3', 'calico'),
    ].join('---\n');
    const result = exportManifests(loadWorkspace([{ name: 'w.yaml', text }]), 'policies');
    expect(result.objects).toBe(1);
    expect(result.text).toContain('policyTypes: [Egress]');
    expect(result.notes).toHaveLength(3);
    expect(result.notes[0]).toMatch(
      /^NetworkPolicy default\/broken is not exported: it is not valid \(line 4: /,
    );
    expect(result.notes[1]).toMatch(/^NetworkPolicy default\/twice .* the last definition wins$/);
    expect(result.notes[2]).toMatch(
      /^NetworkPolicy default\/calico .* only networking.k8s.io\/v1 NetworkPolicy is.$/,
    );
  });

  it('cites the invalid policy itself, not another whose namespace/name reads alike', () => {
    // Namespace `a/b` + name `c` and namespace `a` + name `b/c` both read "a/b/c".
    const text = [
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: c, namespace: a/b}\nspec: {podSelector: {}}\n',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: b/c, namespace: a}\nspec: {podSelector: {}, policyTypes: [Sideways]}\n',
    ].join('---\n');
    const result = exportManifests(loadWorkspace([{ name: 'w.yaml', text }]), 'policies');
    expect(result.objects).toBe(1);
    expect(result.notes).toEqual([
      expect.stringMatching(/^NetworkPolicy a\/b\/c is not exported: it is not valid \(line 9: .*Sideways/),
    ]);
  });

  it('exports the documents of every file of the workspace', () => {
    const workspace = loadWorkspace([
      { name: 'a.yaml', text: policy('networking.k8s.io/v1', 'a') },
      { name: 'b.yaml', text: `---\n${policy('networking.k8s.io/v1', 'b')}` },
    ]);
    const { text, objects } = exportManifests(workspace, 'policies');
    expect(objects).toBe(2);
    expect(loadWorkspace([{ name: 'x.yaml', text }]).cluster.policies.map((p) => p.id)).toEqual([
      'default/a',
      'default/b',
    ]);
  });
});
