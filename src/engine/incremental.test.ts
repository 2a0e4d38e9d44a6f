import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { richClusterArb, toYaml } from '../testing/arbitrary-cluster';
import { applyTextEdits, type TextEdit } from './edit/text-edits';
import { evaluateFiles, followEdits, type Evaluation, type TextChange } from './incremental';
import { buildClassMatrix } from './matrix/classes';
import { declaredPorts } from './matrix/reach';
import type { SourceFile } from './parse/parse-sources';
import { loadWorkspace } from './workspace';

const FILE = 'workspace.yaml';
const files = (text: string): SourceFile[] => [{ name: FILE, text }];

/** Asserts that the incremental evaluation says what a load from scratch says, field by field. */
function expectSameAsFullLoad(evaluation: Evaluation, text: string): void {
  const full = loadWorkspace(files(text));
  const { workspace } = evaluation;
  expect(workspace.diagnostics).toEqual(full.diagnostics);
  expect(workspace.parsed.documents).toEqual(full.parsed.documents);
  expect(workspace.parsed.diagnostics).toEqual(full.parsed.diagnostics);
  expect(workspace.cluster.policies).toEqual(full.cluster.policies);
  expect([...workspace.cluster.namespaces.keys()]).toEqual([...full.cluster.namespaces.keys()]);
  expect(
    workspace.parsed.objects.map((o) => [
      o.documentIndex,
      o.value,
      o.locate([]),
      o.locate(['spec', 'podSelector']),
    ]),
  ).toEqual(
    full.parsed.objects.map((o) => [
      o.documentIndex,
      o.value,
      o.locate([]),
      o.locate(['spec', 'podSelector']),
    ]),
  );
  const ports = declaredPorts(full.cluster);
  expect(evaluation.matrix.flowVerdictMatrix(ports)).toEqual(
    buildClassMatrix(full.cluster).flowVerdictMatrix(ports),
  );
  // As one string: a deep toEqual of the 640,000 cells of a long text's matrix takes seconds.
  expect(JSON.stringify(evaluation.matrix.pairVerdictMatrix())).toBe(
    JSON.stringify(buildClassMatrix(full.cluster).pairVerdictMatrix()),
  );
}

const POLICY_A = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: web
    ports:
    - port: 8080
`;
const BASE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: c, image: c, ports: [{containerPort: 8080}, {containerPort: 9090}]}]}
---
${POLICY_A}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: shop}
spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Egress]}
`;

describe('evaluateFiles', () => {
  it('re-reads only the edited policy when a keystroke stays inside it, with the answers of a full load', () => {
    const first = evaluateFiles(files(BASE));
    expect(first.path).toBe('full');
    for (const text of [
      BASE.replace('port: 8080', 'port: 9090'),
      BASE.replace('app: web\n    ports', 'app: webx\n    ports'),
      BASE.replace('port: 8080', 'port: 80800'),
    ]) {
      const next = evaluateFiles(files(text), {}, first);
      expect(next.path).toBe('one-policy');
      expectSameAsFullLoad(next, text);
    }
  });

  it('takes an edit that changes the line count in the last document, and in others only when the count stays', () => {
    const first = evaluateFiles(files(BASE));
    const lastGrows = BASE.replace(
      'policyTypes: [Egress]}\n',
      'policyTypes: [Egress]}\n# egress comes later\n',
    );
    expect(evaluateFiles(files(lastGrows), {}, first).path).toBe('one-policy');
    expectSameAsFullLoad(evaluateFiles(files(lastGrows), {}, first), lastGrows);
    const middleGrows = BASE.replace('    - port: 8080\n', '    - port: 8080\n    - port: 9090\n');
    const next = evaluateFiles(files(middleGrows), {}, first);
    expect(next.path).toBe('full');
    expectSameAsFullLoad(next, middleGrows);
  });

  it('falls back to a full load when an edit leaves the policy, renames it or touches a separator', () => {
    const first = evaluateFiles(files(BASE));
    for (const text of [
      BASE.replace('name: allow-web', 'name: allow-webs'),
      BASE.replace('namespace: shop\nspec:\n  podSelector', 'namespace: shop2\nspec:\n  podSelector'),
      BASE.replace('name: web, namespace', 'name: web2, namespace'),
      BASE.replace(
        'kind: NetworkPolicy\nmetadata:\n  name: allow-web',
        'kind: Pod\nmetadata:\n  name: allow-web',
      ),
    ]) {
      const next = evaluateFiles(files(text), {}, first);
      expect(next.path).toBe('full');
      expectSameAsFullLoad(next, text);
    }
    // Typing after a `---` edits the document it opens; the answers stay those of a full load.
    const separator = BASE.replace(`${POLICY_A}---\n`, `${POLICY_A}--- \n`);
    expectSameAsFullLoad(evaluateFiles(files(separator), {}, first), separator);
    // The `---` line of the document itself: a keystroke there that keeps its first character.
    const marker = BASE.replace(`---\n${POLICY_A}`, `-:\n${POLICY_A}`);
    expect(evaluateFiles(files(marker), {}, first).path).toBe('full');
    expectSameAsFullLoad(evaluateFiles(files(marker), {}, first), marker);
    const merged = BASE.replace(`${POLICY_A}---\n`, `${POLICY_A}--\n`);
    expect(evaluateFiles(files(merged), {}, first).path).toBe('full');
    expectSameAsFullLoad(evaluateFiles(files(merged), {}, first), merged);
    expect(evaluateFiles(files(BASE), {}, first).path).toBe('unchanged');
    expect(evaluateFiles(files(BASE), { namespace: 'other' }, first).path).toBe('full');
  });

  // Five loads of 800 pods with their matrices: seconds alone, over a minute beside another suite.
  it('finds the edit in texts many blocks long, wherever it is', { timeout: 300_000 }, () => {
    const pods = (prefix: string) =>
      Array.from(
        { length: 400 },
        (_, i) =>
          `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${prefix}-${i}, namespace: shop, labels: {app: filler}}\nspec: {containers: [{name: c, image: c}]}\n`,
      ).join('');
    const big = `${pods('before')}---\n${BASE}${pods('after')}`;
    expect(big.length).toBeGreaterThan(100_000);
    const first = evaluateFiles(files(big));
    for (const text of [
      big.replace('port: 8080', 'port: 8081'),
      big.replace('app: web\n    ports', 'app: wex\n    ports'),
    ]) {
      const next = evaluateFiles(files(text), {}, first);
      expect(next.path).toBe('one-policy');
      expectSameAsFullLoad(next, text);
    }
  });

  it('places the end of an edited last document where the parser does, even mid-line', () => {
    const text = BASE.replace('policyTypes: [Egress]}\n', 'policyTypes: [Egress], egress: []}\n');
    const first = evaluateFiles(files(text));
    // An empty value last: the yaml package ends the document before that line's newline.
    const emptied = text.replace('egress: []}\n', 'egress: []}\nx:\n');
    expectSameAsFullLoad(evaluateFiles(files(emptied), {}, first), emptied);
  });

  it('keeps the answers of a full load through invalid intermediate states while typing', () => {
    let evaluation = evaluateFiles(files(BASE));
    let text = BASE;
    // Typing "protocol: UDP" one key at a time, through states the API server would reject.
    const at = text.indexOf('    - port: 8080\n') + '    - port: 8080\n'.length;
    const typed = '      protocol: UDP\n';
    for (let i = 1; i <= typed.length; i++) {
      text = BASE.slice(0, at) + typed.slice(0, i) + BASE.slice(at);
      evaluation = evaluateFiles(files(text), {}, evaluation);
      expectSameAsFullLoad(evaluation, text);
    }
  });

  it('takes the range an editor gives, and nothing changed when it says so', () => {
    const first = evaluateFiles(files(BASE));
    const at = BASE.indexOf('port: 8080') + 'port: 808'.length;
    const edits: TextEdit[] = [{ file: FILE, start: at, end: at + 1, text: '1' }];
    const text = applyTextEdits(BASE, edits);
    const next = evaluateFiles(files(text), {}, first, undefined, followEdits(null, BASE.length, edits));
    expect(next.path).toBe('one-policy');
    expectSameAsFullLoad(next, text);
    expect(evaluateFiles(files(BASE), {}, first, undefined, null).path).toBe('unchanged');
    // A range that does not fit the texts is not trusted.
    expect(evaluateFiles(files(text), {}, first, undefined, { from: 0, oldTo: 3, newTo: 5 }).path).toBe(
      'full',
    );
  });

  it('follows sets of edits to the one range outside which both texts agree', () => {
    const editSet = (length: number) =>
      fc
        .array(fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.string({ maxLength: 3 }) }), {
          maxLength: 3,
        })
        .map((parts) => {
          // Non-overlapping edits of a text `length` long, as an editor with several cursors makes.
          const edits: TextEdit[] = [];
          let from = 0;
          for (const part of parts) {
            if (from > length) break;
            const start = from + (part.at % (length - from + 1));
            const end = Math.min(length, start + part.remove);
            edits.push({ file: FILE, start, end, text: part.insert });
            from = end + 1;
          }
          return edits;
        });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.nat(),
        (start, seeds, seed) => {
          let text = start;
          let change: TextChange | null = null;
          for (const [i, s] of seeds.entries()) {
            const [edits] = fc.sample(editSet(text.length), { seed: seed + s + i, numRuns: 1 });
            change = followEdits(change, text.length, edits!);
            text = applyTextEdits(text, edits!);
          }
          if (!change) return;
          expect(change.from).toBeLessThanOrEqual(Math.min(change.oldTo, change.newTo));
          expect(start.length - change.oldTo).toBe(text.length - change.newTo);
          expect(text.slice(0, change.from)).toBe(start.slice(0, change.from));
          expect(text.slice(change.newTo)).toBe(start.slice(change.oldTo));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('agrees with a full load after random edits inside random policies', () => {
    const paths = { full: 0, unchanged: 0, 'one-policy': 0 };
    const editArb = fc.record({
      document: fc.nat(),
      offset: fc.nat(),
      remove: fc.nat({ max: 3 }),
      insert: fc.stringMatching(/^[a-z0-9 :\-\n{}[\]]{0,4}$/),
    });
    fc.assert(
      fc.property(
        richClusterArb(),
        fc.array(editArb, { minLength: 1, maxLength: 4 }),
        // As the app does: the range comes from the edits, not from comparing the texts.
        fc.boolean(),
        (cluster, edits, fromEdits) => {
          let text = toYaml([...cluster.base, ...cluster.policies]);
          let evaluation = evaluateFiles(files(text));
          for (const edit of edits) {
            const policyDocuments = evaluation.workspace.parsed.documents.filter((doc) =>
              evaluation.workspace.parsed.objects.some(
                (o) =>
                  o.documentIndex === doc.index && (o.value as { kind?: string }).kind === 'NetworkPolicy',
              ),
            );
            if (policyDocuments.length === 0) return;
            const doc = policyDocuments[edit.document % policyDocuments.length]!;
            const at = doc.start + (edit.offset % (doc.end - doc.start));
            const typed = {
              file: FILE,
              start: at,
              end: Math.min(doc.end, at + edit.remove),
              text: edit.insert,
            };
            const change = fromEdits ? followEdits(null, text.length, [typed]) : undefined;
            text = applyTextEdits(text, [typed]);
            evaluation = evaluateFiles(files(text), {}, evaluation, undefined, change);
            paths[evaluation.path]++;
            expectSameAsFullLoad(evaluation, text);
          }
        },
      ),
      { numRuns: 150 },
    );
    // The comparison is only worth something if the incremental path was taken often.
    expect(paths['one-policy']).toBeGreaterThan(20);
  }, 120_000);
});
