import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { richClusterArb, toYaml } from '../../testing/arbitrary-cluster';
import { decideFlow, decidePair } from '../evaluate/evaluate';
import { buildClassMatrix } from '../matrix/classes';
import { computeReach, declaredPorts, pairVerdict } from '../matrix/reach';
import type { Cluster } from '../model/types';
import { withPolicies } from '../../testing/workspace';
import { loadWorkspace } from '../workspace';
import { buildGrid, cellCounts, endpointGridSource, reachMarkdown } from './grid';
import { flowReportRows, formatFlowCsv } from './reach-report';

const EXAMPLES = 'public/examples';
const examples = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => ({
    name,
    cluster: loadWorkspace([{ name, text: readFileSync(`${EXAMPLES}/${name}`, 'utf8') }]).cluster,
  }));

const PORTS = [
  { port: 53, protocol: 'UDP' as const },
  { port: 80, protocol: 'TCP' as const },
  { port: 8080, protocol: 'TCP' as const },
];

/** Each row, against decidePair and decideFlow asked about that very pair. */
function expectRowsExact(cluster: Cluster, ports = declaredPorts(cluster)): void {
  const rows = flowReportRows(cluster, buildClassMatrix(cluster), ports);
  expect(
    rows.map(({ from, to, port, protocol, verdict }) => ({ from, to, port, protocol, verdict })),
  ).toEqual(computeReach(cluster, ports).flows);
  let k = 0;
  for (const from of cluster.endpoints)
    for (const to of cluster.endpoints) {
      const pair = decidePair(
        cluster,
        { kind: 'endpoint', endpoint: from },
        { kind: 'endpoint', endpoint: to },
      );
      for (const { port, protocol } of ports) {
        const flow = decideFlow(pair, port, protocol);
        const row = rows[k++]!;
        // Under the tiers a side may be settled by an Admin or Baseline rule (the test below).
        if (cluster.tieredPolicies?.length) continue;
        const rules = flow.verdict === 'allow' ? [...flow.egressRules, ...flow.ingressRules] : [];
        expect(row.rules).toEqual(rules.map((r) => `${r.policy} ${r.direction} rule ${r.index + 1}`));
        if (flow.verdict === 'allow-open') expect(row.policies).toEqual([]);
        if (flow.verdict === 'deny-ingress') expect(row.policies).toEqual(pair.ingress.policies);
        if (flow.verdict === 'deny-egress') expect(row.policies).toEqual(pair.egress.policies);
      }
    }
}

describe('flow report rows', () => {
  it.each(examples)('equal the per-pair evaluator on $name', ({ cluster }) => expectRowsExact(cluster));

  it('equal the per-pair evaluator on random clusters', () => {
    fc.assert(
      fc.property(richClusterArb(), (random) => {
        const objects = [...random.base, ...random.policies];
        const cluster = loadWorkspace([{ name: 'random.yaml', text: toYaml(objects) }]).cluster;
        expectRowsExact(cluster, PORTS);
      }),
      { numRuns: 40 },
    );
  });

  it('name the Admin or Baseline rule that settled a side, not the NetworkPolicies it overrides', () => {
    const cluster = withPolicies(
      `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: no-dev}
spec: {tier: Admin, priority: 1, subject: {namespaces: {matchLabels: {team: a}}}, ingress: [{action: Deny, from: [{namespaces: {matchLabels: {team: b}}}]}]}`,
      `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: web-out}
spec: {tier: Admin, priority: 2, subject: {pods: {podSelector: {matchLabels: {app: web}}}}, egress: [{action: Accept, to: [{namespaces: {matchLabels: {team: b}}}]}]}`,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-in, namespace: dev}
spec: {podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: a}}}]}]}`,
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-in, namespace: prod}
spec: {podSelector: {}, ingress: [{from: [{namespaceSelector: {}}]}]}`,
    ).cluster;
    const rows = flowReportRows(cluster, buildClassMatrix(cluster), [{ port: 80, protocol: 'TCP' }]);
    const row = (from: string, to: string) => rows.find((r) => r.from === from && r.to === to)!;
    expect(row('dev/web', 'prod/db')).toMatchObject({
      verdict: 'deny-ingress',
      policies: ['cnp/no-dev'],
      rules: [],
    });
    expect(row('prod/web', 'dev/web')).toMatchObject({
      verdict: 'allow',
      policies: ['cnp/web-out', 'dev/web-in'],
      rules: ['cnp/web-out egress rule 1', 'dev/web-in ingress rule 1'],
    });
    expectRowsExact(cluster, [{ port: 80, protocol: 'TCP' }]);
  });

  it('are quoted as CSV where a field needs it', () => {
    const csv = formatFlowCsv([
      {
        from: 'a/b',
        to: 'c/d',
        port: 80,
        protocol: 'TCP',
        verdict: 'allow',
        policies: ['x/p,q'],
        rules: ['x/"p" ingress rule 1'],
      },
    ]);
    expect(csv).toBe(
      'from,to,port,protocol,verdict,policies,rules\r\na/b,c/d,80,TCP,allow,"x/p,q","x/""p"" ingress rule 1"\r\n',
    );
  });
});

describe('grid', () => {
  it('counts every pair of two namespaces and gives each workload pair its verdict', () => {
    const { cluster } = examples.find((e) => e.name.startsWith('05'))!;
    const matrix = buildClassMatrix(cluster);
    const grid = buildGrid(endpointGridSource(cluster, matrix), () => true);
    const index = (id: string) => grid.lines.findIndex((line) => line.key === `l:${id}`);
    for (const from of cluster.endpoints)
      for (const to of cluster.endpoints) {
        if (from === to) continue;
        const pair = decidePair(
          cluster,
          { kind: 'endpoint', endpoint: from },
          { kind: 'endpoint', endpoint: to },
        );
        expect(cellCounts(grid, index(from.id), index(to.id))).toEqual({ [pairVerdict(pair)]: 1 });
      }
    const groups = grid.lines.flatMap((line, i) => (line.kind === 'group' ? [{ line, i }] : []));
    const total = groups
      .flatMap(({ i }) => groups.map(({ i: j }) => cellCounts(grid, i, j)))
      .flatMap((counts) => Object.values(counts))
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(cluster.endpoints.length * (cluster.endpoints.length - 1));
  });

  it('is written as a Markdown table with the legend and the diagonal marked', () => {
    const { cluster } = examples.find((e) => e.name.startsWith('03'))!;
    const md = reachMarkdown(cluster, buildClassMatrix(cluster));
    expect(md).toContain('Legend: ✓ allowed by policy');
    expect(md).toContain('| **default/frontend** | ✓ all ports | — (itself) |');
    expect(md).toContain('| **default/not-frontend** | ⇤ no ports |');
  });
});
