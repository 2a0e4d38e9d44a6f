import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterArb, policyArb, toYaml, type ArbitraryCluster } from '../../testing/arbitrary-cluster';
import { FILE, load, newErrors } from '../../testing/edit-workspace';
import { decidePair } from '../evaluate/evaluate';
import { forEachPair } from '../matrix/reach';
import { selects } from '../model/selector';
import type { Direction } from '../model/types';
import { parseSources } from '../parse/parse-sources';
import { formatPorts, hasPort, isEmptyPorts, subtractPorts, type PortSet } from '../util/port-set';
import type { Workspace } from '../workspace';
import { applyIntent } from './apply-intent';
import { resolveIntentEnd } from './flow-ends';
import type { AllowFlowIntent, EditIntent, PortSpec } from './intents';
import { applyTextEdits, invertEdits, type TextEdit } from './text-edits';
import { renderYaml, type YamlStyle } from './yaml-style';

type Draw = <T>(items: readonly T[]) => T;

const NAMESPACES = ['ns1', 'ns2', 'ns3'];
const PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 'http', protocol: 'TCP' },
  { port: 8000, endPort: 8080, protocol: 'TCP' },
];
const OUTSIDE = ['10.0.0.0/16', '192.0.2.7'];

interface Layout {
  style: YamlStyle;
  /** A comment line above every key and list item. */
  commented: boolean;
  /** The policies as items of one `kind: List` document, as `kubectl get -o yaml` writes them. */
  policiesInList: boolean;
}

const layoutArb: fc.Arbitrary<Layout> = fc.record({
  style: fc.record({ indent: fc.constantFrom(2, 4), indentSeq: fc.boolean(), flowPadding: fc.boolean() }),
  commented: fc.boolean(),
  policiesInList: fc.boolean(),
});

/** The random cluster written the way people write YAML, in one of several layouts. */
function workspaceText(
  { base, policies }: ArbitraryCluster,
  { style, commented, policiesInList }: Layout,
): string {
  const documents =
    policiesInList && policies.length
      ? [...base, { apiVersion: 'v1', kind: 'List', items: policies }]
      : [...base, ...policies];
  return documents
    .map((document) => renderYaml(document, style))
    .map((yaml) =>
      commented
        ? yaml.replace(/\n( *)(?=- |\w)/g, (_match, indent: string) => `\n${indent}# note\n${indent}`)
        : yaml,
    )
    .join('---\n');
}

/** The edit stays inside one document (up to where the next begins), or appends at the end. */
function withinOneDocument(text: string, edit: TextEdit): boolean {
  const starts = parseSources([{ name: FILE, text }]).documents.map((doc) => doc.start);
  if (edit.start === text.length) return true;
  return starts.some((start, i) => start <= edit.start && edit.end <= (starts[i + 1] ?? text.length));
}

/** Pairs that some rule lets through on an isolated side: the flows remove-flow can act on. */
function governedFlows(workspace: Workspace): [string, string][] {
  const pairs: [string, string][] = [];
  forEachPair(workspace.cluster, (pair, from, to) => {
    if (!isEmptyPorts(pair.allowed) && !pair.loopback && (pair.egress.isolated || pair.ingress.isolated))
      pairs.push([from, to]);
  });
  return pairs;
}

/** An intent about what the workspace holds now, so that most intents have something to act on. */
function drawIntent(
  workspace: Workspace,
  draw: Draw,
  spec: () => Record<string, unknown>,
  step: number,
): EditIntent {
  const endpoints = workspace.cluster.endpoints.map((endpoint) => endpoint.id);
  const policies = workspace.cluster.policies.map((policy) => policy.id);
  const end = () => draw([...endpoints, ...endpoints, ...OUTSIDE]);
  const policyId = draw(policies.length ? policies : ['ns1/none']);
  const governed = governedFlows(workspace);
  const intents: (() => EditIntent)[] = [
    () => ({
      kind: 'set-default-deny',
      namespace: draw(NAMESPACES),
      direction: draw(['Ingress', 'Egress'] as const),
      enabled: draw([true, false]),
      keepDns: draw([undefined, true, false]),
    }),
    () => {
      const from = end();
      const to = end();
      const except =
        from === '10.0.0.0/16' || to === '10.0.0.0/16' ? draw([undefined, ['10.0.1.0/24']]) : undefined;
      return {
        kind: 'allow-flow',
        from,
        to,
        ports: PORTS.filter(() => draw([true, false, false])),
        peerWidth: draw(['workload', 'namespace-pods', 'namespace-label'] as const),
        ...(except ? { except } : {}),
      };
    },
    () => {
      const [from, to] = governed.length ? draw(governed) : [end(), end()];
      return {
        kind: 'remove-flow',
        from,
        to,
        port: draw([undefined, undefined, 80, 53, 'http']),
        protocol: draw([undefined, 'TCP', 'UDP'] as const),
      };
    },
    () => ({ kind: 'update-policy', policyId, spec: spec() }),
    () => ({ kind: 'rename-policy', policyId, name: `renamed-${step}` }),
    () => ({ kind: 'delete-policy', policyId }),
    () => ({ kind: 'add-policy', namespace: draw(NAMESPACES), name: `added-${step}`, spec: spec() }),
    () => ({ kind: 'generate-complementary-egress', policyId }),
    () => ({ kind: 'generate-all-complementary-egress' }),
    () => ({
      kind: 'add-workload',
      namespace: draw(NAMESPACES),
      name: `wl-${step}`,
      labels: draw<Record<string, string>>([{}, { app: 'a' }, { tier: 'b', env: 'on' }]),
      ports: draw([[], [{ name: 'http', containerPort: 80 }]]),
    }),
    () => ({
      kind: 'add-namespace',
      name: draw([...NAMESPACES, `extra-${step}`]),
      labels: draw<Record<string, string>>([{}, { team: 'a' }]),
    }),
  ];
  return draw(intents)();
}

describe('any sequence of intents on any workspace', () => {
  it('leaves text that parses and validates, and undoing each step restores the previous text exactly', () => {
    fc.assert(
      fc.property(
        clusterArb,
        layoutArb,
        fc.integer({ min: 1, max: 6 }),
        fc.gen(),
        (cluster, layout, steps, g) => {
          const draw: Draw = (items) => items[g(fc.nat, { max: items.length - 1 })]!;
          const spec = () => g(() => policyArb).spec as Record<string, unknown>;
          let text = workspaceText(cluster, layout);
          for (let step = 0; step < steps; step++) {
            const before = load(text);
            const intent = drawIntent(before, draw, spec, step);
            const result = applyIntent(before, intent);
            if (!result.ok) {
              // Refusing is fine; failing to write a change it meant to make is not.
              expect(result.message).not.toMatch(/^This edit was not made/);
              continue;
            }
            expect(result.edits.every((edit) => withinOneDocument(text, edit))).toBe(true);
            const next = applyTextEdits(text, result.edits);
            const after = load(next);
            expect(after.diagnostics.filter((d) => d.blocking)).toEqual([]);
            expect(newErrors(before, after), `${JSON.stringify(intent)}\n${next}`).toEqual([]);
            expect(applyTextEdits(next, invertEdits(text, result.edits))).toBe(text);
            text = next;
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

/** Every flow the workspace allows on some port, from and to pods, workloads and outside addresses. */
function allowedFlows(workspace: Workspace): Map<string, { from: string; to: string; ports: string }> {
  const ends = [...workspace.cluster.endpoints.map((endpoint) => endpoint.id), ...OUTSIDE];
  const flows = new Map<string, { from: string; to: string; ports: string }>();
  for (const from of ends) {
    for (const to of ends) {
      if (OUTSIDE.includes(from) && OUTSIDE.includes(to)) continue;
      const allowed = decidePair(
        workspace.cluster,
        resolveIntentEnd(workspace, from, 'from').flow,
        resolveIntentEnd(workspace, to, 'to').flow,
      ).allowed;
      flows.set(`${from} -> ${to}`, { from, to, ports: JSON.stringify(allowed) });
    }
  }
  return flows;
}

interface LostFlow {
  from: string;
  to: string;
  lost: string;
  ports: PortSet;
}

/** The flows of `before` that lost a port in `after`. */
function lostFlows(before: Workspace, after: Workspace): LostFlow[] {
  const now = allowedFlows(after);
  const lost: LostFlow[] = [];
  for (const [key, flow] of allowedFlows(before)) {
    const later = now.get(key);
    if (!later) continue; // an end that is gone is not a flow turned off
    const gone = subtractPorts(JSON.parse(flow.ports), JSON.parse(later.ports));
    if (!isEmptyPorts(gone))
      lost.push({ from: flow.from, to: flow.to, lost: formatPorts(gone), ports: gone });
  }
  return lost;
}

const allowIntentArb = (ids: readonly string[], isolate: fc.Arbitrary<Direction[] | undefined>) =>
  fc.record({
    kind: fc.constant('allow-flow' as const),
    from: fc.constantFrom(...ids, ...OUTSIDE),
    to: fc.constantFrom(...ids, ...OUTSIDE),
    ports: fc.subarray(PORTS, { maxLength: 2 }),
    peerWidth: fc.constantFrom('workload', 'namespace-pods', 'namespace-label' as const),
    isolate,
  });

describe('allowing a flow', () => {
  it('never turns an allowed flow into a denied one unless the intent asks to isolate a side', () => {
    fc.assert(
      fc.property(
        clusterArb.chain((cluster) => {
          const ids = load(toYaml([...cluster.base, ...cluster.policies])).cluster.endpoints.map((e) => e.id);
          return fc.tuple(
            fc.constant(cluster),
            fc.array(allowIntentArb(ids.length ? ids : ['ns1/none'], fc.constant(undefined)), {
              minLength: 1,
              maxLength: 3,
            }),
          );
        }),
        ([cluster, intents]) => {
          let text = toYaml([...cluster.base, ...cluster.policies]);
          for (const intent of intents) {
            const before = load(text);
            const result = applyIntent(before, intent as AllowFlowIntent);
            if (!result.ok) continue;
            text = applyTextEdits(text, result.edits);
            const lost = lostFlows(before, load(text)).map(
              (flow) => `${flow.from} -> ${flow.to} on ${flow.lost}`,
            );
            expect(lost, `${JSON.stringify(intent)}\n${text}`).toEqual([]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('when asked to isolate, denies only flows of the isolated side, and lists every one in its summary', () => {
    fc.assert(
      fc.property(
        clusterArb.chain((cluster) => {
          const ids = load(toYaml([...cluster.base, ...cluster.policies])).cluster.endpoints.map((e) => e.id);
          return fc.tuple(
            fc.constant(cluster),
            allowIntentArb(
              ids.length ? ids : ['ns1/none'],
              fc.subarray<Direction>(['Egress', 'Ingress'], { minLength: 1 }),
            ),
          );
        }),
        ([cluster, intent]) => {
          const text = toYaml([...cluster.base, ...cluster.policies]);
          const before = load(text);
          const result = applyIntent(before, intent as AllowFlowIntent);
          if (!result.ok) return;
          const after = load(applyTextEdits(text, result.edits));
          const lost = lostFlows(before, after);
          // The isolated side is every pod the written policy selects (all pods with those labels).
          const isolatedBy = (direction: Direction, id: string) =>
            intent.isolate?.includes(direction) === true &&
            after.cluster.policies.some((policy) => {
              const endpoint = after.cluster.endpoints.find((e) => e.id === id);
              return (
                result.touched.includes(policy.id) &&
                policy.policyTypes.includes(direction) &&
                endpoint?.namespace === policy.namespace &&
                selects(policy.podSelector, endpoint.labels)
              );
            });
          for (const flow of lost) {
            const side = isolatedBy('Egress', flow.from) || isolatedBy('Ingress', flow.to);
            expect(side, `${flow.from} -> ${flow.to} on ${flow.lost}`).toBe(true);
          }
          // The summary compares what a destination serves: its declared ports, or all when it declares none.
          const listed = result.stops.map((stop) => `${stop.from} -> ${stop.to}`);
          const endpoints = new Map(before.cluster.endpoints.map((endpoint) => [endpoint.id, endpoint]));
          for (const flow of lost) {
            const to = endpoints.get(flow.to);
            if (!endpoints.has(flow.from) || !to) continue;
            const served =
              to.ports.length === 0 || to.ports.some((p) => hasPort(flow.ports, p.protocol, p.port));
            if (served) expect(listed, result.summary).toContain(`${flow.from} -> ${flow.to}`);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
