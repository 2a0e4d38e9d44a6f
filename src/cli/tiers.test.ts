import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** `netpol-canvas lint` on cluster-scoped policies: text, JSON and --fix (docs/engine.md). */
const TEXT = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: prod, labels: {app: web}}
spec: {containers: [{name: c, image: i}]}
status: {podIP: 10.1.0.11}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: prod, labels: {app: db}}
spec: {containers: [{name: c, image: i}]}
status: {podIP: 10.1.0.12}
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: no-private}
spec:
  tier: Admin
  priority: 2
  subject: {namespaces: {}}
  egress:
  - {action: Deny, to: [{networks: [10.0.0.0/8]}]}
  - {action: Deny, to: [{networks: [10.1.0.0/16]}]}
`;

describe('netpol-canvas lint on tiered policies', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tiered-lint-')), 'policies.yaml');

  it('prints each finding at the rule it is about, in text and JSON', () => {
    writeFileSync(file, TEXT);
    const text = cli('lint', file);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `${file}:21:5: warning: Admin ClusterNetworkPolicy no-private (priority 2): egress rule 1 denies 10.0.0.0/8, which holds pod IPs of the workspace: it also stops prod/db -> prod/web, prod/web -> prod/db.`,
    );
    expect(text.stdout).toContain(
      `${file}:22:5: warning: Admin ClusterNetworkPolicy no-private (priority 2): egress rule 2 can never match: egress rule 1 of the same policy matches every connection it matches and comes first, so it is redundant. [lint/tiered-shadowed-rule]`,
    );
    const json = JSON.parse(cli('lint', file, '--format', 'json').stdout) as {
      diagnostics: { code: string; line: number; fix?: { title: string } }[];
    };
    expect(json.diagnostics.map(({ code, line, fix }) => ({ code, line, fix: fix?.title }))).toEqual([
      { code: 'lint/tiered-networks-deny-pods', line: 21, fix: undefined },
      { code: 'lint/tiered-shadowed-rule', line: 22, fix: 'Remove egress rule 2' },
    ]);
  });

  it('removes the shadowed rule with --fix and leaves every other byte', () => {
    writeFileSync(file, TEXT);
    expect(cli('lint', '--fix', file).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      TEXT.replace('  - {action: Deny, to: [{networks: [10.1.0.0/16]}]}\n', ''),
    );
  });
});
