import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadWorkspace } from '../../engine';
import { buildViewModel } from './build-view-model';

const SCENARIO = `
apiVersion: v1
kind: Namespace
metadata: {name: app}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: app, labels: {app: web}}
spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: app, labels: {app: db}}
spec: {containers: [{name: db, image: pg, ports: [{containerPort: 5432}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-web, namespace: app}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{protocol: TCP, port: 5432}]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
---
apiVersion: netpol-canvas/v1
kind: ConnectivityTest
metadata: {name: t}
tests:
- {from: app/web, to: app/db, port: 5432, expect: allow}
- {from: app/db, to: 203.0.113.9, port: 443, expect: deny}
`;

const model = () => buildViewModel(loadWorkspace([{ name: 'w.yaml', text: SCENARIO }]), 7);

describe('buildViewModel', () => {
  it('names nodes and edges as the test-id contract says', () => {
    const m = model();
    expect(m.seq).toBe(7);
    expect(m.namespaces.map((n) => n.nodeId)).toEqual(['ns:app']);
    expect(m.endpoints.map((e) => e.nodeId).sort()).toEqual(['ep:app/db', 'ep:app/web']);
    expect(m.externals.map((x) => x.nodeId).sort()).toEqual(['ext:0.0.0.0/0', 'ext:10.0.0.0/8']);
    expect(m.edges.some((e) => e.id === 'flow:ep:app/web->ep:app/db')).toBe(true);
  });

  it('leaves out self pairs and pairs of two outside nodes', () => {
    const m = model();
    expect(m.edges.filter((e) => e.source === e.target)).toEqual([]);
    expect(m.edges.filter((e) => e.source.startsWith('ext:') && e.target.startsWith('ext:'))).toEqual([]);
    // 2 endpoints: 2 ordered pairs between them, plus 2 x 2 x 2 with the outside nodes.
    expect(m.edges).toHaveLength(2 + 8);
  });

  it('takes verdicts, port labels and isolation from the engine', () => {
    const m = model();
    const webToDb = m.edges.find((e) => e.id === 'flow:ep:app/web->ep:app/db')!;
    expect(webToDb.verdict).toBe('allow');
    expect(webToDb.portLabel).toBe('TCP 5432');
    const db = m.endpoints.find((e) => e.id === 'app/db')!;
    expect(db.ingress).toEqual({ isolated: true, policies: ['app/db-from-web'] });
    expect(m.edges.find((e) => e.id === 'flow:ep:app/db->ext:10.0.0.0/8')!.verdict).toBe('allow');
    expect(m.edges.find((e) => e.id === 'flow:ep:app/db->ext:0.0.0.0/0')!.verdict).toBe('deny-egress');
  });

  it('samples outside ranges away from their excepts', () => {
    const range = model().externals.find((x) => x.cidr === '10.0.0.0/8')!;
    expect(range.except).toEqual(['10.1.0.0/16']);
    expect(range.sample.startsWith('10.')).toBe(true);
    expect(range.sample.startsWith('10.1.')).toBe(false);
  });

  it('tabulates declared ports, and adds a row for every probe', () => {
    const m = model();
    const row = m.flows.find((r) => r.from === 'app/web' && r.to === 'app/db' && r.port === 5432)!;
    expect(row).toMatchObject({ protocol: 'TCP', verdict: 'allow', probed: true });
    expect(row.rules.map((r) => r.policy)).toEqual(['app/db-from-web']);
    const probe = m.flows.find((r) => r.to === '203.0.113.9')!;
    expect(probe).toMatchObject({
      from: 'app/db',
      port: 443,
      verdict: 'deny-egress',
      probed: true,
      edgeId: null,
    });
    expect(m.tests).toMatchObject({ passed: 2, failed: 0 });
  });

  it('marks text that leaves something out as blocking', () => {
    const m = buildViewModel(
      loadWorkspace([{ name: 'w.yaml', text: `${SCENARIO}\n---\nkind: [unclosed\n` }]),
      1,
    );
    expect(m.blocking).toBe(true);
    expect(m.diagnostics.some((d) => d.severity === 'error' && d.blocking)).toBe(true);
  });

  it('marks a half-typed namespace as blocking, so that it never becomes the last good picture', () => {
    const pod = (namespace: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: ${namespace}}\nspec: {containers: [{name: c, image: c}]}\n`;
    const view = (text: string) => buildViewModel(loadWorkspace([{ name: 'w.yaml', text }]), 1);
    expect(view(pod('shop')).blocking).toBe(false);
    const typing = view(pod('shop oops'));
    expect(typing.blocking).toBe(true);
    expect(typing.diagnostics.find((d) => d.blocking)).toMatchObject({ path: 'metadata.namespace' });
    const namespace = view('apiVersion: v1\nkind: Namespace\nmetadata: {name: Shop_1}\n');
    expect(namespace.diagnostics.find((d) => d.blocking)).toMatchObject({ path: 'metadata.name' });
    // A policy's bad name is reported but changes nothing it means: not blocking.
    const policy = view(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a_b, namespace: shop}\nspec: {podSelector: {}}\n',
    );
    expect(policy.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(policy.blocking).toBe(false);
  });
});

describe('cluster-scoped tiers in the view', () => {
  const text = readFileSync(new URL('../../../fixtures/tiers/admin-overlap.yaml', import.meta.url), 'utf8');
  const view = buildViewModel(loadWorkspace([{ name: 'w.yaml', text }]), 1);
  const edge = (id: string) => view.edges.find((e) => e.id === id)!;

  it('badges namespaces a policy takes whole, and workloads selected one by one', () => {
    expect(view.namespaces.find((ns) => ns.name === 'shop')!.guardrails).toEqual([
      'cnp/deny-ops',
      'cnp/let-mon',
    ]);
    expect(view.namespaces.find((ns) => ns.name === 'ops')!.guardrails).toBeUndefined();
    // Its namespace carries the badge already.
    expect(view.endpoints.find((e) => e.id === 'shop/front')!.guardrails).toBeUndefined();
    expect(view.endpoints.find((e) => e.id === 'ops/probe')!.guardrails).toEqual(['cnp/baseline-probe']);
    expect(view.endpoints.find((e) => e.id === 'ops/mon')!.guardrails).toBeUndefined();
  });

  it('marks edges and rows a tier settled, naming the rule', () => {
    const denied = edge('flow:ep:ops/mon->ep:shop/front');
    expect(denied.verdict).toBe('deny-ingress');
    expect(denied.tier).toEqual({
      tier: 'admin',
      rules: [
        {
          policy: 'cnp/deny-ops',
          action: 'Deny',
          text: 'cnp/deny-ops ingress rule 1 "no-ops" (Admin, priority 10, line 33)',
          line: 33,
        },
      ],
    });
    expect(edge('flow:ep:ops/probe->ep:ops/mon').tier?.tier).toBe('baseline');
    // A row about any port says which rule settled it too.
    expect(view.flows.find((r) => r.key === 'ops/probe|ops/mon|any|')!.reason).toMatch(
      / Settled by cnp\/baseline-probe egress rule 1 "no-egress" \(Baseline, priority 5, line \d+\)\.$/,
    );
    // Nothing of a tier decides traffic between ops pods that are not subjects.
    expect(edge('flow:ep:ops/mon->ep:ops/probe').tier).toBeUndefined();
    const row = view.flows.find((r) => r.key === 'ops/mon|shop/front|8080|TCP')!;
    expect(row.tier?.tier).toBe('admin');
    expect(row.tier?.rules.map((r) => r.policy)).toEqual(['cnp/deny-ops']);
  });

  it('lists the tiers in walk order with what each policy decides', () => {
    expect(view.tiers!.map((t) => [t.id, t.tier, t.priority])).toEqual([
      ['cnp/deny-ops', 'Admin', 10],
      ['cnp/let-mon', 'Admin', 20],
      ['cnp/baseline-probe', 'Baseline', 5],
    ]);
    const deny = view.tiers![0]!;
    expect(deny).toMatchObject({
      kind: 'ClusterNetworkPolicy',
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      subject: 'namespaces team=web',
      selectCount: 1,
      rules: [{ direction: 'ingress', index: 0, name: 'no-ops', action: 'Deny', line: 33 }],
    });
    // ops/mon and ops/probe into shop/front on 8080: the Accept for mon comes too late.
    expect(deny.decides).toEqual({
      count: 2,
      flows: ['ops/mon|shop/front|8080|TCP', 'ops/probe|shop/front|8080|TCP'],
    });
    expect(view.tiers![1]!.decides!.count).toBe(0);
    expect(view.tiers![2]!.subject).toBe('pods app=probe in namespaces (all)');
    // A workspace without cluster-scoped policies has no Tiers entries and no marks.
    expect(model().tiers).toBeUndefined();
    expect(model().edges.some((e) => e.tier)).toBe(false);
  });
});
