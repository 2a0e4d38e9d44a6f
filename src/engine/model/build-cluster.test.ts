import { describe, expect, it } from 'vitest';
import { explain, lintWorkspace, loadWorkspace, runTests } from '..';
import { verdictOf, workspaceOf } from '../../testing/workspace';

const POD_WEB = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: a, labels: {app: web}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}`;
const DEPLOYMENT_WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: a}
spec:
  selector: {matchLabels: {app: other}}
  template:
    metadata: {labels: {app: other}}
    spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}`;
const REST = `apiVersion: v1
kind: Pod
metadata: {name: client, namespace: a, labels: {app: client}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-ingress, namespace: a}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]`;

describe('a Pod and a workload with the same name', () => {
  const orders = {
    'Pod first': [POD_WEB, DEPLOYMENT_WEB, REST],
    'Deployment first': [DEPLOYMENT_WEB, POD_WEB, REST],
  };
  it.each(Object.entries(orders))('are two endpoints with distinct ids (%s)', (_, documents) => {
    const workspace = workspaceOf(documents.join('\n---\n'));
    expect(workspace.cluster.endpoints.map((e) => `${e.kind} ${e.id}`)).toEqual([
      'Pod a/client',
      'Deployment a/Deployment/web',
      'Pod a/web',
    ]);
    // a/web is the Pod (app=web, isolated), the Deployment (app=other) is not selected.
    expect(verdictOf(workspace, 'a/client', 'a/web', 80)).toBe('deny-ingress');
    expect(verdictOf(workspace, 'a/client', 'a/Pod/web', 80)).toBe('deny-ingress');
    expect(verdictOf(workspace, 'a/client', 'a/Deployment/web', 80)).toBe('allow-open');
    expect(verdictOf(workspace, 'a/client', 'a/deployment/web', 80)).toBe('allow-open');
    const lint = lintWorkspace(workspace);
    expect(lint.filter((d) => d.severity !== 'info').map((d) => d.message)).toEqual([]);
    expect(lint.find((d) => d.code === 'shared-name')?.message).toContain('a/Deployment/web');
  });

  it('a ConnectivityTest names the Pod as namespace/name and the workload as namespace/Kind/name', () => {
    const workspace = workspaceOf(
      `${POD_WEB}\n---\n${DEPLOYMENT_WEB}\n---\n${REST}\n---\napiVersion: netpol-canvas/v1\nkind: ConnectivityTest\nmetadata: {name: t}\ntests:\n- {from: a/client, to: a/web, port: 80, expect: deny}\n- {from: a/client, to: a/Deployment/web, port: 80, expect: allow}\n`,
    );
    const run = runTests(workspace);
    expect(run.errors).toEqual([]);
    expect([run.passed, run.failed]).toEqual([2, 0]);
  });

  it('two workloads of different kinds and no Pod: the bare name is ambiguous and says which to use', () => {
    const statefulSet = DEPLOYMENT_WEB.replace('Deployment', 'StatefulSet');
    const workspace = workspaceOf(`${DEPLOYMENT_WEB}\n---\n${statefulSet}\n---\n${REST}`);
    const result = explain(workspace, 'a/client', 'a/web', 80, 'TCP');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe(
      '--to: a/web is ambiguous: workloads of different kinds share that name; name one of a/Deployment/web, a/StatefulSet/web',
    );
    expect(verdictOf(workspace, 'a/client', 'a/StatefulSet/web', 80)).toBe('allow-open');
  });

  it('the same kind twice is still one endpoint, the last definition winning', () => {
    const workspace = loadWorkspace([{ name: 't.yaml', text: `${POD_WEB}\n---\n${POD_WEB}` }]);
    expect(workspace.cluster.endpoints.map((e) => e.id)).toEqual(['a/web']);
    expect(workspace.diagnostics.map((d) => d.code)).toEqual(['duplicate']);
  });
});

describe('a List nested in a List', () => {
  it('reads the inner items', () => {
    const workspace = workspaceOf(`apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: List
  items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: inner, namespace: a}
    spec: {containers: [{name: c, image: x}]}
- apiVersion: v1
  kind: PodList
  items:
  - metadata: {name: typed, namespace: a}
    spec: {containers: [{name: c, image: x}]}
`);
    expect(workspace.cluster.endpoints.map((e) => e.id)).toEqual(['a/inner', 'a/typed']);
    expect(workspace.diagnostics).toEqual([]);
    expect(workspace.cluster.endpoints[0]!.source.line).toBe(7);
  });
});

describe('cluster-scoped tiered policies', () => {
  const BAD_TIER = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: guard}
spec:
  tier: admin
  priority: 10
  subject: {namespaces: {}}`;
  const GOOD = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: guard}
spec:
  priority: 10
  subject: {namespaces: {}}
  egress: [{action: Deny, to: [{networks: [10.0.0.0/8]}]}]`;

  it('reports an invalid object with file, line and why it is not evaluated', () => {
    const { diagnostics } = loadWorkspace([{ name: 'cnp.yaml', text: `${BAD_TIER}\n---\n${POD_WEB}` }]);
    const invalid = diagnostics.filter((d) => d.code.startsWith('invalid-'));
    expect(invalid).toMatchObject([
      {
        file: 'cnp.yaml',
        line: 5,
        severity: 'error',
        code: 'invalid-C2',
        path: 'spec.tier',
        blocking: true,
        object: 'ClusterNetworkPolicy guard',
      },
    ]);
    expect(invalid[0]!.message).toMatch(
      /^tier "admin" is not supported.*write "Admin" \(ClusterNetworkPolicy guard is not evaluated: kubectl apply would reject it\)$/,
    );
  });

  it('reads typed lists, and a valid object carries no validation finding', () => {
    const list = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicyList
items:
- metadata: {name: other}
  spec: {subject: {namespaces: {}}}`;
    const { diagnostics } = loadWorkspace([{ name: 'p.yaml', text: `${GOOD}\n---\n${list}` }]);
    expect(diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.line} ${d.code}`)).toEqual([
      '12 invalid-C11',
    ]);
    expect(diagnostics.find((d) => d.code === 'invalid-C11')?.blocking).toBe(true);
  });
});
