import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  declaredPorts,
  generatePolicies,
  lintWorkspace,
  loadWorkspace,
  observeTraffic,
  type Endpoint,
  type Workspace,
} from '..';
import { clusterArb, toYaml } from '../../testing/arbitrary-cluster';
import { allowed } from '../../testing/workspace';

const OUTSIDE = ['203.0.113.5', '198.51.100.9'];
const NEVER_SEEN = '192.0.2.77';
const PORTS = [
  { port: 53, protocol: 'UDP' },
  { port: 80, protocol: 'TCP' },
  { port: 443, protocol: 'TCP' },
  { port: 8080, protocol: 'TCP' },
  { port: 9000, protocol: 'TCP' },
] as const;

/** Observed connections as indices: pods by position in the arbitrary cluster, or outside addresses. */
const observedArb = fc.array(
  fc.record({
    from: fc.oneof(fc.nat(5), fc.constantFrom(...OUTSIDE)),
    to: fc.oneof(fc.nat(5), fc.constantFrom(...OUTSIDE)),
    port: fc.constantFrom(...PORTS),
  }),
  { maxLength: 8 },
);

/** Pods no selector can tell apart share policies, so they share what was observed of each other. */
const groupKey = (endpoint: Endpoint) =>
  `${endpoint.namespace}/${JSON.stringify(Object.entries(endpoint.labels).sort())}`;

describe('generate: the policies allow exactly what was observed', () => {
  const property = (keepPolicies: boolean) =>
    fc.property(clusterArb, observedArb, ({ base, policies }, picks) => {
      const text = toYaml(keepPolicies ? [...base, ...policies] : base);
      const before = loadWorkspace([{ name: 'test.yaml', text }]);
      const pods = before.cluster.endpoints;
      const refOf = (pick: number | string) =>
        typeof pick === 'string' ? pick : pods[pick % pods.length]!.id;
      const rows = picks
        .map(({ from, to, port }) => ({ from: refOf(from), to: refOf(to), port }))
        .filter(({ from, to }) => from.includes('/') || to.includes('/'));
      const csv = [
        'from,to,port,protocol',
        ...rows.map((r) => `${r.from},${r.to},${r.port.port},${r.port.protocol}`),
      ];
      const traffic = observeTraffic(before.index, [{ file: 'log', text: csv.join('\n') }]);
      expect(traffic.problems).toEqual([]);
      expect(traffic.unknown).toEqual([]);
      const generated = generatePolicies(before.cluster, traffic.flows);
      const after = loadWorkspace([
        { name: 'test.yaml', text },
        { name: 'generated.yaml', text: generated.yaml },
      ]);
      expect(
        lintWorkspace(after).filter((d) => d.file === 'generated.yaml' && d.severity === 'error'),
      ).toEqual([]);

      const byId = new Map(pods.map((pod) => [pod.id, pod]));
      const keyOf = (ref: string) => (byId.has(ref) ? groupKey(byId.get(ref)!) : ref);
      // A Pod reaching itself is loopback: observing it asks for no rule.
      const seen = new Set(
        rows
          .filter((r) => r.from !== r.to)
          .map((r) => `${keyOf(r.from)} ${keyOf(r.to)} ${r.port.port}/${r.port.protocol}`),
      );
      const inLog = new Set(rows.flatMap((r) => [r.from, r.to]).filter((ref) => byId.has(ref)));
      const ports = [...declaredPorts(before.cluster), ...PORTS];
      const ends = [...pods.map((pod) => pod.id), ...OUTSIDE, NEVER_SEEN];
      const verdict = (workspace: Workspace, from: string, to: string, port: number, protocol: string) =>
        allowed(workspace, from, to, `${port}/${protocol}`);

      for (const from of ends) {
        for (const to of ends) {
          if (!byId.has(from) && !byId.has(to)) continue;
          if (!inLog.has(from) && !inLog.has(to)) continue;
          if (from === to) continue; // a Pod reaching itself is loopback
          for (const { port, protocol } of ports) {
            const wasSeen = seen.has(`${keyOf(from)} ${keyOf(to)} ${port}/${protocol}`);
            const now = verdict(after, from, to, port, protocol);
            if (wasSeen) expect(now, `${from} -> ${to} ${port}/${protocol} was observed`).toBe(true);
            else if (keepPolicies) {
              // Policies only add up: what the workspace's own rules let through may still pass.
              if (now)
                expect(
                  verdict(before, from, to, port, protocol),
                  `${from} -> ${to} ${port}/${protocol}`,
                ).toBe(true);
            } else expect(now, `${from} -> ${to} ${port}/${protocol} was never observed`).toBe(false);
          }
        }
      }
    });

  it('in a workspace without policies: every observed connection and nothing else', () => {
    fc.assert(property(false), { numRuns: 60 });
  });

  it('in a workspace with policies: every observed connection, and nothing the workspace did not allow', () => {
    fc.assert(property(true), { numRuns: 60 });
  });
});
