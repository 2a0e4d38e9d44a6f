import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  richClusterArb,
  richPolicyArb,
  toYaml,
  type ArbitraryCluster,
} from '../../testing/arbitrary-cluster';
import {
  readReferenceCluster,
  referenceVerdict,
  type ReferenceCluster,
} from '../../testing/reference-evaluator';
import { parseAllDocuments } from 'yaml';
import { workspaceOf } from '../../testing/workspace';
import { decideFlow, decidePair, isGoverned, policySelects, VERDICTS } from '../evaluate/evaluate';
import type { FlowEnd } from '../evaluate/resolve';
import { PROTOCOLS, type Cluster } from '../model/types';
import { loadWorkspace } from '../workspace';
import { buildClassMatrix, updatePolicy, type ClassMatrix } from './classes';
import { pairVerdict } from './reach';

/** Every port a random policy or pod names, and the numbers on either side of each range end. */
const PROBE_PORTS = [1, 52, 53, 54, 79, 80, 81, 443, 7999, 8000, 8079, 8080, 8081, 9089, 9090, 9091, 65535];
/** These compare hundreds of thousands of flows; on a busy machine they may need more than the default. */
const PROPERTY_TIMEOUT = 180_000;
const PROBES = PROTOCOLS.flatMap((protocol) => PROBE_PORTS.map((port) => ({ port, protocol })));

function load(objects: readonly Record<string, unknown>[]): Cluster {
  const workspace = loadWorkspace([{ name: 'random.yaml', text: toYaml(objects) }]);
  const blocking = workspace.diagnostics.filter((d) => d.blocking);
  if (blocking.length) throw new Error(blocking.map((d) => d.message).join('\n'));
  return workspace.cluster;
}

const endOf = (cluster: Cluster, i: number): FlowEnd => ({
  kind: 'endpoint',
  endpoint: cluster.endpoints[i]!,
});

/** Asserts the class matrix says exactly what decidePair says, pair by pair and flow by flow. */
function expectSameAsDecidePair(
  cluster: Cluster,
  matrix: ClassMatrix,
  reference: ReferenceCluster | null,
): void {
  const n = cluster.endpoints.length;
  const codes = matrix.verdictCodes(PROBES);
  const pairCodes = matrix.pairVerdictMatrix();
  const flowCodes = matrix.flowVerdictMatrix(PROBES);
  for (let i = 0; i < n; i++) {
    for (const direction of ['Ingress', 'Egress'] as const) {
      const isolating = cluster.policies
        .filter((p) => policySelects(p, direction, cluster.endpoints[i]!))
        .map((p) => p.id);
      expect(matrix.isolatingPolicies(i, direction), `${cluster.endpoints[i]!.id} ${direction}`).toEqual(
        [...new Set(isolating)].sort(),
      );
    }
    for (let j = 0; j < n; j++) {
      const pair = decidePair(cluster, endOf(cluster, i), endOf(cluster, j));
      const at = `${cluster.endpoints[i]!.id} -> ${cluster.endpoints[j]!.id}`;
      expect(VERDICTS[pairCodes[i * n + j]!], at).toBe(pairVerdict(pair));
      expect(
        [...flowCodes.subarray((i * n + j) * PROBES.length, (i * n + j + 1) * PROBES.length)],
        at,
      ).toEqual([...codes(i, j)]);
      const sides = matrix.pairSides(i, j);
      expect(sides, at).toEqual({
        loopback: pair.loopback,
        egressIsolated: isGoverned(pair.egress),
        ingressIsolated: isGoverned(pair.ingress),
        egress: pair.egress.allowed,
        ingress: pair.ingress.allowed,
        allowed: pair.allowed,
      });
      expect(matrix.pairVerdict(i, j), at).toBe(pairVerdict(pair));
      const row = codes(i, j);
      PROBES.forEach(({ port, protocol }, k) => {
        const expected = decideFlow(pair, port, protocol).verdict;
        const fast = matrix.flowVerdict(i, j, port, protocol);
        const independent = reference
          ? referenceVerdict(reference, cluster.endpoints[i]!.id, cluster.endpoints[j]!.id, port, protocol)
          : expected;
        // expect() only on a mismatch: hundreds of thousands of flows are compared per run.
        if (fast !== expected || VERDICTS[row[k]!] !== expected || independent !== expected) {
          expect({ fast, code: VERDICTS[row[k]!], independent }, `${at} ${protocol}/${port}`).toEqual({
            fast: expected,
            code: expected,
            independent: expected,
          });
        }
      });
    }
  }
  // Counted by groups of endpoints, as summaries ask: the same counts as the pairs give.
  const groupOf = Uint32Array.from({ length: n }, (_, i) => i % 3);
  const byPairs = new Float64Array(9 * VERDICTS.length);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      byPairs[(groupOf[i]! * 3 + groupOf[j]!) * VERDICTS.length + pairCodes[i * n + j]!]!++;
  expect([...matrix.pairVerdictCounts(groupOf, 3)]).toEqual([...byPairs]);
}

const objectsOf = (cluster: ArbitraryCluster) => [...cluster.base, ...cluster.policies];

describe('the class matrix against decidePair and the reference evaluator', () => {
  it(
    'agree on every flow of random clusters',
    () => {
      fc.assert(
        fc.property(richClusterArb(), (random) => {
          const cluster = load(objectsOf(random));
          // The reference reads the same objects on its own: the same endpoints must come out.
          const reference = readReferenceCluster(objectsOf(random));
          expect(reference.endpoints.map((e) => e.id).sort()).toEqual(
            cluster.endpoints.map((e) => e.id).sort(),
          );
          expectSameAsDecidePair(cluster, buildClassMatrix(cluster), reference);
        }),
        { numRuns: 200 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'agree on every flow of random clusters with Admin and Baseline tier policies',
    () => {
      fc.assert(
        fc.property(richClusterArb({ tiers: true }), (random) => {
          const cluster = load(objectsOf(random));
          expect(cluster.tieredPolicies!.length).toBeGreaterThan(0);
          const reference = readReferenceCluster(objectsOf(random));
          expectSameAsDecidePair(cluster, buildClassMatrix(cluster), reference);
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'agrees with decidePair for dual-stack pods that list IPv6 first',
    () => {
      fc.assert(
        fc.property(richClusterArb({ ipv6First: true }), (random) => {
          const cluster = load(objectsOf(random));
          expectSameAsDecidePair(cluster, buildClassMatrix(cluster), null);
        }),
        { numRuns: 120 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  // docs/engine.md: "the connection uses a family both ends have (IPv4 first)". evaluate.ts instead
  // takes each peer's first address in its own order, per side, so src [v6, v4] -> dst [v4, v6] is
  // judged as IPv4 by the source's egress and as IPv6 by the destination's ingress. The reference
  // follows the documented rule. Remove `.fails` once evaluate.ts is fixed.
  it('decidePair follows the documented IPv4-first rule for IPv6-first dual-stack pods', () => {
    const text = `
apiVersion: v1
kind: Pod
metadata: {name: src, namespace: a}
spec: {containers: [{name: c, image: c}]}
status: {podIPs: [{ip: 'fd00::1'}, {ip: 10.0.0.1}]}
---
apiVersion: v1
kind: Pod
metadata: {name: dst, namespace: b}
spec: {containers: [{name: c, image: c}]}
status: {podIPs: [{ip: 10.0.0.2}, {ip: 'fd00::2'}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-v4, namespace: b}
spec: {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/24}}]}]}
`;
    const { cluster } = workspaceOf(text);
    const reference = readReferenceCluster(parseAllDocuments(text).map((doc) => doc.toJS() as unknown));
    const [src, dst] = [0, 1].map((i) => cluster.endpoints.find((e) => e.name === ['src', 'dst'][i])!);
    const engine = decideFlow(
      decidePair(cluster, { kind: 'endpoint', endpoint: src! }, { kind: 'endpoint', endpoint: dst! }),
      80,
      'TCP',
    ).verdict;
    expect(engine).toBe(referenceVerdict(reference, src!.id, dst!.id, 80, 'TCP'));
  });
});

describe('the partition into classes', () => {
  interface PodOptions {
    namespace?: string;
    app?: string;
    ports?: string;
    ip?: string;
    hostIP?: string;
    hostNetwork?: boolean;
  }
  const pod = (
    name: string,
    {
      namespace = 'shop',
      app = 'web',
      ports = '',
      ip,
      hostIP = '192.168.0.1',
      hostNetwork = false,
    }: PodOptions = {},
  ) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: {app: ${app}}}
spec: {hostNetwork: ${hostNetwork}, containers: [{name: c, image: c, ports: [${ports}]}]}
${ip ? `status: {podIP: ${ip}, hostIP: ${hostIP}}` : ''}`;
  const policy = (spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec: ${spec}`;
  const classesOf = (...docs: string[]) => {
    const { cluster } = workspaceOf(docs.join('\n---\n'));
    const matrix = buildClassMatrix(cluster);
    const byName = (name: string) => matrix.classOf(cluster.endpoints.findIndex((e) => e.name === name));
    return { matrix, cluster, byName };
  };

  it('groups endpoints that only unnamed ports or their kind tell apart', () => {
    const { matrix, byName } = classesOf(
      pod('a', { ports: '{containerPort: 80}' }),
      pod('b', { ports: '{containerPort: 443}' }),
      pod('c'),
    );
    expect(matrix.classCount).toBe(1);
    expect(byName('a')).toBe(byName('c'));
    expect(matrix.classMembers(byName('a'))).toHaveLength(3);
  });

  it('separates namespaces, labels and named ports', () => {
    const { matrix, byName } = classesOf(
      pod('a', { ports: '{name: http, containerPort: 80}' }),
      pod('b', { ports: '{name: http, containerPort: 8080}' }),
      pod('c', { app: 'db' }),
      pod('d', { namespace: 'other' }),
      pod('e', { ports: '{name: http, containerPort: 80}' }),
    );
    expect(matrix.classCount).toBe(4);
    expect(byName('a')).toBe(byName('e'));
    expect(new Set(['a', 'b', 'c', 'd'].map(byName)).size).toBe(4);
  });

  it('separates pod IPs only where some ipBlock tells them apart', () => {
    const docs = [
      pod('a', { ip: '10.0.0.1' }),
      pod('b', { ip: '10.0.0.2' }),
      pod('c', { ip: '10.0.1.1' }),
      pod('d'),
    ];
    expect(classesOf(...docs).matrix.classCount).toBe(2); // with and without an IP
    const split = classesOf(
      ...docs,
      policy('{podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.1.0/24]}}]}]}'),
    );
    expect(split.matrix.classCount).toBe(3);
    expect(split.byName('a')).toBe(split.byName('b'));
    expect(split.byName('a')).not.toBe(split.byName('c'));
  });

  it('puts hostNetwork pods together whatever their namespace and labels: only their address counts', () => {
    const { matrix, byName } = classesOf(
      pod('a', { hostNetwork: true, ip: '192.168.0.1' }),
      pod('b', {
        hostNetwork: true,
        namespace: 'kube-system',
        app: 'proxy',
        ip: '192.168.0.2',
        hostIP: '192.168.0.2',
      }),
      pod('c'),
    );
    expect(matrix.classCount).toBe(2);
    expect(byName('a')).toBe(byName('b'));
  });

  it('keeps the diagonal exact: a Pod reaches itself, its twin in the same class is evaluated', () => {
    const { cluster, matrix, byName } = classesOf(pod('a'), pod('b'), policy('{podSelector: {}}'));
    const a = cluster.endpoints.findIndex((e) => e.name === 'a');
    const b = cluster.endpoints.findIndex((e) => e.name === 'b');
    expect(byName('a')).toBe(byName('b'));
    expect(matrix.flowVerdict(a, a, 80, 'TCP')).toBe('allow-open');
    expect(matrix.pairSides(a, a).loopback).toBe(true);
    expect(matrix.flowVerdict(a, b, 80, 'TCP')).toBe('deny-ingress');
    expect(matrix.pairVerdict(b, a)).toBe('deny-ingress');
  });

  it('evaluates a workload to itself (replica to replica) like any pair', () => {
    const { matrix } = classesOf(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: c}]}}}',
      policy('{podSelector: {}}'),
    );
    expect(matrix.classCount).toBe(1);
    expect(matrix.pairSides(0, 0).loopback).toBe(false);
    expect(matrix.flowVerdict(0, 0, 80, 'TCP')).toBe('deny-ingress');
  });

  it('lets a hostNetwork pod on the same node in, and no other node', () => {
    const { cluster, matrix } = classesOf(
      pod('web', { ip: '10.0.0.1' }),
      pod('kubelet', { hostNetwork: true, ip: '192.168.0.1' }),
      pod('elsewhere', { hostNetwork: true, ip: '192.168.0.2', hostIP: '192.168.0.2' }),
      policy('{podSelector: {}}'),
    );
    const index = (name: string) => cluster.endpoints.findIndex((e) => e.name === name);
    expect(matrix.flowVerdict(index('kubelet'), index('web'), 80, 'TCP')).toBe('allow');
    expect(matrix.flowVerdict(index('elsewhere'), index('web'), 80, 'TCP')).toBe('deny-ingress');
  });
});

describe('incremental update of one policy', () => {
  const snapshot = (cluster: Cluster, matrix: ClassMatrix) => {
    const codes = matrix.verdictCodes(PROBES);
    const n = cluster.endpoints.length;
    const out: unknown[] = [];
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        out.push([matrix.pairVerdict(i, j), matrix.pairSides(i, j), [...codes(i, j)]]);
    return out;
  };

  const editArb = fc.record({
    random: richClusterArb(),
    replacement: richPolicyArb,
    /** Which policy to edit; past the end adds a new one. */
    target: fc.nat({ max: 6 }),
    remove: fc.boolean(),
  });

  it(
    'equals a full recompute after changing, adding or removing a policy',
    () => {
      fc.assert(
        fc.property(editArb, ({ random, replacement, target, remove }) => {
          const before = load(objectsOf(random));
          const policies = [...random.policies];
          const name = target < policies.length ? `policy${target}` : 'added';
          const edited = { ...replacement, metadata: { ...(replacement.metadata as object), name } };
          if (target < policies.length) {
            // Keep the namespace so the id stays the same: an edit, not a rename.
            (edited.metadata as Record<string, unknown>).namespace = (
              policies[target]!.metadata as Record<string, unknown>
            ).namespace;
            if (remove) policies.splice(target, 1);
            else policies[target] = edited;
          } else policies.push(edited);
          const after = load([...random.base, ...policies]);
          const id = `${(edited.metadata as Record<string, unknown>).namespace}/${name}`;
          const updated = updatePolicy(buildClassMatrix(before), after, id);
          const fresh = buildClassMatrix(after);
          expect(snapshot(after, updated)).toEqual(snapshot(after, fresh));
          // With the codes of the matrix before the edit at hand, only the touched rows and columns are recomputed.
          const base = buildClassMatrix(before);
          base.pairVerdictMatrix();
          expect(updatePolicy(base, after, id).pairVerdictMatrix()).toEqual(fresh.pairVerdictMatrix());
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('keeps the classes when only rules change, and refines them when a new ipBlock splits one', () => {
    const docs = (rule: string) => `
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: c}]}
status: {podIP: 10.0.0.1}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: c}]}
status: {podIP: 10.0.1.1}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec: {podSelector: {}, ingress: [${rule}]}`;
    const first = workspaceOf(docs('{from: [{podSelector: {}}], ports: [{port: 80}]}')).cluster;
    const matrix = buildClassMatrix(first);
    expect(matrix.classCount).toBe(1);
    const portsOnly = workspaceOf(docs('{from: [{podSelector: {}}], ports: [{port: 443}]}')).cluster;
    const sameClasses = updatePolicy(matrix, portsOnly, 'shop/p');
    expect(sameClasses.classCount).toBe(1);
    expect(sameClasses.flowVerdict(0, 1, 443, 'TCP')).toBe('allow');
    expect(sameClasses.flowVerdict(0, 1, 80, 'TCP')).toBe('deny-ingress');
    const splitting = workspaceOf(docs('{from: [{ipBlock: {cidr: 10.0.0.0/24}}]}')).cluster;
    const refined = updatePolicy(matrix, splitting, 'shop/p');
    expect(refined.classCount).toBe(2);
    expect(refined.flowVerdict(0, 1, 80, 'TCP')).toBe('allow');
    expect(refined.flowVerdict(1, 0, 80, 'TCP')).toBe('deny-ingress');
    // The old matrix is untouched.
    expect(matrix.flowVerdict(0, 1, 80, 'TCP')).toBe('allow');
    expect(matrix.flowVerdict(0, 1, 443, 'TCP')).toBe('deny-ingress');
  });
});
