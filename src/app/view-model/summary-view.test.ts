import { describe, expect, it } from 'vitest';
import { generateCluster, toListYaml } from '../../testing/generate-cluster';
import { declaredPorts, evaluateFiles, type Evaluation } from '../../engine';
import type { EdgeView, ViewModel } from '../model/view-model';
import { buildViewModel } from './build-view-model';
import { compareWorkspaces } from './compare';
import { buildSummaryViewModel, isSummarized, SummaryCache } from './summary-view';

const evaluation: Evaluation = evaluateFiles([
  { name: 'w.yaml', text: toListYaml(generateCluster({ seed: 5, endpoints: 60, policies: 30 }).items) },
]);
const full = buildViewModel(evaluation.workspace, 1);
const namespaceOf = (nodeId: string) =>
  nodeId.startsWith('ep:') ? `ns:${nodeId.slice(3).split('/')[0]}` : nodeId;
const byId = (edges: readonly EdgeView[]) => new Map(edges.map((edge) => [edge.id, edge]));

describe('the summarized view of a big workspace', () => {
  it('shows every namespace open exactly as the pair-by-pair view does, given the budget', () => {
    const everything = buildSummaryViewModel(evaluation, 1, {
      expanded: full.namespaces.map((ns) => ns.name),
      maxEndpointEdges: Infinity,
    });
    expect(full.edges.length).toBeGreaterThan(1000);
    expect(everything.summary!.aggregates).toEqual([]);
    expect(byId(everything.edges)).toEqual(byId(full.edges));
    expect(new Map(everything.flows.map((row) => [row.key, row]))).toEqual(
      new Map(full.flows.map((row) => [row.key, row])),
    );
    expect(everything.endpoints).toEqual(full.endpoints);
    expect(everything.policies).toEqual(full.policies);
    expect(everything.namespaces.map(({ collapsed: _c, within: _w, ...ns }) => ns)).toEqual(full.namespaces);
  });

  it('counts the flows between collapsed namespaces and outside ranges per verdict, as the pairs add up', () => {
    const collapsed = buildSummaryViewModel(evaluation, 1, { expanded: [] });
    expect(collapsed.endpoints).toEqual([]);
    expect(collapsed.edges).toEqual([]);
    const expected = new Map<string, Record<string, number>>();
    for (const edge of full.edges) {
      const key = `${namespaceOf(edge.source)}->${namespaceOf(edge.target)}`;
      const tally = expected.get(key) ?? {};
      tally[edge.verdict] = (tally[edge.verdict] ?? 0) + 1;
      expected.set(key, tally);
    }
    const actual = new Map<string, Record<string, number>>(
      collapsed.summary!.aggregates.map((a) => [
        `${a.source}->${a.target}`,
        a.counts as Record<string, number>,
      ]),
    );
    for (const ns of collapsed.namespaces)
      if (ns.within) actual.set(`${ns.nodeId}->${ns.nodeId}`, ns.within as Record<string, number>);
    expect(actual).toEqual(expected);
    expect(collapsed.namespaces.every((ns) => ns.collapsed)).toBe(true);
  });

  it('counts the flows on the chosen port, as the rows of that port add up, and offers every declared port', () => {
    const ports = declaredPorts(evaluation.workspace.cluster);
    const port = ports[ports.length - 1]!;
    const text = `${port.port}/${port.protocol}`;
    const collapsed = buildSummaryViewModel(evaluation, 1, { expanded: [], port });
    expect(collapsed.ports).toEqual(ports.map((p) => `${p.port}/${p.protocol}`));
    expect(collapsed.summary!.port).toBe(text);
    const cluster = evaluation.workspace.cluster;
    const expected = new Map<string, Record<string, number>>();
    const add = (key: string, verdict: string) => {
      const tally = expected.get(key) ?? {};
      tally[verdict] = (tally[verdict] ?? 0) + 1;
      expected.set(key, tally);
    };
    // Between endpoints, every pair is a flow on that port, declared by the destination or not.
    cluster.endpoints.forEach((from, i) =>
      cluster.endpoints.forEach((to, j) => {
        if (i !== j)
          add(
            `ns:${from.namespace}->ns:${to.namespace}`,
            evaluation.matrix.flowVerdict(i, j, port.port, port.protocol),
          );
      }),
    );
    const actual = new Map<string, Record<string, number>>();
    for (const a of collapsed.summary!.aggregates)
      if (a.source.startsWith('ns:') && a.target.startsWith('ns:'))
        actual.set(`${a.source}->${a.target}`, a.counts as Record<string, number>);
    for (const ns of collapsed.namespaces)
      if (ns.within) actual.set(`${ns.nodeId}->${ns.nodeId}`, ns.within as Record<string, number>);
    expect(actual).toEqual(expected);
    const whole = buildSummaryViewModel(evaluation, 1, { expanded: [] });
    expect(collapsed.summary!.aggregates).not.toEqual(whole.summary!.aggregates);
    // The same pairs, counted on one port: every box pair keeps its total.
    expect(collapsed.summary!.aggregates.map((x) => [x.id, x.total])).toEqual(
      whole.summary!.aggregates.map((x) => [x.id, x.total]),
    );
  });

  it('draws an open namespace at endpoint level and keeps counting the rest, within the edge budget', () => {
    const name = full.namespaces.find((ns) => ns.endpointCount > 5)!.name;
    const one: ViewModel = buildSummaryViewModel(evaluation, 1, { expanded: [name], maxEndpointEdges: 10 });
    expect(one.endpoints.every((e) => e.namespace === name)).toBe(true);
    expect(one.edges).toHaveLength(10);
    expect(one.summary!.endpointEdges.total).toBeGreaterThan(10);
    const fullEdges = byId(full.edges);
    for (const edge of one.edges) expect(edge).toEqual(fullEdges.get(edge.id));
    // Policy-decided edges go first.
    const verdicts = one.edges.map((e) => e.verdict);
    if (verdicts.includes('allow-open'))
      expect(verdicts.slice(verdicts.indexOf('allow-open')).every((v) => v === 'allow-open')).toBe(true);
    expect(one.summary!.aggregates.some((a) => a.source === `ns:${name}`)).toBe(true);
  });
});

describe('the summary cache', () => {
  it('gives the answers of an uncached summary through keystrokes in a policy that names outside ranges', () => {
    const base = toListYaml(generateCluster({ seed: 6, endpoints: 90, policies: 40 }).items);
    const policy = (cidr: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-out, namespace: ${full.namespaces[1]!.name}}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: ${cidr}}}]
`;
    const cache = new SummaryCache();
    let evaluation = evaluateFiles([{ name: 'w.yaml', text: base + policy('0.0.0.0/0') }]);
    for (const cidr of ['0.0.0.0/1', '0.0.0.0/0', '10.0.0.0/8', '203.0.113.0/24']) {
      evaluation = evaluateFiles([{ name: 'w.yaml', text: base + policy(cidr) }], {}, evaluation);
      expect(evaluation.path).toBe('one-policy');
      cache.follow(evaluation);
      const cached = buildSummaryViewModel(evaluation, 1, { expanded: [], cache });
      expect(cached).toEqual(buildSummaryViewModel(evaluation, 1, { expanded: [] }));
    }
  });
  it('recounts the namespace pairs an edit changes, with and without a port filter, never giving stale counts', () => {
    const base = toListYaml(generateCluster({ seed: 6, endpoints: 90, policies: 40 }).items);
    const namespace = full.namespaces[1]!.name;
    const policy = (types: string, port: number) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: typed, namespace: ${namespace}}
spec:
  podSelector: {}
  policyTypes: [${types}]
  ingress:
  - ports: [{port: ${port}}]
  egress:
  - ports: [{port: ${port}}]
`;
    const counts = (model: ViewModel) =>
      JSON.stringify([model.summary!.aggregates, model.namespaces.map((ns) => ns.within)]);
    const cache = new SummaryCache();
    let evaluation = evaluateFiles([{ name: 'w.yaml', text: base + policy('Egress', 1) }]);
    const port = declaredPorts(evaluation.workspace.cluster)[0]!;
    const seen = new Set<string>();
    // Ports and directions change the verdicts of the pairs the policy selects, both ways.
    for (const [types, number] of [
      ['Ingress', 8080],
      ['Ingress', port.port],
      ['Ingress, Egress', port.port],
      ['Egress', 9],
      ['Ingress', 8080],
    ] as const) {
      evaluation = evaluateFiles([{ name: 'w.yaml', text: base + policy(types, number) }], {}, evaluation);
      expect(evaluation.path).toBe('one-policy');
      cache.follow(evaluation);
      for (const filter of [null, port]) {
        const options = { expanded: [], port: filter };
        const cached = buildSummaryViewModel(evaluation, 1, { ...options, cache });
        expect(counts(cached)).toBe(counts(buildSummaryViewModel(evaluation, 1, options)));
        seen.add(counts(cached));
      }
    }
    // The edits did change the counts: a cache that kept them would have failed above.
    expect(seen.size).toBeGreaterThan(4);
  });
});

describe('comparing big workspaces', () => {
  it('declines with a reason instead of evaluating millions of flows one by one', () => {
    const big = evaluateFiles([
      { name: 'w.yaml', text: toListYaml(generateCluster({ seed: 7, endpoints: 200, policies: 20 }).items) },
    ]).workspace;
    const comparison = compareWorkspaces(big, big);
    expect(comparison.ok).toBe(false);
    if (!comparison.ok)
      expect(comparison.message).toMatch(/stops at 100 endpoints; these texts have up to \d+/);
  });

  it('summarizes a few pods that face thousands of outside ranges, not a few ranges', () => {
    const workspace = (ranges: number) => {
      const pods = Array.from(
        { length: 10 },
        (_, i) =>
          `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: a}\nstatus: {podIP: 10.0.0.${i + 1}}`,
      );
      const peers = Array.from(
        { length: ranges },
        (_, i) => `{ipBlock: {cidr: 11.${i >> 8}.${i & 255}.0/24}}`,
      );
      const policy = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: out, namespace: a}\nspec: {podSelector: {}, policyTypes: [Egress], egress: [{to: [${peers.join(', ')}]}]}`;
      return evaluateFiles([{ name: 'w.yaml', text: [...pods, policy].join('\n---\n') }]);
    };
    expect(isSummarized(workspace(3))).toBe(false);
    expect(isSummarized(workspace(1000))).toBe(true);
  });
});

describe('outside ranges too many to draw', () => {
  const pods = ['a', 'b'].flatMap((namespace) =>
    Array.from(
      { length: 3 },
      (_, i) =>
        `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: ${namespace}, labels: {app: a${i}}}\nstatus: {podIP: 10.0.${namespace === 'a' ? 1 : 2}.${i + 1}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}`,
    ),
  );
  const peers = Array.from({ length: 500 }, (_, i) => `{ipBlock: {cidr: 11.${i >> 8}.${i & 255}.0/24}}`);
  const text = [
    ...pods,
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: out, namespace: a}\nspec:\n  podSelector: {matchLabels: {app: a1}}\n  policyTypes: [Egress]\n  egress: [{to: [${peers.slice(0, 300).join(', ')}]}]`,
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: in, namespace: b}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{from: [${peers.slice(250).join(', ')}]}]`,
  ].join('\n---\n');
  const many = evaluateFiles([{ name: 'w.yaml', text }]);
  const pairs = buildViewModel(many.workspace, 1);
  /** The pair view's verdicts between each namespace and every named range, added up. */
  const expected = new Map<string, Record<string, number>>();
  for (const edge of pairs.edges) {
    const [inside, outside] = edge.source.startsWith('ep:')
      ? [edge.source, edge.target]
      : [edge.target, edge.source];
    if (!outside.startsWith('ext:') || outside === 'ext:0.0.0.0/0') continue;
    const key = inside === edge.source ? `${namespaceOf(inside)}->group` : `group->${namespaceOf(inside)}`;
    const counts = expected.get(key) ?? {};
    counts[edge.verdict] = (counts[edge.verdict] ?? 0) + 1;
    expected.set(key, counts);
  }
  const toGroup = (model: ViewModel) =>
    new Map<string, Record<string, number>>(
      model.summary!.aggregates.flatMap((aggregate): [string, Record<string, number>][] =>
        aggregate.target === 'ext-group:outside'
          ? [[`${aggregate.source}->group`, aggregate.counts]]
          : aggregate.source === 'ext-group:outside'
            ? [[`group->${aggregate.target}`, aggregate.counts]]
            : [],
      ),
    );

  it('are summarized, and drawn as the internet and one group node whose edges count every range', () => {
    expect(isSummarized(many)).toBe(true);
    const model = buildSummaryViewModel(many, 1, { expanded: [] });
    expect(model.externals.map((x) => x.nodeId)).toEqual(['ext:0.0.0.0/0', 'ext-group:outside']);
    const group = model.externals[1]!;
    expect(group.cidr).toBe('500 outside ranges');
    expect(group.group!.cidrs).toHaveLength(500);
    expect(toGroup(model)).toEqual(expected);
    // The flows table still has a row for every range.
    expect(model.summary!.flowTotal).toBe(
      buildSummaryViewModel(many, 1, { expanded: ['a', 'b'] }).summary!.flowTotal,
    );
  });

  it('draw the first hundred once expanded; the group keeps counting the others, open namespaces too', () => {
    const model = buildSummaryViewModel(many, 1, {
      expanded: ['ext-group:outside', 'a'],
      maxEndpointEdges: Infinity,
    });
    const drawn = model.externals.filter((x) => !x.group && !x.internet);
    expect(drawn).toHaveLength(100);
    expect(drawn[0]!.nodeId).toBe('ext:11.0.0.0/24');
    const group = model.externals.find((x) => x.group)!;
    expect(group.cidr).toBe('400 more outside ranges');
    expect(group.group).toMatchObject({ expanded: true, shown: 100 });
    // Drawn ranges have their own edges, decided as in the pair view.
    const pairEdges = byId(pairs.edges);
    const drawnEdges = model.edges.filter((edge) => edge.target === drawn[0]!.nodeId);
    expect(drawnEdges).toHaveLength(3);
    for (const edge of drawnEdges) expect(edge.verdict).toBe(pairEdges.get(edge.id)!.verdict);
    const counted = toGroup(model);
    const sum = (counts?: Record<string, number>) => Object.values(counts ?? {}).reduce((a, b) => a + b, 0);
    expect(sum(counted.get('ns:a->group'))).toBe(3 * 400);
    expect(sum(counted.get('group->ns:b'))).toBe(3 * 400);
  });
});
