import { describe, expect, it } from 'vitest';
import { formatPath } from '../diagnostics';
import {
  isStrictCidr,
  validateTieredPolicy,
  type TieredKind,
  type TieredValidationOptions,
} from './tiered-policy';

const V2 = 'policy.networking.k8s.io/v1alpha2';
const V1 = 'policy.networking.k8s.io/v1alpha1';

type Spec = Record<string, unknown>;

const cnp = (spec: Spec, name = 'guard') => ({
  apiVersion: V2,
  kind: 'ClusterNetworkPolicy',
  metadata: { name },
  spec: { tier: 'Admin', priority: 10, subject: { namespaces: {} }, ...spec },
});
const anp = (spec: Spec, name = 'guard') => ({
  apiVersion: V1,
  kind: 'AdminNetworkPolicy',
  metadata: { name },
  spec: { priority: 10, subject: { namespaces: {} }, ...spec },
});
const banp = (spec: Spec, name = 'default') => ({
  apiVersion: V1,
  kind: 'BaselineAdminNetworkPolicy',
  metadata: { name },
  spec: { subject: { namespaces: {} }, ...spec },
});

type Doc = { kind: string } & Record<string, unknown>;
const kindOf = (obj: Doc) => obj.kind as TieredKind;
const issues = (obj: Doc, options?: TieredValidationOptions) =>
  validateTieredPolicy(obj, kindOf(obj), options);
/** `CODE path` per issue, errors and warnings alike, so stray extra findings show. */
const check = (obj: Doc, options?: TieredValidationOptions) =>
  issues(obj, options).map((issue) => `${issue.code} ${formatPath(issue.path)}`);
const messages = (obj: Doc) =>
  issues(obj)
    .map((issue) => issue.message)
    .join('\n');
const severities = (obj: Doc) => issues(obj).map((issue) => issue.severity);

const egress = (rule: Spec) => ({ egress: [{ action: 'Deny', to: [{ namespaces: {} }], ...rule }] });
const ingress = (rule: Spec) => ({ ingress: [{ action: 'Deny', from: [{ namespaces: {} }], ...rule }] });
const egressPeer = (peer: unknown) => egress({ to: [peer] });
const protocols = (...entries: unknown[]) => egress({ protocols: entries });
const ports = (...entries: unknown[]) => egress({ ports: entries });

describe('validateTieredPolicy: valid objects stay quiet', () => {
  it('accepts the worked examples of every kind', () => {
    expect(
      check(
        cnp({
          subject: { namespaces: { matchLabels: { team: 'web' } } },
          ingress: [
            {
              name: 'shop-internal',
              action: 'Pass',
              from: [{ namespaces: { matchLabels: { team: 'web' } } }],
            },
            { name: 'nobody-else', action: 'Deny', from: [{ namespaces: {} }] },
          ],
          egress: [
            {
              action: 'Accept',
              to: [
                { pods: { podSelector: { matchLabels: { app: 'db' } } } },
                { networks: ['10.0.0.0/8', 'fd00::/8'] },
              ],
              protocols: [
                { tcp: { destinationPort: { number: 5432 } } },
                { udp: { destinationPort: { range: { start: 8000, end: 8080 } } } },
                { sctp: { destinationPort: { number: 9 } } },
              ],
            },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      check(
        anp({
          subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'db' } } } },
          ingress: [
            {
              action: 'Allow',
              from: [{ pods: { namespaceSelector: { matchLabels: { team: 'web' } }, podSelector: {} } }],
              ports: [
                { portRange: { start: 5432, end: 5433 } },
                { portNumber: { protocol: 'UDP', port: 53 } },
              ],
            },
          ],
        }),
      ),
    ).toEqual([]);
    expect(check(banp({ egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] }))).toEqual([]);
  });
  it('accepts a policy without rules (valid, it has no effect) and a status', () => {
    expect(check({ ...cnp({}), status: { conditions: [] } })).toEqual([]);
  });
});

describe('decoding (D1) and unknown fields (D2)', () => {
  it('D1 on a wrongly typed priority, with the repair', () => {
    expect(check(cnp({ priority: '10' }))).toEqual(['D1 spec.priority']);
    expect(messages(cnp({ priority: '10' }))).toMatch(/priority must be a whole number.*remove the quotes/);
    expect(check(cnp({ priority: 10 }))).toEqual([]);
  });
  it('D2 on misplaced fields: tier in v1alpha1, ports in v1alpha2, protocols in v1alpha1, to in ingress', () => {
    expect(check(anp({ tier: 'Admin' }))).toEqual(['D2 spec.tier']);
    expect(messages(anp({ tier: 'Admin' }))).toMatch(/an AdminNetworkPolicy is always the Admin tier/);
    expect(check(banp({ priority: 3 }))).toEqual(['D2 spec.priority']);
    expect(check(cnp(egress({ ports: [{ portNumber: { port: 80 } }] })))).toEqual([
      'D2 spec.egress[0].ports',
    ]);
    expect(messages(cnp(egress({ ports: [] })))).toMatch(/v1alpha2 rules list ports under protocols/);
    expect(check(anp(egress({ protocols: [] })))).toEqual(['D2 spec.egress[0].protocols']);
    expect(check(cnp(ingress({ to: [] })))).toEqual(['D2 spec.ingress[0].to']);
  });
  it('D2 on egress-only peers in ingress, and no second one-of error', () => {
    expect(check(cnp({ ingress: [{ action: 'Deny', from: [{ networks: ['10.0.0.0/8'] }] }] }))).toEqual([
      'D2 spec.ingress[0].from[0].networks',
    ]);
    expect(messages(cnp({ ingress: [{ action: 'Deny', from: [{ networks: ['10.0.0.0/8'] }] }] }))).toMatch(
      /networks peers exist only in egress rules/,
    );
  });
  it('D2 on domainNames in a BaselineAdminNetworkPolicy', () => {
    expect(check(banp(egress({ action: 'Allow', to: [{ domainNames: ['a.example.com'] }] })))).toEqual([
      'D2 spec.egress[0].to[0].domainNames',
    ]);
  });
  it('the standard channel rejects the experimental fields instead of flagging them', () => {
    const nodes = cnp(egressPeer({ nodes: {} }));
    expect(check(nodes)).toEqual(['C13 spec.egress[0].to[0].nodes']);
    expect(severities(nodes)).toEqual(['warning']);
    expect(check(nodes, { channel: 'standard' })).toEqual(['D2 spec.egress[0].to[0].nodes']);
    const named = anp(ports({ namedPort: 'http' }));
    expect(check(named)).toEqual(['C13 spec.egress[0].ports[0].namedPort']);
    expect(check(named, { channel: 'standard' })).toEqual(['D2 spec.egress[0].ports[0].namedPort']);
    // destinationNamedPort is standard in v1alpha2.
    expect(check(cnp(protocols({ destinationNamedPort: 'http' })), { channel: 'standard' })).toEqual([]);
  });
});

describe('required fields (C1)', () => {
  it('spec, tier, priority and subject', () => {
    const { spec: _spec, ...noSpec } = cnp({});
    expect(check(noSpec)).toEqual(['C1 spec']);
    expect(check(cnp({ tier: null }))).toEqual(['C1 spec.tier']);
    expect(check(cnp({ priority: undefined }))).toEqual(['C1 spec.priority']);
    expect(check(anp({ priority: null }))).toEqual(['C1 spec.priority']);
    expect(check(cnp({ subject: null }))).toEqual(['C1 spec.subject']);
  });
  it('rule action and peers', () => {
    expect(check(cnp({ ingress: [{ from: [{ namespaces: {} }] }] }))).toEqual(['C1 spec.ingress[0].action']);
    expect(check(cnp({ egress: [{ action: 'Deny' }] }))).toEqual(['C1 spec.egress[0].to']);
  });
  it('pods needs podSelector; v1alpha1 needs namespaceSelector too', () => {
    expect(check(cnp({ subject: { pods: { podSelector: {} } } }))).toEqual([]);
    expect(check(cnp({ subject: { pods: { namespaceSelector: {} } } }))).toEqual([
      'C1 spec.subject.pods.podSelector',
    ]);
    expect(check(anp({ subject: { pods: { podSelector: {} } } }))).toEqual([
      'C1 spec.subject.pods.namespaceSelector',
    ]);
    expect(check(anp(egressPeer({ pods: { namespaceSelector: {}, podSelector: {} } })))).toEqual([]);
  });
  it('range start and end, portNumber port', () => {
    expect(check(cnp(protocols({ tcp: { destinationPort: { range: { start: 80 } } } })))).toEqual([
      'C1 spec.egress[0].protocols[0].tcp.destinationPort.range.end',
    ]);
    expect(check(anp(ports({ portNumber: { protocol: 'TCP' } })))).toEqual([
      'C1 spec.egress[0].ports[0].portNumber.port',
    ]);
    expect(check(anp(ports({ portRange: { end: 90 } })))).toEqual([
      'C1 spec.egress[0].ports[0].portRange.start',
    ]);
  });
  it('apiVersion must be the kind’s version', () => {
    expect(check({ ...cnp({}), apiVersion: V1 })).toEqual(['C1 apiVersion']);
    expect(messages({ ...anp({}), apiVersion: V2 })).toMatch(/v1alpha2 has one kind, ClusterNetworkPolicy/);
  });
});

describe('enums (C2)', () => {
  it('tier is Admin or Baseline, case-sensitive', () => {
    expect(check(cnp({ tier: 'admin' }))).toEqual(['C2 spec.tier']);
    expect(messages(cnp({ tier: 'admin' }))).toMatch(/values are case-sensitive, write "Admin"/);
    expect(check(cnp({ tier: 'Baseline' }))).toEqual([]);
  });
  it('actions per kind: Allow is v1alpha1, Accept v1alpha2, Pass not in BANP', () => {
    expect(check(cnp(egress({ action: 'Allow' })))).toEqual(['C2 spec.egress[0].action']);
    expect(messages(cnp(egress({ action: 'Allow' })))).toMatch(/v1alpha2 calls it Accept/);
    expect(check(anp(egress({ action: 'Accept' })))).toEqual(['C2 spec.egress[0].action']);
    expect(check(anp(egress({ action: 'Pass' })))).toEqual([]);
    expect(check(banp(egress({ action: 'Pass' })))).toEqual(['C2 spec.egress[0].action']);
    expect(messages(banp(egress({ action: 'Pass' })))).toMatch(
      /Pass does not exist in the Baseline tier of v1alpha1/,
    );
    expect(check(cnp({ tier: 'Baseline', ...egress({ action: 'Pass' }) }))).toEqual([]);
  });
});

describe('integer bounds (C3)', () => {
  it('priority 0..1000', () => {
    expect(check(cnp({ priority: 1001 }))).toEqual(['C3 spec.priority']);
    expect(check(anp({ priority: -1 }))).toEqual(['C3 spec.priority']);
    expect(check(cnp({ priority: 0 }))).toEqual([]);
    expect(check(cnp({ priority: 1000 }))).toEqual([]);
  });
  it('ports 1..65535 in every form', () => {
    expect(check(cnp(protocols({ tcp: { destinationPort: { number: 0 } } })))).toEqual([
      'C3 spec.egress[0].protocols[0].tcp.destinationPort.number',
    ]);
    expect(check(cnp(protocols({ udp: { destinationPort: { range: { start: 1, end: 65536 } } } })))).toEqual([
      'C3 spec.egress[0].protocols[0].udp.destinationPort.range.end',
    ]);
    expect(check(anp(ports({ portNumber: { port: 70000 } })))).toEqual([
      'C3 spec.egress[0].ports[0].portNumber.port',
    ]);
    expect(check(anp(ports({ portNumber: { port: 65535 } })))).toEqual([]);
  });
});

describe('list sizes (C4)', () => {
  const many = (n: number, make: (i: number) => unknown) => Array.from({ length: n }, (_, i) => make(i));
  const rule = { action: 'Deny', to: [{ namespaces: {} }] };
  it('rules: 25 in v1alpha2, 100 in v1alpha1', () => {
    expect(check(cnp({ egress: many(26, () => rule) }))).toEqual(['C4 spec.egress']);
    expect(check(cnp({ egress: many(25, () => rule) }))).toEqual([]);
    expect(check(anp({ egress: many(100, () => rule) }))).toEqual([]);
    expect(check(banp({ egress: many(101, () => rule) }))).toEqual(['C4 spec.egress']);
  });
  it('peers 1..25 (v1alpha2) and 1..100 (v1alpha1)', () => {
    expect(check(cnp(egress({ to: [] })))).toEqual(['C4 spec.egress[0].to']);
    expect(check(cnp(egress({ to: many(26, () => ({ namespaces: {} })) })))).toEqual([
      'C4 spec.egress[0].to',
    ]);
    expect(check(anp(egress({ to: many(26, () => ({ namespaces: {} })) })))).toEqual([]);
  });
  it('port entries 1..25 and 1..100', () => {
    const tcp = (i: number) => ({ tcp: { destinationPort: { number: i + 1 } } });
    expect(check(cnp(egress({ protocols: [] })))).toEqual(['C4 spec.egress[0].protocols']);
    expect(check(cnp(egress({ protocols: many(26, tcp) })))).toEqual(['C4 spec.egress[0].protocols']);
    expect(check(anp(egress({ ports: many(100, (i) => ({ portNumber: { port: i + 1 } })) })))).toEqual([]);
  });
  it('networks and domainNames 1..25', () => {
    expect(check(cnp(egressPeer({ networks: [] })))).toEqual(['C4 spec.egress[0].to[0].networks']);
    const cidrs = many(26, (i) => `10.0.${i}.0/24`);
    expect(check(anp(egressPeer({ networks: cidrs })))).toEqual(['C4 spec.egress[0].to[0].networks']);
    const names = many(26, (i) => `h${i}.example.com`);
    expect(check(cnp(egress({ action: 'Accept', to: [{ domainNames: names }] })))).toEqual([
      'C13 spec.egress[0].to[0].domainNames',
      'C4 spec.egress[0].to[0].domainNames',
    ]);
  });
});

describe('string lengths (C5)', () => {
  it('a rule name has at most 100 characters', () => {
    expect(check(cnp(egress({ name: 'x'.repeat(101) })))).toEqual(['C5 spec.egress[0].name']);
    expect(check(cnp(egress({ name: 'é'.repeat(100) })))).toEqual([]);
  });
  it('a CIDR has at most 43 characters', () => {
    expect(check(cnp(egressPeer({ networks: [`${'0'.repeat(40)}::/8`] })))).toEqual([
      'C5 spec.egress[0].to[0].networks[0]',
    ]);
  });
});

describe('one-of (C6)', () => {
  it('subject: exactly one of namespaces, pods', () => {
    expect(check(cnp({ subject: {} }))).toEqual(['C6 spec.subject']);
    expect(check(cnp({ subject: { namespaces: null } }))).toEqual(['C6 spec.subject']);
    expect(messages(cnp({ subject: { namespaces: null } }))).toMatch(/no value \(YAML null\)/);
    expect(check(cnp({ subject: { namespaces: {}, pods: { podSelector: {} } } }))).toEqual([
      'C6 spec.subject',
    ]);
  });
  it('peer: exactly one field', () => {
    expect(check(cnp(egressPeer({})))).toEqual(['C6 spec.egress[0].to[0]']);
    expect(check(cnp(egressPeer({ namespaces: {}, networks: ['10.0.0.0/8'] })))).toEqual([
      'C6 spec.egress[0].to[0]',
    ]);
  });
  it('protocols entry, tcp: {} and destinationPort', () => {
    expect(
      check(
        cnp(
          protocols({ tcp: { destinationPort: { number: 80 } }, udp: { destinationPort: { number: 53 } } }),
        ),
      ),
    ).toEqual(['C6 spec.egress[0].protocols[0]']);
    expect(check(cnp(protocols({ tcp: {} })))).toEqual(['C6 spec.egress[0].protocols[0].tcp']);
    expect(messages(cnp(protocols({ tcp: {} })))).toMatch(/tcp: \{\} is rejected by the CRD/);
    expect(check(cnp(protocols({ tcp: { destinationPort: {} } })))).toEqual([
      'C6 spec.egress[0].protocols[0].tcp.destinationPort',
    ]);
    expect(
      check(cnp(protocols({ tcp: { destinationPort: { number: 80, range: { start: 1, end: 2 } } } }))),
    ).toEqual(['C6 spec.egress[0].protocols[0].tcp.destinationPort']);
  });
  it('v1alpha1 ports entry: exactly one of portNumber, portRange, namedPort', () => {
    expect(check(anp(ports({})))).toEqual(['C6 spec.egress[0].ports[0]']);
    expect(check(anp(ports({ portNumber: { port: 80 }, portRange: { start: 1, end: 2 } })))).toEqual([
      'C6 spec.egress[0].ports[0]',
    ]);
  });
});

describe('sets (C7), domain names (C8), CIDRs (C9)', () => {
  it('C7: networks and domainNames must not repeat an item', () => {
    expect(check(cnp(egressPeer({ networks: ['10.0.0.0/8', '10.0.0.0/8'] })))).toEqual([
      'C7 spec.egress[0].to[0].networks[1]',
    ]);
    expect(check(cnp(egressPeer({ networks: ['10.0.0.0/8', '10.0.0.0/16'] })))).toEqual([]);
    expect(
      check(cnp(egress({ action: 'Accept', to: [{ domainNames: ['a.example.com', 'a.example.com'] }] }))),
    ).toEqual(['C13 spec.egress[0].to[0].domainNames', 'C7 spec.egress[0].to[0].domainNames[1]']);
  });
  const domain = (name: string) =>
    check(cnp(egress({ action: 'Accept', to: [{ domainNames: [name] }] }))).filter(
      (c) => !c.startsWith('C13'),
    );
  it('C8: the pattern and its wildcard rule', () => {
    for (const good of [
      'example.com',
      '*.example.com',
      'a.b.example.com.',
      'x_y.example.com',
      '_a.example.com',
    ])
      expect(domain(good), good).toEqual([]);
    for (const bad of [
      'example',
      '*.com',
      'a.*.example.com',
      '*example.com',
      '-a.example.com',
      'https://a.example.com',
      '*',
    ])
      expect(domain(bad), bad).toEqual(['C8 spec.egress[0].to[0].domainNames[0]']);
    expect(messages(cnp(egress({ action: 'Accept', to: [{ domainNames: ['a.*.example.com'] }] })))).toMatch(
      /wildcard \* may only stand alone as the first label/,
    );
  });
  it('C9: isCIDR, stricter than ipBlock', () => {
    expect(check(cnp(egressPeer({ networks: ['10.0.0.0'] })))).toEqual([
      'C9 spec.egress[0].to[0].networks[0]',
    ]);
    expect(messages(cnp(egressPeer({ networks: ['10.0.0.0'] })))).toMatch(
      /Invalid CIDR format provided.*prefix length/,
    );
    expect(isStrictCidr('010.0.0.0/8')).toBe(false);
    expect(isStrictCidr('10.0.0.0/08')).toBe(false);
    expect(isStrictCidr('10.0.0.1/8')).toBe(true); // host bits are allowed by ParsePrefix
    expect(isStrictCidr('fd00::/8')).toBe(true);
    expect(isStrictCidr('0.0.0.0/0')).toBe(true);
    expect(isStrictCidr('fe80::1%eth0/64')).toBe(false);
  });
});

describe('CEL rules: range (C10), BANP name (C11), named ports (C12)', () => {
  it('C10: v1alpha2 range start < end', () => {
    const range = (start: number, end: number) =>
      check(cnp(protocols({ tcp: { destinationPort: { range: { start, end } } } })));
    expect(range(80, 80)).toEqual(['C10 spec.egress[0].protocols[0].tcp.destinationPort.range']);
    expect(range(90, 80)).toEqual(['C10 spec.egress[0].protocols[0].tcp.destinationPort.range']);
    expect(range(80, 81)).toEqual([]);
    expect(messages(cnp(protocols({ tcp: { destinationPort: { range: { start: 80, end: 80 } } } })))).toMatch(
      /Start port must be less than End port.*write number: 80/,
    );
  });
  it('C11: the BaselineAdminNetworkPolicy is named default', () => {
    expect(check(banp({}, 'baseline'))).toEqual(['C11 metadata.name']);
    expect(check(banp({}, 'default'))).toEqual([]);
    expect(check(cnp({}, 'default'))).toEqual([]);
  });
  it('C12: no named ports with networks, nodes or domainNames peers (experimental channel)', () => {
    const mixed = cnp(
      egress({ to: [{ networks: ['10.0.0.0/8'] }], protocols: [{ destinationNamedPort: 'http' }] }),
    );
    expect(check(mixed)).toEqual(['C12 spec.egress[0]']);
    expect(check(mixed, { channel: 'standard' })).toEqual([]);
    expect(check(cnp(egress({ protocols: [{ destinationNamedPort: 'http' }] })))).toEqual([]);
    expect(check(banp(egress({ to: [{ nodes: {} }], ports: [{ namedPort: 'http' }] })))).toEqual([
      'C13 spec.egress[0].to[0].nodes',
      'C13 spec.egress[0].ports[0].namedPort',
      'C12 spec.egress[0]',
    ]);
  });
});

describe('warnings the schema leaves to an editor (C13-C16)', () => {
  it('C13 flags experimental fields in the default experimental channel', () => {
    expect(check(anp(egressPeer({ nodes: { matchLabels: { role: 'infra' } } })))).toEqual([
      'C13 spec.egress[0].to[0].nodes',
    ]);
    expect(check(anp(egressPeer({ networks: ['10.0.0.0/8'] })))).toEqual([]);
  });
  it('C14: domainNames in a Deny or Pass rule', () => {
    expect(check(cnp(egress({ action: 'Deny', to: [{ domainNames: ['a.example.com'] }] })))).toEqual([
      'C13 spec.egress[0].to[0].domainNames',
      'C14 spec.egress[0].action',
    ]);
    expect(check(cnp(egress({ action: 'Accept', to: [{ domainNames: ['a.example.com'] }] })))).toEqual([
      'C13 spec.egress[0].to[0].domainNames',
    ]);
  });
  it('C15: metadata.namespace on a cluster-scoped object', () => {
    expect(check({ ...cnp({}), metadata: { name: 'guard', namespace: 'shop' } })).toEqual([
      'C15 metadata.namespace',
    ]);
  });
  it('C16: v1alpha1 portRange start >= end and unknown protocols (accepted by the CRD)', () => {
    expect(check(anp(ports({ portRange: { start: 90, end: 80 } })))).toEqual([
      'C16 spec.egress[0].ports[0].portRange',
    ]);
    expect(severities(anp(ports({ portRange: { start: 90, end: 80 } })))).toEqual(['warning']);
    expect(check(anp(ports({ portNumber: { protocol: 'tcp', port: 80 } })))).toEqual([
      'C16 spec.egress[0].ports[0].portNumber.protocol',
    ]);
    expect(check(anp(ports({ portNumber: { protocol: 'SCTP', port: 80 } })))).toEqual([]);
  });
});

describe('shared checks', () => {
  it('selectors follow the label-selector rules (an unknown operator is an error)', () => {
    expect(
      check(
        cnp({
          subject: { namespaces: { matchExpressions: [{ key: 'team', operator: 'Equals', values: ['a'] }] } },
        }),
      ),
    ).toEqual(['S2 spec.subject.namespaces.matchExpressions[0].operator']);
  });
  it('metadata follows the object-name rules', () => {
    expect(check(cnp({}, 'Bad_Name'))).toEqual(['M2 metadata.name']);
  });
});
