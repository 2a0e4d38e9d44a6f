import type { FieldPath } from '../diagnostics';
import { isRecord, stringAt, type RawRecord } from '../util/raw';
import { readSelector } from './read-policy';
import type {
  LabelSelector,
  PodsSelection,
  Protocol,
  SourceRef,
  Tier,
  TierAction,
  TieredKind,
  TieredPeer,
  TieredPolicy,
  TieredPort,
  TieredRule,
} from './types';

const SHORT_NAME: Record<TieredKind, string> = {
  ClusterNetworkPolicy: 'cnp',
  AdminNetworkPolicy: 'anp',
  BaselineAdminNetworkPolicy: 'banp',
};

/** Where the reader gave up: the object's meaning is not known, so it is not evaluated. */
export interface Unreadable {
  path: FieldPath;
  message: string;
}

export type ReadTieredResult = { ok: true; policy: TieredPolicy } | { ok: false; problems: Unreadable[] };

const EMPTY_SELECTOR: LabelSelector = { matchLabels: {}, matchExpressions: [] };

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

class Reader {
  readonly problems: Unreadable[] = [];

  constructor(
    private readonly kind: TieredKind,
    private readonly ruleSource: (direction: 'ingress' | 'egress', index: number) => SourceRef,
  ) {}

  private fail(path: FieldPath, message: string): void {
    this.problems.push({ path, message });
  }

  private get v1alpha1(): boolean {
    return this.kind !== 'ClusterNetworkPolicy';
  }

  /** `{namespaces}` or `{pods: {namespaceSelector?, podSelector}}`; a missing namespaceSelector is all namespaces. */
  selection(raw: unknown, path: FieldPath): PodsSelection | null {
    if (isRecord(raw) && isRecord(raw.namespaces) && raw.pods == null)
      return { namespaceSelector: readSelector(raw.namespaces), podSelector: EMPTY_SELECTOR };
    if (isRecord(raw) && isRecord(raw.pods) && raw.namespaces == null && isRecord(raw.pods.podSelector))
      return {
        namespaceSelector: readSelector(raw.pods.namespaceSelector),
        podSelector: readSelector(raw.pods.podSelector),
      };
    this.fail(path, 'must set exactly one of namespaces or pods (with a podSelector)');
    return null;
  }

  private peer(raw: unknown, path: FieldPath): TieredPeer | null {
    if (!isRecord(raw)) {
      this.fail(path, 'a peer must be a mapping');
      return null;
    }
    const set = Object.keys(raw).filter((key) => raw[key] != null);
    if (set.length > 1) {
      this.fail(path, `a peer sets exactly one field, not ${set.join(' and ')}`);
      return null;
    }
    const field = set[0];
    if (field === 'namespaces' || field === 'pods') {
      const selection = this.selection(raw, path);
      return selection && { kind: 'pods', ...selection };
    }
    if (field === 'networks' || field === 'domainNames') {
      const value = raw[field];
      const texts = Array.isArray(value) ? value.filter((entry) => typeof entry === 'string') : [];
      if (!Array.isArray(value) || texts.length !== value.length) {
        this.fail([...path, field], `${field} must be a list of text`);
        return null;
      }
      return field === 'networks'
        ? { kind: 'networks', cidrs: texts }
        : { kind: 'domainNames', domains: texts };
    }
    if (field === 'nodes' && isRecord(raw.nodes))
      return { kind: 'nodes', nodeSelector: readSelector(raw.nodes) };
    return { kind: 'unknown' };
  }

  private protocol(raw: unknown): Protocol | null {
    if (raw === undefined || raw === null) return 'TCP';
    return raw === 'TCP' || raw === 'UDP' || raw === 'SCTP' ? raw : null;
  }

  /**
   * v1alpha1 `ports`: portNumber, portRange (protocol defaults to TCP) or namedPort. `undefined`:
   * a protocol other than the three evaluated (no schema enum stops it), so the entry matches nothing.
   */
  private v1alpha1Port(raw: RawRecord, path: FieldPath): TieredPort | null | undefined {
    if (typeof raw.namedPort === 'string') return { named: raw.namedPort };
    const entry = isRecord(raw.portNumber) ? raw.portNumber : isRecord(raw.portRange) ? raw.portRange : null;
    const protocol = entry && this.protocol(entry.protocol);
    if (entry && protocol && isInteger(entry.port)) return { protocol, start: entry.port, end: entry.port };
    if (entry && protocol && isInteger(entry.start) && isInteger(entry.end))
      return { protocol, start: entry.start, end: entry.end };
    if (entry && !protocol) return undefined;
    this.fail(path, 'a port entry needs portNumber {port}, portRange {start, end} or namedPort');
    return null;
  }

  /** v1alpha2 `protocols`: tcp/udp/sctp with destinationPort {number | range}, or destinationNamedPort. */
  private v1alpha2Port(raw: RawRecord, path: FieldPath): TieredPort | null {
    if (typeof raw.destinationNamedPort === 'string') return { named: raw.destinationNamedPort };
    for (const [key, protocol] of [
      ['tcp', 'TCP'],
      ['udp', 'UDP'],
      ['sctp', 'SCTP'],
    ] as const) {
      const entry = raw[key];
      if (!isRecord(entry)) continue;
      const port = entry.destinationPort;
      // tiered-policies.md 8.10: an omitted destinationPort reads as every port of the protocol.
      if (port == null) return { protocol, start: 1, end: 65535 };
      if (isRecord(port) && isInteger(port.number)) return { protocol, start: port.number, end: port.number };
      const range = isRecord(port) ? port.range : undefined;
      if (isRecord(range) && isInteger(range.start) && isInteger(range.end))
        return { protocol, start: range.start, end: range.end };
      this.fail([...path, key, 'destinationPort'], 'destinationPort needs a number or a range {start, end}');
      return null;
    }
    this.fail(path, 'a protocols entry needs tcp, udp, sctp or destinationNamedPort');
    return null;
  }

  private rules(raw: unknown, direction: 'ingress' | 'egress'): TieredRule[] {
    if (raw == null) return [];
    if (!Array.isArray(raw)) {
      this.fail(['spec', direction], `${direction} must be a list of rules`);
      return [];
    }
    const peersKey = direction === 'ingress' ? 'from' : 'to';
    const portsKey = this.v1alpha1 ? 'ports' : 'protocols';
    return raw.flatMap((rule, index): TieredRule[] => {
      const path = ['spec', direction, index];
      if (!isRecord(rule)) {
        this.fail(path, 'a rule must be a mapping');
        return [];
      }
      const action = readAction(rule.action, this.v1alpha1);
      if (!action) {
        this.fail([...path, 'action'], `action must be ${this.v1alpha1 ? 'Allow' : 'Accept'}, Deny or Pass`);
        return [];
      }
      const peersRaw = rule[peersKey];
      if (!Array.isArray(peersRaw) || peersRaw.length === 0) {
        this.fail([...path, peersKey], `${peersKey} must list at least one peer`);
        return [];
      }
      const peers = peersRaw.map((peer, i) => this.peer(peer, [...path, peersKey, i]));
      const portsRaw = rule[portsKey];
      let ports: TieredPort[] | null = null;
      if (Array.isArray(portsRaw) && portsRaw.length > 0) {
        ports = [];
        for (const [i, entry] of portsRaw.entries()) {
          const at = [...path, portsKey, i];
          const port = !isRecord(entry)
            ? (this.fail(at, 'a port entry must be a mapping'), null)
            : this.v1alpha1
              ? this.v1alpha1Port(entry, at)
              : this.v1alpha2Port(entry, at);
          if (port) ports.push(port);
        }
      } else if (portsRaw != null && !Array.isArray(portsRaw)) {
        this.fail([...path, portsKey], `${portsKey} must be a list`);
      }
      if (peers.some((peer) => peer === null)) return [];
      const read: TieredRule = {
        index,
        action,
        peers: peers as TieredPeer[],
        ports,
        source: this.ruleSource(direction, index),
      };
      const name = stringAt(rule, 'name');
      if (name !== undefined) read.name = name;
      return [read];
    });
  }

  read(raw: RawRecord, name: string, source: SourceRef): TieredPolicy | null {
    const spec = raw.spec;
    if (!isRecord(spec)) {
      this.fail(['spec'], 'the spec is missing');
      return null;
    }
    let tier: Tier;
    if (this.kind === 'ClusterNetworkPolicy') {
      if (spec.tier !== 'Admin' && spec.tier !== 'Baseline') {
        this.fail(['spec', 'tier'], 'tier must be Admin or Baseline');
        return null;
      }
      tier = spec.tier;
    } else tier = this.kind === 'AdminNetworkPolicy' ? 'Admin' : 'Baseline';
    let priority = 1000;
    if (this.kind !== 'BaselineAdminNetworkPolicy') {
      if (!isInteger(spec.priority)) {
        this.fail(['spec', 'priority'], 'priority must be a whole number');
        return null;
      }
      priority = spec.priority;
    }
    const subject = this.selection(spec.subject, ['spec', 'subject']);
    const ingress = this.rules(spec.ingress, 'ingress');
    const egress = this.rules(spec.egress, 'egress');
    if (!subject || this.problems.length > 0) return null;
    return {
      id: `${SHORT_NAME[this.kind]}/${name}`,
      kind: this.kind,
      name,
      tier,
      priority,
      subject,
      ingress,
      egress,
      source,
    };
  }
}

function readAction(raw: unknown, v1alpha1: boolean): TierAction | null {
  if (raw === 'Deny' || raw === 'Pass') return raw;
  if (raw === (v1alpha1 ? 'Allow' : 'Accept')) return 'Accept';
  return null;
}

/**
 * Reads a ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy onto the v1alpha2
 * model (tiered-policies.md §7). Never throws: what it cannot read makes the whole object
 * unreadable, because applying part of a policy would be a guess. The API server's rules
 * (limits, patterns, CEL) are validation's business, not the reader's.
 */
export function readTieredPolicy(
  raw: RawRecord,
  kind: TieredKind,
  name: string,
  source: SourceRef,
  ruleSource: (direction: 'ingress' | 'egress', index: number) => SourceRef,
): ReadTieredResult {
  const reader = new Reader(kind, ruleSource);
  const policy = reader.read(raw, name, source);
  return policy ? { ok: true, policy } : { ok: false, problems: reader.problems };
}
