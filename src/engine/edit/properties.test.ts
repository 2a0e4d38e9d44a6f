import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterArb, policyArb, type ArbitraryCluster } from '../../testing/arbitrary-cluster';
import { FILE, load, newErrors } from '../../testing/edit-workspace';
import { forEachPair } from '../matrix/reach';
import { parseSources } from '../parse/parse-sources';
import { isEmptyPorts } from '../util/port-set';
import type { Workspace } from '../workspace';
import { applyIntent } from './apply-intent';
import type { EditIntent, PortSpec } from './intents';
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
