import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { richClusterArb, toYaml } from '../../testing/arbitrary-cluster';
import { allowed, withPolicies } from '../../testing/workspace';
import { decideFlow, decidePair } from '../evaluate/evaluate';
import type { FlowEnd } from '../evaluate/resolve';
import { declaredPorts, pairVerdict } from '../matrix/reach';
import type { Cluster } from '../model/types';
import { formatPorts } from '../util/port-set';
import { loadWorkspace, type Workspace } from '../workspace';
import { applyIntent } from './apply-intent';
import { applyEditsToFiles } from './text-edits';

/**
 * Converting AdminNetworkPolicy / BaselineAdminNetworkPolicy to ClusterNetworkPolicy
 * (tiered-policies.md section 7) must not change what any flow does: every pair of endpoints, and
 * every pod towards the addresses the networks peers and nodes name, gets the same allowed ports,
 * the same pair verdict and the same verdict on every declared port (named ports resolve to those).
 */
const PROPERTY_TIMEOUT = 180_000;

function load(text: string): Workspace {
  const workspace = loadWorkspace([{ name: 'random.yaml', text }]);
  const blocking = workspace.diagnostics.filter((d) => d.blocking);
  if (blocking.length) throw new Error(blocking.map((d) => d.message).join('\n'));
  return workspace;
}

/** Outside ends: the network address of every CIDR the generator uses, a node's, and one far away. */
const ADDRESSES = ['10.0.0.0', '10.0.1.0', '10.0.0.1', '192.168.0.1', '192.168.0.2', 'fd00::', '203.0.113.9'];

function ends(cluster: Cluster): FlowEnd[] {
  return [
    ...cluster.endpoints.map((endpoint): FlowEnd => ({ kind: 'endpoint', endpoint })),
    ...ADDRESSES.map((ip): FlowEnd => ({ kind: 'ip', ip, node: ip.startsWith('192.168.') })),
  ];
}

const describeEnd = (end: FlowEnd) => (end.kind === 'endpoint' ? end.endpoint.id : end.ip);

/** Every difference between the two clusters' decisions, as text (empty: the same). */
function differences(before: Cluster, after: Cluster): string[] {
  const out: string[] = [];
  const ports = declaredPorts(before);
  const afterEnds = ends(after);
  ends(before).forEach((from, i) =>
    ends(before).forEach((to, j) => {
      if (from.kind === 'ip' && to.kind === 'ip') return;
      const was = decidePair(before, from, to);
      const now = decidePair(after, afterEnds[i]!, afterEnds[j]!);
      const flow = `${describeEnd(from)} -> ${describeEnd(to)}`;
      if (formatPorts(was.allowed) !== formatPorts(now.allowed))
        out.push(`${flow}: ${formatPorts(was.allowed)} became ${formatPorts(now.allowed)}`);
      if (pairVerdict(was) !== pairVerdict(now))
        out.push(`${flow}: ${pairVerdict(was)} became ${pairVerdict(now)}`);
      for (const { port, protocol } of ports) {
        const a = decideFlow(was, port, protocol).verdict;
        const b = decideFlow(now, port, protocol).verdict;
        if (a !== b) out.push(`${flow} ${protocol}/${port}: ${a} became ${b}`);
      }
    }),
  );
  return out;
}

describe('convert-tiered-policies keeps every verdict', () => {
  it(
    'over random v1alpha1 policies, NetworkPolicies, pods, workloads, hostNetwork pods and nodes',
    () => {
      fc.assert(
        fc.property(richClusterArb({ tiers: 'v1alpha1' }), (random) => {
          const workspace = load(toYaml([...random.base, ...random.policies]));
          const result = applyIntent(workspace, { kind: 'convert-tiered-policies' });
          if (!result.ok) throw new Error(result.message);
          const after = load(applyEditsToFiles(workspace.files, result.edits)[0]!.text);
          expect(after.cluster.tieredPolicies!.every((p) => p.kind === 'ClusterNetworkPolicy')).toBe(true);
          expect(after.cluster.tieredPolicies!.length).toBe(workspace.cluster.tieredPolicies!.length);
          expect(differences(workspace.cluster, after.cluster)).toEqual([]);
        }),
        { numRuns: 80 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('convert-tiered-policies next to ClusterNetworkPolicies of the same priority', () => {
  it('lists the flows whose verdict the new order changes (the engine ordered the v1alpha1 kind last)', () => {
    const workspace = withPolicies(
      `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: b}
spec: {tier: Admin, priority: 5, subject: {namespaces: {matchLabels: {team: a}}}, ingress: [{action: Deny, from: [{namespaces: {matchLabels: {team: b}}}]}]}`,
      `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: a}
spec: {priority: 5, subject: {namespaces: {matchLabels: {team: a}}}, ingress: [{action: Allow, from: [{namespaces: {matchLabels: {team: b}}}]}]}`,
    );
    expect(allowed(workspace, 'dev/web', 'prod/db', 5432)).toBe(false);
    const result = applyIntent(workspace, { kind: 'convert-tiered-policies' });
    if (!result.ok) throw new Error(result.message);
    expect(result.summary).toBe(
      'AdminNetworkPolicy a becomes ClusterNetworkPolicy a (tier Admin, priority 5); it shares that priority with ClusterNetworkPolicy b, which came first while it was an AdminNetworkPolicy; now the names order them. Allows dev/web -> prod/db on TCP 5432; dev/web -> prod/web on all ports.',
    );
    const after = loadWorkspace(applyEditsToFiles(workspace.files, result.edits));
    expect(allowed(after, 'dev/web', 'prod/db', 5432)).toBe(true);
  });
});
