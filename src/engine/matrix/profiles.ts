import { rulePortSet } from '../evaluate/evaluate';
import type { Direction, Endpoint, Policy, PolicyRule } from '../model/types';
import { namedPortsKey, type EndpointClass } from './partition';
import type { PeerSets } from './peer-sets';
import { PortSetTable } from './port-set-table';

/**
 * What one side of every connection allows, for all subjects that share it. Subjects selected by
 * the same policies (for that direction) decide identically, given the same family context and,
 * for ingress, the same named ports (named ports resolve on the destination, which for ingress is
 * the subject). So rows are computed once per profile, not once per class.
 */
export interface Profile {
  key: string;
  direction: Direction;
  policyIds: readonly string[];
  /** Port-set id (PortSetTable) per peer class: destinations for egress, sources for ingress. */
  row: ProfileRow;
}

/**
 * A profile's row. Most peers of a profile get no port at all, and a cluster of 40,000 classes
 * has about as many profiles, so dense rows would take classes² ids (gigabytes): a row keeps only
 * the peers it lets through, sorted, and becomes dense only when that is smaller or when a loop
 * over every pair asks for it.
 */
export class ProfileRow {
  private dense: Uint32Array | null;

  constructor(
    /** Peer classes with some port allowed, ascending; every other class is PortSetTable.EMPTY. */
    private readonly peers: Uint32Array,
    private readonly ports: Uint32Array,
    private readonly size: number,
  ) {
    this.dense = 2 * peers.length > size ? this.expand() : null;
  }

  /** A row from every class's id, as the tier walk computes it. */
  static of(dense: Uint32Array): ProfileRow {
    const peers: number[] = [];
    const ports: number[] = [];
    dense.forEach((id, peer) => {
      if (id === PortSetTable.EMPTY) return;
      peers.push(peer);
      ports.push(id);
    });
    return new ProfileRow(Uint32Array.from(peers), Uint32Array.from(ports), dense.length);
  }

  /** The port-set id towards (egress) or from (ingress) class `peer`. */
  at(peer: number): number {
    if (this.dense) return this.dense[peer]!;
    const { peers } = this;
    let lo = 0;
    let hi = peers.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const found = peers[mid]!;
      if (found === peer) return this.ports[mid]!;
      if (found < peer) lo = mid + 1;
      else hi = mid - 1;
    }
    return PortSetTable.EMPTY;
  }

  /** Every class's id, for loops over all pairs; built on first use and kept. */
  toArray(): Uint32Array {
    return (this.dense ??= this.expand());
  }

  private expand(): Uint32Array {
    const row = new Uint32Array(this.size); // PortSetTable.EMPTY everywhere
    for (let k = 0; k < this.peers.length; k++) row[this.peers[k]!] = this.ports[k]!;
    return row;
  }
}

interface PortSpec {
  key: string;
  /** Named ports resolve per destination; everything else is the same for every destination. */
  named: boolean;
}

function portSpecOf(rule: PolicyRule): PortSpec {
  if (rule.ports === null) return { key: '*', named: false };
  const parts = rule.ports.map(
    ({ protocol, port, endPort }) =>
      `${protocol}:${typeof port === 'string' ? `name=${port}` : (port ?? '')}:${endPort ?? ''}`,
  );
  return { key: parts.join(' '), named: rule.ports.some((entry) => typeof entry.port === 'string') };
}

/** Computes profile rows; shares its caches across incremental updates of one partition. */
export class ProfileRows {
  private readonly specs = new WeakMap<PolicyRule, PortSpec>();
  private readonly resolved = new Map<string, number>();
  private readonly namedKeys = new Map<string, number>();
  private readonly namedKeyOfClass: Int32Array;
  /** Where build() unions a row's ports; PortSetTable.EMPTY everywhere between builds. */
  private readonly scratch: Uint32Array;

  constructor(
    private readonly peers: PeerSets,
    readonly table: PortSetTable,
  ) {
    this.namedKeyOfClass = new Int32Array(peers.partition.classes.length).fill(-1);
    this.scratch = new Uint32Array(peers.partition.classes.length);
  }

  static key(
    direction: Direction,
    policyIds: readonly string[],
    cls: EndpointClass,
    namedKey: number,
  ): string {
    const own = direction === 'Ingress' ? `|${namedKey}` : '';
    return `${direction}|${cls.context}${own}|${policyIds.join('\u0000')}`;
  }

  /** Classes that declare the same names for the same ports get the same number. */
  namedKey(cls: EndpointClass): number {
    let id = this.namedKeyOfClass[cls.index]!;
    if (id < 0) {
      const text = cls.hostNetwork ? 'hostNetwork' : namedPortsKey(cls.representative);
      id = this.namedKeys.get(text) ?? this.namedKeys.size;
      this.namedKeys.set(text, id);
      this.namedKeyOfClass[cls.index] = id;
    }
    return id;
  }

  /** The profile of `subject` when `policies` (named `policyIds`) isolate it in `direction`. */
  build(
    direction: Direction,
    policyIds: readonly string[],
    policies: readonly Policy[],
    subject: EndpointClass,
  ): Profile {
    const namedKey = this.namedKey(subject);
    const classes = this.peers.partition.classes;
    const { table, scratch } = this;
    const allowed: number[] = [];
    let ordered = true;
    const add = (peer: number, ports: number) => {
      const before = scratch[peer]!;
      const after = table.union(before, ports);
      if (after === before) return;
      if (before === PortSetTable.EMPTY) {
        if (allowed.length && allowed[allowed.length - 1]! > peer) ordered = false;
        allowed.push(peer);
      }
      scratch[peer] = after;
    };
    // Rule by rule and peer by peer: what a row costs is the peers its rules name, whatever the
    // cluster's size (a peer twice, or in two rules, is a union that changes nothing).
    for (const policy of policies) {
      for (const rule of direction === 'Egress' ? policy.egress : policy.ingress) {
        const spec = this.specOf(rule);
        const sets = this.peers.rulePeers(policy, rule, subject.context);
        if (direction === 'Egress' && spec.named) {
          // Egress named ports resolve on each destination class.
          for (const set of sets)
            for (let k = 0; k < set.length; k++)
              add(set[k]!, this.portsTowards(rule, spec, classes[set[k]!]!));
          continue;
        }
        const ports =
          direction === 'Egress'
            ? this.resolve(rule, spec, null, -1)
            : this.portsTowards(rule, spec, subject);
        if (ports === PortSetTable.EMPTY) continue;
        for (const set of sets) for (let k = 0; k < set.length; k++) add(set[k]!, ports);
      }
    }
    const peers = Uint32Array.from(allowed);
    if (!ordered) peers.sort();
    const ports = peers.map((peer) => scratch[peer]!);
    for (const peer of peers) scratch[peer] = PortSetTable.EMPTY;
    const row = new ProfileRow(peers, ports, classes.length);
    return { key: ProfileRows.key(direction, policyIds, subject, namedKey), direction, policyIds, row };
  }

  private specOf(rule: PolicyRule): PortSpec {
    let spec = this.specs.get(rule);
    if (!spec) this.specs.set(rule, (spec = portSpecOf(rule)));
    return spec;
  }

  /** The rule's ports towards a destination class (hostNetwork destinations resolve no names). */
  private portsTowards(rule: PolicyRule, spec: PortSpec, destination: EndpointClass): number {
    if (!spec.named) return this.resolve(rule, spec, null, -1);
    return this.resolve(
      rule,
      spec,
      destination.hostNetwork ? null : destination.representative,
      this.namedKey(destination),
    );
  }

  /** Rules with the same ports (spec) resolve alike, so the set is interned once per spec and named-port key. */
  private resolve(rule: PolicyRule, spec: PortSpec, destination: Endpoint | null, namedKey: number): number {
    const key = `${spec.key}\u0000${spec.named ? namedKey : ''}`;
    let id = this.resolved.get(key);
    if (id === undefined) {
      id = this.table.intern(rulePortSet(rule, destination));
      this.resolved.set(key, id);
    }
    return id;
  }
}
