/**
 * The rule editor's working copy of a NetworkPolicy spec: every field as the text the user types,
 * read from the spec as written and turned back into a spec only when every field is valid. The
 * spec goes to the engine as an update-policy intent; the engine writes the YAML.
 */
import { isRecord, type Direction, type Protocol } from '../../engine';
import { labelKeyProblem, labelValueProblem, parseCidrField, parsePortNumber } from './form-values';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
export const OPERATORS: readonly Operator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export interface LabelDraft {
  key: string;
  value: string;
}

export interface ExpressionDraft {
  key: string;
  operator: Operator;
  /** Comma-separated, for In and NotIn. */
  values: string;
}

export interface SelectorDraft {
  labels: LabelDraft[];
  expressions: ExpressionDraft[];
}

/** pods: podSelector alone; namespaces: namespaceSelector alone; both: the two in one peer (AND). */
export type PeerKind = 'pods' | 'namespaces' | 'both' | 'ipBlock';

export interface PeerDraft {
  kind: PeerKind;
  pods: SelectorDraft;
  namespaces: SelectorDraft;
  cidr: string;
  /** Comma-separated CIDRs. */
  except: string;
}

export interface PortDraft {
  /** A number, a port name, or empty for every port of the protocol. */
  port: string;
  endPort: string;
  /** Empty: not written, which means TCP. */
  protocol: Protocol | '';
}

export interface RuleDraft {
  /** Empty: every peer. */
  peers: PeerDraft[];
  /** Empty: every port. */
  ports: PortDraft[];
}

export interface SpecDraft {
  podSelector: SelectorDraft;
  types: Record<Direction, boolean>;
  rules: Record<Direction, RuleDraft[]>;
}

export const PEERS_KEY = { Ingress: 'from', Egress: 'to' } as const;
export const RULES_KEY = { Ingress: 'ingress', Egress: 'egress' } as const;
export const DIRECTIONS: readonly Direction[] = ['Ingress', 'Egress'];

type Raw = Record<string, unknown>;
const isScalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

export const emptySelector = (): SelectorDraft => ({ labels: [], expressions: [] });
export const newLabel = (): LabelDraft => ({ key: '', value: '' });
export const newExpression = (): ExpressionDraft => ({ key: '', operator: 'In', values: '' });
export const newPeer = (): PeerDraft => ({
  kind: 'pods',
  pods: { labels: [newLabel()], expressions: [] },
  namespaces: emptySelector(),
  cidr: '',
  except: '',
});
export const newPort = (): PortDraft => ({ port: '', endPort: '', protocol: 'TCP' });
export const newRule = (): RuleDraft => ({ peers: [newPeer()], ports: [] });

/** Reading a spec: the draft, or what the editor cannot show (then it stays read-only). */
export interface ReadSpec {
  draft: SpecDraft;
  unsupported: string[];
}

function unknownKeys(raw: Raw, known: readonly string[], where: string, unsupported: string[]): void {
  for (const key of Object.keys(raw))
    if (!known.includes(key) && raw[key] !== null) unsupported.push(`${where}.${key}`);
}

function readSelector(raw: unknown, where: string, unsupported: string[]): SelectorDraft {
  const draft = emptySelector();
  if (raw === null || raw === undefined) return draft;
  if (!isRecord(raw)) {
    unsupported.push(where);
    return draft;
  }
  unknownKeys(raw, ['matchLabels', 'matchExpressions'], where, unsupported);
  if (isRecord(raw.matchLabels)) {
    for (const [key, value] of Object.entries(raw.matchLabels)) {
      if (isScalar(value) || value === null)
        draft.labels.push({ key, value: value === null ? '' : String(value) });
      else unsupported.push(`${where}.matchLabels.${key}`);
    }
  } else if (raw.matchLabels !== undefined && raw.matchLabels !== null)
    unsupported.push(`${where}.matchLabels`);
  if (Array.isArray(raw.matchExpressions)) {
    raw.matchExpressions.forEach((entry, i) => {
      const values = isRecord(entry) ? (entry.values ?? []) : null;
      if (
        !isRecord(entry) ||
        !OPERATORS.includes(entry.operator as Operator) ||
        typeof entry.key !== 'string' ||
        !Array.isArray(values) ||
        !values.every(isScalar)
      ) {
        unsupported.push(`${where}.matchExpressions[${i}]`);
        return;
      }
      unknownKeys(entry, ['key', 'operator', 'values'], `${where}.matchExpressions[${i}]`, unsupported);
      draft.expressions.push({
        key: entry.key,
        operator: entry.operator as Operator,
        values: values.map(String).join(', '),
      });
    });
  } else if (raw.matchExpressions !== undefined && raw.matchExpressions !== null)
    unsupported.push(`${where}.matchExpressions`);
  return draft;
}

function readPeer(raw: unknown, where: string, unsupported: string[]): PeerDraft {
  const peer: PeerDraft = {
    kind: 'pods',
    pods: emptySelector(),
    namespaces: emptySelector(),
    cidr: '',
    except: '',
  };
  if (!isRecord(raw)) {
    unsupported.push(where);
    return peer;
  }
  unknownKeys(raw, ['podSelector', 'namespaceSelector', 'ipBlock'], where, unsupported);
  if (isRecord(raw.ipBlock)) {
    unknownKeys(raw.ipBlock, ['cidr', 'except'], `${where}.ipBlock`, unsupported);
    const except = raw.ipBlock.except ?? [];
    if (!Array.isArray(except) || !except.every((entry) => typeof entry === 'string'))
      unsupported.push(`${where}.ipBlock.except`);
    return {
      ...peer,
      kind: 'ipBlock',
      cidr: typeof raw.ipBlock.cidr === 'string' ? raw.ipBlock.cidr : '',
      except: Array.isArray(except) ? except.join(', ') : '',
    };
  }
  const hasPods = isRecord(raw.podSelector);
  const hasNamespaces = isRecord(raw.namespaceSelector);
  peer.kind = hasPods && hasNamespaces ? 'both' : hasNamespaces ? 'namespaces' : 'pods';
  peer.pods = readSelector(raw.podSelector, `${where}.podSelector`, unsupported);
  peer.namespaces = readSelector(raw.namespaceSelector, `${where}.namespaceSelector`, unsupported);
  if (!hasPods && !hasNamespaces) unsupported.push(`${where} (a peer with no selector)`);
  return peer;
}

function readPort(raw: unknown, where: string, unsupported: string[]): PortDraft {
  if (!isRecord(raw)) {
    unsupported.push(where);
    return newPort();
  }
  unknownKeys(raw, ['port', 'endPort', 'protocol'], where, unsupported);
  const protocol = raw.protocol === undefined || raw.protocol === null ? '' : String(raw.protocol);
  if (protocol !== '' && !['TCP', 'UDP', 'SCTP'].includes(protocol)) unsupported.push(`${where}.protocol`);
  return {
    port: raw.port === undefined || raw.port === null ? '' : String(raw.port),
    endPort: raw.endPort === undefined || raw.endPort === null ? '' : String(raw.endPort),
    protocol: (['TCP', 'UDP', 'SCTP'].includes(protocol) ? protocol : '') as PortDraft['protocol'],
  };
}

function readRule(raw: unknown, direction: Direction, where: string, unsupported: string[]): RuleDraft {
  if (!isRecord(raw)) {
    unsupported.push(where);
    return { peers: [], ports: [] };
  }
  const peersKey = PEERS_KEY[direction];
  unknownKeys(raw, [peersKey, 'ports'], where, unsupported);
  const peers = raw[peersKey];
  const ports = raw.ports;
  if (peers !== undefined && peers !== null && !Array.isArray(peers))
    unsupported.push(`${where}.${peersKey}`);
  if (ports !== undefined && ports !== null && !Array.isArray(ports)) unsupported.push(`${where}.ports`);
  return {
    peers: Array.isArray(peers)
      ? peers.map((peer, i) => readPeer(peer, `${where}.${peersKey}[${i}]`, unsupported))
      : [],
    ports: Array.isArray(ports)
      ? ports.map((port, i) => readPort(port, `${where}.ports[${i}]`, unsupported))
      : [],
  };
}

/** The draft of a spec as written; `policyTypes` are the ones the engine evaluated (defaults applied). */
export function readSpec(spec: Raw, policyTypes: readonly Direction[]): ReadSpec {
  const unsupported: string[] = [];
  unknownKeys(spec, ['podSelector', 'policyTypes', 'ingress', 'egress'], 'spec', unsupported);
  const rules = { Ingress: [] as RuleDraft[], Egress: [] as RuleDraft[] };
  for (const direction of DIRECTIONS) {
    const list = spec[RULES_KEY[direction]];
    if (Array.isArray(list))
      rules[direction] = list.map((rule, i) =>
        readRule(rule, direction, `spec.${RULES_KEY[direction]}[${i}]`, unsupported),
      );
    else if (list !== undefined && list !== null) unsupported.push(`spec.${RULES_KEY[direction]}`);
  }
  return {
    draft: {
      podSelector: readSelector(spec.podSelector, 'spec.podSelector', unsupported),
      types: { Ingress: policyTypes.includes('Ingress'), Egress: policyTypes.includes('Egress') },
      rules,
    },
    unsupported,
  };
}

/** Problems by field path (`rules.Ingress.0.peers.1.cidr`); empty when the draft can be written. */
export type FieldErrors = Record<string, string>;

const splitList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

function writeSelector(draft: SelectorDraft, path: string, errors: FieldErrors): Raw {
  const out: Raw = {};
  const matchLabels: Record<string, string> = {};
  draft.labels.forEach(({ key, value }, i) => {
    const keyProblem = labelKeyProblem(key.trim());
    if (keyProblem) errors[`${path}.labels.${i}.key`] = keyProblem;
    else if (key.trim() in matchLabels) errors[`${path}.labels.${i}.key`] = `“${key.trim()}” appears twice.`;
    const valueProblem = labelValueProblem(value.trim());
    if (valueProblem) errors[`${path}.labels.${i}.value`] = valueProblem;
    matchLabels[key.trim()] = value.trim();
  });
  if (draft.labels.length) out.matchLabels = matchLabels;
  if (draft.expressions.length) {
    out.matchExpressions = draft.expressions.map(({ key, operator, values }, i) => {
      const keyProblem = labelKeyProblem(key.trim());
      if (keyProblem) errors[`${path}.expressions.${i}.key`] = keyProblem;
      const list = splitList(values);
      if ((operator === 'In' || operator === 'NotIn') && list.length === 0)
        errors[`${path}.expressions.${i}.values`] = `${operator} needs at least one value.`;
      const badValue = list.map(labelValueProblem).find(Boolean);
      if (badValue) errors[`${path}.expressions.${i}.values`] = badValue;
      return operator === 'In' || operator === 'NotIn'
        ? { key: key.trim(), operator, values: list }
        : { key: key.trim(), operator };
    });
  }
  return out;
}

function writePeer(peer: PeerDraft, path: string, errors: FieldErrors): Raw {
  if (peer.kind === 'ipBlock') {
    const cidr = parseCidrField(peer.cidr);
    if (!cidr.ok || !peer.cidr.includes('/'))
      errors[`${path}.cidr`] = cidr.ok
        ? 'Give the prefix length, such as /24 (or /32 for one address).'
        : cidr.message;
    const except = splitList(peer.except);
    const badExcept = except
      .map((entry) =>
        entry.includes('/')
          ? parseCidrField(entry)
          : { ok: false as const, message: `“${entry}” needs a prefix length, such as /24.` },
      )
      .find((parsed) => !parsed.ok);
    if (badExcept && !badExcept.ok) errors[`${path}.except`] = badExcept.message;
    return { ipBlock: except.length ? { cidr: peer.cidr.trim(), except } : { cidr: peer.cidr.trim() } };
  }
  const out: Raw = {};
  if (peer.kind !== 'pods')
    out.namespaceSelector = writeSelector(peer.namespaces, `${path}.namespaces`, errors);
  if (peer.kind !== 'namespaces') out.podSelector = writeSelector(peer.pods, `${path}.pods`, errors);
  return out;
}

function writePort(port: PortDraft, path: string, errors: FieldErrors): Raw {
  const out: Raw = {};
  if (port.protocol) out.protocol = port.protocol;
  const text = port.port.trim();
  if (text !== '') {
    const number = parsePortNumber(text);
    if (number !== null) out.port = number;
    else if (/^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(text)) out.port = text;
    else
      errors[`${path}.port`] =
        `“${text}” is not a port number (1-65535) or a port name (lowercase, at most 15 characters).`;
  }
  const end = port.endPort.trim();
  if (end !== '') {
    const endPort = parsePortNumber(end);
    if (typeof out.port !== 'number')
      errors[`${path}.endPort`] = 'A range needs a port number to start from.';
    else if (endPort === null || endPort < out.port)
      errors[`${path}.endPort`] = `The range must end at a port from ${out.port} to 65535.`;
    else out.endPort = endPort;
  }
  return out;
}

/** The spec the draft stands for, and the problems that keep it from being sent. */
export function writeSpec(draft: SpecDraft): { spec: Raw; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const spec: Raw = { podSelector: writeSelector(draft.podSelector, 'podSelector', errors) };
  const types = DIRECTIONS.filter((direction) => draft.types[direction]);
  if (types.length === 0) errors.types = 'A policy governs ingress, egress or both: tick at least one.';
  spec.policyTypes = types;
  for (const direction of types) {
    const rules = draft.rules[direction];
    if (!rules.length) continue;
    spec[RULES_KEY[direction]] = rules.map((rule, r) => {
      const path = `rules.${direction}.${r}`;
      const out: Raw = {};
      if (rule.peers.length)
        out[PEERS_KEY[direction]] = rule.peers.map((peer, p) =>
          writePeer(peer, `${path}.peers.${p}`, errors),
        );
      if (rule.ports.length)
        out.ports = rule.ports.map((port, p) => writePort(port, `${path}.ports.${p}`, errors));
      return out;
    });
  }
  return { spec, errors };
}

/** Two drafts that write the same spec are the same change. */
export function specKey(draft: SpecDraft): string {
  return JSON.stringify(writeSpec(draft).spec);
}
