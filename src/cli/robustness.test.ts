/**
 * Issue 16's CLI cases: odd entries in a directory run, non-regular files, control characters in
 * names, floods of problems and a bad -n. In-process where a process adds nothing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run';

const ROOT = join(import.meta.dirname, '..', '..');

function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = run(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const pod = (name: string, namespace = 'a') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${JSON.stringify(name)}, namespace: ${namespace}, labels: {app: web}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}\n`;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-robust-'));
  chmodSync(dir, 0o755);
  return dir;
}

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

describe('a directory run with odd entries', () => {
  it('reports each odd entry with its path, reads every good file, and exits 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.yaml'), pod('good'));
    writeFileSync(join(dir, 'windows.yaml'), utf16le(pod('from-utf16')));
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.from('kind: Pod\nmetadata: {name: caf\xe9}\n', 'latin1'));
    mkdirSync(join(dir, 'folder.yaml'));
    writeFileSync(join(dir, 'folder.yaml', 'inner.yaml'), pod('inner'));
    symlinkSync('.', join(dir, 'loop'));
    symlinkSync('self.yaml', join(dir, 'self.yaml'));
    symlinkSync(join(dir, 'folder.yaml'), join(dir, 'linked'));
    spawnSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const { code, stdout, stderr } = cli('lint', dir, '--format', 'json');
    expect(code).toBe(2);
    const diagnostics = JSON.parse(stdout).diagnostics as unknown[];
    // Lint of what was read (the three pods are fine); reach shows inner.yaml read once, though linked twice.
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      `netpol-canvas: ${join(dir, 'latin1.yaml')}:2:21: error: the file is not UTF-8 text: byte 0xE9 here is not valid UTF-8 (a Latin-1 or Windows-1252 file?). Save it as UTF-8.`,
      `${join(dir, 'loop')}: a symbolic link back to a directory it is in (a loop); not read again`,
      `${join(dir, 'pipe.yaml')}: a FIFO (named pipe) is not read; netpol-canvas reads regular files and directories only`,
      `${join(dir, 'self.yaml')}: cannot be read (a symbolic link loop, ELOOP)`,
    ]);
    expect(diagnostics).toEqual([]);
    const reach = cli('reach', dir, '--format', 'json');
    expect(reach.code).toBe(2);
    expect(JSON.parse(reach.stdout).endpoints).toEqual(['a/from-utf16', 'a/good', 'a/inner']);
  });

  it('refuses /dev/zero at once instead of reading it forever', () => {
    const { code, stdout, stderr } = cli('lint', '/dev/zero');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(
      'netpol-canvas: /dev/zero: a device is not read; netpol-canvas reads regular files and directories only\n',
    );
  });

  it('caps what it reads from a file whose size stat does not tell', () => {
    // /proc files say size 0; this one is small, so it is simply read (and is not YAML).
    const { code, stderr } = cli('lint', '/proc/self/status');
    expect(code).toBe(1);
    expect(stderr).toBe('');
  });

  it('an unreadable subdirectory (EACCES) is reported and the rest is read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.yaml'), pod('good'));
    mkdirSync(join(dir, 'secret'));
    writeFileSync(join(dir, 'secret', 'x.yaml'), pod('hidden'));
    chmodSync(join(dir, 'secret'), 0o000);
    const argv = ['reach', dir, '--format', 'json'];
    // Root reads any directory: then the CLI runs as nobody, as a user would.
    const result =
      process.getuid?.() === 0
        ? spawnSync(
            'setpriv',
            [
              '--reuid=65534',
              '--regid=65534',
              '--clear-groups',
              process.execPath,
              '--import',
              'tsx',
              join(ROOT, 'src/cli/main.ts'),
              ...argv,
            ],
            { cwd: ROOT, encoding: 'utf8' },
          )
        : { ...cli(...argv), status: undefined };
    const code = 'code' in result ? result.code : result.status;
    expect(code).toBe(2);
    expect(result.stderr).toBe(
      `netpol-canvas: ${join(dir, 'secret')}: cannot be read (permission denied, EACCES)\n`,
    );
    expect(JSON.parse(result.stdout).endpoints).toEqual(['a/good']);
  });
});

describe('control characters in names', () => {
  const evil = 'evil\u001b]0;pwned\u0007\nforged  a/x  80/TCP  allow';
  const text = pod(evil) + '---\n' + pod('client');

  it('are escaped in every text output, one row per flow', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'evil.yaml'), text);
    const file = join(dir, 'evil.yaml');
    const outputs = [
      cli('reach', file, '--group-by', 'none'),
      cli('reach', file, '--group-by', 'workload'),
      cli('lint', file),
      cli('explain', file, '--from', `a/${evil}`, '--to', 'a/client', '--port', '80'),
    ];
    for (const { stdout, stderr } of outputs) {
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(stdout + stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
      expect(stdout + stderr).not.toMatch(/^forged/m);
    }
    expect(outputs[0]!.stdout).toContain('a/evil\\u001b]0;pwned\\u0007\\nforged  a/x  80/TCP  allow');
    expect(outputs[0]!.stdout.trimEnd().split('\n')).toHaveLength(1 + 4 + 2);
  });

  it('stay themselves in JSON', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'evil.yaml'), text);
    const { stdout } = cli('reach', join(dir, 'evil.yaml'), '--format', 'json');
    expect(JSON.parse(stdout).endpoints).toContain(`a/${evil}`);
  });
});

describe('stderr stays readable', () => {
  it('prints the first 100 problems and a count of the rest', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'many.yaml'),
      Array.from({ length: 5000 }, (_, i) => pod(`Bad_${i}`)).join('---\n'),
    );
    const { code, stderr } = cli('reach', join(dir, 'many.yaml'), '--port', '80', '--group-by', 'namespace');
    expect(code).toBe(0);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(101);
    expect(lines.at(-1)).toBe(
      `... and 4,900 more (5,000 in all; netpol-canvas lint --format json ${join(dir, 'many.yaml')} lists every one)`,
    );
  });

  it('-n takes a namespace name only', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'p.yaml'), pod('p'));
    const { code, stdout, stderr } = cli('lint', join(dir, 'p.yaml'), '-n', 'Bad_NS');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^netpol-canvas: -n Bad_NS: not a namespace name: a lowercase RFC 1123 label/);
  });
});
