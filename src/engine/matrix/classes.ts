import { VERDICTS, type Verdict } from '../evaluate/evaluate';
import { hasTieredPolicies } from '../evaluate/tiers';
import type { Cluster, Direction, Policy, Protocol } from '../model/types';
import type { PortSet } from '../util/port-set';
import type { ClassSet } from './class-set';
import { forEachClassPairCount } from './class-pair-counts';
import { compileIpBlock, ipBlockKey } from './ip-block-matcher';
import { blocksSplitAClass, partitionEndpoints, type EndpointClass, type Partition } from './partition';
import { EGRESS_ISOLATED, INGRESS_ISOLATED, LOOPBACK, Outcomes } from './outcomes';
import { ipBlocksOf, PeerSets } from './peer-sets';
import { PortSetTable } from './port-set-table';
import { ProfileRows, type Profile } from './profiles';
import { applyTierRows, tierNetworkBlocks, tierNodeKey } from './tier-rows';

/** What NetworkPolicy decides between two endpoints, for every port at once (cf. PairDecision). */
export interface PairSides {
  /** Same Pod: always allowed, not governed by NetworkPolicy. */
  loopback: boolean;
  egressIsolated: boolean;
  ingressIsolated: boolean;
  /** What the source's egress lets through to the destination. */
  egress: PortSet;
  /** What the destination's ingress lets in from the source. */
  ingress: PortSet;
  allowed: PortSet;
}

export interface PortProtocol {
  port: number;
  protocol: Protocol;
}

/**
 * Whole-cluster reachability, computed per equivalence class of endpoints instead of per pair.
 * Every answer equals the per-pair evaluator's: `pairSides(i, j)` matches `decidePair` for
 * endpoints i and j, `flowVerdict` matches `decideFlow(...).verdict` and `pairVerdict` matches
 * reach.ts's `pairVerdict`. Indices are positions in `cluster.endpoints`.
 */
export interface ClassMatrix {
  readonly cluster: Cluster;
  readonly classCount: number;
  classOf(endpoint: number): number;
  classMembers(cls: number): readonly number[];
  pairSides(from: number, to: number): PairSides;
  /** Ids of the policies that isolate an endpoint in one direction (empty: not isolated), sorted. */
  isolatingPolicies(endpoint: number, direction: Direction): readonly string[];
  pairAllowed(from: number, to: number): PortSet;
  flowVerdict(from: number, to: number, port: number, protocol: Protocol): Verdict;
  pairVerdict(from: number, to: number): Verdict;
  /**
   * For a fixed list of ports, the verdict of every port for a pair, as indices into VERDICTS.
   * Pairs with the same outcome share one row, so filling a whole matrix is one lookup per pair.
   * The returned rows must not be modified.
   */
  verdictCodes(ports: readonly PortProtocol[]): (from: number, to: number) => Uint8Array;
  /**
   * For endpoints in groups (`groupOf[endpoint]` < groupCount), how many flows over `ports` have
   * each verdict between every two groups, at [(from * groupCount + to) * VERDICTS.length + v].
   * Works profile by profile, so it costs profiles × classes rather than endpoints² (a 100,000-pod summary).
   */
  verdictCounts(ports: readonly PortProtocol[], groupOf: ArrayLike<number>, groupCount: number): Float64Array;
  /** As verdictCounts, but one count per pair: its pairVerdict (as an index into VERDICTS). */
  pairVerdictCounts(groupOf: ArrayLike<number>, groupCount: number): Float64Array;
  /**
   * pairVerdict of every pair, as indices into VERDICTS, at [from * n + to] (n endpoints).
   * Computed once per matrix and shared: it must not be modified. After updatePolicy, only the
   * rows and columns of the classes the edit touched are computed again.
   */
  pairVerdictMatrix(): Uint8Array;
  /** Every flow's verdict code, at [(from * n + to) * ports.length + k] for ports[k]. */
  flowVerdictMatrix(ports: readonly PortProtocol[]): Uint8Array;
}

/** Everything that stays valid while only policies change (the endpoints and namespaces do not). */
interface Shared {
  partition: Partition;
  peers: PeerSets;
  rows: ProfileRows;
  table: PortSetTable;
}

/** The per-policy part of a matrix; incremental updates copy it and replace what one policy touched. */
interface PolicyState {
  policies: Map<string, Policy>;
  /** ipBlocks the partition is known to keep uniform inside every class. */
  blockKeys: Set<string>;
  /** Sorted ids of the policies that isolate each class, per direction. */
  egressPolicies: (readonly string[])[];
  ingressPolicies: (readonly string[])[];
  egressProfile: (Profile | null)[];
  ingressProfile: (Profile | null)[];
  profiles: Map<string, Profile>;
}

const { ALL } = PortSetTable;

function selectsFor(policy: Policy, direction: Direction): boolean {
  return policy.policyTypes.includes(direction);
}

class Matrix implements ClassMatrix {
  readonly classCount: number;
  private readonly classOfEndpoint: Uint32Array;
  private readonly outcomes: Outcomes;

  /** Computed on first use, then kept (see pairVerdictMatrix); callers must not modify it. */
  private pairCodes: Uint8Array | null = null;
  /** Set by updatePolicy until the codes are computed: what the edit changed, and the matrix before it. */
  private edit: {
    before: Matrix;
    egressTouched: ReadonlySet<number>;
    ingressTouched: ReadonlySet<number>;
  } | null = null;

  constructor(
    readonly cluster: Cluster,
    readonly shared: Shared,
    readonly state: PolicyState,
  ) {
    this.classCount = shared.partition.classes.length;
    this.classOfEndpoint = shared.partition.classOf;
    this.outcomes = new Outcomes(shared.table);
  }

  /** For updatePolicy: pair codes may start from `before`'s, recomputing only the classes the edit touched. */
  startFrom(before: Matrix, egressTouched: ReadonlySet<number>, ingressTouched: ReadonlySet<number>): void {
    // Only a matrix that has its codes is kept, so that a chain of edits never holds on to old matrices.
    if (before.pairCodes) this.edit = { before, egressTouched, ingressTouched };
  }

  classOf(endpoint: number): number {
    return this.classOfEndpoint[endpoint]!;
  }

  classMembers(cls: number): readonly number[] {
    return this.shared.partition.classes[cls]!.members;
  }

  isolatingPolicies(endpoint: number, direction: Direction): readonly string[] {
    const cls = this.classOfEndpoint[endpoint]!;
    const keys = (direction === 'Egress' ? this.state.egressPolicies : this.state.ingressPolicies)[cls]!;
    // Keys of policies sharing an id carry a suffix (keyedPolicies); callers want ids.
    return keys.some((key) => key.includes('\u0000'))
      ? [...new Set(keys.map((key) => key.split('\u0000')[0]!))]
      : keys;
  }

  /** A small integer for everything a verdict depends on between endpoints `from` and `to`. */
  private outcome(from: number, to: number): number {
    const source = this.cluster.endpoints[from]!;
    const destination = this.cluster.endpoints[to]!;
    // Classes hold endpoints that policies cannot tell apart; the two exceptions that depend on
    // the endpoints themselves are applied here, per pair.
    const loopback = source === destination && source.kind === 'Pod';
    // Ingress from the destination's own node is always allowed; only a hostNetwork peer is the node.
    const ownNode = source.hostNetwork && !!destination.hostIP && source.hostIP === destination.hostIP;
    return this.classOutcome(this.classOfEndpoint[from]!, this.classOfEndpoint[to]!, loopback, ownNode);
  }

  private classOutcome(
    sourceClass: number,
    destinationClass: number,
    loopback: boolean,
    ownNode: boolean,
  ): number {
    let flags = loopback ? LOOPBACK : 0;
    let egress = ALL;
    let ingress = ALL;
    const egressProfile = this.state.egressProfile[sourceClass];
    if (egressProfile) {
      egress = egressProfile.row.at(destinationClass);
      flags |= EGRESS_ISOLATED;
    }
    const ingressProfile = this.state.ingressProfile[destinationClass];
    if (ingressProfile) {
      flags |= INGRESS_ISOLATED;
      ingress = ownNode ? ALL : ingressProfile.row.at(sourceClass);
    }
    return this.outcomes.id(egress, ingress, flags);
  }

  verdictCounts(
    ports: readonly PortProtocol[],
    groupOf: ArrayLike<number>,
    groupCount: number,
  ): Float64Array {
    return this.groupCounts(VERDICTS.length, groupOf, groupCount, (outcome, histogram) => {
      for (const { port, protocol } of ports)
        histogram[VERDICTS.indexOf(this.outcomes.flowVerdict(outcome, port, protocol))]!++;
    });
  }

  pairVerdictCounts(groupOf: ArrayLike<number>, groupCount: number): Float64Array {
    return this.groupCounts(VERDICTS.length, groupOf, groupCount, (outcome, histogram) => {
      histogram[this.outcomes.pairCode(outcome)]!++;
    });
  }

  /**
   * Per pair of groups, the sum of `fill`'s histogram (of `width` counts, filled once per
   * outcome) over every ordered pair of endpoints, at [(from * groupCount + to) * width + k].
   */
  private groupCounts(
    width: number,
    groupOf: ArrayLike<number>,
    groupCount: number,
    fill: (outcome: number, histogram: Float64Array) => void,
  ): Float64Array {
    const out = new Float64Array(groupCount * groupCount * width);
    const histograms: Float64Array[] = [];
    const add = (from: number, to: number, outcome: number, times: number) => {
      let histogram = histograms[outcome];
      if (!histogram) fill(outcome, (histogram = histograms[outcome] = new Float64Array(width)));
      const at = (from * groupCount + to) * width;
      for (let v = 0; v < width; v++) out[at + v]! += histogram[v]! * times;
    };
    const endpoints = this.cluster.endpoints;
    const n = endpoints.length;
    if (new Set(endpoints).size !== n) {
      // The same endpoint object twice (a hand-made cluster): loopback is not just i === j.
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) add(groupOf[i]!, groupOf[j]!, this.outcome(i, j), 1);
      return out;
    }
    // Every pair of two classes has the same outcome but for loopback and own-node ingress: count
    // class by class (members per group), then correct the pairs that are exceptions.
    const membersByGroup = this.shared.partition.classes.map(({ members }) => {
      const counts = new Map<number, number>();
      for (const member of members) counts.set(groupOf[member]!, (counts.get(groupOf[member]!) ?? 0) + 1);
      return [...counts];
    });
    const flags = (egress: boolean, ingress: boolean) =>
      (egress ? EGRESS_ISOLATED : 0) | (ingress ? INGRESS_ISOLATED : 0);
    forEachClassPairCount(
      {
        egressRows: this.state.egressProfile.map((profile) => profile?.row ?? null),
        ingressRows: this.state.ingressProfile.map((profile) => profile?.row ?? null),
        outcome: (egress, ingress, egressIsolated, ingressIsolated) =>
          this.outcomes.id(egress, ingress, flags(egressIsolated, ingressIsolated)),
        all: ALL,
      },
      membersByGroup,
      add,
    );
    const byNode = new Map<string, number[]>();
    endpoints.forEach((endpoint, index) => {
      if (!endpoint.hostIP) return;
      const onNode = byNode.get(endpoint.hostIP);
      if (onNode) onNode.push(index);
      else byNode.set(endpoint.hostIP, [index]);
    });
    const correct = (from: number, to: number) => {
      const generic = this.classOutcome(this.classOfEndpoint[from]!, this.classOfEndpoint[to]!, false, false);
      const exact = this.outcome(from, to);
      if (exact === generic) return;
      add(groupOf[from]!, groupOf[to]!, generic, -1);
      add(groupOf[from]!, groupOf[to]!, exact, 1);
    };
    for (let i = 0; i < n; i++) {
      const source = endpoints[i]!;
      if (source.kind === 'Pod') correct(i, i);
      if (!source.hostNetwork || !source.hostIP) continue;
      for (const j of byNode.get(source.hostIP)!) if (j !== i) correct(i, j);
    }
    return out;
  }

  pairSides(from: number, to: number): PairSides {
    const id = this.outcome(from, to);
    const { table } = this.shared;
    const egress = this.outcomes.egress[id]!;
    const ingress = this.outcomes.ingress[id]!;
    const flags = this.outcomes.flags[id]!;
    const loopback = (flags & LOOPBACK) !== 0;
    return {
      loopback,
      egressIsolated: (flags & EGRESS_ISOLATED) !== 0,
      ingressIsolated: (flags & INGRESS_ISOLATED) !== 0,
      egress: table.get(egress),
      ingress: table.get(ingress),
      allowed: table.get(loopback ? ALL : table.intersect(egress, ingress)),
    };
  }

  pairAllowed(from: number, to: number): PortSet {
    return this.pairSides(from, to).allowed;
  }

  flowVerdict(from: number, to: number, port: number, protocol: Protocol): Verdict {
    return this.outcomes.flowVerdict(this.outcome(from, to), port, protocol);
  }

  pairVerdict(from: number, to: number): Verdict {
    return this.outcomes.pairVerdict(this.outcome(from, to));
  }

  verdictCodes(ports: readonly PortProtocol[]): (from: number, to: number) => Uint8Array {
    const rows: Uint8Array[] = [];
    return (from, to) => {
      const id = this.outcome(from, to);
      let row = rows[id];
      if (!row)
        rows[id] = row = Uint8Array.from(ports, ({ port, protocol }) =>
          VERDICTS.indexOf(this.outcomes.flowVerdict(id, port, protocol)),
        );
      return row;
    };
  }

  pairVerdictMatrix(): Uint8Array {
    this.pairCodes ??= this.pairCodesAfterEdit() ?? this.allPairCodes();
    this.edit = null;
    return this.pairCodes;
  }

  private allPairCodes(): Uint8Array {
    const n = this.cluster.endpoints.length;
    const out = new Uint8Array(n * n);
    const codes: number[] = [];
    this.forEveryPair((at, id) => {
      let code = codes[id];
      if (code === undefined) codes[id] = code = this.outcomes.pairCode(id);
      out[at] = code;
    });
    return out;
  }

  /**
   * After updatePolicy: the matrix before the edit with the rows of sources whose egress changed
   * and the columns of destinations whose ingress changed computed again; every other pair reads
   * the same profiles as before. Null when the matrix before has no codes to start from.
   */
  private pairCodesAfterEdit(): Uint8Array | null {
    const before = this.edit?.before.pairCodes;
    if (!this.edit || !before) return null;
    const n = this.cluster.endpoints.length;
    const out = before.slice();
    const codeOf = (i: number, j: number) => this.outcomes.pairCode(this.outcome(i, j));
    for (const cls of this.edit.egressTouched) {
      for (const i of this.classMembers(cls)) for (let j = 0; j < n; j++) out[i * n + j] = codeOf(i, j);
    }
    for (const cls of this.edit.ingressTouched) {
      for (const j of this.classMembers(cls)) for (let i = 0; i < n; i++) out[i * n + j] = codeOf(i, j);
    }
    return out;
  }

  flowVerdictMatrix(ports: readonly PortProtocol[]): Uint8Array {
    const n = this.cluster.endpoints.length;
    const width = ports.length;
    const out = new Uint8Array(n * n * width);
    const rows: Uint8Array[] = [];
    this.forEveryPair((at, id) => {
      let row = rows[id];
      if (!row)
        rows[id] = row = Uint8Array.from(ports, ({ port, protocol }) =>
          VERDICTS.indexOf(this.outcomes.flowVerdict(id, port, protocol)),
        );
      const offset = at * width;
      for (let k = 0; k < width; k++) out[offset + k] = row[k]!;
    });
    return out;
  }

  /**
   * Calls `visit(from * n + to, outcome)` for every ordered pair: outcome() unrolled for whole
   * matrices. Sources are taken in blocks so that the ingress rows read for one destination
   * (each at the source's class) stay in cache across the block, instead of one cache miss per pair.
   */
  private forEveryPair(visit: (at: number, outcome: number) => void): void {
    const endpoints = this.cluster.endpoints;
    const n = endpoints.length;
    if (new Set(endpoints).size !== n) {
      // The same endpoint object twice (a hand-made cluster): loopback is not just i === j.
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) visit(i * n + j, this.outcome(i, j));
      return;
    }
    const classOf = this.classOfEndpoint;
    const egressRows = this.state.egressProfile.map((profile) => profile?.row.toArray() ?? null);
    const ingressRows = this.state.ingressProfile.map((profile) => profile?.row.toArray() ?? null);
    const outcomes = this.outcomes;
    // Local copies: a CommonJS build turns imported constants into getter calls, one per pair.
    const [loopback, egressIsolated, ingressIsolated, all] = [
      LOOPBACK,
      EGRESS_ISOLATED,
      INGRESS_ISOLATED,
      ALL,
    ];
    const BLOCK = 64;
    const sourceClass = new Int32Array(BLOCK);
    const sourceRows: (Uint32Array | null)[] = new Array(BLOCK).fill(null);
    /** The node a hostNetwork source stands for (own-node ingress), or null. */
    const sourceNode: (string | null)[] = new Array(BLOCK).fill(null);
    const sourceIsPod: boolean[] = new Array(BLOCK).fill(false);
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      const i1 = Math.min(n, i0 + BLOCK);
      for (let i = i0; i < i1; i++) {
        const source = endpoints[i]!;
        sourceClass[i - i0] = classOf[i]!;
        sourceRows[i - i0] = egressRows[classOf[i]!]!;
        sourceNode[i - i0] = source.hostNetwork && source.hostIP ? source.hostIP : null;
        sourceIsPod[i - i0] = source.kind === 'Pod';
      }
      for (let j = 0; j < n; j++) {
        const destinationClass = classOf[j]!;
        const ingressRow = ingressRows[destinationClass]!;
        const destinationNode = endpoints[j]!.hostIP;
        for (let i = i0; i < i1; i++) {
          const b = i - i0;
          let flags = i === j && sourceIsPod[b] ? loopback : 0;
          let egress = all;
          let ingress = all;
          const egressRow = sourceRows[b];
          if (egressRow) {
            egress = egressRow[destinationClass]!;
            flags |= egressIsolated;
          }
          if (ingressRow) {
            flags |= ingressIsolated;
            const node = sourceNode[b];
            if (node === null || node !== destinationNode) ingress = ingressRow[sourceClass[b]!]!;
          }
          visit(i * n + j, outcomes.id(egress, ingress, flags));
        }
      }
    }
  }
}

/** Assigns each class in `classes` the profile its sorted policy ids call for, building new ones. */
function assignProfiles(
  shared: Shared,
  state: PolicyState,
  direction: Direction,
  classes: Iterable<number>,
): void {
  const idsOf = direction === 'Egress' ? state.egressPolicies : state.ingressPolicies;
  const profileOf = direction === 'Egress' ? state.egressProfile : state.ingressProfile;
  for (const c of classes) {
    const ids = idsOf[c]!;
    if (ids.length === 0) {
      profileOf[c] = null;
      continue;
    }
    const cls = shared.partition.classes[c]!;
    const key = ProfileRows.key(direction, ids, cls, shared.rows.namedKey(cls));
    let profile = state.profiles.get(key);
    if (!profile) {
      profile = shared.rows.build(
        direction,
        ids,
        ids.map((id) => state.policies.get(id)!),
        cls,
      );
      state.profiles.set(key, profile);
    }
    profileOf[c] = profile;
  }
}

function hasDuplicateIds(policies: readonly Policy[]): boolean {
  return new Set(policies.map((p) => p.id)).size !== policies.length;
}

/**
 * Names for policies inside the matrix: their ids, made unique. buildCluster never yields two
 * policies with one id, but a hand-made Cluster may, and the evaluator then applies both.
 */
function keyedPolicies(policies: readonly Policy[]): [string, Policy][] {
  const seen = new Map<string, number>();
  return policies.map((policy) => {
    const count = seen.get(policy.id) ?? 0;
    seen.set(policy.id, count + 1);
    return [count === 0 ? policy.id : `${policy.id}\u0000${count}`, policy];
  });
}

const blocksOf = (cluster: Cluster) => [...ipBlocksOf(cluster.policies), ...tierNetworkBlocks(cluster)];

/** The cluster's endpoints in classes no selector, named port, ipBlock, networks peer or node tells apart. */
export function partitionCluster(cluster: Cluster, blocks = blocksOf(cluster)): Partition {
  return partitionEndpoints(cluster.endpoints, blocks.map(compileIpBlock), tierNodeKey(cluster));
}

/** Builds the class matrix of a cluster from scratch. */
export function buildClassMatrix(cluster: Cluster): ClassMatrix {
  const blocks = blocksOf(cluster);
  const partition = partitionCluster(cluster, blocks);
  const table = new PortSetTable();
  const peers = new PeerSets(cluster, partition);
  const shared: Shared = { partition, peers, table, rows: new ProfileRows(peers, table) };
  const classCount = partition.classes.length;
  const egressPolicies: string[][] = Array.from({ length: classCount }, () => []);
  const ingressPolicies: string[][] = Array.from({ length: classCount }, () => []);
  const keyed = keyedPolicies(cluster.policies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, policy] of keyed) {
    const subjects = peers.subjects(policy);
    if (selectsFor(policy, 'Egress')) for (const c of subjects) egressPolicies[c]!.push(key);
    if (selectsFor(policy, 'Ingress')) for (const c of subjects) ingressPolicies[c]!.push(key);
  }
  const state: PolicyState = {
    policies: new Map(keyed),
    blockKeys: new Set(blocks.map(ipBlockKey)),
    egressPolicies,
    ingressPolicies,
    egressProfile: new Array<Profile | null>(classCount).fill(null),
    ingressProfile: new Array<Profile | null>(classCount).fill(null),
    profiles: new Map(),
  };
  const everyClass = partition.classes.map((cls) => cls.index);
  assignProfiles(shared, state, 'Egress', everyClass);
  assignProfiles(shared, state, 'Ingress', everyClass);
  applyTierRows(cluster, partition, table, 'Egress', state.egressProfile);
  applyTierRows(cluster, partition, table, 'Ingress', state.ingressProfile);
  return new Matrix(cluster, shared, state);
}

function sameEndpoints(a: Cluster, b: Cluster): boolean {
  if (a.endpoints === b.endpoints) return true;
  return (
    a.endpoints.length === b.endpoints.length &&
    a.endpoints.every((endpoint, i) => endpoint.id === b.endpoints[i]!.id)
  );
}

function withoutId(ids: readonly string[], id: string): string[] {
  return ids.filter((other) => other !== id);
}

function withId(ids: readonly string[], id: string): string[] {
  const out = withoutId(ids, id);
  out.push(id);
  return out.sort();
}

/**
 * The matrix of `cluster`, given the matrix of a cluster that differs from it only in the policy
 * `policyId` (changed, added or removed), recomputing only what depends on that policy.
 *
 * Contract: `cluster` has the same endpoints (same order, same labels, ports, IPs, hostNetwork
 * and hostIP) and the same namespaces (same labels) as `matrix.cluster`, and every policy but
 * `policyId` is unchanged. Endpoint ids are checked; the rest is the caller's promise (in the
 * app: the edited document was a NetworkPolicy). The old matrix stays valid and unchanged.
 *
 * What is recomputed: the changed policy's subjects, the classes it selects before or after the
 * edit, and the profiles (rows of allowed ports) of those classes. If the edit adds an ipBlock
 * that splits an equivalence class, the partition itself must change and everything is rebuilt;
 * removing an ipBlock leaves a finer partition than needed, which is still exact.
 */
export function updatePolicy(matrix: ClassMatrix, cluster: Cluster, policyId: string): ClassMatrix {
  if (
    !(matrix instanceof Matrix) ||
    !sameEndpoints(matrix.cluster, cluster) ||
    hasDuplicateIds(cluster.policies) ||
    // Tier rows combine every policy of a class's walk; they are rebuilt, not patched.
    hasTieredPolicies(cluster) ||
    hasTieredPolicies(matrix.cluster)
  ) {
    return buildClassMatrix(cluster);
  }
  const { shared, state: old } = matrix;
  const before = old.policies.get(policyId);
  const after = cluster.policies.find((p) => p.id === policyId);
  const blockKeys = new Set(old.blockKeys);
  if (after) {
    const added = ipBlocksOf([after]).filter((block) => !blockKeys.has(ipBlockKey(block)));
    if (blocksSplitAClass(shared.partition, added.map(compileIpBlock))) return buildClassMatrix(cluster);
    for (const block of added) blockKeys.add(ipBlockKey(block));
  }
  const policies = new Map(old.policies);
  policies.delete(policyId);
  if (after) policies.set(policyId, after);
  const profiles = new Map(old.profiles);
  for (const [key, profile] of profiles) if (profile.policyIds.includes(policyId)) profiles.delete(key);
  const state: PolicyState = {
    policies,
    blockKeys,
    egressPolicies: [...old.egressPolicies],
    ingressPolicies: [...old.ingressPolicies],
    egressProfile: [...old.egressProfile],
    ingressProfile: [...old.ingressProfile],
    profiles,
  };
  const egressTouched: number[] = [];
  const ingressTouched: number[] = [];
  for (const direction of ['Egress', 'Ingress'] as const) {
    const ids = direction === 'Egress' ? state.egressPolicies : state.ingressPolicies;
    const selectedBefore: ClassSet | null =
      before && selectsFor(before, direction) ? shared.peers.subjects(before) : null;
    const selectedAfter: ClassSet | null =
      after && selectsFor(after, direction) ? shared.peers.subjects(after) : null;
    const touched = new Set<number>([...(selectedBefore ?? []), ...(selectedAfter ?? [])]);
    for (const c of touched) ids[c] = withoutId(ids[c]!, policyId);
    for (const c of selectedAfter ?? []) ids[c] = withId(ids[c]!, policyId);
    assignProfiles(shared, state, direction, touched);
    (direction === 'Egress' ? egressTouched : ingressTouched).push(...touched);
  }
  const updated = new Matrix(cluster, shared, state);
  updated.startFrom(matrix, new Set(egressTouched), new Set(ingressTouched));
  return updated;
}

export type { EndpointClass };
