/**
 * What the API server rejects in a networking.k8s.io/v1 NetworkPolicy, checked on the raw decoded
 * document before defaulting. Codes are the checklist ids of docs/netpol-semantics.md 5.1.
 * D1/D2 stand in for the decoder (wrong JSON types, unknown fields under kubectl's strict mode);
 * the rest mirror ValidateNetworkPolicy. M4 is left out: the workspace supplies the namespace.
 */
import type { FieldPath } from '../diagnostics';
import { cidrStrictlyContains, formatCidr, parseCidr, type Cidr } from '../util/cidr';
import { arrayAt, isRecord, type RawRecord } from '../util/raw';
import {
  checkFields,
  describeValue,
  fail,
  isPortNumber,
  itemRecord,
  itemString,
  PORT_PROTOCOLS,
  portNameMessage,
  type FieldTable,
  type Issues,
  type ValidationIssue,
} from './field-checks';
import { ianaSvcName } from './grammar';
import { validateLabelSelector, SELECTOR_EXAMPLE, SELECTOR_FIELDS } from './label-selector';
import { META_FIELDS, validateObjectMeta } from './object-meta';

export type { ValidationIssue } from './field-checks';
export { validateLabelSelector } from './label-selector';
export { validateObjectMeta } from './object-meta';

// ---------------------------------------------------------------------------------------------
// NetworkPolicy spec: rules (D2 hints), peers (P1-P2), ipBlocks (I1-I4), ports (R1-R7), policyTypes (T1-T2).

const TOP_FIELDS: FieldTable = {
  apiVersion: 'string',
  kind: 'string',
  metadata: 'object',
  spec: { kind: 'object', example: '{podSelector: {}, ingress: [...]}' },
};
const SPEC_FIELDS: FieldTable = {
  podSelector: { kind: 'object', example: SELECTOR_EXAMPLE },
  policyTypes: { kind: 'list', example: '[Ingress, Egress]' },
  ingress: { kind: 'list', example: '[{from: [...], ports: [...]}]' },
  egress: { kind: 'list', example: '[{to: [...], ports: [...]}]' },
};
const PEER_KINDS = ['podSelector', 'namespaceSelector', 'ipBlock'] as const;
const PEER_FIELDS: FieldTable = {
  podSelector: { kind: 'object', example: SELECTOR_EXAMPLE },
  namespaceSelector: { kind: 'object', example: SELECTOR_EXAMPLE },
  ipBlock: { kind: 'object', example: '{cidr: 10.0.0.0/16}' },
};
const IPBLOCK_FIELDS: FieldTable = {
  cidr: { kind: 'string', example: '10.0.0.0/16' },
  except: { kind: 'list', example: '[10.0.5.0/24]' },
};
const PORT_FIELDS: FieldTable = {
  protocol: { kind: 'string', example: 'TCP' },
  port: { kind: 'intOrString', example: '80 or http' },
  endPort: { kind: 'integer', example: '8080' },
};
const PORT_RANGE = 'must be between 1 and 65535, inclusive';

type Direction = 'ingress' | 'egress';

/** Everything the API server would reject in one NetworkPolicy document, before defaulting. */
export function validateNetworkPolicy(obj: unknown): ValidationIssue[] {
  const out: Issues = [];
  if (!isRecord(obj)) {
    fail(
      out,
      [],
      'D1',
      `a NetworkPolicy must be an object with apiVersion, kind, metadata and spec, not ${describeValue(obj)}`,
    );
    return out;
  }
  // `kubectl get -o yaml` from 1.24–1.27 servers carries `status: {}`; it never affects evaluation.
  const { status, ...fields } = obj;
  if (status !== undefined) {
    out.push({
      path: ['status'],
      severity: 'warning',
      code: 'D2',
      message: 'status is ignored: current servers have no NetworkPolicy status and drop or reject it',
    });
  }
  checkFields(fields, TOP_FIELDS, [], out, 'a NetworkPolicy', topLevelHint);
  if (obj.metadata === null || obj.metadata === undefined || isRecord(obj.metadata)) {
    for (const issue of validateObjectMeta(obj.metadata, ['metadata'])) out.push(issue);
  }
  if (isRecord(obj.spec)) checkSpec(obj.spec, ['spec'], out);
  return out;
}

function topLevelHint(key: string): string | undefined {
  if (Object.hasOwn(SPEC_FIELDS, key)) return `${key} belongs inside spec`;
  if (Object.hasOwn(META_FIELDS, key)) return `${key} belongs inside metadata`;
  return undefined;
}

function checkSpec(spec: RawRecord, path: FieldPath, out: Issues): void {
  checkFields(spec, SPEC_FIELDS, path, out, 'the spec', specHint);
  if (isRecord(spec.podSelector))
    for (const issue of validateLabelSelector(spec.podSelector, [...path, 'podSelector'])) out.push(issue);
  for (const direction of ['ingress', 'egress'] as const) {
    arrayAt(spec, direction).forEach((rule, i) => checkRule(rule, direction, [...path, direction, i], out));
  }
  checkPolicyTypes(arrayAt(spec, 'policyTypes'), [...path, 'policyTypes'], out);
}

function specHint(key: string): string | undefined {
  if (['from', 'to', 'ports'].includes(key))
    return `rules go in a list under ingress or egress, e.g. ingress: [{${key}: …}]`;
  if (key === 'namespaceSelector')
    return 'a policy selects pods in its own namespace only; namespaceSelector belongs inside a from/to peer';
  if (key === 'namespace') return 'the namespace goes in metadata.namespace';
  return undefined;
}

function checkPolicyTypes(types: unknown[], path: FieldPath, out: Issues): void {
  const values = types.map((item, i) => itemString(item, [...path, i], out));
  if (values.length > 2) {
    fail(
      out,
      path,
      'T1',
      `policyTypes has ${values.length} entries: may not specify more than two policyTypes (Ingress and Egress)`,
    );
    return;
  }
  values.forEach((value, i) => {
    if (value === undefined || value === 'Ingress' || value === 'Egress') return;
    const meant = ['Ingress', 'Egress'].find((type) => type.toLowerCase() === value.toLowerCase());
    const hint = meant ? `; values are case-sensitive, write "${meant}"` : '';
    fail(
      out,
      [...path, i],
      'T2',
      `policyType ${JSON.stringify(value)} is not supported: supported values are "Ingress" and "Egress"${hint}`,
    );
  });
}

function checkRule(item: unknown, direction: Direction, path: FieldPath, out: Issues): void {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const rule = itemRecord(item, path, out, `{${peersKey}: [...], ports: [...]}`);
  if (!rule) return;
  const table: FieldTable = {
    [peersKey]: { kind: 'list', example: `[{podSelector: {}}]` },
    ports: { kind: 'list', example: '[{port: 80}]' },
  };
  checkFields(rule, table, path, out, `an ${direction} rule`, (key) => ruleHint(key, peersKey));
  arrayAt(rule, 'ports').forEach((port, k) => checkPort(port, [...path, 'ports', k], out));
  arrayAt(rule, peersKey).forEach((peer, j) => checkPeer(peer, [...path, peersKey, j], out));
}

function ruleHint(key: string, peersKey: 'from' | 'to'): string | undefined {
  if (key === 'from' || key === 'to') return 'ingress rules use "from" and egress rules use "to"';
  if ((PEER_KINDS as readonly string[]).includes(key))
    return `peers go in a list under "${peersKey}": ${peersKey}: [{${key}: …}]`;
  if (Object.hasOwn(PORT_FIELDS, key)) return 'ports go in a list: ports: [{port: 80}]';
  return undefined;
}

function checkPeer(item: unknown, path: FieldPath, out: Issues): void {
  const peer = itemRecord(item, path, out, '{podSelector: {matchLabels: {app: web}}}');
  if (!peer) return;
  checkFields(peer, PEER_FIELDS, path, out, 'a peer', peerHint);
  for (const key of ['podSelector', 'namespaceSelector']) {
    // A loop, not push(...): a selector with 100,000 bad labels would overflow the call stack.
    if (isRecord(peer[key]))
      for (const issue of validateLabelSelector(peer[key], [...path, key])) out.push(issue);
  }
  if (isRecord(peer.ipBlock)) checkIpBlock(peer.ipBlock, [...path, 'ipBlock'], out);
  // Presence is what counts: a bare `podSelector:` is null and absent, `podSelector: {}` is present.
  const present = PEER_KINDS.filter((key) => peer[key] !== null && peer[key] !== undefined);
  if (present.length === 0) fail(out, path, 'P1', missingPeerMessage(peer, path));
  else if (present.length > 1 && present.includes('ipBlock')) {
    const others = present.filter((key) => key !== 'ipBlock').join(' and ');
    fail(
      out,
      path,
      'P2',
      `may not specify both ipBlock and another peer: ipBlock cannot be combined with ${others} in one peer; make them separate list items`,
    );
  }
}

function peerHint(key: string): string | undefined {
  if (key === 'ports') return 'ports belong to the rule, next to from/to, not inside a peer';
  if (Object.hasOwn(SELECTOR_FIELDS, key)) return `${key} goes inside podSelector or namespaceSelector`;
  if (Object.hasOwn(IPBLOCK_FIELDS, key)) return `${key} goes inside ipBlock: ipBlock: {${key}: …}`;
  return undefined;
}

function missingPeerMessage(peer: RawRecord, path: FieldPath): string {
  const base = 'must specify a peer: give podSelector, namespaceSelector or ipBlock';
  const nulls = PEER_KINDS.filter((key) => Object.hasOwn(peer, key));
  if (nulls.length > 0) {
    return `${base}. ${nulls.join(' and ')} ${nulls.length > 1 ? 'have' : 'has'} no value (YAML null), which counts as absent: write ${nulls[0]}: {} to match everything`;
  }
  const list = path[path.length - 2];
  return `${base}. An empty peer {} is not allowed: to match all pods in all namespaces use {namespaceSelector: {}}; to match everything, leave out the "${String(list)}" list`;
}

function checkIpBlock(block: RawRecord, path: FieldPath, out: Issues): void {
  checkFields(block, IPBLOCK_FIELDS, path, out, 'an ipBlock');
  const excepts = arrayAt(block, 'except').map((item, k) => itemString(item, [...path, 'except', k], out));
  if (block.cidr !== null && block.cidr !== undefined && typeof block.cidr !== 'string') return;
  const text = block.cidr ?? '';
  if (text === '') {
    fail(
      out,
      [...path, 'cidr'],
      'I1',
      'cidr is required: the address range of this ipBlock, e.g. 10.0.0.0/16',
    );
    return;
  }
  const cidr = parseCidr(text);
  if (!cidr) {
    fail(out, [...path, 'cidr'], 'I2', invalidCidrMessage('cidr', text));
    return; // As on the server: the except checks need a cidr to compare with.
  }
  excepts.forEach((exceptText, k) => {
    if (exceptText === undefined) return;
    const except = parseCidr(exceptText);
    if (!except) fail(out, [...path, 'except', k], 'I3', invalidCidrMessage('except', exceptText));
    else if (!cidrStrictlyContains(cidr, except))
      fail(out, [...path, 'except', k], 'I4', notSubsetMessage(exceptText, text, except, cidr));
  });
}

function invalidCidrMessage(field: string, text: string): string {
  let hint = '';
  if (text.trim() !== text) hint = '. Remove the spaces';
  else if (text.includes('%')) hint = '. Zones such as %eth0 are not allowed';
  else if (!text.includes('/')) hint = '. Add a prefix length, e.g. /32 for a single IPv4 address';
  return `${field} ${JSON.stringify(text)} is not a valid CIDR: must be a valid CIDR value (e.g. 10.9.8.0/24 or 2001:db8::/64)${hint}`;
}

function notSubsetMessage(exceptText: string, cidrText: string, except: Cidr, cidr: Cidr): string {
  let why: string;
  if (except.family !== cidr.family) why = `it is IPv${except.family} and the cidr is IPv${cidr.family}`;
  else if (except.prefix <= cidr.prefix)
    why = `/${except.prefix} is not narrower than the cidr's /${cidr.prefix}`;
  else why = `${formatCidr(except)} lies outside ${formatCidr(cidr)}`;
  return `except ${JSON.stringify(exceptText)} must be a strict subset of cidr ${JSON.stringify(cidrText)}: ${why}`;
}

function checkPort(item: unknown, path: FieldPath, out: Issues): void {
  const entry = itemRecord(item, path, out, '{protocol: TCP, port: 80}');
  if (!entry) return;
  checkFields(entry, PORT_FIELDS, path, out, 'a port entry', portHint);
  const { protocol, port } = entry;
  if (typeof protocol === 'string' && !PORT_PROTOCOLS.includes(protocol)) {
    const meant = PORT_PROTOCOLS.find((known) => known === protocol.toUpperCase());
    const hint = meant ? `; values are case-sensitive, write "${meant}"` : '';
    fail(
      out,
      [...path, 'protocol'],
      'R1',
      `protocol ${JSON.stringify(protocol)} is not supported: supported values are "TCP", "UDP" and "SCTP"${hint}`,
    );
  }
  const endPort = Number.isInteger(entry.endPort) ? (entry.endPort as number) : undefined;
  const endPath = [...path, 'endPort'];
  if (typeof port === 'number' && Number.isInteger(port)) {
    if (!isPortNumber(port))
      fail(out, [...path, 'port'], 'R2', `port ${port} is out of range: ${PORT_RANGE}`);
    if (endPort !== undefined && endPort < port)
      fail(out, endPath, 'R6', `endPort ${endPort} must be greater than or equal to port ${port}`);
    if (endPort !== undefined && !isPortNumber(endPort))
      fail(out, endPath, 'R7', `endPort ${endPort} is out of range: ${PORT_RANGE}`);
  } else if (typeof port === 'string') {
    if (endPort !== undefined) {
      fail(
        out,
        endPath,
        'R5',
        `endPort ${endPort} may not be specified when port is non-numeric (port is the name ${JSON.stringify(port)}); a range needs a numeric port`,
      );
    }
    const errors = ianaSvcName(port);
    if (errors.length) fail(out, [...path, 'port'], 'R3', portNameMessage(port, errors));
  } else if ((port === null || port === undefined) && endPort !== undefined) {
    fail(
      out,
      endPath,
      'R4',
      `endPort ${endPort} may not be specified when port is not specified: set port to the start of the range`,
    );
  }
}

function portHint(key: string): string | undefined {
  if (['targetport', 'containerport', 'portnumber', 'number'].includes(key.toLowerCase()))
    return 'a NetworkPolicy port entry gives the destination port in "port"';
  if (key === 'name') return 'a named port goes in "port" itself, e.g. port: http';
  return undefined;
}
