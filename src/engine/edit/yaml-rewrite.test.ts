import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument, type Document } from 'yaml';
import { deepEqual } from './values';
import { rewriteContents } from './yaml-rewrite';
import { detectStyle, renderYaml, type YamlStyle } from './yaml-style';

/** The text after making its only document read as `value`. */
function rewrite(text: string, value: unknown): string {
  const doc = parseDocument(text, { version: '1.1' }) as Document.Parsed;
  const {
    start,
    end,
    text: replacement,
  } = rewriteContents(text, doc, value, detectStyle(text, doc.contents));
  return text.slice(0, start) + replacement + text.slice(end);
}

const read = (text: string): unknown => parse(text, { version: '1.1' });

/** `value` with one change, written as a path into it. */
function edited<T>(value: T, change: (copy: T) => void): T {
  const copy = structuredClone(value);
  change(copy);
  return copy;
}

const POLICY = `# header comment
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}   # flow metadata
spec:
  podSelector:
    matchLabels:
      app: "web"    # quoted on purpose
  policyTypes:
    - Ingress
  ingress:
    # from the frontend
    - from:
        - podSelector: {matchLabels: {app: frontend}}
      ports:
        - port: 80

    # from monitoring, after a blank line
    - from:
        - namespaceSelector: {}
      ports:
        - port: 9090
  # trailing comment of the spec
`;

type Policy = {
  metadata: { name: string };
  spec: { podSelector: unknown; ingress: { from?: unknown[]; ports?: unknown[] }[] };
};
const policy = read(POLICY) as Policy;

describe('rewriting a document in place', () => {
  it('adds a rule after the others, in the document own indentation, keeping every comment', () => {
    const value = edited(policy, (p) =>
      p.spec.ingress.push({ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 443 }] }),
    );
    const out = rewrite(POLICY, value);
    expect(read(out)).toEqual(value);
    expect(out).toBe(
      POLICY.replace(
        '        - port: 9090\n',
        '        - port: 9090\n    - from:\n        - podSelector: {}\n      ports:\n        - protocol: TCP\n          port: 443\n',
      ),
    );
  });

  it('changes a scalar in place, keeping its quotes and its trailing comment', () => {
    const out = rewrite(
      POLICY,
      edited(
        policy,
        (p) => ((p.spec.podSelector as { matchLabels: { app: string } }).matchLabels.app = 'api'),
      ),
    );
    expect(out).toBe(POLICY.replace('app: "web"    # quoted', 'app: "api"    # quoted'));
  });

  it('renames inside a flow mapping without unfolding it', () => {
    const out = rewrite(
      POLICY,
      edited(policy, (p) => (p.metadata.name = 'web-2')),
    );
    expect(out).toBe(POLICY.replace('{name: web, namespace: shop}', '{name: web-2, namespace: shop}'));
  });

  it('removes an item with its own leading comment and keeps the next one with its comment', () => {
    const out = rewrite(
      POLICY,
      edited(policy, (p) => p.spec.ingress.shift()),
    );
    expect(out).toContain(
      '  ingress:\n    # from monitoring, after a blank line\n    - from:\n        - namespaceSelector: {}\n',
    );
    expect(out).not.toContain('frontend');
    expect(out).toContain('  # trailing comment of the spec\n');
  });

  it('narrows a rule in place rather than replacing it', () => {
    const out = rewrite(
      POLICY,
      edited(policy, (p) => delete p.spec.ingress[0]!.ports),
    );
    expect(out).toBe(
      POLICY.replace(
        '        - podSelector: {matchLabels: {app: frontend}}\n      ports:\n        - port: 80\n',
        '        - podSelector: {matchLabels: {app: frontend}}\n',
      ),
    );
  });

  it('drops the first key of a mapping that starts on a dash line', () => {
    const out = rewrite(
      POLICY,
      edited(policy, (p) => delete p.spec.ingress[0]!.from),
    );
    expect(out).toContain('    # from the frontend\n    - ports:\n        - port: 80\n');
  });

  it('turns an inline value into a block and back', () => {
    const text = 'spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';
    const block = rewrite(text, {
      spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] },
    });
    expect(block).toBe('spec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes: [Ingress]\n');
    expect(rewrite(block, { spec: { podSelector: {}, policyTypes: ['Ingress'] } })).toBe(text);
  });

  it('puts a new key where people expect it: policyTypes after podSelector', () => {
    const out = rewrite('spec:\n  podSelector: {}\n  ingress:\n  - {}\n', {
      spec: { podSelector: {}, ingress: [{}], policyTypes: ['Ingress'] },
    });
    expect(out).toBe('spec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  ingress:\n  - {}\n');
  });

  it('keeps a JSON document JSON', () => {
    const json = '{\n    "kind": "NetworkPolicy",\n    "spec": {"podSelector": {}}\n}\n';
    const out = rewrite(json, { kind: 'NetworkPolicy', spec: { podSelector: {}, policyTypes: ['Ingress'] } });
    expect(JSON.parse(out)).toEqual({
      kind: 'NetworkPolicy',
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    expect(out).toContain('\n    "spec"');
  });

  it('writes a document with anchors and aliases anew, since its parts are tied together', () => {
    const text = 'base: &ports [{port: 80}]\nuse: *ports\n';
    const out = rewrite(text, { base: [{ port: 80 }, { port: 443 }], use: [{ port: 80 }] });
    expect(read(out)).toEqual({ base: [{ port: 80 }, { port: 443 }], use: [{ port: 80 }] });
    expect(out).not.toContain('*');
  });

  it('quotes what Kubernetes would read as another type', () => {
    const out = rewrite('labels:\n  a: b\n', { labels: { a: 'on', b: '080' } });
    expect(read(out)).toEqual({ labels: { a: 'on', b: '080' } });
  });
});

const word = fc.constantFrom('a', 'b', 'web', 'on', '80', 'x y', '');
const key = fc.constantFrom(
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'name',
  'podSelector',
  'ports',
  'port',
  'app',
  'k',
);
const valueArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word,
    fc.integer({ min: 0, max: 99 }),
    fc.boolean(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const styleArb: fc.Arbitrary<YamlStyle> = fc.record({
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  flowPadding: fc.boolean(),
});

type Gen = (arb: typeof fc.integer, constraints: { min: number; max: number }) => number;

/** A change that keeps most of the value, as an intent does. */
function mutate(value: unknown, pick: (max: number) => number): unknown {
  if (Array.isArray(value)) {
    const copy = [...value];
    const choice = pick(2);
    if (choice === 0 || copy.length === 0) copy.splice(pick(copy.length), 0, pick(9));
    else if (choice === 1) copy.splice(pick(copy.length - 1), 1);
    else {
      const i = pick(copy.length - 1);
      copy[i] = mutate(copy[i], pick);
    }
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const copy = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const choice = pick(2);
    if (choice === 0 || keys.length === 0) copy[`new${pick(9)}`] = { k: 'v' };
    else if (choice === 1) delete copy[keys[pick(keys.length - 1)]!];
    else {
      const k = keys[pick(keys.length - 1)]!;
      copy[k] = mutate(copy[k], pick);
    }
    return copy;
  }
  return pick(1) ? 'changed' : { k: [1, 2] };
}

describe('rewriting any document', () => {
  it('reads back as the new value, whatever the layout and comments of the old text', () => {
    fc.assert(
      fc.property(
        fc.dictionary(key, valueArb, { minKeys: 1, maxKeys: 5 }),
        styleArb,
        fc.boolean(),
        fc.gen(),
        (old, style, comments, g) => {
          let text = renderYaml(old, style);
          if (comments)
            text = text.replace(
              /\n( *)(?=- |\w)/g,
              (_match, indent: string) => `\n${indent}# note\n${indent}`,
            );
          fc.pre(deepEqual(read(text), old)); // a comment may not land inside a multi-line string
          const pick = (max: number) => (g as unknown as Gen)(fc.integer, { min: 0, max });
          for (let step = 0; step < 3; step++) {
            const next = mutate(read(text), pick);
            text = rewrite(text, next);
            expect(read(text)).toEqual(next);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
