import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadWorkspace, v1alpha1Policies } from '../engine';

const ROOT = join(import.meta.dirname, '..', '..');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ANP = `# guardrails
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: deny-ops   # no exceptions
spec:
  priority: 10
  subject: {namespaces: {matchLabels: {team: web}}}
  ingress:
  - name: no-ops
    action: Allow
    from: [{namespaces: {matchLabels: {team: infra}}}]
    ports: [{portNumber: {port: 53, protocol: UDP}}]
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: web}}   # stays as it is
`;
const BANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  egress:
  - {action: Deny, to: [{networks: [10.0.0.0/8]}]}
`;
const BAD_RANGE = BANP.replace(
  'to: [{networks: [10.0.0.0/8]}]',
  'to: [{networks: [10.0.0.0/8]}], ports: [{portRange: {start: 9, end: 1}}]',
);

function dir(files: Record<string, string>): Record<string, string> {
  const root = mkdtempSync(join(tmpdir(), 'netpol-convert-'));
  return Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      const path = join(root, name);
      writeFileSync(path, text);
      return [name, path];
    }),
  );
}

const kinds = (text: string) => parseAllDocuments(text).map((doc) => (doc.toJS() as { kind: string }).kind);

describe('netpol-canvas convert', () => {
  it('prints the converted files and leaves them alone; exit 0', () => {
    const paths = dir({ 'a.yaml': ANP, 'b.yaml': BANP });
    const { code, stdout, stderr } = cli('convert', paths['a.yaml']!, paths['b.yaml']!);
    expect(code).toBe(0);
    expect(kinds(stdout)).toEqual(['ClusterNetworkPolicy', 'Namespace', 'ClusterNetworkPolicy']);
    expect(stdout).toContain('  name: deny-ops   # no exceptions\n');
    expect(stdout).toContain('metadata: {name: shop, labels: {team: web}}   # stays as it is\n');
    expect(stdout).toContain('    action: Accept\n');
    expect(stdout).toContain('udp:');
    expect(stderr).toContain(
      `${paths['a.yaml']}:2: AdminNetworkPolicy deny-ops becomes ClusterNetworkPolicy deny-ops (tier Admin, priority 10).`,
    );
    expect(stderr).toContain('converted 2 of 2 objects');
    expect(readFileSync(paths['a.yaml']!, 'utf8')).toBe(ANP);
    // What it printed is a valid v1alpha2 workspace with no v1alpha1 object left.
    const after = loadWorkspace([{ name: 'out.yaml', text: stdout }]);
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(v1alpha1Policies(after.parsed.objects)).toEqual([]);
  });

  it('-o writes the converted workspace to a file', () => {
    const paths = dir({ 'a.yaml': ANP });
    const out = join(paths['a.yaml']!, '..', 'out.yaml');
    const { code, stdout } = cli('convert', paths['a.yaml']!, '-o', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(kinds(readFileSync(out, 'utf8'))).toEqual(['ClusterNetworkPolicy', 'Namespace']);
  });

  it('--in-place splices only the converted documents and prints the diff', () => {
    const paths = dir({
      'a.yaml': ANP,
      'other.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n',
    });
    const { code, stdout, stderr } = cli('convert', paths['a.yaml']!, paths['other.yaml']!, '--in-place');
    expect(code).toBe(0);
    const text = readFileSync(paths['a.yaml']!, 'utf8');
    expect(text.slice(text.indexOf('---'))).toBe(ANP.slice(ANP.indexOf('---')));
    expect(text).toContain('kind: ClusterNetworkPolicy\n');
    expect(readFileSync(paths['other.yaml']!, 'utf8')).toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n',
    );
    expect(stdout).toMatch(/^--- .*a\.yaml\n\+\+\+ .*a\.yaml\n@@ /);
    expect(stdout).toContain(
      '-kind: AdminNetworkPolicy\n+apiVersion: policy.networking.k8s.io/v1alpha2\n+kind: ClusterNetworkPolicy',
    );
    expect(stderr).toContain('converted 1 of 1 object in 1 file');
  });

  it('converts what it can and exits 1 for what v1alpha2 cannot express', () => {
    const paths = dir({ 'a.yaml': ANP, 'b.yaml': BAD_RANGE });
    const { code, stdout, stderr } = cli('convert', paths['a.yaml']!, paths['b.yaml']!, '--in-place');
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${paths['b.yaml']}:1: error: BaselineAdminNetworkPolicy default not converted: BaselineAdminNetworkPolicy default egress rule 1, port 1 is the range 9-1`,
    );
    expect(stderr).toContain('converted 1 of 2 objects in 1 file');
    expect(readFileSync(paths['b.yaml']!, 'utf8')).toBe(BAD_RANGE);
    expect(stdout).toContain('+kind: ClusterNetworkPolicy');
  });

  it('has nothing to do without v1alpha1 objects: exit 0 and says so', () => {
    const paths = dir({ 'a.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n' });
    const { code, stderr } = cli('convert', paths['a.yaml']!);
    expect(code).toBe(0);
    expect(stderr).toContain('no AdminNetworkPolicy or BaselineAdminNetworkPolicy to convert');
  });

  it('bad usage and unreadable input exit 2', () => {
    const paths = dir({ 'a.yaml': ANP });
    expect(cli('convert', paths['a.yaml']!, '-o', '/tmp/x.yaml', '--in-place')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('-o and --in-place are alternatives'),
    });
    expect(cli('lint', paths['a.yaml']!, '--in-place')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--in-place goes with convert only'),
    });
    expect(cli('convert')).toMatchObject({ code: 2, stderr: expect.stringContaining('no input files') });
    expect(cli('convert', join(ROOT, 'no-such-file.yaml')).code).toBe(2);
  });
});
