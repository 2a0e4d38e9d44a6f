import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { richClusterArb, toYaml } from '../../testing/arbitrary-cluster';
import { workspaceOf } from '../../testing/workspace';
import { isAllowed, VERDICTS } from '../evaluate/evaluate';
import type { Cluster } from '../model/types';
import { loadWorkspace } from '../workspace';
import { computeReach, declaredPorts, reachGroupOf, summarizeReach, type ReachGroupBy } from './reach';

const PORTS = [
  { port: 53, protocol: 'UDP' as const },
  { port: 80, protocol: 'TCP' as const },
  { port: 8080, protocol: 'TCP' as const },
  { port: 9090, protocol: 'SCTP' as const },
];

/** The summary the slow way: every flow, counted into its groups. */
function countedByHand(cluster: Cluster, groupBy: ReachGroupBy) {
  const groupOf = new Map(cluster.endpoints.map((e) => [e.id, reachGroupOf(e, groupBy)]));
  const counts = new Map<string, Record<string, number>>();
  for (const flow of computeReach(cluster, PORTS).flows) {
    const key = `${groupOf.get(flow.from)} -> ${groupOf.get(flow.to)}`;
    const row = counts.get(key) ?? Object.fromEntries(VERDICTS.map((v) => [v, 0]));
    row[flow.verdict]!++;
    counts.set(key, row);
  }
  return counts;
}

describe('summarizeReach', () => {
  it('counts exactly what the flows say, for random clusters (loopback and own-node pairs included)', () => {
    fc.assert(
      fc.property(
        richClusterArb(),
        fc.constantFrom<ReachGroupBy>('namespace', 'workload'),
        (random, groupBy) => {
          const workspace = loadWorkspace([
            { name: 'r.yaml', text: toYaml([...random.base, ...random.policies]) },
          ]);
          const cluster = workspace.cluster;
          const expected = countedByHand(cluster, groupBy);
          const summary = summarizeReach(cluster, PORTS, groupBy);
          for (const row of summary.rows) {
            const want = expected.get(`${row.from} -> ${row.to}`);
            expect(row.verdicts).toEqual(want ?? Object.fromEntries(VERDICTS.map((v) => [v, 0])));
            const allowed = VERDICTS.filter(isAllowed).reduce((sum, v) => sum + row.verdicts[v], 0);
            expect([row.allowed, row.denied]).toEqual([allowed, row.flows - allowed]);
          }
          expect(summary.rows.filter((row) => row.flows > 0).length).toBe(expected.size);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('groups pods by the workload their controller names, also when the ReplicaSet is absent', () => {
    const pod = (name: string, owner: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: a
  labels: {app: web, pod-template-hash: 5d8f}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: ${owner}, controller: true, uid: u}]
spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}`;
    const workspace = workspaceOf(
      [pod('web-5d8f-1', 'web-5d8f'), pod('web-5d8f-2', 'web-5d8f'), pod('job-x', 'other')].join('\n---\n'),
    );
    const summary = summarizeReach(workspace.cluster, declaredPorts(workspace.cluster), 'workload');
    expect(summary.groups).toEqual(['a/Deployment/web', 'a/ReplicaSet/other']);
    expect(summary.rows.map(({ from, to, flows, allowed }) => `${from} ${to} ${flows} ${allowed}`)).toEqual([
      'a/Deployment/web a/Deployment/web 4 4',
      'a/Deployment/web a/ReplicaSet/other 2 2',
      'a/ReplicaSet/other a/Deployment/web 2 2',
      'a/ReplicaSet/other a/ReplicaSet/other 1 1',
    ]);
  });
});
