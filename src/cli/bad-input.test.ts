/**
 * The bad-input corpus (fixtures/bad-input, described by its expectations.json) through the CLI:
 * exit codes, one clear message naming file:line, no stack trace, nothing on stdout when the
 * input is refused. Most cases run in-process through `run`, the very function the bin calls;
 * the big and binary inputs, generated here rather than committed, run as real processes with a
 * small heap and a time limit, so "nothing hangs, memory stays bounded" is checked for real.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSubject, MAX_SOURCE_BYTES, type Diagnostic } from '../engine';
import { run } from './run';

const ROOT = join(import.meta.dirname, '..', '..');
const CORPUS = join(ROOT, 'fixtures', 'bad-input');

interface Expectation {
  reach: number;
  lint: number;
  test?: number;
  /** Must match reach's stderr when reach exits 2, otherwise lint's stdout. */
  message: string;
  /** Must match reach's stdout: the file works. */
  stdout?: string;
  /** Must match test's stderr. */
  testMessage?: string;
}

const expectations = (
  JSON.parse(readFileSync(join(CORPUS, 'expectations.json'), 'utf8')) as {
    files: Record<string, Expectation>;
  }
).files;
const cases = Object.entries(expectations);

const STACK_TRACE = /\n\s+at /;

function runInProcess(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** Every line of a refusal names a place: `netpol-canvas: FILE:LINE:COLUMN: ...` or `FILE:LINE:COLUMN: ...`. */
function expectEveryLineLocated(stderr: string, file: string) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines)
    expect(line.replace(/^netpol-canvas: /, '')).toMatch(new RegExp(`^${escape(file)}:\\d+:\\d+: `));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the bad-input corpus', () => {
  it('has at least 45 files, each with an expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  describe.each(cases)('%s', (name, expected) => {
    const file = join(CORPUS, name);

    it(`reach exits ${expected.reach}`, () => {
      const { code, stdout, stderr } = runInProcess('reach', file);
      expect(code, stderr).toBe(expected.reach);
      expect(stderr).not.toMatch(STACK_TRACE);
      if (code === 2) {
        expect(stdout).toBe('');
        expect(stderr).toMatch(new RegExp(expected.message, 'm'));
        expectEveryLineLocated(stderr, file);
      } else {
        expect(stdout.length).toBeGreaterThan(0);
        if (expected.stdout) expect(stdout).toMatch(new RegExp(expected.stdout, 'm'));
      }
    });

    it(`lint exits ${expected.lint}`, () => {
      const { code, stdout, stderr } = runInProcess('lint', file);
      expect(code, stderr).toBe(expected.lint);
      expect(stdout + stderr).not.toMatch(STACK_TRACE);
      if (code === 2) {
        expect(stdout).toBe('');
        expectEveryLineLocated(stderr, file);
      } else {
        expect(stderr).toBe('');
        expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ errors?, \d+ warnings?$/);
        // Also where reach refused the file: its reason is among lint's findings, at the same place.
        expect(stdout).toMatch(new RegExp(expected.message, 'm'));
      }
    });

    if (expected.test !== undefined) {
      it(`test exits ${expected.test}`, () => {
        const { code, stdout, stderr } = runInProcess('test', file);
        expect(code, stderr).toBe(expected.test);
        expect(stderr).not.toMatch(STACK_TRACE);
        if (code === 2) {
          expect(stdout).toBe('');
          expect(stderr).toMatch(new RegExp(expected.testMessage ?? expected.message, 'm'));
          expectEveryLineLocated(stderr, file);
        }
      });
    }

    if (expected.reach === 2) {
      it('test and explain refuse it too, with the same message', () => {
        for (const argv of [
          ['test', file],
          ['explain', file, '--from', 'shop/web', '--to', '10.0.0.1', '--port', '80'],
        ]) {
          const { code, stdout, stderr } = runInProcess(...argv);
          expect(code, `${argv[0]}: ${stderr}`).toBe(2);
          expect(stdout).toBe('');
          expect(stderr).not.toMatch(STACK_TRACE);
          expect(stderr).toMatch(new RegExp(expected.message, 'm'));
          expectEveryLineLocated(stderr, file);
        }
      });
    }
  });

  it('names the object of every diagnostic that is about one as a subject, in lint --format json too', () => {
    // What is about a document rather than an object: it does not parse, or names no kind or name.
    const aboutDocument = /^(yaml-|json-|bom-in-document$|not-an-object$|no-kind$|no-name$)/;
    let subjects = 0;
    for (const [name] of cases) {
      const file = join(CORPUS, name);
      const { stdout } = runInProcess('lint', file, '--format', 'json');
      if (!stdout) continue; // refused before lint: its message is checked above
      const text = readFileSync(file, 'utf8');
      for (const d of (JSON.parse(stdout) as { diagnostics: Diagnostic[] }).diagnostics) {
        if (aboutDocument.test(d.code)) {
          expect(d.subject, `${name}: ${d.code}`).toBeUndefined();
          continue;
        }
        expect(d.subject, `${name}: ${d.code} ${d.message}`).toBeDefined();
        const { kind, namespace, name: objectName } = d.subject!;
        expect(d.object).toBe(describeSubject(d.subject!));
        // The subject is an object the file holds, under its own kind and name.
        expect(text, `${name}: ${d.code}`).toContain(kind);
        if (objectName) expect(text, `${name}: ${d.code}`).toContain(objectName);
        if (namespace && namespace !== 'default') expect(text, `${name}: ${d.code}`).toContain(namespace);
        subjects++;
      }
    }
    expect(subjects).toBeGreaterThan(40);
  });

  it('one file at fault never hides the problems of the others: lint of all readable files at once', () => {
    const readable = cases.filter(([, e]) => e.lint !== 2);
    const { code, stdout, stderr } = runInProcess('lint', ...readable.map(([name]) => join(CORPUS, name)));
    expect(code, stderr).toBe(1);
    // Errors only: warnings such as "no pod carries this label" rightly depend on the other files.
    for (const [, e] of readable)
      if (/: error: /.test(e.message)) expect(stdout).toMatch(new RegExp(e.message, 'm'));
  });
});

// ---------------------------------------------------------------------------------------------
// Real processes, for what only a process can show: binary reads, huge files, deep recursion.

const TIME_LIMIT_MS = 20_000;
/** A heap far below what reading these inputs naively would take. */
const HEAP_MB = 512;

interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

function spawnCli(args: string[], timeLimitMs = TIME_LIMIT_MS): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args],
      { cwd: ROOT },
    );
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeLimitMs);
    // Keep only the start of a flood of output.
    child.stdout.on('data', (chunk: Buffer) => stdout.length < 1e6 && (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => stderr.length < 1e6 && (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout, stderr });
    });
  });
}

const temp = mkdtempSync(join(tmpdir(), 'netpol-bad-input-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function generated(name: string, content: string | Buffer): string {
  const path = join(temp, name);
  writeFileSync(path, content);
  return path;
}

const POLICY_HEAD =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: shop}\nspec:\n';

/** What `kubectl get pods -A -o yaml` prints: one List, pods owned by ReplicaSets that are not in it. */
function kubectlDump(pods: number): string {
  const items = Array.from({ length: pods }, (_, i) => {
    const app = `web${i % 250}`;
    return `- apiVersion: v1
  kind: Pod
  metadata:
    labels:
      app: ${app}
      pod-template-hash: 7c5d
    name: ${app}-7c5d-${i}
    namespace: ns${i % 25}
    ownerReferences:
    - apiVersion: apps/v1
      controller: true
      kind: ReplicaSet
      name: ${app}-7c5d
      uid: 00000000-${i}
  spec:
    containers:
    - image: nginx
      name: c
      ports:
      - containerPort: 8080
        protocol: TCP
  status:
    hostIP: 192.168.0.${i % 50}
    phase: Running
    podIP: 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}
`;
  });
  return `apiVersion: v1\nitems:\n${items.join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`;
}

interface ProcessCase {
  name: string;
  make: () => string;
  /** Expected reach and lint exit codes, and a message either must match. */
  reach: number;
  lint: number;
  message: RegExp;
}

const processCases: ProcessCase[] = [
  {
    name: 'a 70 MB file is refused before it is read',
    make: () =>
      generated('huge-70mb.yaml', `${POLICY_HEAD}  podSelector: {}\n# ${'x'.repeat(70 * 1024 * 1024)}\n`),
    reach: 2,
    lint: 2,
    message: new RegExp(
      `huge-70mb\\.yaml: 70 MB is too large; files over ${MAX_SOURCE_BYTES / 1024 / 1024} MB are not read`,
    ),
  },
  {
    name: 'a 15 MB file of garbage stops after the first errors',
    make: () => generated('garbage-15mb.yaml', 'foo: [bar\n'.repeat(1_500_000)),
    reach: 2,
    lint: 1,
    message:
      /garbage-15mb\.yaml:\d+:\d+: error: \S*garbage-15mb\.yaml was not read past line \d+: its first 256 KB already hold more than 50 YAML errors/,
  },
  {
    name: 'flow sequences nested 10,000 deep',
    make: () =>
      generated(
        'deep-flow.yaml',
        `${POLICY_HEAD}  podSelector: {}\n  ingress: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      ),
    reach: 2,
    lint: 1,
    message: /deep-flow\.yaml:\d+:\d+: error: this document is nested too deeply to read/,
  },
  {
    name: 'block sequences nested 10,000 deep',
    make: () => generated('deep-block.yaml', `${'- '.repeat(10_000)}x\n`),
    reach: 2,
    lint: 1,
    message: /deep-block\.yaml:\d+:\d+: error: this document is nested too deeply to read/,
  },
  {
    name: 'JSON nested 10,000 deep',
    make: () =>
      generated(
        'deep.json',
        `{"apiVersion": "v1", "kind": "ConfigMap", "data": ${'{"a": '.repeat(10_000)}1${'}'.repeat(10_000)}}\n`,
      ),
    reach: 2,
    lint: 1,
    message: /deep\.json:\d+:\d+: error: this document is nested too deeply to read/,
  },
  {
    name: 'a mapping with 20,000 keys is read in linear time',
    make: () =>
      generated(
        'wide.yaml',
        `${POLICY_HEAD}  podSelector:\n    matchLabels:\n${Array.from({ length: 20_000 }, (_, i) => `      "bad key ${i}": x\n`).join('')}`,
      ),
    reach: 2,
    lint: 1,
    message: /wide\.yaml:7:\d+: error: label key "bad key 0" is invalid/,
  },
  {
    name: 'binary data (a PNG image)',
    make: () => join(CORPUS, 'binary-png-header.yaml'),
    reach: 2,
    lint: 2,
    message: /binary-png-header\.yaml:1:1: error: this is binary data \(a PNG image\)/,
  },
];

describe('real processes: bounded time and memory', () => {
  it.each(processCases)('$name', async ({ make, reach, lint, message }) => {
    const file = make();
    // Two at a time: the machine running the tests may be small.
    const results = await Promise.all([spawnCli(['reach', file]), spawnCli(['lint', file])]);
    for (const [result, expected] of [
      [results[0], reach],
      [results[1], lint],
    ] as const) {
      expect(result.timedOut, 'the CLI did not finish in time').toBe(false);
      expect(result.signal).toBeNull();
      expect(result.code, result.stderr.slice(0, 2000)).toBe(expected);
      // The start and the end of the output: enough for the message, and a readable failure.
      const output = result.stdout + result.stderr;
      const shown =
        output.length > 20_000 ? `${output.slice(0, 10_000)}\n…\n${output.slice(-10_000)}` : output;
      expect(shown).not.toMatch(STACK_TRACE);
      if (expected === 2) expect(result.stdout).toBe('');
      expect(shown).toMatch(message);
    }
  });
});

describe('real processes: reach on 5,000 pods', () => {
  // Once out of memory (exit 134 after a minute: 25 million pairs times 5,000 ports) and a hang
  // (a kubectl dump). The limit only tells a hang from an answer on a busy machine.
  const cases = [
    {
      name: '5,000 Pods with a port each: a summary by namespace, announced on stderr',
      make: () =>
        generated(
          'pods-5000.yaml',
          Array.from(
            { length: 5000 },
            (_, i) =>
              `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: ns${i % 20}, labels: {app: a${i % 50}}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: ${1000 + i}}]}]}\n`,
          ).join('---\n'),
        ),
      stderr:
        'netpol-canvas: reach: 125,000,000,000 flows (5,000 endpoints, 5,000 ports) are over 100,000: printing a summary by namespace. --group-by none lists every flow, --group-by workload sums by workload.\n',
      summary: '125000000000 flows between 20 namespaces over 5,000 ports: 125000000000 allowed, 0 denied',
      rows: 400,
    },
    {
      name: 'a 5,000-pod kubectl dump whose ReplicaSets are absent',
      make: () => generated('kubectl-dump-5000.yaml', kubectlDump(5000)),
      stderr:
        'netpol-canvas: reach: 25,000,000 flows (5,000 endpoints, 1 port) are over 100,000: printing a summary by namespace. --group-by none lists every flow, --group-by workload sums by workload.\n',
      summary: '25000000 flows between 25 namespaces over 1 port: 25000000 allowed, 0 denied',
      rows: 625,
    },
  ];
  it.each(cases)('$name', async ({ make, stderr, summary, rows }) => {
    const result = await spawnCli(['reach', make()], 90_000);
    expect(result.timedOut, 'the CLI did not finish in time').toBe(false);
    expect([result.code, result.signal, result.stderr]).toEqual([0, null, stderr]);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FROM +TO +FLOWS +ALLOWED +DENIED$/);
    expect(lines.length).toBe(1 + rows + 2);
    expect(lines.at(-1)).toContain(summary);
  });

  it('reads a dump over the old 16 MB limit: kubectl writes 15-25 MB for 5,000 pods', () => {
    // Real dumps carry managedFields and annotations; comment lines stand in for their bulk.
    const padding = `# ${'m'.repeat(78)}\n`.repeat((20 * 1024 * 1024) / 81);
    const file = generated('dump-20mb.yaml', kubectlDump(1000) + padding);
    const result = runInProcess('reach', file, '--group-by', 'namespace', '--format', 'json');
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout).groups.length).toBe(25);
  });

  it('--group-by workload names the Deployments of absent ReplicaSets', () => {
    const file = generated('dump-workload.yaml', kubectlDump(1000));
    const result = runInProcess('reach', file, '--group-by', 'workload', '--format', 'json');
    expect([result.code, result.stderr]).toEqual([0, '']);
    const summary = JSON.parse(result.stdout);
    expect(summary.groups.length).toBe(250);
    expect(summary.groups[0]).toBe('ns0/Deployment/web0');
    expect(summary.rows[0]).toEqual({
      from: 'ns0/Deployment/web0',
      to: 'ns0/Deployment/web0',
      flows: 16,
      allowed: 16,
      denied: 0,
      verdicts: { allow: 0, 'allow-open': 16, 'deny-egress': 0, 'deny-ingress': 0, 'deny-both': 0 },
    });
  });
});
