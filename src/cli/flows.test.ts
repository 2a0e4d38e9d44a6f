import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'fixtures', 'flows');
const SHOP = join(FIXTURES, 'shop.yaml');
const HUBBLE = join(FIXTURES, 'shop-hubble.jsonl');
const CSV = join(FIXTURES, 'shop.csv');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'netpol-flows-')), name);
  writeFileSync(path, content);
  return path;
}

describe('netpol-canvas flows', () => {
  it('lists every observed flow with its verdict and exits 1 when one would be denied', () => {
    const { code, stdout } = cli('flows', SHOP, '--flows', HUBBLE);
    expect(stdout).toMatch(/^shop\/web +shop\/pg +5432\/TCP +1 +deny-ingress +WOULD BREAK$/m);
    expect(stdout).toMatch(/^shop\/web +shop\/api +8080\/TCP +1 +allow$/m);
    expect(stdout.trim().split('\n').at(-1)).toBe('4 connections in 4 flows: 1 would be denied');
    expect(code).toBe(1);
  });

  it('prints one JSON object in the contract shape', () => {
    const { code, stdout } = cli('flows', SHOP, '--flows', HUBBLE, '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['flows', 'observed', 'denied', 'unknown']);
    expect(report.flows).toContainEqual({
      from: 'shop/web',
      to: 'shop/pg',
      port: 5432,
      protocol: 'TCP',
      count: 1,
      actual: 'deny',
      verdict: 'deny-ingress',
    });
    expect([report.observed, report.denied]).toEqual([4, 1]);
  });

  it('reads several logs together and exits 0 when nothing would be denied', () => {
    const { code, stdout } = cli('flows', SHOP, '--flows', CSV, '--flows', CSV, '--format', 'json');
    const report = JSON.parse(stdout);
    expect(
      report.flows.map((f: { from: string; to: string; count: number }) => `${f.from} ${f.to} ${f.count}`),
    ).toEqual([
      'shop/api 192.0.2.80 2', // 10.0.2.31 is api-0's address
      'shop/api kube-system/coredns 2',
      'shop/web shop/api 2',
    ]);
    expect(report.denied).toBe(0);
    expect(code).toBe(0);
  });

  it('lists and counts unknown ends without calling them bad input', () => {
    const log = tempFile(
      'log.csv',
      'from,to,port,protocol\nshop/web,shop/api,8080,TCP\nshop/ghost-0,shop/api,8080,TCP\n',
    );
    const { code, stdout, stderr } = cli('flows', SHOP, '--flows', log);
    expect(stdout).toContain('shop/ghost-0 -> shop/api 8080/TCP x1: no Pod or workload for shop/ghost-0');
    expect(stdout).toContain('1 connection with an unknown end');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('names each bad line with file and line, still reads the rest, and exits 2', () => {
    const log = tempFile(
      'log.csv',
      'from,to,port,protocol\nshop/web,shop/pg,5432,TCP\nshop/web,shop/api,http,TCP\n',
    );
    const { code, stdout, stderr } = cli('flows', SHOP, '--flows', log);
    expect(stderr).toBe(`${log}:3: error: port "http" is not a number 1-65535\n`);
    expect(stdout).toContain('WOULD BREAK');
    expect(code).toBe(2);
  });

  it('exits 2 without --flows, on an unreadable log and on a file that is no flow log', () => {
    expect(cli('flows', SHOP).code).toBe(2);
    const missing = cli('flows', SHOP, '--flows', join(FIXTURES, 'nope.jsonl'));
    expect(missing.stderr).toMatch(/nope\.jsonl: cannot read: ENOENT/);
    expect(missing.code).toBe(2);
    const notALog = cli('flows', SHOP, '--flows', SHOP);
    expect(notALog.stderr).toMatch(/shop\.yaml:\d+: error: not a flow log/);
    expect(notALog.code).toBe(2);
  });
});

describe('netpol-canvas generate', () => {
  it('writes policies that lint clean and under which no observed connection is denied', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'netpol-gen-')), 'observed.yaml');
    const generate = cli('generate', SHOP, '--flows', HUBBLE, '-o', out);
    expect(generate.code).toBe(0);
    expect(generate.stdout).toBe('');
    expect(generate.stderr).toContain(`8 NetworkPolicies written to ${out}`);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml.split(/^---$/m)).toHaveLength(8);
    expect(yaml).not.toMatch(/pod-template-hash|controller-revision-hash/);

    const lint = cli('lint', SHOP, out, '--format', 'json');
    expect(JSON.parse(lint.stdout).errors).toBe(0);
    expect(lint.code).toBe(0);
    const after = cli('flows', SHOP, out, '--flows', HUBBLE, '--format', 'json');
    expect(JSON.parse(after.stdout).denied).toBe(0);
    expect(after.code).toBe(0);
    // Traffic that was never observed is now denied.
    const explain = cli('explain', SHOP, out, '--from', 'shop/pg', '--to', 'shop/api', '--port', '8080');
    expect(explain.stdout).toMatch(/denied/);
  });

  it('prints the YAML on stdout without -o, and exits 2 when the logs hold no known connection', () => {
    const { code, stdout } = cli('generate', SHOP, '--flows', CSV);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^apiVersion: networking.k8s.io\/v1\nkind: NetworkPolicy\n/);
    const empty = cli('generate', SHOP, '--flows', tempFile('log.csv', 'from,to,port,protocol\n'));
    expect(empty.stderr).toContain('nothing to generate policies from');
    expect(empty.code).toBe(2);
  });
});
