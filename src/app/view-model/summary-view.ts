/**
 * The view model of a workspace too big to draw pair by pair. Namespaces start collapsed; the
 * flows between two collapsed boxes are counted per verdict from the class matrix (one byte per
 * endpoint pair, no per-pair evaluation); only expanded namespaces show their endpoints, and the
 * edges between those are drawn up to a budget, the ones policies decide first.
 */
import {
  decideFlow,
  decidePair,
  pairVerdict,
  VERDICTS,
  type Direction,
  type Endpoint,
  type Evaluation,
  type FlowEnd,
  type PairDecision,
  type Policy,
  type PortProtocol,
  type ClassMatrix,
} from '../../engine';
import { readableOpen } from '../canvas/grid';
import { flowEdgeId, OUTSIDE_GROUP_ID } from '../model/ids';
import { addTierViews } from './tier-view';
import type {
  AggregateEdgeView,
  EdgeView,
  ExternalView,
  FlowRow,
  VerdictCounts,
  ViewModel,
} from '../model/view-model';
import {
  destinationPorts,
  endpointEnd,
  endpointView,
  externalEnd,
  externalViews,
  namespaceCounts,
  namespaceViews,
  pairElements,
  policyViews,
  portChoices,
  testsOf,
  type CanvasEnd,
  type IsolatingPolicies,
} from './build-view-model';
import { flowTotal } from './summary-flows';
import { formatCount } from '../model/format';
import type { StepProgress } from '../worker/protocol';

/** Above this many endpoints a workspace is summarized: n² edges are no longer readable, or cheap. */
export const SUMMARY_ENDPOINTS = 50;
/** Endpoint-level edges drawn at most; beyond it the canvas says how many it leaves out. */
export const MAX_DRAWN_ENDPOINT_EDGES = 400;

const VERDICT_COUNT = VERDICTS.length;
const ALLOW = VERDICTS.indexOf('allow');
const OPEN = VERDICTS.indexOf('allow-open');

/**
 * Above this many edges drawn pair by pair (outside ranges included) a workspace is summarized even
 * with few endpoints: 15 pods and 2,000 ipBlocks made 60,000 edges, seconds of work for no reader.
 */
export const SUMMARY_PAIRS = 20_000;

/**
 * Above this many outside ranges (the internet aside) the canvas draws them as one node: 10,000
 * range nodes took over two minutes to lay out and render, and no one reads a column of them.
 */
export const MAX_OUTSIDE_NODES = 60;
/** Ranges drawn one by one beside the group node once it is expanded; the inspector lists the rest. */
export const SHOWN_OUTSIDE_RANGES = 100;

/** The outside nodes the pair view would draw: one per distinct ipBlock CIDR, plus the internet. */
function outsideRangeCount(policies: readonly Policy[]): number {
  const cidrs = new Set<string>();
  for (const policy of policies)
    for (const rule of [...policy.ingress, ...policy.egress])
      for (const peer of rule.peers ?? []) if (peer.kind === 'ipBlock') cidrs.add(peer.ipBlock.cidr);
  return cidrs.size + 1;
}

/**
 * Summarized when there are too many endpoints, or outside ranges, to draw every pair, or when the
 * namespaces shown open could not be read on a laptop screen (text would shrink below 10 px): then
 * they start collapsed.
 */
export function isSummarized(evaluation: Evaluation): boolean {
  const { endpoints, namespaces, policies } = evaluation.workspace.cluster;
  const n = endpoints.length;
  const ranges = outsideRangeCount(policies);
  // Only the summary groups outside ranges, so more than the canvas shows one by one summarizes.
  if (n > SUMMARY_ENDPOINTS || n * (n + 2 * ranges) > SUMMARY_PAIRS || ranges - 1 > MAX_OUTSIDE_NODES)
    return true;
  const perNamespace = new Map<string, number>([...namespaces.keys()].map((name) => [name, 0]));
  for (const endpoint of endpoints)
    perNamespace.set(endpoint.namespace, (perNamespace.get(endpoint.namespace) ?? 0) + 1);
  return !readableOpen([...perNamespace.values()], 1);
}

/**
 * Everything a decision between an endpoint and an outside address reads of the endpoint: the
 * policies that select it, host networking, its address families (which of the peer's addresses
 * apply) and, as a destination, its named ports.
 */
export function sideKey(endpoint: Endpoint, direction: Direction, policies: readonly string[]): string {
  // The matrix hands out one list per class and direction, and keeps it while its policies stay:
  // a keystroke's summary builds only the keys of the classes the edit touched.
  const known = sideKeys.get(policies);
  if (known?.endpoint === endpoint && known.direction === direction) return known.key;
  const key = makeSideKey(endpoint, direction, policies);
  sideKeys.set(policies, { endpoint, direction, key });
  return key;
}

const sideKeys = new WeakMap<readonly string[], { endpoint: Endpoint; direction: Direction; key: string }>();

function makeSideKey(endpoint: Endpoint, direction: Direction, policies: readonly string[]): string {
  const families = new Set(endpoint.ips.map((ip) => (ip.includes(':') ? 6 : 4)));
  const named =
    direction === 'Ingress'
      ? endpoint.ports.filter((p) => p.name).map((p) => `${p.name}=${p.port}/${p.protocol}`)
      : [];
  return `${direction}|${policies.join(',')}|${endpoint.hostNetwork}|${[...families].sort().join('')}|${named.sort().join(',')}`;
}

/** Flows the policies decide come first, open ones last: they say the least. */
function drawPriority(code: number): number {
  return code === ALLOW ? 0 : code === OPEN ? 2 : 1;
}

function countsOf(counts: Float64Array, at: number): { counts: VerdictCounts; total: number } {
  const out: VerdictCounts = {};
  let total = 0;
  for (let v = 0; v < VERDICT_COUNT; v++) {
    const count = counts[at + v]!;
    if (count === 0) continue;
    out[VERDICTS[v]!] = count;
    total += count;
  }
  return { counts: out, total };
}

/** An endpoint-level edge waiting for its turn in the budget: indices into `ends`, and its verdict code. */
interface Candidate {
  from: number;
  to: number;
  code: number;
}

export interface SummaryOptions {
  expanded: readonly string[];
  maxEndpointEdges?: number;
  cache?: SummaryCache;
  /** Count the flows on this port only (the port filter); absent: whole pairs. */
  port?: PortProtocol | null;
  /** Called as the outside ranges are decided, the long part with thousands of ipBlocks. */
  onStep?: (progress: StepProgress) => void;
}

/** Verdict counts per ordered pair of namespaces, and what they were counted for. */
interface NamespaceCounts {
  matrix: ClassMatrix;
  endpoints: readonly Endpoint[];
  groupCount: number;
  counts: Float64Array;
  /** Policies changed (added, removed, edited) since `matrix`: the pairs they select are recounted. */
  changed: Set<string>;
}

/**
 * Above this share of all pairs to recount, the counts are made again from the class matrix
 * (profile by profile) rather than pair by pair: a policy that selects most pods.
 */
const RECOUNT_SHARE = 1 / 8;

/**
 * The code at every pair `(i, j)` one of the changed policies could decide, under `matrix`, added
 * `sign` times into `counts` at their namespaces' slot (`groupOf`). A policy decides only the pairs
 * whose source it isolates for egress or whose destination it isolates for ingress (before or
 * after the edit: `egress` and `ingress` mark those endpoints); no other pair's verdict can change.
 */
function addAffected(
  counts: Float64Array,
  sign: number,
  code: (i: number, j: number) => number,
  egress: Uint8Array,
  ingress: readonly number[],
  groupOf: ArrayLike<number>,
  groupCount: number,
): void {
  const n = egress.length;
  for (let i = 0; i < n; i++) {
    const row = groupOf[i]! * groupCount;
    if (egress[i]) {
      for (let j = 0; j < n; j++) counts[(row + groupOf[j]!) * VERDICT_COUNT + code(i, j)]! += sign;
      continue;
    }
    for (const j of ingress) counts[(row + groupOf[j]!) * VERDICT_COUNT + code(i, j)]! += sign;
  }
}

/**
 * Decisions between endpoints and outside addresses, by address and sideKey, carried from one
 * evaluation to the next: a keystroke in one policy re-decides only keys that name that policy.
 * So are the verdict counts between namespaces: a keystroke recounts only the pairs the edited
 * policy selects, under the matrix before and after it.
 */
export class SummaryCache {
  /** Verdict codes by outside address, then by sideKey. */
  private decisions = new Map<string, Map<string, number>>();
  /** The outside nodes, by the ipBlocks they were made from (endpoints change only on a full path). */
  private externals: { key: string; views: ExternalView[] } | null = null;
  /** Namespace-pair counts by port filter ('' for whole pairs). */
  private namespaceCounts = new Map<string, NamespaceCounts>();
  private workspace: unknown = null;

  /** Must see every evaluation of the chain it caches for, in order, summarized or not. */
  follow(evaluation: Evaluation): void {
    if (evaluation.workspace === this.workspace) return;
    if (evaluation.path === 'full') {
      this.decisions = new Map();
      this.externals = null;
      this.namespaceCounts = new Map();
    } else if (evaluation.path === 'one-policy' && evaluation.changedPolicy) {
      const changed = evaluation.changedPolicy;
      for (const byKey of this.decisions.values()) {
        for (const key of [...byKey.keys()])
          if (key.includes(changed) && key.split('|')[1]!.split(',').includes(changed)) byKey.delete(key);
      }
      for (const entry of this.namespaceCounts.values()) entry.changed.add(changed);
    }
    this.workspace = evaluation.workspace;
  }

  decisionsFor(evaluation: Evaluation): Map<string, Map<string, number>> {
    this.follow(evaluation);
    return this.decisions;
  }

  externalsFor(evaluation: Evaluation): ExternalView[] {
    this.follow(evaluation);
    const blocks = evaluation.workspace.cluster.policies.flatMap((policy) =>
      [...policy.ingress, ...policy.egress].flatMap((rule) =>
        (rule.peers ?? []).flatMap((peer) =>
          peer.kind === 'ipBlock' ? [`${peer.ipBlock.cidr}-${peer.ipBlock.except.join()}`] : [],
        ),
      ),
    );
    const key = blocks.join(' ');
    if (this.externals?.key !== key) this.externals = { key, views: externalViews(evaluation.workspace) };
    return this.externals.views;
  }

  /**
   * The verdict counts of every ordered pair of endpoints per pair of namespaces (`groupOf`), as
   * `countAll` makes them from the matrix, `code` gives one pair's: a copy, the caller's to change.
   * Within a chain of one-policy edits only the pairs the changed policies select are recounted.
   */
  namespaceCountsFor(
    evaluation: Evaluation,
    key: string,
    groupOf: ArrayLike<number>,
    groupCount: number,
    countAll: () => Float64Array,
    code: (matrix: ClassMatrix, i: number, j: number) => number,
  ): Float64Array {
    this.follow(evaluation);
    const { matrix } = evaluation;
    const { endpoints } = evaluation.workspace.cluster;
    const entry = this.namespaceCounts.get(key);
    if (entry && entry.endpoints === endpoints && entry.groupCount === groupCount) {
      if (entry.matrix !== matrix && this.recount(entry, matrix, groupOf, code)) entry.matrix = matrix;
      if (entry.matrix === matrix) return entry.counts.slice();
    }
    const counts = countAll();
    this.namespaceCounts.set(key, { matrix, endpoints, groupCount, counts, changed: new Set() });
    return counts.slice();
  }

  /**
   * Brings `entry` to `next` by recounting the pairs its changed policies select, under its
   * matrix and `next`; false (`entry` untouched) when they are too many to recount one by one.
   */
  private recount(
    entry: NamespaceCounts,
    next: ClassMatrix,
    groupOf: ArrayLike<number>,
    code: (matrix: ClassMatrix, i: number, j: number) => number,
  ): boolean {
    const n = entry.endpoints.length;
    const egress = new Uint8Array(n);
    const ingress: number[] = [];
    let egressCount = 0;
    const selects = (direction: Direction, i: number) =>
      [entry.matrix, next].some((matrix) =>
        matrix.isolatingPolicies(i, direction).some((id) => entry.changed.has(id)),
      );
    for (let i = 0; i < n; i++) {
      if (selects('Egress', i)) {
        egress[i] = 1;
        egressCount++;
      }
      if (selects('Ingress', i)) ingress.push(i);
    }
    if ((egressCount + ingress.length) * n > RECOUNT_SHARE * n * n) return false;
    const before = entry.matrix;
    addAffected(entry.counts, -1, (i, j) => code(before, i, j), egress, ingress, groupOf, entry.groupCount);
    addAffected(entry.counts, 1, (i, j) => code(next, i, j), egress, ingress, groupOf, entry.groupCount);
    entry.changed.clear();
    return true;
  }
}

/**
 * The outside nodes drawn for `ranges`: all of them when few, else the internet, the first
 * SHOWN_OUTSIDE_RANGES when the group is expanded, and one group node for the others. `slot`: where
 * each range's flows are counted, an index into `drawn`.
 */
export function outsideNodes(
  ranges: readonly ExternalView[],
  expanded: boolean,
): { drawn: ExternalView[]; slot: number[] } {
  const named = ranges.filter((range) => !range.internet);
  if (named.length <= MAX_OUTSIDE_NODES) return { drawn: [...ranges], slot: ranges.map((_, k) => k) };
  const shown = new Set(expanded ? named.slice(0, SHOWN_OUTSIDE_RANGES) : []);
  const drawn = ranges.filter((range) => range.internet || shown.has(range));
  const hidden = named.filter((range) => !shown.has(range));
  const groupAt = drawn.length;
  drawn.push({
    nodeId: OUTSIDE_GROUP_ID,
    cidr: `${formatCount(hidden.length)} ${shown.size ? 'more ' : ''}outside ranges`,
    except: [],
    internet: false,
    sample: '',
    group: { cidrs: hidden.map((range) => range.cidr), expanded, shown: shown.size },
  });
  const at = new Map(drawn.map((view, i) => [view, i]));
  return { drawn, slot: ranges.map((range) => at.get(range) ?? groupAt) };
}

export function buildSummaryViewModel(
  evaluation: Evaluation,
  seq: number,
  options: SummaryOptions,
): ViewModel {
  const { workspace, matrix } = evaluation;
  const { cluster } = workspace;
  const n = cluster.endpoints.length;
  const indexOf = new Map(cluster.endpoints.map((endpoint, i) => [endpoint, i]));
  const isolating: IsolatingPolicies = (endpoint, direction) =>
    matrix.isolatingPolicies(indexOf.get(endpoint)!, direction);
  const orderOf = new Map(cluster.policies.map((policy, i) => [policy, i]));
  const policyById = new Map<string, Policy[]>();
  for (const policy of cluster.policies)
    policyById.set(policy.id, [...(policyById.get(policy.id) ?? []), policy]);
  /** decidePair among the policies that select either endpoint: the same decision, without asking every policy. */
  const decide = (from: FlowEnd, to: FlowEnd): PairDecision => {
    const ids = new Set<string>();
    const add = (end: FlowEnd, direction: Direction) => {
      if (end.kind === 'endpoint') for (const id of isolating(end.endpoint, direction)) ids.add(id);
    };
    add(from, 'Egress');
    add(to, 'Ingress');
    // In the cluster's order, so the decision lists policies as decidePair over all of them does.
    const policies = [...ids]
      .flatMap((id) => policyById.get(id) ?? [])
      .sort((a, b) => orderOf.get(a)! - orderOf.get(b)!);
    return decidePair({ ...cluster, policies }, from, to);
  };

  const namespaces = namespaceViews(workspace, namespaceCounts(workspace, isolating));
  const expanded = new Set(options.expanded.filter((name) => cluster.namespaces.has(name)));
  const ranges =
    n === 0 ? [] : options.cache ? options.cache.externalsFor(evaluation) : externalViews(workspace);
  const { drawn: externals, slot: slotOfRange } = outsideNodes(
    ranges,
    options.expanded.includes(OUTSIDE_GROUP_ID),
  );
  const groupOfNamespace = new Map(namespaces.map((ns, i) => [ns.name, i]));
  const groupNodes = [...namespaces.map((ns) => ns.nodeId), ...externals.map((ext) => ext.nodeId)];
  const groupNames = [...namespaces.map((ns) => ns.name), ...externals.map((ext) => ext.cidr)];
  const groups = groupNodes.length;
  const groupOf = Uint32Array.from(cluster.endpoints, (e) => groupOfNamespace.get(e.namespace)!);
  const open = Uint8Array.from(cluster.endpoints, (e) => (expanded.has(e.namespace) ? 1 : 0));

  // Canvas ends: the endpoints of open namespaces, then the outside ranges.
  const ends: CanvasEnd[] = [];
  const endOfEndpoint = new Int32Array(n).fill(-1);
  cluster.endpoints.forEach((endpoint, i) => {
    if (open[i]) endOfEndpoint[i] = ends.push(endpointEnd(endpoint)) - 1;
  });
  // The end of each outside range drawn by itself, -1 for those the group node stands for.
  const endOfRange = slotOfRange.map((slot) =>
    externals[slot]!.group ? -1 : ends.push(externalEnd(externals[slot]!)) - 1,
  );

  // Counts can pass 2³² (100,000 endpoints make 10¹⁰ pairs): doubles count exactly up to 2⁵³.
  // Two outside ranges are never a pair, so only pairs with a namespace at one end have a slot:
  // groups² slots were 10⁸ with 10,000 ranges (gigabytes, and seconds to read back).
  const namespaceCount = namespaces.length;
  const slotOf = (from: number, to: number) =>
    (from < namespaceCount
      ? from * groups + to
      : namespaceCount * groups + (from - namespaceCount) * namespaceCount + to) * VERDICT_COUNT;
  const counts = new Float64Array((2 * groups - namespaceCount) * namespaceCount * VERDICT_COUNT);
  const candidates: Candidate[] = [];
  const port = options.port ?? null;
  const portText = port ? `${port.port}/${port.protocol}` : '';
  const codeOf = port
    ? (i: number, j: number) => VERDICTS.indexOf(matrix.flowVerdict(i, j, port.port, port.protocol))
    : (i: number, j: number) => VERDICTS.indexOf(matrix.pairVerdict(i, j));
  const verdictOf = (pair: PairDecision) =>
    port ? decideFlow(pair, port.port, port.protocol).verdict : pairVerdict(pair);
  const openIndices: number[] = [];
  for (let i = 0; i < n; i++) if (open[i]) openIndices.push(i);
  for (const i of openIndices)
    for (const j of openIndices)
      if (i !== j) candidates.push({ from: endOfEndpoint[i]!, to: endOfEndpoint[j]!, code: codeOf(i, j) });
  // Every other pair is counted, not visited: the class matrix counts the pairs between two
  // namespaces profile by profile, for the port chosen if any (pairs were n², 10¹⁰ for 100,000 pods; class pairs were minutes
  // with 13,000 classes). Its counts hold every ordered pair: an endpoint's pair with itself is
  // taken out, and so are the pairs between two open namespaces, drawn one by one above.
  const countAll = port
    ? () => matrix.verdictCounts([port], groupOf, namespaceCount)
    : () => matrix.pairVerdictCounts(groupOf, namespaceCount);
  const byNamespace = options.cache
    ? options.cache.namespaceCountsFor(
        evaluation,
        portText,
        groupOf,
        namespaceCount,
        countAll,
        port
          ? (at, i, j) => VERDICTS.indexOf(at.flowVerdict(i, j, port.port, port.protocol))
          : (at, i, j) => VERDICTS.indexOf(at.pairVerdict(i, j)),
      )
    : countAll();
  for (let i = 0; i < n; i++)
    byNamespace[(groupOf[i]! * namespaceCount + groupOf[i]!) * VERDICT_COUNT + codeOf(i, i)]!--;
  const openNamespace = namespaces.map((ns) => expanded.has(ns.name));
  for (let a = 0; a < namespaceCount; a++) {
    for (let b = 0; b < namespaceCount; b++) {
      if (openNamespace[a] && openNamespace[b]) continue;
      const from = (a * namespaceCount + b) * VERDICT_COUNT;
      counts.set(byNamespace.subarray(from, from + VERDICT_COUNT), slotOf(a, b));
    }
  }
  // Outside ranges: every member of a class decides alike towards an address, and so do classes
  // that agree on what the decision reads of them (see sideKey): one decision per key and address,
  // kept across evaluations until a policy in the key changes.
  const decisions = options.cache
    ? options.cache.decisionsFor(evaluation)
    : new Map<string, Map<string, number>>();
  const classes = Array.from({ length: matrix.classCount }, (_, cls) => {
    const members = matrix.classMembers(cls);
    const representative = cluster.endpoints[members[0]!]!;
    // Closed members are counted per namespace, not one by one: ranges × endpoints was 10⁹ steps.
    const closed = new Map<number, number>();
    for (const i of members) if (!open[i]) closed.set(groupOf[i]!, (closed.get(groupOf[i]!) ?? 0) + 1);
    return {
      // Towards the group node an open endpoint is counted from its namespace's box.
      opened: members.filter((i) => open[i]),
      closed: [...closed],
      representative,
      egress: sideKey(representative, 'Egress', isolating(representative, 'Egress')),
      ingress: sideKey(representative, 'Ingress', isolating(representative, 'Ingress')),
    };
  });
  ranges.forEach((external, k) => {
    options.onStep?.({ done: k, total: ranges.length });
    const group = namespaceCount + slotOfRange[k]!;
    const end = endOfRange[k]!;
    const ip: FlowEnd = externalEnd(external).end;
    let decided = decisions.get(external.sample);
    if (!decided) decisions.set(external.sample, (decided = new Map()));
    const verdictCode = (endpoint: Endpoint, side: string, direction: Direction): number => {
      // After the sideKey, so the cache still finds the policies in its second field.
      const key = port ? `${side}|${portText}` : side;
      let code = decided.get(key);
      if (code === undefined) {
        const end: FlowEnd = { kind: 'endpoint', endpoint };
        code = VERDICTS.indexOf(verdictOf(direction === 'Egress' ? decide(end, ip) : decide(ip, end)));
        decided.set(key, code);
      }
      return code;
    };
    for (const { opened, closed, representative, egress, ingress } of classes) {
      const out = verdictCode(representative, egress, 'Egress');
      const back = verdictCode(representative, ingress, 'Ingress');
      for (const i of opened) {
        if (end < 0) {
          counts[slotOf(groupOf[i]!, group) + out]!++;
          counts[slotOf(group, groupOf[i]!) + back]!++;
        } else
          candidates.push(
            { from: endOfEndpoint[i]!, to: end, code: out },
            { from: end, to: endOfEndpoint[i]!, code: back },
          );
      }
      for (const [namespace, count] of closed) {
        counts[slotOf(namespace, group) + out]! += count;
        counts[slotOf(group, namespace) + back]! += count;
      }
    }
  });

  const aggregates: AggregateEdgeView[] = [];
  for (let a = 0; a < groups; a++) {
    for (let b = 0; b < (a < namespaceCount ? groups : namespaceCount); b++) {
      const { counts: tally, total } = countsOf(counts, slotOf(a, b));
      if (total === 0) continue;
      if (a === b) {
        namespaces[a]!.within = tally;
        continue;
      }
      aggregates.push({
        id: flowEdgeId(groupNodes[a]!, groupNodes[b]!),
        source: groupNodes[a]!,
        target: groupNodes[b]!,
        from: groupNames[a]!,
        to: groupNames[b]!,
        counts: tally,
        total,
      });
    }
  }
  for (const ns of namespaces) ns.collapsed = !expanded.has(ns.name);

  const budget = options.maxEndpointEdges ?? MAX_DRAWN_ENDPOINT_EDGES;
  const drawn =
    candidates.length <= budget
      ? candidates
      : [...candidates].sort((x, y) => drawPriority(x.code) - drawPriority(y.code)).slice(0, budget);
  const portsByDestination = destinationPorts(workspace);
  const edges: EdgeView[] = [];
  const flows: FlowRow[] = [];
  for (const { from, to } of drawn) {
    const { edge, rows } = pairElements(
      decide(ends[from]!.end, ends[to]!.end),
      ends[from]!,
      ends[to]!,
      portsByDestination,
    );
    edges.push(edge);
    flows.push(...rows);
  }
  const tests = testsOf(workspace, flows, ends);
  // Lint findings follow in a second message (see engine.worker.ts): on a big workspace they take longer than the rest.
  const diagnostics = [...workspace.diagnostics, ...tests.errors].sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
  const tiered = {
    namespaces,
    endpoints: ends
      .filter((end): end is CanvasEnd & { endpoint: Endpoint } => end.endpoint !== null)
      .map((end) => endpointView(isolating, end.endpoint)),
  };
  const tiers = addTierViews(workspace, tiered, null);
  return {
    seq,
    workspaceNamespace: cluster.workspaceNamespace,
    ...tiered,
    ...(tiers && { tiers }),
    externals,
    edges,
    flows,
    ports: portChoices(cluster),
    policies: policyViews(workspace, isolating),
    tests: tests.view,
    diagnostics,
    blocking: diagnostics.some((d) => d.blocking),
    documentCount: workspace.parsed.documents.length,
    summary: {
      endpointTotal: n,
      expanded: [...expanded].sort(),
      aggregates,
      endpointEdges: { total: candidates.length, drawn: drawn.length },
      port: portText,
      flowTotal: flowTotal(
        n,
        ranges.length,
        cluster.endpoints.map((endpoint) => portsByDestination.get(endpoint.id)?.length ?? 0),
      ),
    },
    lintPending: true,
  };
}
