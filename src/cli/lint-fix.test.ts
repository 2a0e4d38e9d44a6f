import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkspace, lintWorkspace, LINT_CHECKS } from '../engine';
import { unifiedDiff } from './lint-fix';

const ROOT = join(import.meta.dirname, '..', '..');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Documents written the way people write them: comments, flow maps, odd spacing, a List. */
const NAMESPACE = `# the shop
apiVersion: v1
kind: Namespace
metadata:   {name: shop, labels: {team: "on"}}   # quoted on purpose
`;
const EMPTY_EGRESS = `# meant to deny all egress
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: shop}
spec:
  podSelector: {}
  egress: []   # nothing out
`;
const IGNORED_EGRESS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress: [{from: [{podSelector: {}}]}]
  egress:
  - to: [{podSelector: {matchLabels: {app: db}}}]
`;
const POD = `apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec:
  containers:
    - {name: api, image: "api:1.0", ports: [{containerPort: 8080}]}
`;
const OTHER_FILE = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: fine, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}   # nothing to fix here
`;

function workspaceDir(): { dir: string; main: string; other: string; mainText: string } {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-fix-'));
  const mainText = [NAMESPACE, EMPTY_EGRESS, POD, IGNORED_EGRESS].join('---\n');
  const main = join(dir, 'shop.yaml');
  const other = join(dir, 'other.yaml');
  // A byte order mark and CRLF-free text: the reader drops the mark, the writer must keep it.
  writeFileSync(main, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(mainText)]));
  writeFileSync(other, OTHER_FILE);
  return { dir, main, other, mainText };
}

const fixableCodes = (text: string) =>
  lintWorkspace(loadWorkspace([{ name: 'x.yaml', text }]))
    .filter((d) => d.fix)
    .map((d) => d.code);

describe('netpol-canvas lint --fix', () => {
  it('makes every fix in place and leaves the other documents byte for byte', () => {
    const { dir, main, other, mainText } = workspaceDir();
    expect(fixableCodes(mainText).sort()).toEqual([LINT_CHECKS.emptyEgressList, LINT_CHECKS.ignoredRules]);
    const { code, stdout, stderr } = cli('lint', dir, '--fix');
    expect(stderr).toBe('');
    expect(stdout).toContain('made 2 fixes in 1 file');
    expect(code).toBe(0);

    const bytes = readFileSync(main);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const docs = text.split(/^---\n/m);
    expect(docs).toHaveLength(4);
    expect(docs[0]).toBe(NAMESPACE);
    expect(docs[2]).toBe(POD);
    expect(docs[1]).toContain('# meant to deny all egress');
    expect(docs[1]).toContain('egress: []   # nothing out');
    expect(docs[1]).toMatch(/policyTypes:\s*\n?\s*-?\s*\[?Egress/);
    expect(readFileSync(other, 'utf8')).toBe(OTHER_FILE);

    const after = loadWorkspace([{ name: 'x.yaml', text }]);
    const byName = (name: string) => after.cluster.policies.find((p) => p.name === name)!;
    expect(byName('deny-egress').policyTypes).toEqual(['Egress']);
    expect(byName('api').policyTypes).toEqual(['Ingress', 'Egress']);
    expect(fixableCodes(text)).toEqual([]);
    // A second run has nothing left to fix and writes nothing.
    expect(cli('lint', dir, '--fix').stdout).toContain('made 0 fixes in 0 files');
    expect(readFileSync(main)).toEqual(bytes);
  });

  it('--dry-run prints the fixes as a unified diff and writes nothing', () => {
    const { main, other } = workspaceDir();
    const before = readFileSync(main);
    const { code, stdout } = cli('lint', main, other, '--fix', '--dry-run');
    expect(code).toBe(0);
    expect(readFileSync(main)).toEqual(before);
    expect(readFileSync(other, 'utf8')).toBe(OTHER_FILE);
    expect(stdout).toContain(`--- ${main}\n+++ ${main}\n@@ `);
    expect(stdout).not.toContain(`--- ${other}`);
    expect(stdout).toMatch(/^- {2}policyTypes: \[Ingress\]$/m);
    expect(stdout).toMatch(/^\+ {2}policyTypes: \[Ingress, Egress\]$/m);
    expect(stdout).toContain('would make 2 fixes in 1 file (--dry-run: nothing written)');
  });

  it('reports the fixes in JSON, and lint without --fix says how many it could make', () => {
    const { dir } = workspaceDir();
    expect(cli('lint', dir).stdout).toMatch(/0 errors, 3 warnings \(2 fixable with --fix\)$/m);
    const report = JSON.parse(cli('lint', dir, '--fix', '--dry-run', '--format', 'json').stdout) as {
      fixed: { code: string; title: string }[];
      diff: string;
    };
    expect(report.fixed.map((f) => f.title).sort()).toEqual([
      'Add Egress to policyTypes',
      'Set policyTypes: [Egress]',
    ]);
    expect(report.diff).toContain('+++ ');
  });

  it('refuses --dry-run without --fix, and --fix on other commands', () => {
    const { dir } = workspaceDir();
    expect(cli('lint', dir, '--dry-run')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--fix'),
    });
    expect(cli('reach', dir, '--fix')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('lint only'),
    });
  });
});

describe('unifiedDiff', () => {
  it('writes the hunks diff -u writes', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const after = [...before];
    after.splice(4, 1, 'changed 5');
    after.splice(25, 0, 'new after 25');
    const dir = mkdtempSync(join(tmpdir(), 'netpol-diff-'));
    writeFileSync(join(dir, 'a'), `${before.join('\n')}\n`);
    writeFileSync(join(dir, 'b'), `${after.join('\n')}\n`);
    const expected = spawnSync('diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' }).stdout;
    const hunks = (diff: string) => diff.split('\n').slice(2).join('\n').trimEnd();
    expect(hunks(unifiedDiff('f', `${before.join('\n')}\n`, `${after.join('\n')}\n`))).toBe(hunks(expected));
  });
});
