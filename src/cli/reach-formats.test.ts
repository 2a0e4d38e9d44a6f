import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FILE = join(ROOT, 'public', 'examples', '03-frontend-backend-ingress.yaml');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout };
}

describe('netpol-canvas reach --format csv|md', () => {
  it('writes one CSV row per flow with the policies and rules that decided it', () => {
    const { code, stdout } = cli('reach', FILE, '--format', 'csv', '--port', '8080');
    expect(code).toBe(0);
    const lines = stdout.split('\r\n');
    expect(lines[0]).toBe('from,to,port,protocol,verdict,policies,rules');
    expect(lines).toContain(
      'default/frontend,default/backend,8080,TCP,allow,default/backend-allow-ingress-frontend,default/backend-allow-ingress-frontend ingress rule 1',
    );
    // 3 endpoints, 3 × 3 pairs (self pairs included, as in the table), one port; then the final CRLF.
    expect(lines).toHaveLength(1 + 9 + 1);
  });

  it('writes the workload grid as Markdown', () => {
    const { code, stdout } = cli('reach', FILE, '--format', 'md');
    expect(code).toBe(0);
    expect(stdout).toContain('| from \\ to | default/backend | default/frontend | default/not-frontend |');
  });
});
