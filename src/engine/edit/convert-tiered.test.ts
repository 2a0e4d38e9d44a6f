import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  applyOk,
  documentTexts,
  expectDocumentsKept,
  load,
  touchedDocuments,
} from '../../testing/edit-workspace';
import { validateTieredPolicy } from '../validate/tiered-policy';
import { applyIntent } from './apply-intent';
import {
  BASELINE_PRIORITY,
  convertTieredPolicy,
  v1alpha1Policies,
  type V1alpha1Kind,
} from './convert-tiered';

const V1 = 'policy.networking.k8s.io/v1alpha1';
const V2 = 'policy.networking.k8s.io/v1alpha2';
type Spec = Record<string, unknown>;

const anp = (spec: Spec, name = 'guard') => ({
  apiVersion: V1,
  kind: 'AdminNetworkPolicy',
  metadata: { name },
  spec: { priority: 5, subject: { namespaces: {} }, ...spec },
});
const banp = (spec: Spec) => ({
  apiVersion: V1,
  kind: 'BaselineAdminNetworkPolicy',
  metadata: { name: 'default' },
  spec: { subject: { namespaces: {} }, ...spec },
});
const convert = (value: Record<string, unknown>, name = 'guard') =>
  convertTieredPolicy(value, value.kind as V1alpha1Kind, name);
const converted = (value: Record<string, unknown>) => convert(value).value;
/** The protocols the converted first egress rule has for these v1alpha1 ports. */
const protocolsOf = (...ports: unknown[]) =>
  (converted(anp({ egress: [{ action: 'Deny', to: [{ namespaces: {} }], ports }] })).spec as Spec)
    .egress as Spec[];

describe('convertTieredPolicy: the mapping of tiered-policies.md section 7', () => {
  it('converts the worked example 9.5', () => {
    const value = anp({
      subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } } },
      ingress: [
        {
          action: 'Allow',
          from: [
            {
              pods: {
                namespaceSelector: { matchLabels: { team: 'web' } },
                podSelector: { matchLabels: { app: 'front' } },
              },
            },
          ],
          ports: [{ portRange: { start: 5432, end: 5433 } }],
        },
      ],
    });
    expect(converted(value)).toEqual({
      apiVersion: V2,
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'guard' },
      spec: {
        tier: 'Admin',
        priority: 5,
        subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } } },
        ingress: [
          {
            action: 'Accept',
            from: [
              {
                pods: {
                  namespaceSelector: { matchLabels: { team: 'web' } },
                  podSelector: { matchLabels: { app: 'front' } },
                },
              },
            ],
            protocols: [{ tcp: { destinationPort: { range: { start: 5432, end: 5433 } } } }],
          },
        ],
      },
    });
  });

  it('maps every action: Allow to Accept, Deny and Pass as they are', () => {
    const rule = (action: string) => ({ name: action, action, to: [{ namespaces: {} }] });
    const spec = converted(anp({ egress: ['Allow', 'Deny', 'Pass'].map(rule) })).spec as Spec;
    expect((spec.egress as Spec[]).map((r) => r.action)).toEqual(['Accept', 'Deny', 'Pass']);
    expect((spec.egress as Spec[]).map((r) => r.name)).toEqual(['Allow', 'Deny', 'Pass']);
  });

  it('maps every port form: portNumber (TCP by default), portRange, a one-port range, namedPort', () => {
    expect(
      protocolsOf(
        { portNumber: { port: 80 } },
        { portNumber: { protocol: 'UDP', port: 53 } },
        { portNumber: { protocol: 'SCTP', port: 9 } },
        { portRange: { protocol: 'UDP', start: 8000, end: 8080 } },
        { portRange: { start: 443, end: 443 } },
        { namedPort: 'http' },
      )[0]!.protocols,
    ).toEqual([
      { tcp: { destinationPort: { number: 80 } } },
      { udp: { destinationPort: { number: 53 } } },
      { sctp: { destinationPort: { number: 9 } } },
      { udp: { destinationPort: { range: { start: 8000, end: 8080 } } } },
      { tcp: { destinationPort: { number: 443 } } },
      { destinationNamedPort: 'http' },
    ]);
  });

  it('refuses what v1alpha2 cannot say: a range with start > end, an unknown protocol', () => {
    expect(() => protocolsOf({ portRange: { start: 90, end: 80 } })).toThrow(
      /egress rule 1, port 1 is the range 90-80, which matches no port/,
    );
    expect(() => protocolsOf({ portNumber: { protocol: 'ICMP', port: 1 } })).toThrow(
      /protocol "ICMP", which matches no traffic/,
    );
  });

  it('keeps every peer form: namespaces, pods, networks, nodes, domainNames', () => {
    const to = [
      { namespaces: { matchLabels: { team: 'a' } } },
      { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } } },
      { networks: ['10.0.0.0/8', 'fd00::/8'] },
      { nodes: { matchLabels: { role: 'infra' } } },
      { domainNames: ['*.example.com'] },
    ];
    const spec = converted(anp({ egress: [{ action: 'Allow', to }] })).spec as Spec;
    expect((spec.egress as Spec[])[0]!.to).toEqual(to);
  });

  it('puts the BaselineAdminNetworkPolicy last in the Baseline tier', () => {
    const value = converted(banp({ ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] }));
    expect(value.spec).toMatchObject({ tier: 'Baseline', priority: BASELINE_PRIORITY });
    expect(convert(banp({})).notes).toContain(`priority ${BASELINE_PRIORITY}, last in the Baseline tier`);
  });

  it('splits rules over 25 peers or ports into consecutive rules with the same action', () => {
    const to = Array.from({ length: 30 }, (_, i) => ({ networks: [`10.0.${i}.0/24`] }));
    const ports = Array.from({ length: 26 }, (_, i) => ({ portNumber: { port: i + 1 } }));
    const { value, notes } = convert(anp({ egress: [{ name: 'wide', action: 'Deny', to, ports }] }));
    const rules = (value.spec as Spec).egress as Spec[];
    expect(rules.map((r) => [r.name, (r.to as unknown[]).length, (r.protocols as unknown[]).length])).toEqual(
      [
        ['wide (part 1)', 25, 25],
        ['wide (part 2)', 25, 1],
        ['wide (part 3)', 5, 25],
        ['wide (part 4)', 5, 1],
      ],
    );
    expect(rules.every((r) => r.action === 'Deny')).toBe(true);
    expect(notes.join(' ')).toMatch(/split into 4 rules/);
    expect(validateTieredPolicy(value, 'ClusterNetworkPolicy').filter((i) => i.severity === 'error')).toEqual(
      [],
    );
  });

  it('refuses more than 25 rules, and invalid input', () => {
    const rules = Array.from({ length: 26 }, () => ({ action: 'Deny', to: [{ namespaces: {} }] }));
    expect(() => convert(anp({ egress: rules }))).toThrow(/26 egress rules.*at most 25/);
    expect(() => convert(anp({ priority: 5000 }))).toThrow(/is not valid \(priority 5000 is out of range/);
  });

  it('leaves out what the API server wrote for the old object', () => {
    const value = {
      ...anp({}),
      metadata: {
        name: 'guard',
        uid: 'u',
        resourceVersion: '7',
        labels: { owner: 'net' },
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      },
      status: { conditions: [] },
    };
    const { value: out, notes } = convert(value);
    expect(out.metadata).toEqual({ name: 'guard', labels: { owner: 'net' } });
    expect(out).not.toHaveProperty('status');
    expect(notes.join(' ')).toMatch(
      /uid, resourceVersion, kubectl.kubernetes.io\/last-applied-configuration are left out/,
    );
  });
});

const WORKSPACE = `# cluster guardrails
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: deny-ops   # no exceptions
spec:
  priority: 10
  subject:
    namespaces: {matchLabels: {team: web}}
  ingress:
    - name: no-ops
      action: Deny
      from:
        - namespaces: {matchLabels: {team: infra}}
      ports:
        - portNumber: {protocol: TCP, port: 8080}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: web}}   # untouched
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  egress:
    - {action: Allow, to: [{networks: [10.0.0.0/8]}]}
`;

describe('the convert-tiered-policies intent', () => {
  it('splices only the converted documents, keeping their comments', () => {
    const applied = applyOk(WORKSPACE, { kind: 'convert-tiered-policies' });
    expect(touchedDocuments(WORKSPACE, applied.edits)).toEqual([0, 2]);
    expectDocumentsKept(WORKSPACE, applied.after, [0, 2]);
    const docs = documentTexts(applied.after);
    expect(docs[0]).toBe(`# cluster guardrails
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: deny-ops   # no exceptions
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces: {matchLabels: {team: web}}
  ingress:
    - name: no-ops
      action: Deny
      from:
        - namespaces: {matchLabels: {team: infra}}
      protocols:
        - tcp:
            destinationPort:
              number: 8080
`);
    expect(parse(docs[2]!)).toEqual({
      apiVersion: V2,
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'default' },
      spec: {
        tier: 'Baseline',
        priority: BASELINE_PRIORITY,
        subject: { namespaces: {} },
        egress: [{ action: 'Accept', to: [{ networks: ['10.0.0.0/8'] }] }],
      },
    });
    expect(applied.summary).toMatch(
      /^AdminNetworkPolicy deny-ops becomes ClusterNetworkPolicy deny-ops \(tier Admin, priority 10\)\. BaselineAdminNetworkPolicy default becomes ClusterNetworkPolicy default \(tier Baseline, priority 1000\)/,
    );
    const invalid = applied.workspace.diagnostics.filter((d) => d.code.startsWith('invalid-'));
    expect(invalid).toEqual([]);
    expect(v1alpha1Policies(applied.workspace.parsed.objects)).toEqual([]);
  });

  it('converts one named object, List items too, and renames on a clash', () => {
    const text = `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: guard}
spec: {tier: Admin, priority: 1, subject: {namespaces: {}}}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicyList
items:
- metadata: {name: guard}
  spec: {priority: 2, subject: {namespaces: {}}}
- metadata: {name: other}
  spec: {priority: 3, subject: {namespaces: {}}}
`;
    const applied = applyOk(text, {
      kind: 'convert-tiered-policies',
      objects: [{ kind: 'AdminNetworkPolicy', name: 'guard' }],
    });
    const list = parse(documentTexts(applied.after)[1]!) as { items: Spec[] };
    expect(list.items[0]).toEqual({
      apiVersion: V2,
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'guard-admin' },
      spec: { tier: 'Admin', priority: 2, subject: { namespaces: {} } },
    });
    expect(list.items[1]).toEqual({
      metadata: { name: 'other' },
      spec: { priority: 3, subject: { namespaces: {} } },
    });
    expect(applied.summary).toMatch(/renamed to guard-admin, as a ClusterNetworkPolicy guard exists already/);
    expect(v1alpha1Policies(applied.workspace.parsed.objects).map((p) => p.name)).toEqual(['other']);
  });

  it('is refused, with the reason and no edit, for what it cannot convert', () => {
    const text = WORKSPACE.replace(
      'portNumber: {protocol: TCP, port: 8080}',
      'portRange: {start: 90, end: 80}',
    );
    const result = applyIntent(load(text), { kind: 'convert-tiered-policies' });
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/range 90-80, which matches no port/),
    });
    expect(
      applyIntent(load('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n'), {
        kind: 'convert-tiered-policies',
      }),
    ).toEqual({
      ok: false,
      message: 'There is no AdminNetworkPolicy or BaselineAdminNetworkPolicy to convert.',
    });
    expect(
      applyIntent(load(WORKSPACE), {
        kind: 'convert-tiered-policies',
        objects: [{ kind: 'AdminNetworkPolicy', name: 'nope' }],
      }),
    ).toEqual({ ok: false, message: 'There is no AdminNetworkPolicy nope in the workspace.' });
  });
});

/**
 * The converted set decides every flow the same way, stated without an evaluator: rule by rule,
 * in the same tier and order, with the same action, the converted rules match exactly the
 * (peer, protocol, port) the original matched. Peers are copied, so what is left to compare is
 * which protocol/port pairs a rule's port list admits, read here from the two API versions'
 * definitions (tiered-policies.md 5.2) independently of the converter.
 */
describe('the converted set gives every flow the same verdict (rule-wise equivalence)', () => {
  type Probe = { protocol: 'TCP' | 'UDP' | 'SCTP'; port: number; name?: string };
  const v1Matches = (ports: Spec[] | undefined, probe: Probe) =>
    ports === undefined ||
    ports.some((entry) => {
      const number = entry.portNumber as Spec | undefined;
      const range = entry.portRange as Spec | undefined;
      if (entry.namedPort !== undefined) return probe.name === entry.namedPort;
      const spec = (number ?? range)!;
      if (((spec.protocol as string | undefined) ?? 'TCP') !== probe.protocol) return false;
      return number
        ? number.port === probe.port
        : (range!.start as number) <= probe.port && probe.port <= (range!.end as number);
    });
  const v2Matches = (protocols: Spec[] | undefined, probe: Probe) =>
    protocols === undefined ||
    protocols.some((entry) => {
      if (entry.destinationNamedPort !== undefined) return probe.name === entry.destinationNamedPort;
      const match = entry[probe.protocol.toLowerCase()] as Spec | undefined;
      const port = match?.destinationPort as Spec | undefined;
      if (!port) return false;
      const range = port.range as Spec | undefined;
      return range
        ? (range.start as number) <= probe.port && probe.port <= (range.end as number)
        : port.number === probe.port;
    });

  const protocol = fc.constantFrom('TCP', 'UDP', 'SCTP');
  const portEntry = fc.oneof(
    fc.record({
      portNumber: fc.record({ protocol, port: fc.integer({ min: 1, max: 40 }) }, { requiredKeys: ['port'] }),
    }),
    fc
      .record(
        { protocol, start: fc.integer({ min: 1, max: 40 }), span: fc.integer({ min: 0, max: 10 }) },
        { requiredKeys: ['start', 'span'] },
      )
      .map(({ span, ...range }) => ({ portRange: { ...range, end: range.start + span } })),
    fc.record({ namedPort: fc.constantFrom('http', 'dns') }),
  );
  const peer = fc.constantFrom<Spec>(
    { namespaces: {} },
    { networks: ['10.0.0.0/8'] },
    { pods: { namespaceSelector: {}, podSelector: {} } },
  );
  const rule = fc.record(
    {
      action: fc.constantFrom('Allow', 'Deny', 'Pass'),
      to: fc.array(peer, { minLength: 1, maxLength: 30 }),
      ports: fc.array(portEntry, { minLength: 1, maxLength: 30 }),
    },
    { requiredKeys: ['action', 'to'] },
  );
  const probes: Probe[] = (['TCP', 'UDP', 'SCTP'] as const).flatMap((p) =>
    Array.from({ length: 52 }, (_, i) => ({
      protocol: p,
      port: i + 1,
      name: i === 0 ? 'http' : i === 1 ? 'dns' : undefined,
    })),
  );

  const cases = [
    { kind: 'AdminNetworkPolicy', direction: 'egress' },
    { kind: 'BaselineAdminNetworkPolicy', direction: 'ingress' },
  ] as const;
  it.each(cases)('holds for random $kind $direction rules', ({ kind, direction }) => {
    const peersKey = direction === 'ingress' ? 'from' : 'to';
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), fc.integer({ min: 0, max: 1000 }), (drawn, priority) => {
        const rules = drawn
          .map(({ to, ...rest }): Spec => ({
            ...rest,
            // The BANP has no Pass; ingress peers are pods only.
            action: kind === 'BaselineAdminNetworkPolicy' && rest.action === 'Pass' ? 'Deny' : rest.action,
            [peersKey]: direction === 'ingress' ? to.filter((p) => !p.networks) : to,
          }))
          .filter((r) => (r[peersKey] as Spec[]).length > 0)
          // Named ports and networks peers in one egress rule are invalid (experimental CEL); keep them apart.
          .filter(
            (r) =>
              !(
                (r[peersKey] as Spec[]).some((p) => p.networks) &&
                ((r.ports as Spec[] | undefined) ?? []).some((e) => 'namedPort' in e)
              ),
          );
        const input =
          kind === 'AdminNetworkPolicy'
            ? anp({ priority, [direction]: rules })
            : banp({ [direction]: rules });
        const spec = convert(input).value.spec as Spec;
        expect(spec).toMatchObject(
          kind === 'AdminNetworkPolicy'
            ? { tier: 'Admin', priority }
            : { tier: 'Baseline', priority: BASELINE_PRIORITY },
        );
        // Unfold the converted rules back onto the originals: each original became consecutive parts.
        const parts = (spec[direction] as Spec[] | undefined) ?? [];
        let at = 0;
        for (const original of rules) {
          const peers = original[peersKey] as Spec[];
          const ports = original.ports as Spec[] | undefined;
          const count = Math.ceil(peers.length / 25) * (ports ? Math.ceil(ports.length / 25) : 1);
          const mine = parts.slice(at, at + count);
          at += count;
          expect(
            mine.every((p) => p.action === (original.action === 'Allow' ? 'Accept' : original.action)),
          ).toBe(true);
          const same = (a: Spec) => (b: Spec) => JSON.stringify(a) === JSON.stringify(b);
          for (const target of peers)
            for (const probe of probes) {
              const before = v1Matches(ports, probe);
              const after = mine.some(
                (p) =>
                  (p[peersKey] as Spec[]).some(same(target)) &&
                  v2Matches(p.protocols as Spec[] | undefined, probe),
              );
              if (before !== after) return false;
            }
        }
        return at === parts.length;
      }),
      { numRuns: 150 },
    );
  });
});
