import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateFiles, type Evaluation } from '../../engine';
import { externalViews } from './build-view-model';
import { ObservedLogs } from './observed-traffic';
import { WORKSPACE_FILE } from '../worker/protocol';
import type { ObservedView } from '../model/observed';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'flows');
const SHOP = readFileSync(join(FIXTURES, 'shop.yaml'), 'utf8');
const HUBBLE = readFileSync(join(FIXTURES, 'shop-hubble.jsonl'), 'utf8');

const evaluate = (text: string, previous: Evaluation | null = null) =>
  evaluateFiles([{ name: WORKSPACE_FILE, text }], {}, previous);

/** The view as the worker posts it for a canvas that draws every endpoint (or, summarized, `expanded` open). */
const viewOf = (logs: ObservedLogs, evaluation: Evaluation, expanded?: string[]) =>
  logs.view(evaluation, {
    externals: externalViews(evaluation.workspace),
    ...(expanded && { expanded: new Set(expanded) }),
  });

const WEB_TO_PG = 'shop/web|shop/pg|5432|TCP';

/** A policy that lets web reach pg, so that the observed attempt no longer breaks. */
const ALLOW_PG = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: pg-from-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: pg } }
  policyTypes: [Ingress]
  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ port: 5432 }] }]
`;

describe('ObservedLogs', () => {
  it('reads a log streamed from a Blob as the engine reads it whole, and replays it', async () => {
    const logs = new ObservedLogs();
    logs.setSources([{ name: 'shop.jsonl', data: new Blob([HUBBLE]) }]);
    const view = (await viewOf(logs, evaluate(SHOP)))!;
    expect([view.observed, view.denied]).toEqual([4, 1]);
    expect(view.flows.find((flow) => flow.key === WEB_TO_PG)).toMatchObject({
      actual: 'deny',
      edgeId: 'flow:ep:shop/web->ep:shop/pg',
    });
    expect(view.logs).toEqual([{ name: 'shop.jsonl', lines: HUBBLE.split('\n').length }]);
  });

  it('replays the kept flows against each new text, and reads again when the endpoints change', async () => {
    const logs = new ObservedLogs();
    logs.setSources([
      {
        name: 'shop.csv',
        data: 'from,to,port,protocol\nshop/web,shop/pg,5432,TCP\nshop/web,shop/new,80,TCP\n',
      },
    ]);
    const first = evaluate(SHOP);
    expect((await viewOf(logs, first))!.denied).toBe(1);
    // A policy changes, the endpoints do not: the same flows, now allowed.
    const allowed = evaluate(SHOP + ALLOW_PG, first);
    expect((await viewOf(logs, allowed))!.denied).toBe(0);
    // shop/new appears: its flow is no longer unknown, which only a new read can tell.
    expect((await viewOf(logs, allowed))!.unknown).toHaveLength(1);
    const withNew = evaluate(
      `${SHOP + ALLOW_PG}---\napiVersion: v1\nkind: Pod\nmetadata: { name: new, namespace: shop }\nspec: { containers: [{ name: n, image: n }] }\n`,
      allowed,
    );
    const view = (await viewOf(logs, withNew))!;
    expect(view.unknown).toHaveLength(0);
    expect(view.flows.map((flow) => flow.key)).toContain('shop/web|shop/new|80|TCP');
  });

  it('puts each flow on the edge the canvas draws it on: cards, collapsed boxes, outside ranges', async () => {
    const logs = new ObservedLogs();
    logs.setSources([
      {
        name: 'mixed.csv',
        data: [
          'from,to,port,protocol',
          'shop/web,kube-system/coredns,53,UDP',
          'shop/web,shop/pg,5432,TCP',
          'shop/web,192.0.2.80,443,TCP',
          'shop/web,198.51.100.7,443,TCP',
          '',
        ].join('\n'),
      },
    ]);
    const edgeOf = (view: ObservedView | null, key: string) =>
      view?.flows.find((flow) => flow.key === key)?.edgeId;
    // One range named by a policy; an address no ipBlock names is drawn with the internet.
    const text = `${SHOP}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-out, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress: [{ to: [{ ipBlock: { cidr: 192.0.2.0/24 } }] }]
`;
    const evaluation = evaluate(text);
    const pairs = await viewOf(logs, evaluation);
    expect(edgeOf(pairs, 'shop/web|kube-system/coredns|53|UDP')).toBe(
      'flow:ep:shop/web->ep:kube-system/coredns',
    );
    expect(edgeOf(pairs, 'shop/web|192.0.2.80|443|TCP')).toBe('flow:ep:shop/web->ext:192.0.2.0/24');
    expect(edgeOf(pairs, 'shop/web|198.51.100.7|443|TCP')).toBe('flow:ep:shop/web->ext:0.0.0.0/0');
    // web's egress is isolated to 192.0.2.0/24: the call elsewhere would break. The table's rows
    // (and the matrix's lines) name the range that holds the address.
    expect(pairs?.flows.find((flow) => flow.to === '198.51.100.7')).toMatchObject({
      actual: 'deny',
      rowFrom: 'shop/web',
      rowTo: '0.0.0.0/0',
    });

    // Summarized with every namespace collapsed: on the counted edges between boxes.
    const boxes = await viewOf(logs, evaluation, []);
    expect(edgeOf(boxes, 'shop/web|kube-system/coredns|53|UDP')).toBe('flow:ns:shop->ns:kube-system');
    expect(edgeOf(boxes, 'shop/web|192.0.2.80|443|TCP')).toBe('flow:ns:shop->ext:192.0.2.0/24');
    // Within one collapsed box there is no edge to carry it.
    expect(edgeOf(boxes, 'shop/web|shop/pg|5432|TCP')).toBeNull();
    // shop open: its cards, facing the kube-system box.
    const open = await viewOf(logs, evaluation, ['shop']);
    expect(edgeOf(open, 'shop/web|kube-system/coredns|53|UDP')).toBe('flow:ep:shop/web->ns:kube-system');
    expect(edgeOf(open, 'shop/web|shop/pg|5432|TCP')).toBe('flow:ep:shop/web->ep:shop/pg');
  });

  it('generates policies for one workload only, with the edits that add them and the flows they change', async () => {
    const logs = new ObservedLogs();
    logs.setSources([{ name: 'shop.jsonl', data: HUBBLE }]);
    const preview = await logs.generate(evaluate(SHOP), { kind: 'workload', endpoint: 'shop/pg' });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.policies.map((policy) => `${policy.namespace}/${policy.name}`)).toEqual([
      'shop/pg-observed-egress',
      'shop/pg-observed-ingress',
    ]);
    expect(preview.edit.edits.length).toBeGreaterThan(0);
    if (!preview.changes.ok) throw new Error(preview.changes.message);
    expect(
      preview.changes.differences.find((d) => d.from === 'shop/web' && d.to === 'shop/pg' && d.port === 5432),
    ).toMatchObject({ change: 'allowed' });
  });

  it('says so when there is no log', async () => {
    const logs = new ObservedLogs();
    expect(await viewOf(logs, evaluate(SHOP))).toBeNull();
    expect(await logs.generate(evaluate(SHOP), { kind: 'all' })).toEqual({
      ok: false,
      message: 'Import a flow log first.',
    });
  });
});
