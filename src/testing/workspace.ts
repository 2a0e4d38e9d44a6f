import { explain, loadWorkspace, type Protocol, type Verdict, type Workspace } from '../engine';

/** Loads YAML text as one file named `test.yaml`; fails the test on blocking diagnostics. */
export function workspaceOf(text: string, namespace?: string): Workspace {
  const workspace = loadWorkspace([{ name: 'test.yaml', text }], { namespace });
  const blocking = workspace.diagnostics.filter((d) => d.blocking);
  if (blocking.length)
    throw new Error(`test input does not load: ${blocking.map((d) => `${d.line}: ${d.message}`).join('; ')}`);
  return workspace;
}

/** The verdict of one flow; `port` may carry the protocol as `53/UDP`. */
export function verdictOf(workspace: Workspace, from: string, to: string, port: number | string): Verdict {
  const [number, protocol = 'TCP'] = String(port).split('/');
  const result = explain(workspace, from, to, Number(number), protocol as Protocol);
  if (!result.ok) throw new Error(result.message);
  return result.flow.verdict;
}

export function allowed(workspace: Workspace, from: string, to: string, port: number | string): boolean {
  return verdictOf(workspace, from, to, port).startsWith('allow');
}

/**
 * The cluster of docs/netpol-semantics.md §6: namespaces prod (team=a), dev (team=b), kube-system;
 * prod/db (app=db, 10.1.0.10, port pg 5432/TCP), prod/web (app=web, 10.1.0.11),
 * dev/web (app=web, 10.2.0.5), kube-system/coredns (k8s-app=kube-dns, 53 UDP+TCP).
 */
export const SEMANTICS_CLUSTER = `
apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {team: a}}
---
apiVersion: v1
kind: Namespace
metadata: {name: dev, labels: {team: b}}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: prod, labels: {app: db}}
spec: {containers: [{name: db, image: pg, ports: [{name: pg, containerPort: 5432}]}]}
status: {podIP: 10.1.0.10, hostIP: 192.168.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: prod, labels: {app: web}}
spec: {containers: [{name: web, image: web}]}
status: {podIP: 10.1.0.11, hostIP: 192.168.0.2}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: dev, labels: {app: web}}
spec: {containers: [{name: web, image: web}]}
status: {podIP: 10.2.0.5, hostIP: 192.168.0.2}
---
apiVersion: v1
kind: Pod
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  containers:
  - name: coredns
    image: coredns
    ports: [{name: dns, containerPort: 53, protocol: UDP}, {name: dns-tcp, containerPort: 53}]
status: {podIP: 10.3.0.2, hostIP: 192.168.0.3}
`;

/** SEMANTICS_CLUSTER plus the given documents (policies, usually). */
export function withPolicies(...documents: string[]): Workspace {
  return workspaceOf([SEMANTICS_CLUSTER, ...documents].join('\n---\n'));
}
