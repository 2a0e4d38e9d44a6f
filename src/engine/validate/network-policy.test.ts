import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatPath } from '../diagnostics';
import {
  validateLabelSelector,
  validateNetworkPolicy,
  validateObjectMeta,
  type ValidationIssue,
} from './network-policy';

const META = { name: 'web', namespace: 'prod' };

function policy(spec: unknown, metadata: unknown = META): Record<string, unknown> {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec };
}
const withPort = (port: unknown) => policy({ podSelector: {}, ingress: [{ ports: [port] }] });
const withPeer = (peer: unknown) => policy({ podSelector: {}, ingress: [{ from: [peer] }] });
const withIpBlock = (ipBlock: unknown) => withPeer({ ipBlock });
const withExpression = (expression: unknown) => policy({ podSelector: { matchExpressions: [expression] } });

/** `CODE path` per issue: compact enough to compare whole lists, so stray extra errors show. */
function found(issues: ValidationIssue[]): string[] {
  return issues.map((issue) => `${issue.code} ${formatPath(issue.path)}`);
}
const check = (obj: unknown) => found(validateNetworkPolicy(obj));
const messageOf = (obj: unknown) =>
  validateNetworkPolicy(obj)
    .map((issue) => issue.message)
    .join('\n');

describe('validateNetworkPolicy: metadata', () => {
  it('M1 requires a name unless generateName is set', () => {
    expect(check(policy({}, { namespace: 'prod' }))).toEqual(['M1 metadata.name']);
    expect(check({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', spec: {} })).toEqual([
      'M1 metadata.name',
    ]);
    expect(check(policy({}, { generateName: 'web-', namespace: 'prod' }))).toEqual([]);
  });
  it('M2 checks the name as a DNS-1123 subdomain', () => {
    expect(check(policy({}, { name: 'My_Policy' }))).toEqual(['M2 metadata.name']);
    expect(messageOf(policy({}, { name: 'My_Policy' }))).toMatch(
      /^name "My_Policy" is invalid: a lowercase RFC 1123 subdomain/,
    );
    expect(check(policy({}, { name: 'allow.dns-egress' }))).toEqual([]);
  });
  it('M3 checks generateName, allowing a trailing hyphen', () => {
    expect(check(policy({}, { generateName: 'Web-' }))).toEqual(['M3 metadata.generateName']);
    expect(check(policy({}, { generateName: 'web.-' }))).toEqual(['M3 metadata.generateName']);
    expect(check(policy({}, { generateName: 'web-' }))).toEqual([]);
  });
  it('M5 checks a given namespace as a DNS-1123 label', () => {
    expect(check(policy({}, { name: 'web', namespace: 'team.prod' }))).toEqual(['M5 metadata.namespace']);
    expect(check(policy({}, { name: 'web', namespace: 'team-prod' }))).toEqual([]);
  });
  it('M6 checks label keys and values and annotation keys', () => {
    const labels = { 'a/b/c': 'x', app: 'not ok', 'app.kubernetes.io/name': 'Web_1', empty: '' };
    expect(check(policy({}, { name: 'web', labels }))).toEqual([
      'M6 metadata.labels.a/b/c',
      'M6 metadata.labels.app',
    ]);
    expect(
      check(
        policy({}, { name: 'web', annotations: { 'bad key': 'x', 'Example.COM/Note': 'any text at all' } }),
      ),
    ).toEqual(['M6 metadata.annotations.bad key']);
  });
  it('M6 limits annotations to 256 KiB in total', () => {
    expect(check(policy({}, { name: 'web', annotations: { big: 'x'.repeat(256 * 1024) } }))).toEqual([
      'M6 metadata.annotations',
    ]);
    expect(check(policy({}, { name: 'web', annotations: { big: 'x'.repeat(256 * 1024 - 3) } }))).toEqual([]);
  });
  it('validateObjectMeta checks namespace names as labels when asked', () => {
    expect(found(validateObjectMeta({ name: 'team.prod' }, ['metadata'], { nameRule: 'label' }))).toEqual([
      'M2 metadata.name',
    ]);
    expect(found(validateObjectMeta({ name: 'team.prod' }, ['metadata']))).toEqual([]);
  });
});

describe('validateNetworkPolicy: label selectors', () => {
  it('S1 checks matchLabels keys and values, with the key in the path', () => {
    expect(check(policy({ podSelector: { matchLabels: { 'a b': 'x', tier: '-x' } } }))).toEqual([
      'S1 spec.podSelector.matchLabels.a b',
      'S1 spec.podSelector.matchLabels.tier',
    ]);
    expect(
      check(policy({ podSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod', App: '' } } })),
    ).toEqual([]);
  });
  it('S2 accepts only the four operators, case-sensitively', () => {
    expect(check(withExpression({ key: 'app', operator: 'in', values: ['web'] }))).toEqual([
      'S2 spec.podSelector.matchExpressions[0].operator',
    ]);
    expect(messageOf(withExpression({ key: 'app', operator: 'in', values: ['web'] }))).toContain(
      'did you mean "In"?',
    );
    expect(check(withExpression({ key: 'app', operator: 'Gt', values: ['1'] }))).toEqual([
      'S2 spec.podSelector.matchExpressions[0].operator',
    ]);
    expect(check(withExpression({ key: 'app' }))).toEqual([
      'S2 spec.podSelector.matchExpressions[0].operator',
    ]);
    expect(check(withExpression({ key: 'app', operator: 'NotIn', values: ['web'] }))).toEqual([]);
  });
  it('S3 requires values for In and NotIn', () => {
    expect(check(withExpression({ key: 'app', operator: 'In' }))).toEqual([
      'S3 spec.podSelector.matchExpressions[0].values',
    ]);
    expect(check(withExpression({ key: 'app', operator: 'NotIn', values: [] }))).toEqual([
      'S3 spec.podSelector.matchExpressions[0].values',
    ]);
    expect(check(withExpression({ key: 'app', operator: 'In', values: ['web'] }))).toEqual([]);
  });
  it('S4 forbids values for Exists and DoesNotExist', () => {
    expect(check(withExpression({ key: 'app', operator: 'Exists', values: ['web'] }))).toEqual([
      'S4 spec.podSelector.matchExpressions[0].values',
    ]);
    expect(check(withExpression({ key: 'app', operator: 'DoesNotExist', values: [] }))).toEqual([]);
  });
  it('S5 requires a qualified-name key', () => {
    expect(check(withExpression({ operator: 'Exists' }))).toEqual([
      'S5 spec.podSelector.matchExpressions[0].key',
    ]);
    expect(check(withExpression({ key: 'a/b/c', operator: 'Exists' }))).toEqual([
      'S5 spec.podSelector.matchExpressions[0].key',
    ]);
    expect(check(withExpression({ key: 'app.kubernetes.io/name', operator: 'Exists' }))).toEqual([]);
  });
  it('S6 checks each value as a label value', () => {
    expect(check(withExpression({ key: 'app', operator: 'In', values: ['web', 'a b'] }))).toEqual([
      'S6 spec.podSelector.matchExpressions[0].values[1]',
    ]);
    expect(check(withExpression({ key: 'app', operator: 'In', values: ['', 'Web_1'] }))).toEqual([]);
  });
  it('validateLabelSelector works on its own and treats null as no selector', () => {
    expect(found(validateLabelSelector({ matchLabels: { 'a b': 'x' } }, ['selector']))).toEqual([
      'S1 selector.matchLabels.a b',
    ]);
    expect(validateLabelSelector(null, ['selector'])).toEqual([]);
  });
});

describe('validateNetworkPolicy: peers', () => {
  it('P1 needs one of podSelector, namespaceSelector or ipBlock', () => {
    expect(check(withPeer({}))).toEqual(['P1 spec.ingress[0].from[0]']);
    expect(check(policy({ podSelector: {}, egress: [{ to: [null] }] }))).toEqual(['P1 spec.egress[0].to[0]']);
    expect(check(withPeer({ namespaceSelector: {} }))).toEqual([]);
  });
  it('P1 explains that a bare `podSelector:` is null and absent', () => {
    const doc = parse(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web}\nspec:\n  ingress:\n  - from:\n    - podSelector:\n',
    );
    expect(check(doc)).toEqual(['P1 spec.ingress[0].from[0]']);
    expect(messageOf(doc)).toContain(
      'podSelector has no value (YAML null), which counts as absent: write podSelector: {}',
    );
  });
  it('P2 forbids ipBlock together with a selector', () => {
    expect(check(withPeer({ ipBlock: { cidr: '10.0.0.0/8' }, namespaceSelector: {} }))).toEqual([
      'P2 spec.ingress[0].from[0]',
    ]);
    expect(check(withPeer({ ipBlock: { cidr: '10.0.0.0/8' } }))).toEqual([]);
    expect(check(withPeer({ podSelector: {}, namespaceSelector: {} }))).toEqual([]);
  });
});

describe('validateNetworkPolicy: ipBlock', () => {
  const at = 'spec.ingress[0].from[0].ipBlock';
  it('I1 requires a cidr', () => {
    expect(check(withIpBlock({}))).toEqual([`I1 ${at}.cidr`]);
    expect(check(withIpBlock({ cidr: '', except: ['garbage'] }))).toEqual([`I1 ${at}.cidr`]);
    expect(check(withIpBlock({ cidr: '0.0.0.0/0' }))).toEqual([]);
  });
  it('I2 rejects a cidr that does not parse, and skips the except checks', () => {
    for (const bad of ['10.0.0.0', '300.1.1.1/8', '10.0.0.0/33', ' 10.0.0.0/8', 'fe80::/10%eth0']) {
      expect(check(withIpBlock({ cidr: bad, except: ['x'] })), bad).toEqual([`I2 ${at}.cidr`]);
    }
    expect(messageOf(withIpBlock({ cidr: '10.0.0.0' }))).toContain('"10.0.0.0" is not a valid CIDR');
    expect(check(withIpBlock({ cidr: '2001:db8::/64' }))).toEqual([]);
  });
  it('I2 accepts host bits and zero-padded octets, as the tolerant parser does', () => {
    expect(check(withIpBlock({ cidr: '10.0.0.1/24' }))).toEqual([]);
    expect(check(withIpBlock({ cidr: '010.000.0.0/8' }))).toEqual([]);
  });
  it('I3 rejects an except that does not parse', () => {
    expect(check(withIpBlock({ cidr: '10.0.0.0/16', except: ['10.0.1.0/24', '', ' ', '10.0.2.0'] }))).toEqual(
      [`I3 ${at}.except[1]`, `I3 ${at}.except[2]`, `I3 ${at}.except[3]`],
    );
  });
  it('I4 requires each except to be a strict subset of cidr', () => {
    const except = ['10.1.0.0/24', '10.0.0.0/16', '10.0.0.0/8', '2001:db8::/64', '10.0.5.0/24'];
    expect(check(withIpBlock({ cidr: '10.0.0.0/16', except }))).toEqual([
      `I4 ${at}.except[0]`,
      `I4 ${at}.except[1]`,
      `I4 ${at}.except[2]`,
      `I4 ${at}.except[3]`,
    ]);
    expect(messageOf(withIpBlock({ cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] }))).toContain(
      'must be a strict subset of cidr "10.0.0.0/16"',
    );
  });
});

describe('validateNetworkPolicy: ports', () => {
  const at = 'spec.ingress[0].ports[0]';
  it('R1 accepts only TCP, UDP and SCTP, case-sensitively', () => {
    expect(check(withPort({ protocol: 'tcp', port: 80 }))).toEqual([`R1 ${at}.protocol`]);
    expect(check(withPort({ protocol: 'ICMP' }))).toEqual([`R1 ${at}.protocol`]);
    expect(check(withPort({ protocol: '' }))).toEqual([`R1 ${at}.protocol`]);
    expect(check(withPort({ protocol: 'UDP', port: 53 }))).toEqual([]);
  });
  it('R2 keeps numeric ports within 1..65535', () => {
    expect(check(withPort({ port: 70000 }))).toEqual([`R2 ${at}.port`]);
    expect(check(withPort({ port: 0 }))).toEqual([`R2 ${at}.port`]);
    expect(messageOf(withPort({ port: 70000 }))).toBe(
      'port 70000 is out of range: must be between 1 and 65535, inclusive',
    );
    expect(check(withPort({ port: 65535 }))).toEqual([]);
  });
  it('R3 checks named ports, and explains a quoted number', () => {
    expect(check(withPort({ port: 'HTTP' }))).toEqual([`R3 ${at}.port`]);
    expect(check(withPort({ port: 'serve--80' }))).toEqual([`R3 ${at}.port`]);
    expect(check(withPort({ port: '80' }))).toEqual([`R3 ${at}.port`]);
    expect(messageOf(withPort({ port: '80' }))).toContain('write port: 80 without quotes');
    expect(check(withPort({ port: 'serve-80-tcp' }))).toEqual([]);
  });
  it('R4 forbids endPort without port', () => {
    expect(check(withPort({ endPort: 90 }))).toEqual([`R4 ${at}.endPort`]);
    expect(check(withPort({ port: 80, endPort: 90 }))).toEqual([]);
  });
  it('R5 forbids endPort with a named port', () => {
    expect(check(withPort({ port: 'http', endPort: 90 }))).toEqual([`R5 ${at}.endPort`]);
    expect(check(withPort({ port: 'http' }))).toEqual([]);
  });
  it('R6 needs endPort >= port', () => {
    expect(check(withPort({ port: 90, endPort: 80 }))).toEqual([`R6 ${at}.endPort`]);
    expect(check(withPort({ port: 90, endPort: 91 }))).toEqual([]);
  });
  it('R7 keeps endPort within 1..65535', () => {
    expect(check(withPort({ port: 80, endPort: 70000 }))).toEqual([`R7 ${at}.endPort`]);
    expect(check(withPort({ port: 80, endPort: 65535 }))).toEqual([]);
  });
});

describe('validateNetworkPolicy: policyTypes', () => {
  it('T1 allows at most two entries and then skips the per-entry checks', () => {
    expect(check(policy({ policyTypes: ['Ingress', 'Egress', 'bogus'] }))).toEqual(['T1 spec.policyTypes']);
    expect(check(policy({ policyTypes: ['Ingress', 'Egress'] }))).toEqual([]);
  });
  it('T2 accepts only Ingress and Egress, case-sensitively', () => {
    expect(check(policy({ policyTypes: ['ingress'] }))).toEqual(['T2 spec.policyTypes[0]']);
    expect(messageOf(policy({ policyTypes: ['ingress'] }))).toContain('write "Ingress"');
    expect(check(policy({ policyTypes: [null] }))).toEqual(['T2 spec.policyTypes[0]']);
    expect(check(policy({ policyTypes: ['Egress'] }))).toEqual([]);
  });
});

describe('validateNetworkPolicy: decoding (D1 wrong types)', () => {
  it('rejects a spec, selector or list of the wrong shape', () => {
    expect(check(policy('deny-all'))).toEqual(['D1 spec']);
    expect(check(policy({ podSelector: [] }))).toEqual(['D1 spec.podSelector']);
    expect(check(policy({ podSelector: 'app=web' }))).toEqual(['D1 spec.podSelector']);
    expect(check(policy({ podSelector: { matchExpressions: { key: 'app' } } }))).toEqual([
      'D1 spec.podSelector.matchExpressions',
    ]);
    expect(check(policy({ ingress: { from: [] } }))).toEqual(['D1 spec.ingress']);
    expect(check(policy({ ingress: ['allow'] }))).toEqual(['D1 spec.ingress[0]']);
    expect(check('text')).toEqual(['D1 ']);
    expect(check(null)).toEqual(['D1 ']);
    expect(messageOf(null)).toContain('spec, not null');
  });
  it('rejects policyTypes written as a string, and says how to write a list', () => {
    expect(check(policy({ policyTypes: 'Ingress' }))).toEqual(['D1 spec.policyTypes']);
    expect(messageOf(policy({ policyTypes: 'Ingress' }))).toContain('write it as a list: [Ingress]');
  });
  it('rejects ports that are lists, fractions or quoted endPorts', () => {
    expect(check(withPort({ port: [80] }))).toEqual(['D1 spec.ingress[0].ports[0].port']);
    expect(check(withPort({ port: 80.5 }))).toEqual(['D1 spec.ingress[0].ports[0].port']);
    expect(check(withPort({ port: true }))).toEqual(['D1 spec.ingress[0].ports[0].port']);
    expect(check(withPort({ port: 80, endPort: '90' }))).toEqual(['D1 spec.ingress[0].ports[0].endPort']);
    expect(messageOf(withPort({ port: 80, endPort: '90' }))).toContain(
      'not the string "90": remove the quotes',
    );
    expect(check(withPort({ port: 80, protocol: 6 }))).toEqual(['D1 spec.ingress[0].ports[0].protocol']);
  });
  it('rejects unquoted YAML booleans and numbers as label values, and says to quote them', () => {
    const doc = parse(
      'metadata: {name: web, labels: {enabled: true}}\nspec:\n  podSelector: {matchLabels: {tier: 1}}\n',
    );
    expect(check(doc)).toEqual(['D1 metadata.labels.enabled', 'D1 spec.podSelector.matchLabels.tier']);
    expect(messageOf(doc)).toContain('must be a string, not the boolean true: quote it ("true")');
    expect(
      check(parse('metadata: {name: web}\nspec: {podSelector: {matchLabels: {tier: "1", on: "true"}}}')),
    ).toEqual([]);
  });
  it('rejects wrong types in metadata, ipBlock and match expressions', () => {
    expect(check(policy({}, { name: 42 }))).toEqual(['D1 metadata.name']);
    expect(check(policy({}, 'web'))).toEqual(['D1 metadata']);
    expect(check(withIpBlock({ cidr: 10 }))).toEqual(['D1 spec.ingress[0].from[0].ipBlock.cidr']);
    expect(check(withIpBlock({ cidr: '10.0.0.0/8', except: '10.1.0.0/16' }))).toEqual([
      'D1 spec.ingress[0].from[0].ipBlock.except',
    ]);
    expect(check(withExpression({ key: 'app', operator: 'In', values: 'web' }))).toEqual([
      'D1 spec.podSelector.matchExpressions[0].values',
      'S3 spec.podSelector.matchExpressions[0].values',
    ]);
  });
});

describe('validateNetworkPolicy: decoding (D2 unknown fields)', () => {
  it('rejects `to` in an ingress rule and `from` in an egress rule, naming the right one', () => {
    expect(check(policy({ ingress: [{ to: [{ podSelector: {} }] }] }))).toEqual(['D2 spec.ingress[0].to']);
    const message = messageOf(policy({ ingress: [{ to: [] }] }));
    expect(message).toContain('ingress rules use "from" and egress rules use "to"');
    expect(message).toContain('Allowed fields here: from, ports.');
    expect(check(policy({ egress: [{ from: [] }] }))).toEqual(['D2 spec.egress[0].from']);
  });
  it('warns about a status (kubectl get output of 1.24–1.27) without rejecting the policy', () => {
    const issues = validateNetworkPolicy({ ...policy({}), status: {} });
    expect(issues.map((i) => [i.severity, i.code, formatPath(i.path)])).toEqual([
      ['warning', 'D2', 'status'],
    ]);
  });
  it('rejects unknown fields at every level', () => {
    expect(check(policy({}, { ...META, label: { app: 'web' } }))).toEqual(['D2 metadata.label']);
    expect(messageOf(policy({}, { ...META, label: {} }))).toContain('did you mean "labels"?');
    expect(check(policy({ policyType: ['Ingress'] }))).toEqual(['D2 spec.policyType']);
    expect(check(policy({ podSelector: { app: 'web' } }))).toEqual(['D2 spec.podSelector.app']);
    expect(check(withPeer({ podSelector: {}, ports: [] }))).toEqual(['D2 spec.ingress[0].from[0].ports']);
    expect(check(withIpBlock({ cidr: '10.0.0.0/8', excepts: [] }))).toEqual([
      'D2 spec.ingress[0].from[0].ipBlock.excepts',
    ]);
    expect(check(withPort({ Port: 80 }))).toEqual(['D2 spec.ingress[0].ports[0].Port']);
    expect(check(withExpression({ key: 'a', operator: 'Exists', value: [] }))).toEqual([
      'D2 spec.podSelector.matchExpressions[0].value',
    ]);
  });
  it('accepts every ObjectMeta field', () => {
    const metadata = {
      ...META,
      generateName: 'web-',
      labels: {},
      annotations: {},
      uid: 'u',
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: null,
      deletionTimestamp: '2024-01-01T00:00:00Z',
      deletionGracePeriodSeconds: 0,
      ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u', controller: true }],
      finalizers: ['a/b'],
      managedFields: [{ manager: 'kubectl', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: {} }],
      selfLink: '/x',
    };
    expect(check(policy({}, metadata))).toEqual([]);
  });
});

describe('validateNetworkPolicy: accepted although it looks wrong (5.3)', () => {
  it('accepts a missing, null or empty spec', () => {
    expect(check(policy(undefined))).toEqual([]);
    expect(check(policy(null))).toEqual([]);
    expect(check(policy({}))).toEqual([]);
  });
  it('treats null values as absent', () => {
    const doc = parse(
      'metadata: {name: web, labels:}\nspec:\n  podSelector:\n  policyTypes:\n  ingress:\n  - from:\n    ports:\n',
    );
    expect(check(doc)).toEqual([]);
  });
  it('accepts ports: [{}], from: [], ingress: [] and egress: []', () => {
    expect(check(policy({ podSelector: {}, ingress: [{ ports: [{}], from: [] }], egress: [] }))).toEqual([]);
    expect(check(policy({ ingress: [] }))).toEqual([]);
  });
  it('accepts duplicate policyTypes and rules for an unlisted direction', () => {
    expect(check(policy({ policyTypes: ['Ingress', 'Ingress'], egress: [{}] }))).toEqual([]);
  });
  it('accepts endPort == port and SCTP', () => {
    expect(check(withPort({ port: 80, endPort: 80 }))).toEqual([]);
    expect(check(withPort({ protocol: 'SCTP', port: 9999 }))).toEqual([]);
  });
  it('accepts except 10.0.5.7/24 inside 10.0.0.0/16 (host bits are masked)', () => {
    expect(check(withIpBlock({ cidr: '10.0.0.0/16', except: ['10.0.5.7/24'] }))).toEqual([]);
  });
  it('accepts a full, realistic policy', () => {
    const doc = parse(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db-ingress
  namespace: prod
  labels: {app.kubernetes.io/part-of: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dev}}
      podSelector: {matchExpressions: [{key: app, operator: In, values: [web, api]}]}
    - ipBlock: {cidr: 192.0.2.0/24, except: [192.0.2.128/25]}
    ports: [{port: 5432}, {port: pg}, {protocol: UDP, port: 30000, endPort: 32767}]
  egress:
  - to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{protocol: UDP, port: 53}]
`);
    expect(check(doc)).toEqual([]);
  });
});
