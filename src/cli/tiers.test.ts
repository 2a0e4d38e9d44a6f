import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'conformance');
const files = [join(FIXTURES, 'base.yaml'), join(FIXTURES, 'v1alpha2', 'integration.yaml')];

function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const harry = 'network-policy-conformance-gryffindor/harry-potter-0';
const draco = 'network-policy-conformance-slytherin/draco-malfoy-0';

describe('explain walks the tiers', () => {
  it('names the deciding tier, policy, rule, priority and line in text', () => {
    const { code, stdout } = cli('explain', ...files, '--from', draco, '--to', harry, '--port', '80');
    expect(code).toBe(0);
    expect(stdout).toContain(`${draco} -> ${harry} TCP/80: denied (deny-ingress)`);
    expect(stdout).toMatch(
      /harry-potter-0 ingress: denied by cnp\/pass-example ingress rule 1 "deny-all-ingress-from-slytherin" \(Admin, priority 10, line 10\)/,
    );
    expect(stdout).toMatch(
      /ingress {2}\S+harry-potter-0: isolated by \S+; cluster policies cnp\/pass-example, cnp\/default; decided by Admin/,
    );
  });

  it('gives the steps of each side in JSON', () => {
    const { code, stdout } = cli(
      'explain',
      ...files,
      '--from',
      draco,
      '--to',
      harry,
      '--port',
      '80',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.ingress.tiers).toEqual({
      decidedBy: 'Admin',
      steps: [
        {
          policy: 'cnp/pass-example',
          kind: 'ClusterNetworkPolicy',
          tier: 'Admin',
          priority: 10,
          rule: 0,
          name: 'deny-all-ingress-from-slytherin',
          action: 'Deny',
          line: 10,
        },
      ],
    });
    expect(report.egress.tiers).toEqual({ decidedBy: 'default', steps: [] });
  });

  it('accepts a domain name as destination, which only domainNames peers match', () => {
    const { code, stdout } = cli(
      'explain',
      ...files,
      '--from',
      harry,
      '--to',
      'api.example.com',
      '--port',
      '443',
    );
    expect(code).toBe(0);
    // harry's NetworkPolicy isolates its egress and admits only slytherin; no ipBlock matches a name.
    expect(stdout).toContain(`${harry} -> api.example.com TCP/443: denied (deny-egress)`);
    expect(stdout).toContain('no egress rule matches api.example.com');
  });
});
