/**
 * What the API server rejects in the cluster-scoped policies of network-policy-api: the v1alpha2
 * ClusterNetworkPolicy and the v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy, checked on
 * the raw document as the CRD pipeline does (../shared/docs/tiered-policies.md section 4): decoding
 * (D1), unknown fields under kubectl's strict validation (D2), the schema and the CEL rules. The
 * codes C1-C16 are listed in docs/engine.md. The limits and enums live in TIERED_POLICY_KINDS so
 * that the YAML pane's schema is generated from the same data.
 */
import type { FieldPath } from '../diagnostics';
import type { TieredKind } from '../model/types';
import { parseCidr } from '../util/cidr';
import { arrayAt, isRecord, type RawRecord } from '../util/raw';
import {
  checkFields,
  describeValue,
  fail,
  itemRecord,
  itemString,
  PORT_PROTOCOLS,
  type FieldTable,
  type Issues,
  type ValidationIssue,
} from './field-checks';
import { SELECTOR_EXAMPLE, validateLabelSelector } from './label-selector';
import { validateObjectMeta } from './object-meta';

export type { TieredKind };

/** Which CRDs the cluster runs: `nodes`, `domainNames` and v1alpha1 `namedPort` exist only in experimental. */
export type CrdChannel = 'standard' | 'experimental';

export type PeerField = 'namespaces' | 'pods' | 'networks' | 'nodes' | 'domainNames';

export interface TieredKindRules {
  apiVersion: string;
  /** Has spec.tier (v1alpha2 only). */
  tiered: boolean;
  /** Has spec.priority (all but BaselineAdminNetworkPolicy). */
  prioritized: boolean;
  actions: readonly string[];
  /** Most rules per direction, peers per rule and port entries per rule. */
  maxRules: number;
  maxPeers: number;
  maxPorts: number;
  /** The rule's port list: `protocols` (v1alpha2) or `ports` (v1alpha1). */
  portsKey: 'protocols' | 'ports';
  egressPeers: readonly PeerField[];
  /** v1alpha1 requires both selectors of a `pods` subject or peer; v1alpha2 defaults namespaceSelector. */
  namespaceSelectorRequired: boolean;
  /** The one name the object may have (BaselineAdminNetworkPolicy's CEL rule). */
  requiredName?: string;
}

const V1ALPHA1 = 'policy.networking.k8s.io/v1alpha1';
export const TIERED_POLICY_KINDS: Readonly<Record<TieredKind, TieredKindRules>> = {
  ClusterNetworkPolicy: {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    tiered: true,
    prioritized: true,
    actions: ['Accept', 'Deny', 'Pass'],
    maxRules: 25,
    maxPeers: 25,
    maxPorts: 25,
    portsKey: 'protocols',
    egressPeers: ['namespaces', 'pods', 'networks', 'nodes', 'domainNames'],
    namespaceSelectorRequired: false,
  },
  AdminNetworkPolicy: {
    apiVersion: V1ALPHA1,
    tiered: false,
    prioritized: true,
    actions: ['Allow', 'Deny', 'Pass'],
    maxRules: 100,
    maxPeers: 100,
    maxPorts: 100,
    portsKey: 'ports',
    egressPeers: ['namespaces', 'pods', 'networks', 'nodes', 'domainNames'],
    namespaceSelectorRequired: true,
  },
  BaselineAdminNetworkPolicy: {
    apiVersion: V1ALPHA1,
    tiered: false,
    prioritized: false,
    actions: ['Allow', 'Deny'],
    maxRules: 100,
    maxPeers: 100,
    maxPorts: 100,
    portsKey: 'ports',
    egressPeers: ['namespaces', 'pods', 'networks', 'nodes'],
    namespaceSelectorRequired: true,
    requiredName: 'default',
  },
};

export function isTieredKind(kind: string): kind is TieredKind {
  return Object.hasOwn(TIERED_POLICY_KINDS, kind);
}

export const TIERED_LIMITS = {
  priority: { min: 0, max: 1000 },
  port: { min: 1, max: 65535 },
  ruleNameLength: 100,
  networks: 25,
  domainNames: 25,
  cidrLength: 43,
} as const;

export const CNP_TIERS: readonly string[] = ['Admin', 'Baseline'];
export const INGRESS_PEERS: readonly PeerField[] = ['namespaces', 'pods'];
export const CNP_PROTOCOL_KEYS = ['tcp', 'udp', 'sctp'] as const;
/** Experimental-channel fields: peers of both versions, and v1alpha1's `namedPort`. */
export const EXPERIMENTAL_PEERS: readonly PeerField[] = ['nodes', 'domainNames'];

/**
 * The CRD's domain-name pattern, as upstream writes it: `A-z` in the first-character classes is
 * an upstream typo that also admits `[`, `\`, `]`, `^`, `_` and a backtick; the API server
 * accepts what the pattern accepts, so this does too.
 */
export const DOMAIN_NAME_PATTERN =
  '^(\\*\\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\\.?$';
const DOMAIN_NAME = new RegExp(DOMAIN_NAME_PATTERN);

export interface TieredValidationOptions {
  /** Default `experimental`, so that nothing the user typed is dropped; experimental fields are flagged. */
  channel?: CrdChannel;
}

type Direction = 'ingress' | 'egress';

interface Context {
  kind: TieredKind;
  rules: TieredKindRules;
  channel: CrdChannel;
  out: Issues;
}

const warn = (out: Issues, path: FieldPath, code: string, message: string) =>
  out.push({ path, severity: 'warning', code, message });

/** Absent in the CRD sense: a key with no value (YAML null) is dropped before validation. */
const absent = (value: unknown) => value === null || value === undefined;

/** Strings are measured in characters by the schema's maxLength, not in bytes. */
const characters = (s: string) => [...s].length;

/** Everything the API server would reject in one document of `kind`, before defaulting. */
export function validateTieredPolicy(
  obj: unknown,
  kind: TieredKind,
  options: TieredValidationOptions = {},
): ValidationIssue[] {
  const out: Issues = [];
  const context: Context = {
    kind,
    rules: TIERED_POLICY_KINDS[kind],
    channel: options.channel ?? 'experimental',
    out,
  };
  if (!isRecord(obj)) {
    fail(
      out,
      [],
      'D1',
      `a ${kind} must be an object with apiVersion, kind, metadata and spec, not ${describeValue(obj)}`,
    );
    return out;
  }
  const top: FieldTable = {
    apiVersion: 'string',
    kind: 'string',
    metadata: 'object',
    spec: { kind: 'object', example: '{priority: 10, subject: {...}, ingress: [...]}' },
    status: { kind: 'object', example: '{conditions: [...]}' },
  };
  checkFields(obj, top, [], out, `a ${kind}`, (key) =>
    ['tier', 'priority', 'subject', 'ingress', 'egress'].includes(key)
      ? `${key} belongs inside spec`
      : undefined,
  );
  checkApiVersion(obj, context);
  if (absent(obj.metadata) || isRecord(obj.metadata)) checkMetadata(obj.metadata, context);
  if (isRecord(obj.status)) checkFields(obj.status, { conditions: 'list' }, ['status'], out, 'the status');
  if (absent(obj.spec)) fail(out, ['spec'], 'C1', `spec is required: a ${kind} without spec is rejected`);
  else if (isRecord(obj.spec)) checkSpec(obj.spec, context);
  return out;
}

function checkApiVersion(obj: RawRecord, { kind, rules, out }: Context): void {
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === rules.apiVersion) return;
  const other = Object.entries(TIERED_POLICY_KINDS).find(
    ([, candidate]) => candidate.apiVersion === obj.apiVersion,
  );
  const hint = other
    ? obj.apiVersion.endsWith('v1alpha2')
      ? '; v1alpha2 has one kind, ClusterNetworkPolicy, with tier: Admin or Baseline (netpol-canvas convert rewrites v1alpha1 objects)'
      : '; ClusterNetworkPolicy exists only in v1alpha2 (v1alpha1 has AdminNetworkPolicy and BaselineAdminNetworkPolicy)'
    : '';
  fail(
    out,
    ['apiVersion'],
    'C1',
    `apiVersion must be ${rules.apiVersion} for ${kind}, not ${JSON.stringify(obj.apiVersion)}: the API server has no ${kind} in that version${hint}`,
  );
}

function checkMetadata(meta: unknown, { kind, rules, out }: Context): void {
  for (const issue of validateObjectMeta(meta, ['metadata'])) out.push(issue);
  if (!isRecord(meta)) return;
  if (typeof meta.namespace === 'string' && meta.namespace !== '') {
    warn(
      out,
      ['metadata', 'namespace'],
      'C15',
      `metadata.namespace is ignored: a ${kind} is cluster-scoped, so the API server clears the namespace; remove it`,
    );
  }
  if (rules.requiredName !== undefined && typeof meta.name === 'string' && meta.name !== rules.requiredName) {
    fail(
      out,
      ['metadata', 'name'],
      'C11',
      `Only one baseline admin network policy with metadata.name="${rules.requiredName}" can be created in the cluster: rename ${JSON.stringify(meta.name)} to ${rules.requiredName}`,
    );
  }
}

function checkSpec(spec: RawRecord, context: Context): void {
  const { kind, rules, out } = context;
  const table: Record<string, FieldTable[string]> = {};
  if (rules.tiered) table.tier = { kind: 'string', example: 'Admin' };
  if (rules.prioritized) table.priority = { kind: 'integer', example: '10' };
  table.subject = { kind: 'object', example: '{namespaces: {}}' };
  table.ingress = { kind: 'list', example: '[{action: Deny, from: [...]}]' };
  table.egress = { kind: 'list', example: '[{action: Deny, to: [...]}]' };
  checkFields(spec, table, ['spec'], out, 'the spec', (key) => specHint(key, kind));
  if (rules.tiered) checkTier(spec.tier, out);
  if (rules.prioritized) checkPriority(spec.priority, out);
  if (absent(spec.subject))
    fail(
      out,
      ['spec', 'subject'],
      'C1',
      'subject is required: the pods this policy applies to, e.g. subject: {namespaces: {}}',
    );
  else if (isRecord(spec.subject)) checkSubject(spec.subject, ['spec', 'subject'], context);
  for (const direction of ['ingress', 'egress'] as const) {
    const list = arrayAt(spec, direction);
    if (list.length > rules.maxRules) {
      fail(
        out,
        ['spec', direction],
        'C4',
        `${direction} has ${list.length} rules: a ${kind} may have at most ${rules.maxRules} ${direction} rules`,
      );
    }
    list.forEach((rule, i) => checkRule(rule, direction, ['spec', direction, i], context));
  }
}

function specHint(key: string, kind: TieredKind): string | undefined {
  if (key === 'tier')
    return kind === 'AdminNetworkPolicy'
      ? 'tier exists only in ClusterNetworkPolicy (v1alpha2); an AdminNetworkPolicy is always the Admin tier'
      : 'tier exists only in ClusterNetworkPolicy (v1alpha2); a BaselineAdminNetworkPolicy is always the Baseline tier';
  if (key === 'priority') return 'a BaselineAdminNetworkPolicy has no priority: there is only one of it';
  if (key === 'podSelector' || key === 'namespaceSelector')
    return 'the pods a cluster policy applies to go in spec.subject: {namespaces: …} or {pods: {namespaceSelector: …, podSelector: …}}';
  if (key === 'policyTypes')
    return 'cluster policies have no policyTypes: a direction counts when it has rules';
  return undefined;
}

function checkTier(tier: unknown, out: Issues): void {
  if (absent(tier)) {
    fail(
      out,
      ['spec', 'tier'],
      'C1',
      'tier is required: Admin (before NetworkPolicies) or Baseline (after them)',
    );
  } else if (typeof tier === 'string' && !CNP_TIERS.includes(tier)) {
    fail(out, ['spec', 'tier'], 'C2', enumMessage('tier', tier, CNP_TIERS));
  }
}

function enumMessage(field: string, value: string, allowed: readonly string[], extra = ''): string {
  const meant = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
  const hint = meant ? `; values are case-sensitive, write "${meant}"` : extra;
  return `${field} ${JSON.stringify(value)} is not supported: supported values are ${allowed.map((a) => `"${a}"`).join(', ')}${hint}`;
}

function checkPriority(priority: unknown, out: Issues): void {
  const { min, max } = TIERED_LIMITS.priority;
  if (absent(priority)) {
    fail(
      out,
      ['spec', 'priority'],
      'C1',
      `priority is required: a whole number from ${min} to ${max}, lower numbers are evaluated first`,
    );
  } else if (Number.isInteger(priority) && ((priority as number) < min || (priority as number) > max)) {
    fail(
      out,
      ['spec', 'priority'],
      'C3',
      `priority ${String(priority)} is out of range: must be between ${min} and ${max}, inclusive`,
    );
  }
}

function checkSubject(subject: RawRecord, path: FieldPath, context: Context): void {
  const { out } = context;
  const table: FieldTable = {
    namespaces: { kind: 'object', example: SELECTOR_EXAMPLE },
    pods: { kind: 'object', example: '{namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}' },
  };
  checkFields(subject, table, path, out, 'the subject', (key) =>
    key === 'podSelector' || key === 'namespaceSelector'
      ? `write subject: {pods: {${key}: …}} or subject: {namespaces: …}`
      : undefined,
  );
  exactlyOne(subject, ['namespaces', 'pods'], path, 'subject', out);
  if (isRecord(subject.namespaces)) selector(subject.namespaces, [...path, 'namespaces'], out);
  if (isRecord(subject.pods)) checkNamespacedPod(subject.pods, [...path, 'pods'], context);
}

/** A one-of object (minProperties = maxProperties = 1): exactly one of `keys` has a value. */
function exactlyOne(
  record: RawRecord,
  keys: readonly string[],
  path: FieldPath,
  what: string,
  out: Issues,
): void {
  const present = keys.filter((key) => !absent(record[key]));
  if (present.length === 1) return;
  const options = keys.join(', ');
  // A peer holding only an unknown field (reported as D2) needs no second message.
  if (present.length === 0 && Object.keys(record).some((key) => !keys.includes(key))) return;
  if (present.length === 0) {
    const nulls = keys.filter((key) => Object.hasOwn(record, key));
    const why = nulls.length
      ? `: ${nulls.join(' and ')} ${nulls.length > 1 ? 'have' : 'has'} no value (YAML null), which counts as absent; write ${nulls[0]}: {} for "all"`
      : '';
    fail(out, path, 'C6', `a ${what} must set exactly one of ${options}, and this one sets none${why}`);
  } else {
    fail(
      out,
      path,
      'C6',
      `a ${what} must set exactly one of ${options}, and this one sets ${present.join(' and ')}: make them separate list items`,
    );
  }
}

function selector(value: RawRecord, path: FieldPath, out: Issues): void {
  // A loop, not push(...): a selector with 100,000 bad labels would overflow the call stack.
  for (const issue of validateLabelSelector(value, path)) out.push(issue);
}

function checkNamespacedPod(pods: RawRecord, path: FieldPath, { rules, out }: Context): void {
  const table: FieldTable = {
    namespaceSelector: { kind: 'object', example: SELECTOR_EXAMPLE },
    podSelector: { kind: 'object', example: SELECTOR_EXAMPLE },
  };
  checkFields(pods, table, path, out, 'pods');
  const required = rules.namespaceSelectorRequired ? ['namespaceSelector', 'podSelector'] : ['podSelector'];
  for (const key of required) {
    if (!absent(pods[key])) continue;
    const why =
      key === 'namespaceSelector'
        ? 'v1alpha1 requires it; write namespaceSelector: {} for every namespace'
        : 'write podSelector: {} for every pod of the selected namespaces';
    fail(out, [...path, key], 'C1', `${key} is required: ${why}`);
  }
  for (const key of ['namespaceSelector', 'podSelector'])
    if (isRecord(pods[key])) selector(pods[key], [...path, key], out);
}

function checkRule(item: unknown, direction: Direction, path: FieldPath, context: Context): void {
  const { kind, rules, out } = context;
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const rule = itemRecord(item, path, out, `{action: Deny, ${peersKey}: [...]}`);
  if (!rule) return;
  const table: FieldTable = {
    name: 'string',
    action: { kind: 'string', example: rules.actions[0]! },
    [peersKey]: { kind: 'list', example: '[{namespaces: {}}]' },
    [rules.portsKey]: {
      kind: 'list',
      example:
        rules.portsKey === 'protocols'
          ? '[{tcp: {destinationPort: {number: 80}}}]'
          : '[{portNumber: {port: 80}}]',
    },
  };
  checkFields(rule, table, path, out, `an ${direction} rule`, (key) => ruleHint(key, peersKey, rules));
  if (typeof rule.name === 'string' && characters(rule.name) > TIERED_LIMITS.ruleNameLength) {
    fail(
      out,
      [...path, 'name'],
      'C5',
      `name is ${characters(rule.name)} characters long: a rule name may have at most ${TIERED_LIMITS.ruleNameLength}`,
    );
  }
  checkAction(rule.action, [...path, 'action'], context);
  const peers = arrayAt(rule, peersKey);
  if (absent(rule[peersKey])) {
    fail(
      out,
      [...path, peersKey],
      'C1',
      `${peersKey} is required: list the peers this rule matches, e.g. ${peersKey}: [{namespaces: {}}]`,
    );
  } else if (Array.isArray(rule[peersKey])) {
    checkCount(peers.length, 1, rules.maxPeers, [...path, peersKey], `${peersKey} peers`, out);
  }
  peers.forEach((peer, j) => checkPeer(peer, direction, [...path, peersKey, j], context));
  const ports = arrayAt(rule, rules.portsKey);
  if (Array.isArray(rule[rules.portsKey]))
    checkCount(ports.length, 1, rules.maxPorts, [...path, rules.portsKey], `${rules.portsKey} entries`, out);
  ports.forEach((entry, k) => {
    const at = [...path, rules.portsKey, k];
    if (rules.portsKey === 'protocols') checkProtocol(entry, at, out);
    else checkV1alpha1Port(entry, at, context);
  });
  if (direction === 'egress') checkNamedPortExclusion(peers, ports, path, context);
  const domains = peers.some((peer) => isRecord(peer) && !absent(peer.domainNames));
  if (domains && typeof rule.action === 'string' && rule.action !== 'Accept' && rule.action !== 'Allow') {
    warn(
      out,
      [...path, 'action'],
      'C14',
      `domainNames peers are meant for ${rules.actions[0]} rules only (upstream documents it, the CRD does not enforce it); a ${rule.action} on a name depends on what the implementation resolved. ${kind === 'ClusterNetworkPolicy' ? 'Accept' : 'Allow'} the names and deny the rest with a later rule`,
    );
  }
}

function ruleHint(key: string, peersKey: 'from' | 'to', rules: TieredKindRules): string | undefined {
  if (key === 'from' || key === 'to') return 'ingress rules use "from" and egress rules use "to"';
  if (key === 'ports')
    return 'v1alpha2 rules list ports under protocols, e.g. protocols: [{tcp: {destinationPort: {number: 80}}}]';
  if (key === 'protocols')
    return 'v1alpha1 rules list ports under ports, e.g. ports: [{portNumber: {protocol: TCP, port: 80}}]';
  if ((['namespaces', 'pods', 'networks', 'nodes', 'domainNames'] as const).includes(key as PeerField))
    return `peers go in a list under "${peersKey}": ${peersKey}: [{${key}: …}]`;
  if (key === 'policyTypes') return 'cluster policies have no policyTypes';
  if (rules.portsKey === 'protocols' && (key === 'tcp' || key === 'udp' || key === 'sctp'))
    return `protocol matches go in a list: protocols: [{${key}: …}]`;
  return undefined;
}

function checkCount(
  count: number,
  min: number,
  max: number,
  path: FieldPath,
  what: string,
  out: Issues,
): void {
  if (count < min)
    fail(out, path, 'C4', `the list is empty: give at least ${min} of ${what}, or leave the field out`);
  else if (count > max) fail(out, path, 'C4', `there are ${count} ${what}: at most ${max} are allowed`);
}

function checkAction(action: unknown, path: FieldPath, { kind, rules, out }: Context): void {
  if (absent(action)) {
    fail(out, path, 'C1', `action is required: one of ${rules.actions.join(', ')}`);
    return;
  }
  if (typeof action !== 'string' || rules.actions.includes(action)) return;
  let extra = '';
  if (action === 'Pass' && kind === 'BaselineAdminNetworkPolicy')
    extra =
      '; Pass does not exist in the Baseline tier of v1alpha1: there is no lower tier to pass to (ClusterNetworkPolicy with tier: Baseline allows it)';
  else if (action === 'Allow') extra = '; v1alpha2 calls it Accept';
  else if (action === 'Accept') extra = '; v1alpha1 calls it Allow';
  fail(out, path, 'C2', enumMessage('action', action, rules.actions, extra));
}

function peerTable(direction: Direction, rules: TieredKindRules, channel: CrdChannel): FieldTable {
  const fields = (direction === 'ingress' ? INGRESS_PEERS : rules.egressPeers).filter(
    (field) => channel === 'experimental' || !EXPERIMENTAL_PEERS.includes(field),
  );
  const rulesOf: Record<PeerField, FieldTable[string]> = {
    namespaces: { kind: 'object', example: SELECTOR_EXAMPLE },
    pods: { kind: 'object', example: '{namespaceSelector: {}, podSelector: {}}' },
    networks: { kind: 'list', example: '[10.0.0.0/8]' },
    nodes: { kind: 'object', example: SELECTOR_EXAMPLE },
    domainNames: { kind: 'list', example: '[api.example.com]' },
  };
  return Object.fromEntries(fields.map((field) => [field, rulesOf[field]]));
}

function checkPeer(item: unknown, direction: Direction, path: FieldPath, context: Context): void {
  const { kind, rules, channel, out } = context;
  const peer = itemRecord(item, path, out, '{namespaces: {matchLabels: {team: web}}}');
  if (!peer) return;
  const table = peerTable(direction, rules, channel);
  checkFields(peer, table, path, out, `an ${direction} peer`, (key) =>
    peerHint(key, direction, kind, channel),
  );
  exactlyOne(peer, Object.keys(table), path, 'peer', out);
  if (isRecord(peer.namespaces) && Object.hasOwn(table, 'namespaces'))
    selector(peer.namespaces, [...path, 'namespaces'], out);
  if (isRecord(peer.pods) && Object.hasOwn(table, 'pods'))
    checkNamespacedPod(peer.pods, [...path, 'pods'], context);
  if (!Object.hasOwn(table, 'networks')) return; // an ingress peer: the rest are unknown fields
  if (Array.isArray(peer.networks)) checkNetworks(peer.networks, [...path, 'networks'], out);
  if (isRecord(peer.nodes) && Object.hasOwn(table, 'nodes')) {
    experimental(path, 'nodes', out);
    selector(peer.nodes, [...path, 'nodes'], out);
  }
  if (Array.isArray(peer.domainNames) && Object.hasOwn(table, 'domainNames')) {
    experimental(path, 'domainNames', out);
    checkDomainNames(peer.domainNames, [...path, 'domainNames'], out);
  }
}

function experimental(path: FieldPath, field: string, out: Issues): void {
  warn(
    out,
    [...path, field],
    'C13',
    `${field} exists only in the experimental-channel CRDs: a cluster with the standard CRDs rejects it under kubectl's strict validation, or drops it`,
  );
}

function peerHint(
  key: string,
  direction: Direction,
  kind: TieredKind,
  channel: CrdChannel,
): string | undefined {
  if (channel === 'standard' && (EXPERIMENTAL_PEERS as readonly string[]).includes(key))
    return `${key} exists only in the experimental-channel CRDs, and the standard channel is selected; a lax client would drop it`;
  if (direction === 'ingress' && ['networks', 'nodes', 'domainNames'].includes(key))
    return `${key} peers exist only in egress rules: an ingress peer is namespaces or pods`;
  if (key === 'domainNames' && kind === 'BaselineAdminNetworkPolicy')
    return 'a BaselineAdminNetworkPolicy has no domainNames peer (a ClusterNetworkPolicy with tier: Baseline has)';
  if (key === 'podSelector' || key === 'namespaceSelector')
    return `cluster policies write peers as {namespaces: …} or {pods: {namespaceSelector: …, podSelector: …}}`;
  if (key === 'ipBlock')
    return direction === 'egress'
      ? 'write an address range as networks: [10.0.0.0/8]'
      : 'ingress peers cannot name addresses';
  return undefined;
}

/** CEL `isCIDR`: Go's netip.ParsePrefix, stricter than ipBlock's parser (no zero-padded octets). */
export function isStrictCidr(text: string): boolean {
  const slash = text.lastIndexOf('/');
  if (slash < 0 || !parseCidr(text)) return false;
  const prefix = text.slice(slash + 1);
  if (prefix.length > 1 && prefix.startsWith('0')) return false;
  const address = text.slice(0, slash);
  return (
    address.includes(':') || address.split('.').every((octet) => octet === '0' || !octet.startsWith('0'))
  );
}

function checkNetworks(list: unknown[], path: FieldPath, out: Issues): void {
  checkCount(list.length, 1, TIERED_LIMITS.networks, path, 'CIDRs', out);
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const text = itemString(item, [...path, i], out);
    if (text === undefined) return;
    repeated(seen, text, i, [...path, i], 'networks', out);
    if (characters(text) > TIERED_LIMITS.cidrLength) {
      fail(
        out,
        [...path, i],
        'C5',
        `CIDR ${JSON.stringify(text.slice(0, 50))} is too long: at most ${TIERED_LIMITS.cidrLength} characters`,
      );
    } else if (!isStrictCidr(text)) {
      let hint = '';
      if (!text.includes('/')) hint = '. Add a prefix length, e.g. /32 for one IPv4 address';
      else if (parseCidr(text)) hint = '. Remove the leading zeros';
      fail(
        out,
        [...path, i],
        'C9',
        `Invalid CIDR format provided: ${JSON.stringify(text)} is not a CIDR such as 10.0.0.0/8 or fd00::/8${hint}`,
      );
    }
  });
}

function repeated(
  seen: Map<string, number>,
  value: string,
  i: number,
  path: FieldPath,
  list: string,
  out: Issues,
): void {
  const first = seen.get(value);
  if (first === undefined) seen.set(value, i);
  else
    fail(
      out,
      path,
      'C7',
      `${JSON.stringify(value)} is already item ${first + 1} of ${list}: ${list} is a set, so items must not repeat; remove this one`,
    );
}

function checkDomainNames(list: unknown[], path: FieldPath, out: Issues): void {
  checkCount(list.length, 1, TIERED_LIMITS.domainNames, path, 'domain names', out);
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const name = itemString(item, [...path, i], out);
    if (name === undefined) return;
    repeated(seen, name, i, [...path, i], 'domainNames', out);
    if (!DOMAIN_NAME.test(name)) fail(out, [...path, i], 'C8', domainNameMessage(name));
  });
}

function domainNameMessage(name: string): string {
  let why =
    'write at least two dot-separated labels of letters, digits, - and _, each starting and ending with a letter or digit, e.g. api.example.com or *.example.com';
  if (name.includes('*') && !/^\*\.[^*]*$/.test(name))
    why =
      'the wildcard * may only stand alone as the first label ("*.example.com"); it matches one or more whole labels';
  else if (!name.replace(/^\*\./, '').replace(/\.$/, '').includes('.'))
    why = 'a domain name needs at least two labels, e.g. example.com; a single label cannot be matched';
  else if (/https?:|\//.test(name)) why = 'give the host name only, without scheme, port or path';
  return `domain name ${JSON.stringify(name)} does not match the CRD's pattern: ${why}`;
}

function checkProtocol(item: unknown, path: FieldPath, out: Issues): void {
  const entry = itemRecord(item, path, out, '{tcp: {destinationPort: {number: 80}}}');
  if (!entry) return;
  const table: FieldTable = {
    tcp: { kind: 'object', example: '{destinationPort: {number: 80}}' },
    udp: { kind: 'object', example: '{destinationPort: {number: 53}}' },
    sctp: { kind: 'object', example: '{destinationPort: {number: 9000}}' },
    destinationNamedPort: { kind: 'string', example: 'http' },
  };
  checkFields(entry, table, path, out, 'a protocols entry', (key) => {
    const lower = key.toLowerCase();
    if (['tcp', 'udp', 'sctp'].includes(lower)) return `protocol keys are lowercase: ${lower}`;
    if (['port', 'protocol', 'portnumber', 'destinationport'].includes(lower))
      return 'write the protocol as the key: {tcp: {destinationPort: {number: 80}}}';
    return undefined;
  });
  exactlyOne(entry, Object.keys(table), path, 'protocols entry', out);
  for (const protocol of CNP_PROTOCOL_KEYS) {
    const match = entry[protocol];
    if (!isRecord(match)) continue;
    const at = [...path, protocol];
    checkFields(match, { destinationPort: { kind: 'object', example: '{number: 80}' } }, at, out, protocol);
    if (absent(match.destinationPort)) {
      fail(
        out,
        at,
        'C6',
        `${protocol}: {} is rejected by the CRD (at least one field): give destinationPort: {number: …} or {range: {start: …, end: …}}`,
      );
    } else if (isRecord(match.destinationPort))
      checkDestinationPort(match.destinationPort, [...at, 'destinationPort'], out);
  }
}

function checkDestinationPort(port: RawRecord, path: FieldPath, out: Issues): void {
  const table: FieldTable = {
    number: { kind: 'integer', example: '80' },
    range: { kind: 'object', example: '{start: 8000, end: 8080}' },
  };
  checkFields(port, table, path, out, 'destinationPort', (key) =>
    key === 'port' ? 'the port goes in number: destinationPort: {number: 80}' : undefined,
  );
  exactlyOne(port, ['number', 'range'], path, 'destinationPort', out);
  portNumber(port.number, [...path, 'number'], out);
  if (!isRecord(port.range)) return;
  const range = port.range;
  const at = [...path, 'range'];
  checkFields(range, { start: 'integer', end: 'integer' }, at, out, 'a port range');
  requiredPorts(range, ['start', 'end'], at, out);
  if (portNumber(range.start, [...at, 'start'], out) && portNumber(range.end, [...at, 'end'], out)) {
    const { start, end } = range as { start: number; end: number };
    if (start >= end) {
      const hint = start === end ? `; for one port write number: ${start}` : '';
      fail(out, at, 'C10', `Start port must be less than End port: start ${start}, end ${end}${hint}`);
    }
  }
}

function requiredPorts(record: RawRecord, keys: readonly string[], path: FieldPath, out: Issues): void {
  for (const key of keys)
    if (absent(record[key]))
      fail(out, [...path, key], 'C1', `${key} is required: a port number from 1 to 65535`);
}

/** Checks a present integer port against 1..65535; true when it is a usable port number. */
function portNumber(value: unknown, path: FieldPath, out: Issues): boolean {
  if (!Number.isInteger(value)) return false;
  const { min, max } = TIERED_LIMITS.port;
  const n = value as number;
  if (n >= min && n <= max) return true;
  fail(out, path, 'C3', `port ${n} is out of range: must be between ${min} and ${max}, inclusive`);
  return false;
}

function checkV1alpha1Port(item: unknown, path: FieldPath, context: Context): void {
  const { channel, out } = context;
  const entry = itemRecord(item, path, out, '{portNumber: {protocol: TCP, port: 80}}');
  if (!entry) return;
  const table: Record<string, FieldTable[string]> = {
    portNumber: { kind: 'object', example: '{protocol: TCP, port: 80}' },
    portRange: { kind: 'object', example: '{protocol: TCP, start: 8000, end: 8080}' },
  };
  if (channel === 'experimental') table.namedPort = { kind: 'string', example: 'http' };
  checkFields(entry, table, path, out, 'a ports entry', (key) => {
    if (key === 'namedPort')
      return 'namedPort exists only in the experimental-channel CRDs, and the standard channel is selected';
    if (key === 'port' || key === 'protocol') return 'write ports: [{portNumber: {protocol: TCP, port: 80}}]';
    return undefined;
  });
  exactlyOne(entry, Object.keys(table), path, 'ports entry', out);
  if (typeof entry.namedPort === 'string' && channel === 'experimental') experimental(path, 'namedPort', out);
  if (isRecord(entry.portNumber)) {
    const at = [...path, 'portNumber'];
    checkFields(
      entry.portNumber,
      { protocol: { kind: 'string', example: 'TCP' }, port: 'integer' },
      at,
      out,
      'portNumber',
    );
    requiredPorts(entry.portNumber, ['port'], at, out);
    portNumber(entry.portNumber.port, [...at, 'port'], out);
    protocolValue(entry.portNumber.protocol, [...at, 'protocol'], out);
  }
  if (isRecord(entry.portRange)) {
    const at = [...path, 'portRange'];
    const range = entry.portRange;
    checkFields(
      range,
      { protocol: { kind: 'string', example: 'TCP' }, start: 'integer', end: 'integer' },
      at,
      out,
      'portRange',
    );
    requiredPorts(range, ['start', 'end'], at, out);
    protocolValue(range.protocol, [...at, 'protocol'], out);
    if (portNumber(range.start, [...at, 'start'], out) && portNumber(range.end, [...at, 'end'], out)) {
      const { start, end } = range as { start: number; end: number };
      if (start >= end) {
        warn(
          out,
          at,
          'C16',
          start === end
            ? `portRange ${start}-${end} covers one port: upstream asks for start < end (not enforced in v1alpha1); write portNumber: {port: ${start}}`
            : `portRange start ${start} is greater than end ${end}: it matches no port (v1alpha1 does not reject it; upstream asks for start < end)`,
        );
      }
    }
  }
}

/** v1alpha1 has no enum on protocol (it defaults to TCP): other values pass the API server and match nothing. */
function protocolValue(protocol: unknown, path: FieldPath, out: Issues): void {
  if (typeof protocol !== 'string' || PORT_PROTOCOLS.includes(protocol)) return;
  const meant = PORT_PROTOCOLS.find((known) => known === protocol.toUpperCase());
  warn(
    out,
    path,
    'C16',
    `protocol ${JSON.stringify(protocol)} matches no traffic: use "TCP", "UDP" or "SCTP"${meant ? `; values are case-sensitive, write "${meant}"` : ''} (the v1alpha1 CRD has no enum, so the API server accepts it)`,
  );
}

/** The experimental channel's CEL rule on egress rules: named ports only towards pods. */
function checkNamedPortExclusion(
  peers: unknown[],
  ports: unknown[],
  path: FieldPath,
  { kind, rules, channel, out }: Context,
): void {
  if (channel !== 'experimental') return;
  const nonPod = (
    kind === 'BaselineAdminNetworkPolicy' ? ['networks', 'nodes'] : ['networks', 'nodes', 'domainNames']
  ).filter((field) => peers.some((peer) => isRecord(peer) && !absent(peer[field])));
  const namedKey = rules.portsKey === 'protocols' ? 'destinationNamedPort' : 'namedPort';
  const named = ports.some((entry) => isRecord(entry) && !absent(entry[namedKey]));
  if (!nonPod.length || !named) return;
  const list = kind === 'BaselineAdminNetworkPolicy' ? 'networks/nodes' : 'networks/nodes/domainNames';
  fail(
    out,
    path,
    'C12',
    `${list} peer cannot be set with namedPorts since there are no namedPorts for ${list}: this rule has ${nonPod.join(' and ')} peers and a ${namedKey}; put the ${nonPod.join(' and ')} peers in a rule of their own with port numbers`,
  );
}
