import { describe, expect, it } from 'vitest';
import { generateCluster, toListYaml } from '../../testing/generate-cluster';
import { evaluateFiles } from '../../engine';
import { compareEnds } from '../model/flow-page';
import { indexObserved, markRow } from '../model/observed-match';
import type { FlowRow } from '../model/view-model';
import { buildViewModel, externalViews } from './build-view-model';
import { ObservedLogs } from './observed-traffic';
import { SummaryFlows } from './summary-flows';

const text = toListYaml(generateCluster({ seed: 7, endpoints: 24, policies: 12 }).items);
const evaluation = evaluateFiles([{ name: 'w.yaml', text }]);
const all = {
  text: '',
  verdict: 'all',
  observed: 'all',
  sort: 'from',
  descending: false,
  expanded: [],
  offset: 0,
  limit: 1e9,
} as const;

describe('the flows table of a summarized workspace', () => {
  it('has exactly the rows, verdicts and reasons of the whole view model', () => {
    const model = buildViewModel(evaluation.workspace, 1);
    const flows = new SummaryFlows(evaluation);
    const page = flows.page(all);
    expect(page.total).toBe(model.flows.length);
    expect(page.matched).toBe(model.flows.length);
    const strip = ({ edgeId: _edgeId, ...row }: (typeof page.rows)[number]) => row;
    expect(page.rows.map(strip).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      model.flows.map(strip).sort((a, b) => a.key.localeCompare(b.key)),
    );
  });

  it('filters and sorts, and serves any window of the order', () => {
    const flows = new SummaryFlows(evaluation);
    const denied = flows.page({ ...all, verdict: 'denied', sort: 'to', descending: true });
    expect(denied.matched).toBeGreaterThan(0);
    expect(denied.rows.every((row) => row.verdict.startsWith('deny'))).toBe(true);
    const to = denied.rows.map((row) => row.to);
    expect(to).toEqual([...to].sort(compareEnds).reverse());
    const window = flows.page({
      ...all,
      verdict: 'denied',
      sort: 'to',
      descending: true,
      offset: 5,
      limit: 3,
    });
    expect(window.rows.map((row) => row.key)).toEqual(denied.rows.slice(5, 8).map((row) => row.key));
    // The whole table in name order, found by counting, is the same as by scanning.
    for (const sort of ['from', 'to'] as const)
      for (const descending of [false, true]) {
        // Every end's name has a slash: the filter keeps every row, and makes the worker scan them.
        const scanned = flows.page({ ...all, sort, descending, text: '/' });
        const counted = flows.page({ ...all, sort, descending, offset: 37, limit: 250 });
        expect(counted.matched).toBe(scanned.matched);
        expect(counted.rows.map((row) => row.key)).toEqual(scanned.rows.slice(37, 287).map((row) => row.key));
      }
    const name = denied.rows[0]!.from;
    const named = flows.page({ ...all, text: name.toUpperCase() });
    expect(named.rows.every((row) => row.from.includes(name) || row.to.includes(name))).toBe(true);
  });

  it('keeps the rows the logs saw, or saw and would break, as the replay marks them', async () => {
    const model = buildViewModel(evaluation.workspace, 1);
    // Connections on a handful of each verdict's rows between endpoints, each seen twice.
    const between = model.flows.filter((row) => row.port !== null && !/^[\d:]/.test(row.to));
    const picked = [
      ...between.filter((row) => row.verdict.startsWith('deny')).slice(0, 4),
      ...between.filter((row) => row.verdict.startsWith('allow')).slice(0, 4),
    ];
    expect(picked.filter((row) => row.verdict.startsWith('deny'))).toHaveLength(4);
    const csv = picked.map((row) => `${row.from},${row.to},${row.port},${row.protocol}`);
    const logs = new ObservedLogs();
    logs.setSources([{ name: 'seen.csv', data: ['from,to,port,protocol', ...csv, ...csv].join('\n') }]);
    const view = await logs.view(evaluation, {
      externals: externalViews(evaluation.workspace),
      expanded: new Set(),
    });
    const index = indexObserved(view!);
    const flows = new SummaryFlows(evaluation);
    const keys = (rows: FlowRow[]) => rows.map((row) => row.key).sort();
    const marked = (mark: string[]) =>
      keys(model.flows.filter((row) => mark.includes(markRow(row, index)?.mark ?? '')));

    const breaking = flows.page({ ...all, observed: 'would-break' }, index);
    expect(breaking.matched).toBe(4);
    expect(keys(breaking.rows)).toEqual(marked(['would-break']));
    const seen = flows.page({ ...all, observed: 'observed', verdict: 'allowed' }, index);
    expect(keys(seen.rows)).toEqual(
      keys(
        model.flows.filter(
          (row) => markRow(row, index)?.mark === 'allowed' && row.verdict.startsWith('allow'),
        ),
      ),
    );
    expect(flows.page({ ...all, observed: 'observed' }, index).matched).toBe(8);
    // No log: the choice keeps every row.
    expect(flows.page({ ...all, observed: 'would-break' }, null).matched).toBe(model.flows.length);
  });
});
