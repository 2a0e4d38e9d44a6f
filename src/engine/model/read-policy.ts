import { isRecord, stringMap, type RawRecord } from '../util/raw';
import type {
  Direction,
  LabelSelector,
  LabelSelectorRequirement,
  Peer,
  Policy,
  PolicyPort,
  PolicyRule,
  Protocol,
  SelectorOperator,
  SourceRef,
} from './types';

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Reads a LabelSelector; `null`/absent fields are empty, as the API server decodes them. */
export function readSelector(raw: unknown): LabelSelector {
  const matchExpressions: LabelSelectorRequirement[] = [];
  const expressions = isRecord(raw) && Array.isArray(raw.matchExpressions) ? raw.matchExpressions : [];
  for (const expression of expressions) {
    if (!isRecord(expression) || typeof expression.key !== 'string') continue;
    const operator = OPERATORS.find((op) => op === expression.operator);
    if (!operator) continue;
    const values = Array.isArray(expression.values)
      ? expression.values.filter((v): v is string => typeof v === 'string')
      : [];
    matchExpressions.push({ key: expression.key, operator, values });
  }
  return { matchLabels: stringMap(isRecord(raw) ? raw.matchLabels : undefined), matchExpressions };
}

function readProtocol(raw: unknown): Protocol {
  return raw === 'UDP' || raw === 'SCTP' ? raw : 'TCP';
}

function readPorts(raw: unknown): PolicyPort[] | null {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  return raw.filter(isRecord).map((entry) => {
    const port: PolicyPort = { protocol: readProtocol(entry.protocol) };
    if (typeof entry.port === 'number' || typeof entry.port === 'string') port.port = entry.port;
    if (typeof entry.endPort === 'number' && typeof entry.port === 'number') port.endPort = entry.endPort;
    return port;
  });
}

function readPeer(raw: RawRecord): Peer {
  if (isRecord(raw.ipBlock)) {
    const except = Array.isArray(raw.ipBlock.except)
      ? raw.ipBlock.except.filter((e): e is string => typeof e === 'string')
      : [];
    return { kind: 'ipBlock', ipBlock: { cidr: String(raw.ipBlock.cidr ?? ''), except } };
  }
  const peer: Peer = { kind: 'selector' };
  // Presence decides meaning: a null selector is absent, `{}` is present and matches everything.
  if (isRecord(raw.podSelector)) peer.podSelector = readSelector(raw.podSelector);
  if (isRecord(raw.namespaceSelector)) peer.namespaceSelector = readSelector(raw.namespaceSelector);
  return peer;
}

function readRules(
  raw: unknown,
  peersKey: 'from' | 'to',
  sourceOf: (index: number) => SourceRef,
): PolicyRule[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((rule, index) => {
    const peersRaw = isRecord(rule) ? rule[peersKey] : undefined;
    const peers =
      Array.isArray(peersRaw) && peersRaw.length > 0 ? peersRaw.filter(isRecord).map(readPeer) : null;
    return {
      index,
      peers,
      ports: readPorts(isRecord(rule) ? rule.ports : undefined),
      source: sourceOf(index),
    };
  });
}

/** The API server's defaulting of policyTypes: Ingress always, Egress when egress rules exist. */
export function defaultPolicyTypes(explicit: unknown, egressRuleCount: number): Direction[] {
  if (Array.isArray(explicit) && explicit.length > 0) {
    const types: Direction[] = [];
    for (const type of explicit)
      if ((type === 'Ingress' || type === 'Egress') && !types.includes(type)) types.push(type);
    return types;
  }
  return egressRuleCount > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/**
 * Builds the evaluated form of a NetworkPolicy that passed validation of its spec.
 * `ruleSource(direction, index)` locates a rule in the text so explanations can link to it.
 */
export function readPolicy(
  raw: RawRecord,
  namespace: string,
  name: string,
  source: SourceRef,
  ruleSource: (direction: 'ingress' | 'egress', index: number) => SourceRef,
): Policy {
  const spec = isRecord(raw.spec) ? raw.spec : {};
  const ingress = readRules(spec.ingress, 'from', (i) => ruleSource('ingress', i));
  const egress = readRules(spec.egress, 'to', (i) => ruleSource('egress', i));
  return {
    id: `${namespace}/${name}`,
    namespace,
    name,
    podSelector: readSelector(spec.podSelector),
    policyTypes: defaultPolicyTypes(spec.policyTypes, egress.length),
    ingress,
    egress,
    source,
  };
}
