import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLES = join(ROOT, 'public', 'examples');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-cli-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const scenarios = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));

describe('netpol-canvas test', () => {
  it.each(scenarios)('passes the built-in scenario %s', (file) => {
    const { code, stdout } = cli('test', join(EXAMPLES, file));
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    expect(code).toBe(0);
  });

  it('prints exactly one JSON object in the contract shape', () => {
    const { code, stdout } = cli(
      'test',
      join(EXAMPLES, '03-frontend-backend-ingress.yaml'),
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['results', 'passed', 'failed']);
    expect(report.results[1]).toEqual({
      from: 'default/not-frontend',
      to: 'default/backend',
      port: 8080,
      protocol: 'TCP',
      expect: 'deny',
      actual: 'deny',
      pass: true,
      verdict: 'deny-ingress',
      reason: expect.stringContaining('default/backend is isolated for ingress'),
    });
  });

  it('exits 1 when an expectation fails, and says why', () => {
    const file = tempFile(
      't.yaml',
      `${cliFixture}\n---\napiVersion: netpol-canvas/v1\nkind: ConnectivityTest\nmetadata: {name: wrong}\ntests:\n- {from: default/a, to: default/b, port: 80, expect: allow}\n`,
    );
    const { code, stdout } = cli('test', file);
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL');
    expect(stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('reads ConnectivityTests from --tests', () => {
    const tests = tempFile(
      'tests.yaml',
      'apiVersion: netpol-canvas/v1\nkind: ConnectivityTest\nmetadata: {name: t}\ntests:\n- {from: default/b, to: default/a, port: 80, expect: allow}\n',
    );
    const { code, stdout } = cli('test', tempFile('c.yaml', cliFixture), '--tests', tests);
    expect(stdout).toContain('1 passed, 0 failed');
    expect(code).toBe(0);
  });

  it('exits 2 when a probe names an endpoint that does not exist', () => {
    const file = tempFile(
      't.yaml',
      `${cliFixture}\n---\napiVersion: netpol-canvas/v1\nkind: ConnectivityTest\nmetadata: {name: t}\ntests:\n- {from: default/nope, to: default/b, port: 80, expect: deny}\n`,
    );
    const { code, stderr } = cli('test', file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/t\.yaml:\d+:\d+: error: .*default\/nope/);
  });
});

const cliFixture = `apiVersion: v1
kind: Pod
metadata: {name: a, namespace: default, labels: {app: a}}
spec: {containers: [{name: a, image: a, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: default, labels: {app: b}}
spec: {containers: [{name: b, image: b, ports: [{containerPort: 80}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-b}
spec: {podSelector: {matchLabels: {app: b}}}`;

describe('netpol-canvas reach', () => {
  it('lists every pair on every declared port', () => {
    const { code, stdout } = cli('reach', tempFile('c.yaml', cliFixture), '--format', 'json');
    expect(code).toBe(0);
    const matrix = JSON.parse(stdout);
    expect(matrix.endpoints).toEqual(['default/a', 'default/b']);
    expect(matrix.flows).toContainEqual({
      from: 'default/a',
      to: 'default/b',
      port: 80,
      protocol: 'TCP',
      verdict: 'deny-ingress',
    });
    expect(matrix.flows).toContainEqual({
      from: 'default/b',
      to: 'default/a',
      port: 80,
      protocol: 'TCP',
      verdict: 'allow-open',
    });
  });

  it('takes ports with protocols and prints a table', () => {
    const { code, stdout } = cli('reach', tempFile('c.yaml', cliFixture), '--port', '53/UDP');
    expect(code).toBe(0);
    expect(stdout).toMatch(/default\/a\s+default\/b\s+53\/UDP\s+deny-ingress/);
  });

  it('-n puts objects without a namespace into that namespace', () => {
    const { stdout } = cli(
      'reach',
      tempFile('c.yaml', cliFixture.replaceAll('namespace: default, ', '')),
      '-n',
      'shop',
      '--format',
      'json',
    );
    expect(JSON.parse(stdout).flows).toContainEqual({
      from: 'shop/a',
      to: 'shop/b',
      port: 80,
      protocol: 'TCP',
      verdict: 'deny-ingress',
    });
  });
});

describe('netpol-canvas explain', () => {
  it('says which policy and rule decided each side', () => {
    const { code, stdout } = cli(
      'explain',
      join(EXAMPLES, '03-frontend-backend-ingress.yaml'),
      '--from',
      'default/frontend',
      '--to',
      'default/backend',
      '--port',
      '8080',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('allowed (allow)');
    expect(stdout).toContain('default/backend-allow-ingress-frontend ingress rule 1');
  });
});

describe('bad input exits 2 with one clear message naming the file and line', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['broken YAML', 'kind: Pod\nmetadata: {name: [x\n', /broken\.yaml:\d+:\d+: error/],
    [
      'a wrong type',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: [80]\n',
      /broken\.yaml:8:\d+: error: .*port/,
    ],
    [
      'binary garbage',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x00]),
      /broken\.yaml: not UTF-8 text|broken\.yaml.*binary/,
    ],
  ];
  it.each(cases)('%s', (_name, content, message) => {
    const { code, stderr, stdout } = cli('reach', tempFile('broken.yaml', content));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a missing file', () => {
    const { code, stderr } = cli('test', '/nonexistent/x.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('/nonexistent/x.yaml: no such file or directory');
  });

  it('bad usage', () => {
    expect(cli('frobnicate', 'x.yaml').code).toBe(2);
    expect(cli('reach').code).toBe(2);
    expect(cli('reach', join(EXAMPLES, '03-frontend-backend-ingress.yaml'), '--port', '70000').code).toBe(2);
    expect(
      cli('explain', join(EXAMPLES, '03-frontend-backend-ingress.yaml'), '--from', 'default/frontend').code,
    ).toBe(2);
  });
});

describe('netpol-canvas lint', () => {
  it('exits 1 on validation errors and prints file:line', () => {
    const file = tempFile(
      'p.yaml',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\nspec:\n  podSelector: {}\n  ingress:\n  - ports: [{port: 0}]\n',
    );
    const { code, stdout } = cli('lint', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/p\.yaml:7:\d+: error: .*port 0/);
  });

  it('exits 0 on a clean scenario, and prints JSON on request', () => {
    const { code, stdout } = cli('lint', join(EXAMPLES, '05-backend-egress-to-dbs.yaml'), '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).errors).toBe(0);
  });
});

describe('the package bin', () => {
  it('runs the same CLI', () => {
    const out = execFileSync(
      join(ROOT, 'bin/netpol-canvas.mjs'),
      ['test', join(EXAMPLES, '05-backend-egress-to-dbs.yaml')],
      { encoding: 'utf8' },
    );
    expect(out.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });
});
