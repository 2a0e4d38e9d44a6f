import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run';

/** `netpol-canvas lint` on cluster-scoped policies: text, JSON and --fix (docs/engine.md). */
function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = run(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

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
    const text = cli(['lint', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `${file}:21:5: warning: Admin ClusterNetworkPolicy no-private (priority 2): egress rule 1 denies 10.0.0.0/8, which holds pod IPs of the workspace: it also stops prod/db -> prod/web, prod/web -> prod/db.`,
    );
    expect(text.stdout).toContain(
      `${file}:22:5: warning: Admin ClusterNetworkPolicy no-private (priority 2): egress rule 2 can never match: egress rule 1 of the same policy matches every connection it matches and comes first, so it is redundant. [lint/tiered-shadowed-rule]`,
    );
    const json = JSON.parse(cli(['lint', file, '--format', 'json']).stdout) as {
      diagnostics: { code: string; line: number; fix?: { title: string } }[];
    };
    expect(json.diagnostics.map(({ code, line, fix }) => ({ code, line, fix: fix?.title }))).toEqual([
      { code: 'lint/tiered-networks-deny-pods', line: 21, fix: undefined },
      { code: 'lint/tiered-shadowed-rule', line: 22, fix: 'Remove egress rule 2' },
    ]);
  });

  it('removes the shadowed rule with --fix and leaves every other byte', () => {
    writeFileSync(file, TEXT);
    expect(cli(['lint', '--fix', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      TEXT.replace('  - {action: Deny, to: [{networks: [10.1.0.0/16]}]}\n', ''),
    );
  });
});
