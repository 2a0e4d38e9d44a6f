/**
 * Fuzzing the whole engine with text nobody would write on purpose: the built-in scenarios with
 * characters and lines deleted, inserted and duplicated, their fields swapped for values of other
 * types, random JSON values written as YAML, and random Unicode. Whatever comes in, loading,
 * linting, running the tests and computing the matrix never throw, every diagnostic points inside
 * the text with 1-based lines and columns, and every run finishes in bounded time.
 *
 * Seeds are fixed, so a failure is reproducible; fast-check prints the counterexample.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import {
  computeReach,
  declaredPorts,
  lintWorkspace,
  loadWorkspace,
  runTests,
  type Diagnostic,
  type SourceFile,
} from '../index';

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'public', 'examples');
const scenarios = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => readFileSync(join(EXAMPLES, name), 'utf8'));

/** Generous: a scenario takes milliseconds; this only catches a hang or a blow-up. */
const MAX_MS_PER_RUN = 5_000;

/** Runs everything the app and the CLI run on a workspace, and checks what comes out. */
function exercise(files: SourceFile[]): void {
  const started = performance.now();
  const workspace = loadWorkspace(files);
  const diagnostics = [...lintWorkspace(workspace), ...runTests(workspace).errors];
  // Few ports keep the matrix small whatever the fuzzer declares.
  computeReach(workspace.cluster, declaredPorts(workspace.cluster).slice(0, 4));
  for (const diagnostic of diagnostics) expectInside(diagnostic, files);
  expect(performance.now() - started).toBeLessThan(MAX_MS_PER_RUN);
}

/** 1-based, and inside the text: a line that exists, a column on it (or just past its end). */
function expectInside(d: Diagnostic, files: SourceFile[]): void {
  const file = files.find((f) => f.name === d.file);
  expect(file, `diagnostic names an unknown file: ${JSON.stringify(d)}`).toBeDefined();
  const lines = file!.text.split('\n');
  const where = `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.code} ${d.message}`;
  for (const n of [d.line, d.column, d.endLine, d.endColumn])
    expect(Number.isInteger(n) && n >= 1, where).toBe(true);
  expect(d.line, where).toBeLessThanOrEqual(lines.length);
  expect(d.endLine, where).toBeLessThanOrEqual(lines.length);
  expect(d.endLine * 1e9 + d.endColumn, where).toBeGreaterThanOrEqual(d.line * 1e9 + d.column);
  expect(d.column, where).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
  expect(d.endColumn, where).toBeLessThanOrEqual(lines[d.endLine - 1]!.length + 1);
  expect(d.message.trim().length, where).toBeGreaterThan(0);
  expect(d.message, where).not.toMatch(/\[object Object\]|\bundefined\b/);
}

// ---------------------------------------------------------------------------------------------
// Text mutations.

/** Characters that matter to YAML and JSON, and some that break naive code. */
const SPECIAL = [
  ':',
  '-',
  ' ',
  '  ',
  '\n',
  '\t',
  '\r\n',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '#',
  '&a',
  '*a',
  '!',
  '|',
  '>',
  '?',
  '%',
  '@',
  '`',
  '\\',
  '---',
  '...',
  '\uFEFF',
  '\u0085',
  '\u2028',
  'é',
  '😀',
  '\uD800',
];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'swapLines'; line: number; other: number }
  | { kind: 'indent'; line: number; by: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(...SPECIAL),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ kind: fc.constant('deleteLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);

function mutate(text: string, m: Mutation): string {
  const at = 'at' in m ? m.at % (text.length + 1) : 0;
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    default: {
      const lines = text.split('\n');
      const i = m.line % lines.length;
      if (m.kind === 'deleteLine') lines.splice(i, 1);
      else if (m.kind === 'duplicateLine') lines.splice(i, 0, lines[i]!);
      else if (m.kind === 'swapLines') {
        const j = m.other % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      } else
        lines[i] =
          m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Type swaps: a field of a real object replaced by a value of another type.

/** Values of every JSON type, and the YAML 1.1 look-alikes Kubernetes users trip over. */
const strangeValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    'on',
    'yes',
    'NO',
    '0x50',
    '080',
    '1:20',
    '2024-01-01',
    '',
    ' ',
    '*',
    '-1',
    '65536',
    '10.0.0.0/33',
    'TCP',
    'tcp',
    'In',
    'Gt',
    null,
    [],
    {},
    [null],
    [{}],
    1.5,
    -0,
    1e300,
    'a'.repeat(300),
  ),
);

/** Every path to a value inside a parsed document. */
function pathsOf(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value))
    return value.map((item, i) => (i === head ? replaceAt(item, rest, replacement) : item));
  if (value && typeof value === 'object')
    return { ...value, [head!]: replaceAt((value as Record<string, unknown>)[head!], rest, replacement) };
  return value;
}

const scenarioObjects = scenarios.map((text) =>
  parseAllDocuments(text)
    .map((doc) => doc.toJS() as unknown)
    .filter((v) => v !== null),
);

/** Which kind of mutation a run got: the fuzzer must have reached the deep layers, not just the parser. */
const reached = { parsed: 0, evaluatedPolicies: 0 };

function note(files: SourceFile[]): void {
  const workspace = loadWorkspace(files);
  if (workspace.parsed.objects.length > 0) reached.parsed++;
  if (workspace.cluster.policies.length > 0) reached.evaluatedPolicies++;
}

describe('fuzzing the engine with broken and strange input', () => {
  it('mutated scenarios: deleted, inserted and duplicated characters and lines', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: scenarios.length - 1 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
        (scenario, mutations) => {
          const text = mutations.reduce(mutate, scenarios[scenario]!);
          const files = [{ name: 'mutated.yaml', text }];
          exercise(files);
          note(files);
        },
      ),
      { seed: 20_240_601, numRuns: 150 },
    );
    expect(reached.parsed).toBeGreaterThan(50);
  });

  it('scenarios with fields swapped for values of other types', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: scenarios.length - 1 }),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), strangeValueArb), { minLength: 1, maxLength: 3 }),
        (scenario, which, swaps) => {
          const objects = scenarioObjects[scenario]!;
          const index = which % objects.length;
          let object: unknown = objects[index];
          for (const [pick, replacement] of swaps) {
            const paths = pathsOf(object).filter((path) => path.length > 0);
            if (paths.length === 0) break;
            object = replaceAt(object, paths[pick % paths.length]!, replacement);
          }
          const documents = objects.map((original, i) => (i === index ? object : original));
          const files = [
            {
              name: 'swapped.yaml',
              text: documents.map((doc) => stringify(doc, { version: '1.1' })).join('---\n'),
            },
          ];
          exercise(files);
          // The same objects as JSON: one List document.
          exercise([
            {
              name: 'swapped.json',
              text: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: documents }, null, 1),
            },
          ]);
          note(files);
        },
      ),
      { seed: 7_777, numRuns: 100 },
    );
    expect(reached.evaluatedPolicies).toBeGreaterThan(20);
  });

  it('random JSON values, written as JSON and as YAML', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.constantFrom(
          'List',
          'Pod',
          'NetworkPolicy',
          'Deployment',
          'ConnectivityTest',
          'PodList',
          undefined,
        ),
        (value, kind) => {
          // Half of the time as the body of an object of a kind the engine reads, so it gets past "no kind".
          const body =
            kind && value && typeof value === 'object' && !Array.isArray(value)
              ? { ...value, kind, metadata: { name: 'x' } }
              : value;
          exercise([{ name: 'random.json', text: JSON.stringify(body) }]);
          exercise([{ name: 'random.yaml', text: stringify(body, { version: '1.1' }) }]);
        },
      ),
      { seed: 4_242, numRuns: 100 },
    );
  });

  it('random Unicode, lone surrogates and control characters included', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ unit: fc.constantFrom(...SPECIAL, 'a', 'kind', 'Pod', '\n  '), maxLength: 80 }),
        ),
        (text) => {
          exercise([{ name: 'noise.yaml', text }]);
        },
      ),
      { seed: 31_337, numRuns: 100 },
    );
  });

  it('several broken files at once keep their own diagnostics', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: scenarios.length - 1 }),
            fc.array(mutationArb, { maxLength: 3 }),
          ),
          { minLength: 2, maxLength: 4 },
        ),
        (picks) => {
          const files = picks.map(([scenario, mutations], i) => ({
            name: `f${i}.yaml`,
            text: mutations.reduce(mutate, scenarios[scenario]!),
          }));
          exercise(files);
        },
      ),
      { seed: 99, numRuns: 50 },
    );
  });
});
