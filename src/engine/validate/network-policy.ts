/**
 * What the API server rejects in a networking.k8s.io/v1 NetworkPolicy, checked on the raw decoded
 * document before defaulting. Codes are the checklist ids of docs/netpol-semantics.md 5.1.
 * D1/D2 stand in for the decoder (wrong JSON types, unknown fields under kubectl's strict mode);
 * the rest mirror ValidateNetworkPolicy. M4 is left out: the workspace supplies the namespace.
 */
import { formatPath, type FieldPath } from '../diagnostics';
import { cidrStrictlyContains, formatCidr, parseCidr, type Cidr } from '../util/cidr';
import { arrayAt, isRecord, type RawRecord } from '../util/raw';
import {
  byteLength,
  dns1123Label,
  dns1123Subdomain,
  ianaSvcName,
  labelValue,
  qualifiedName,
} from './grammar';

export interface ValidationIssue {
  path: FieldPath;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

type Issues = ValidationIssue[];

function fail(out: Issues, path: FieldPath, code: string, message: string): void {
  out.push({ path, severity: 'error', code, message });
}

// ---------------------------------------------------------------------------------------------
// Decoding (D1, D2). Exported for the other kinds' validators.

type Kind = 'object' | 'list' | 'string' | 'integer' | 'boolean' | 'intOrString' | 'timestamp';
export type FieldRule = Kind | { kind: Kind; example: string };
/** The fields an object may have, with their JSON types; anything else is unknown (D2). */
export type FieldTable = Readonly<Record<string, FieldRule>>;

const KIND_TEXT: Record<Kind, string> = {
  object: 'an object',
  list: 'a list',
  string: 'a string',
  integer: 'a whole number',
  boolean: 'true or false',
  intOrString: 'a port number or name',
  timestamp: 'a timestamp',
};

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'object':
      return isRecord(value);
    case 'list':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'intOrString':
      return typeof value === 'string' || Number.isInteger(value);
    case 'timestamp':
      // A YAML 1.1 parse turns unquoted timestamps into Dates; the wire form is a string either way.
      return typeof value === 'string' || value instanceof Date;
  }
}

/** How a raw value reads in a sentence: `the string "80"`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `the ${typeof value} ${String(value)}`;
  }
  return Array.isArray(value) ? 'a list' : 'an object';
}

/** The field as the user wrote it, e.g. `port` or `from[2]`: the path's tail from its last name. */
export function fieldLabel(path: FieldPath): string {
  let start = path.length - 1;
  while (start > 0 && typeof path[start] === 'number') start--;
  return formatPath(path.slice(Math.max(start, 0))) || 'the document';
}

/** The usual slip behind a wrong type, phrased as the fix. */
function repairHint(value: unknown, kind: Kind): string | undefined {
  if (kind === 'integer' && typeof value === 'string' && /^\s*\d+\s*$/.test(value))
    return 'remove the quotes';
  if (kind === 'boolean' && (value === 'true' || value === 'false')) return 'remove the quotes';
  if (kind === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return quoteHint(value);
  if (kind === 'list' && (typeof value === 'string' || typeof value === 'number'))
    return `write it as a list: [${value}]`;
  return undefined;
}

function quoteHint(value: number | boolean): string {
  const quoted = typeof value === 'boolean' || Number.isInteger(value) ? ` ("${value}")` : '';
  return `quote it${quoted}; YAML reads unquoted true, false and numbers as booleans and numbers, not text`;
}

/**
 * Reports D1 when `value` is present but not of the rule's type. Null counts as absent, as in
 * Go's decoder. Returns whether the value is present and usable.
 */
export function checkKind(value: unknown, rule: FieldRule, path: FieldPath, out: Issues): boolean {
  if (value === null || value === undefined) return false;
  const { kind, example } = typeof rule === 'string' ? { kind: rule, example: undefined } : rule;
  if (hasKind(value, kind)) return true;
  const hint = repairHint(value, kind);
  const expected = `${KIND_TEXT[kind]}${example ? ` such as ${example}` : ''}`;
  fail(
    out,
    path,
    'D1',
    `${fieldLabel(path)} must be ${expected}, not ${describeValue(value)}${hint ? `: ${hint}` : ''}`,
  );
  return false;
}

/** A list item as Go decodes it: null is the zero value `{}`; anything else but an object is D1. */
export function itemRecord(
  item: unknown,
  path: FieldPath,
  out: Issues,
  example: string,
): RawRecord | undefined {
  if (item === null || item === undefined) return {};
  return checkKind(item, { kind: 'object', example }, path, out) ? (item as RawRecord) : undefined;
}

/** A string list item; null decodes as "". */
function itemString(item: unknown, path: FieldPath, out: Issues): string | undefined {
  if (item === null || item === undefined) return '';
  return checkKind(item, 'string', path, out) ? (item as string) : undefined;
}

/** Reports unknown fields (D2) and wrongly typed known ones (D1) of one object. */
export function checkFields(
  record: RawRecord,
  table: FieldTable,
  path: FieldPath,
  out: Issues,
  where: string,
  hintFor: (key: string) => string | undefined = () => undefined,
): void {
  const allowed = Object.keys(table);
  for (const [key, value] of Object.entries(record)) {
    const at = [...path, key];
    if (Object.hasOwn(table, key)) checkKind(value, table[key]!, at, out);
    else fail(out, at, 'D2', unknownFieldMessage(key, allowed, where, hintFor(key)));
  }
}

function unknownFieldMessage(
  key: string,
  allowed: string[],
  where: string,
  hint: string | undefined,
): string {
  const near = nearestField(key, allowed);
  let advice = hint;
  if (!advice && near) {
    advice =
      near.toLowerCase() === key.toLowerCase()
        ? `field names are case-sensitive, did you mean "${near}"?`
        : `did you mean "${near}"?`;
  }
  const first = `unknown field "${key}" in ${where}${advice ? `: ${advice}` : ''}`;
  return `${/[.?!]$/.test(first) ? first : `${first}.`} Allowed fields here: ${allowed.join(', ')}.`;
}

/** The allowed field a typo most likely meant: same letters in another case, or one or two edits away. */
function nearestField(key: string, allowed: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameLetters = allowed.find((field) => field.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const budget = key.length <= 4 ? 1 : 2;
  let best: { field: string; distance: number } | undefined;
  for (const field of allowed) {
    const distance = editDistance(lower, field.toLowerCase());
    if (distance <= budget && (!best || distance < best.distance)) best = { field, distance };
  }
  return best?.field;
}

/** Optimal-string-alignment distance: like Levenshtein, with a swap of neighbours costing one. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

// ---------------------------------------------------------------------------------------------
// ObjectMeta (M1-M6) and label selectors (S1-S6): shared by every kind.

export const PORT_PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

const META_FIELDS: FieldTable = {
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  labels: { kind: 'object', example: '{app: web}' },
  annotations: { kind: 'object', example: '{owner: team-a}' },
  uid: 'string',
  resourceVersion: 'string',
  generation: 'integer',
  creationTimestamp: 'timestamp',
  deletionTimestamp: 'timestamp',
  deletionGracePeriodSeconds: 'integer',
  ownerReferences: 'list',
  finalizers: 'list',
  managedFields: 'list',
  selfLink: 'string',
};
const OWNER_REFERENCE_FIELDS: FieldTable = {
  apiVersion: 'string',
  kind: 'string',
  name: 'string',
  uid: 'string',
  controller: 'boolean',
  blockOwnerDeletion: 'boolean',
};
const MANAGED_FIELDS_ENTRY_FIELDS: FieldTable = {
  manager: 'string',
  operation: 'string',
  apiVersion: 'string',
  time: 'timestamp',
  fieldsType: 'string',
  fieldsV1: 'object',
  subresource: 'string',
};

export interface ObjectMetaOptions {
  /** Namespaces are named by DNS-1123 labels; NetworkPolicies, Pods and workloads by subdomains. */
  nameRule?: 'subdomain' | 'label';
}

/** M1-M3, M5, M6 and the decoding of `metadata`. */
export function validateObjectMeta(
  meta: unknown,
  path: FieldPath,
  options: ObjectMetaOptions = {},
): ValidationIssue[] {
  const out: Issues = [];
  if (meta !== null && meta !== undefined && !checkKind(meta, 'object', path, out)) return out;
  const record = isRecord(meta) ? meta : {};
  checkFields(record, META_FIELDS, path, out, 'metadata', (key) =>
    ['apiVersion', 'kind', 'spec'].includes(key)
      ? `${key} belongs at the top level, not inside metadata`
      : undefined,
  );
  checkNames(record, path, options.nameRule === 'label' ? dns1123Label : dns1123Subdomain, out);
  if (isRecord(record.labels)) checkLabelMap(record.labels, [...path, 'labels'], 'M6', out);
  if (isRecord(record.annotations)) checkAnnotations(record.annotations, [...path, 'annotations'], out);
  arrayAt(record, 'finalizers').forEach((item, i) => itemString(item, [...path, 'finalizers', i], out));
  checkEntries(record, 'ownerReferences', OWNER_REFERENCE_FIELDS, path, out);
  checkEntries(record, 'managedFields', MANAGED_FIELDS_ENTRY_FIELDS, path, out);
  return out;
}

function checkEntries(record: RawRecord, key: string, table: FieldTable, path: FieldPath, out: Issues): void {
  arrayAt(record, key).forEach((item, i) => {
    const entry = itemRecord(item, [...path, key, i], out, '{...}');
    if (entry) checkFields(entry, table, [...path, key, i], out, `an entry of ${key}`);
  });
}

function checkNames(meta: RawRecord, path: FieldPath, grammar: (s: string) => string[], out: Issues): void {
  const generateName = typeof meta.generateName === 'string' ? meta.generateName : '';
  if (generateName) {
    // Check the name the server will make: the prefix cut to 248 characters plus 5 random
    // alphanumerics. So `web-` is fine and `web.-` is not.
    const errors = grammar(`${generateName.slice(0, 248)}a`);
    if (errors.length)
      fail(
        out,
        [...path, 'generateName'],
        'M3',
        `generateName ${JSON.stringify(generateName)} is invalid: ${errors.join('; ')}`,
      );
  }
  if (typeof meta.name === 'string' && meta.name !== '') {
    const errors = grammar(meta.name);
    if (errors.length)
      fail(
        out,
        [...path, 'name'],
        'M2',
        `name ${JSON.stringify(meta.name)} is invalid: ${errors.join('; ')}`,
      );
  } else if ((meta.name === undefined || meta.name === null || meta.name === '') && !generateName) {
    fail(out, [...path, 'name'], 'M1', 'name or generateName is required: give the object a metadata.name');
  }
  if (typeof meta.namespace === 'string' && meta.namespace !== '') {
    const errors = dns1123Label(meta.namespace);
    if (errors.length)
      fail(
        out,
        [...path, 'namespace'],
        'M5',
        `namespace ${JSON.stringify(meta.namespace)} is invalid: ${errors.join('; ')}`,
      );
  }
}

/** Label keys and values (M6 on metadata.labels, S1 on matchLabels); null values decode as "". */
function checkLabelMap(labels: RawRecord, path: FieldPath, code: string, out: Issues): void {
  for (const [key, value] of Object.entries(labels)) {
    const at = [...path, key];
    const keyErrors = qualifiedName(key);
    if (keyErrors.length)
      fail(out, at, code, `label key ${JSON.stringify(key)} is invalid: ${keyErrors.join('; ')}`);
    if (value !== null && value !== undefined && typeof value !== 'string') {
      const hint = typeof value === 'number' || typeof value === 'boolean' ? `: ${quoteHint(value)}` : '';
      fail(
        out,
        at,
        'D1',
        `the value of label ${JSON.stringify(key)} must be a string, not ${describeValue(value)}${hint}`,
      );
      continue;
    }
    const valueErrors = labelValue(value ?? '');
    if (valueErrors.length) {
      fail(
        out,
        at,
        code,
        `label value ${JSON.stringify(value)} of ${JSON.stringify(key)} is invalid: ${valueErrors.join('; ')}`,
      );
    }
  }
}

function checkAnnotations(annotations: RawRecord, path: FieldPath, out: Issues): void {
  let totalBytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    const at = [...path, key];
    // The API server lowercases annotation keys before checking them.
    const keyErrors = qualifiedName(key.toLowerCase());
    if (keyErrors.length)
      fail(out, at, 'M6', `annotation key ${JSON.stringify(key)} is invalid: ${keyErrors.join('; ')}`);
    if (value !== null && value !== undefined && typeof value !== 'string') {
      const hint = typeof value === 'number' || typeof value === 'boolean' ? `: ${quoteHint(value)}` : '';
      fail(
        out,
        at,
        'D1',
        `the value of annotation ${JSON.stringify(key)} must be a string, not ${describeValue(value)}${hint}`,
      );
    }
    totalBytes += byteLength(key) + (typeof value === 'string' ? byteLength(value) : 0);
  }
  if (totalBytes > ANNOTATIONS_MAX_BYTES) {
    fail(
      out,
      path,
      'M6',
      `annotations are too long: keys and values take ${totalBytes} bytes together, and may take at most ${ANNOTATIONS_MAX_BYTES}`,
    );
  }
}

const SELECTOR_EXAMPLE = '{} or {matchLabels: {app: web}}';
const SELECTOR_FIELDS: FieldTable = {
  matchLabels: { kind: 'object', example: '{app: web}' },
  matchExpressions: { kind: 'list', example: '[{key: app, operator: In, values: [web]}]' },
};
const REQUIREMENT_FIELDS: FieldTable = {
  key: 'string',
  operator: 'string',
  values: { kind: 'list', example: '[web, api]' },
};
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** S1-S6 and the decoding of one LabelSelector; null or absent is fine (no selector). */
export function validateLabelSelector(sel: unknown, path: FieldPath): ValidationIssue[] {
  const out: Issues = [];
  if (!checkKind(sel, { kind: 'object', example: SELECTOR_EXAMPLE }, path, out)) return out;
  const selector = sel as RawRecord;
  checkFields(selector, SELECTOR_FIELDS, path, out, 'a label selector', (key) =>
    key.startsWith('match')
      ? undefined
      : `a selector has only matchLabels and matchExpressions; to match the label "${key}", write matchLabels: {${key}: …}`,
  );
  if (isRecord(selector.matchLabels))
    checkLabelMap(selector.matchLabels, [...path, 'matchLabels'], 'S1', out);
  arrayAt(selector, 'matchExpressions').forEach((item, i) =>
    checkRequirement(item, [...path, 'matchExpressions', i], out),
  );
  return out;
}

function checkRequirement(item: unknown, path: FieldPath, out: Issues): void {
  const requirement = itemRecord(item, path, out, '{key: app, operator: In, values: [web]}');
  if (!requirement) return;
  checkFields(requirement, REQUIREMENT_FIELDS, path, out, 'a match expression');
  const values = arrayAt(requirement, 'values');
  if (
    requirement.operator === null ||
    requirement.operator === undefined ||
    typeof requirement.operator === 'string'
  ) {
    checkOperator(requirement.operator ?? '', values.length, path, out);
  }
  if (requirement.key === null || requirement.key === undefined || requirement.key === '') {
    fail(
      out,
      [...path, 'key'],
      'S5',
      'key is required: the label key to test, such as app or app.kubernetes.io/name',
    );
  } else if (typeof requirement.key === 'string') {
    const errors = qualifiedName(requirement.key);
    if (errors.length)
      fail(
        out,
        [...path, 'key'],
        'S5',
        `key ${JSON.stringify(requirement.key)} is invalid: ${errors.join('; ')}`,
      );
  }
  values.forEach((item, j) => {
    const value = itemString(item, [...path, 'values', j], out);
    const errors = value === undefined ? [] : labelValue(value);
    if (errors.length)
      fail(
        out,
        [...path, 'values', j],
        'S6',
        `value ${JSON.stringify(value)} is invalid: ${errors.join('; ')}`,
      );
  });
}

function checkOperator(operator: string, valueCount: number, path: FieldPath, out: Issues): void {
  if (operator === 'In' || operator === 'NotIn') {
    if (valueCount === 0) {
      fail(
        out,
        [...path, 'values'],
        'S3',
        `values must be specified when operator is 'In' or 'NotIn': list at least one value for ${operator}, e.g. values: [web]`,
      );
    }
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (valueCount > 0) {
      fail(
        out,
        [...path, 'values'],
        'S4',
        `values may not be specified when operator is 'Exists' or 'DoesNotExist': remove the values of this ${operator} test`,
      );
    }
  } else {
    fail(out, [...path, 'operator'], 'S2', operatorMessage(operator));
  }
}

function operatorMessage(operator: string): string {
  const valid = 'use In, NotIn, Exists or DoesNotExist';
  if (operator === '') return `operator is required: ${valid}`;
  const sameLetters = OPERATORS.find((op) => op.toLowerCase() === operator.toLowerCase());
  let why = valid;
  if (sameLetters) why = `operators are case-sensitive, did you mean "${sameLetters}"?`;
  else if (operator === 'Gt' || operator === 'Lt') why = `Gt and Lt exist only in node selectors; ${valid}`;
  return `operator ${JSON.stringify(operator)} is not a valid selector operator: ${why}`;
}

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
    out.push({ path: ['status'], severity: 'warning', code: 'D2', message: 'status is ignored: current servers have no NetworkPolicy status and drop or reject it' });
  }
  checkFields(fields, TOP_FIELDS, [], out, 'a NetworkPolicy', topLevelHint);
  if (obj.metadata === null || obj.metadata === undefined || isRecord(obj.metadata)) {
    out.push(...validateObjectMeta(obj.metadata, ['metadata']));
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
    out.push(...validateLabelSelector(spec.podSelector, [...path, 'podSelector']));
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
    if (isRecord(peer[key])) out.push(...validateLabelSelector(peer[key], [...path, key]));
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

export function isPortNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

function portNameMessage(name: string, errors: string[]): string {
  if (/^\d+$/.test(name)) {
    return `port ${JSON.stringify(name)} is quoted, so it is read as a port name, and a port name must contain at least one letter (a-z): write port: ${name} without quotes`;
  }
  return invalidPortNameMessage(name, errors);
}

/** R3 and its container-port twin; `errors` are ianaSvcName's. */
export function invalidPortNameMessage(name: string, errors: string[]): string {
  const hint = ianaSvcName(name.toLowerCase()).length === 0 ? '. Port names are lowercase' : '';
  return `port name ${JSON.stringify(name)} is invalid: ${errors.join('; ')}${hint}`;
}
