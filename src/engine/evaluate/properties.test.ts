import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterArb, policyArb, toYaml } from '../../testing/arbitrary-cluster';
import { computeReach, isAllowed, loadWorkspace, policySelects, runTests, type Workspace } from '../index';

const PORTS = [
  { port: 53, protocol: 'UDP' as const },
  { port: 80, protocol: 'TCP' as const },
  { port: 8080, protocol: 'TCP' as const },
];

function load(text: string): Workspace {
  const workspace = loadWorkspace([{ name: 'random.yaml', text }]);
  const blocking = workspace.diagnostics.filter((d) => d.blocking);
  if (blocking.length) throw new Error(blocking.map((d) => d.message).join('\n'));
  return workspace;
}

const verdicts = (workspace: Workspace) => computeReach(workspace.cluster, PORTS).flows;

describe('properties over random clusters', () => {
  it('adding a policy only turns an allowed flow into a denied one by newly isolating one of its ends', () => {
    fc.assert(
      fc.property(clusterArb, policyArb, (cluster, extra) => {
        const before = load(toYaml([...cluster.base, ...cluster.policies]));
        const added = { ...extra, metadata: { ...(extra.metadata as object), name: 'added' } };
        const after = load(toYaml([...cluster.base, ...cluster.policies, added]));
        const newPolicy = after.cluster.policies.find((p) => p.name === 'added')!;
        const endpoint = (id: string) => before.cluster.endpoints.find((e) => e.id === id)!;
        const isolated = (id: string, direction: 'Ingress' | 'Egress') =>
          before.cluster.policies.some((p) => policySelects(p, direction, endpoint(id)));
        const afterFlows = verdicts(after);
        verdicts(before).forEach((flow, i) => {
          const now = afterFlows[i]!;
          if (!isAllowed(flow.verdict) || isAllowed(now.verdict)) return;
          const newlyIsolatesSource =
            !isolated(flow.from, 'Egress') && policySelects(newPolicy, 'Egress', endpoint(flow.from));
          const newlyIsolatesTarget =
            !isolated(flow.to, 'Ingress') && policySelects(newPolicy, 'Ingress', endpoint(flow.to));
          expect(newlyIsolatesSource || newlyIsolatesTarget, `${flow.from} -> ${flow.to} ${flow.port}`).toBe(
            true,
          );
        });
      }),
      { numRuns: 150 },
    );
  });

  it('the order of documents never changes a verdict', () => {
    fc.assert(
      fc.property(
        clusterArb.chain((cluster) => {
          const objects = [...cluster.base, ...cluster.policies];
          return fc.tuple(
            fc.constant(objects),
            fc.shuffledSubarray(objects, { minLength: objects.length, maxLength: objects.length }),
          );
        }),
        ([objects, shuffled]) => {
          expect(verdicts(load(toYaml(shuffled)))).toEqual(verdicts(load(toYaml(objects))));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reach and test agree on every flow', () => {
    fc.assert(
      fc.property(clusterArb, (cluster) => {
        const workspace = load(toYaml([...cluster.base, ...cluster.policies]));
        const flows = verdicts(workspace);
        const tests = {
          apiVersion: 'netpol-canvas/v1',
          kind: 'ConnectivityTest',
          metadata: { name: 'from-reach' },
          tests: flows.map(({ from, to, port, protocol, verdict }) => ({
            from,
            to,
            port,
            protocol,
            expect: isAllowed(verdict) ? 'allow' : 'deny',
          })),
        };
        const run = runTests(load(toYaml([...cluster.base, ...cluster.policies, tests])));
        expect(run.failed).toBe(0);
        expect(run.results.map((r) => r.verdict)).toEqual(flows.map((f) => f.verdict));
      }),
      { numRuns: 100 },
    );
  });
});
