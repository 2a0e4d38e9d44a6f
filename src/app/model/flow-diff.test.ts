import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../engine';
import { changedEdges, changeOf, diffFlows, edgeChanges } from './flow-diff';
import type { EdgeView, FlowRow } from './view-model';

const row = (
  to: string,
  port: number | null,
  verdict: Verdict,
  edgeId: string | null = `flow:a->${to}`,
): FlowRow => ({
  key: `a|${to}|${port ?? 'any'}|${port === null ? '' : 'TCP'}`,
  from: 'a',
  to,
  edgeId,
  port,
  protocol: port === null ? null : 'TCP',
  verdict,
  reason: '',
  rules: [],
  probed: false,
});
const edge = (to: string, verdict: Verdict) => ({ id: `flow:a->${to}`, verdict }) as EdgeView;

describe('flow diff', () => {
  it('classifies a verdict change as newly allowed, newly denied, or neither', () => {
    expect(changeOf('allow', 'deny-egress')).toBe('denied');
    expect(changeOf('deny-both', 'allow-open')).toBe('allowed');
    expect(changeOf('deny-egress', 'deny-both')).toBeNull();
    expect(changeOf(null, 'allow')).toBeNull();
  });

  it('lists only flows that crossed between allowed and denied, unless asked for more', () => {
    const before = [
      row('b', 80, 'allow'),
      row('c', 80, 'deny-ingress'),
      row('d', 80, 'deny-egress'),
      row('gone', 1, 'allow'),
    ];
    const after = [
      row('b', 80, 'deny-egress'),
      row('c', 80, 'allow'),
      row('d', 80, 'deny-both'),
      row('new', 1, 'allow'),
    ];
    expect(diffFlows(before, after).map((d) => [d.to, d.change])).toEqual([
      ['b', 'denied'],
      ['c', 'allowed'],
    ]);
    expect(
      diffFlows(before, after, { verdictChanges: true, onlyOneSide: true }).map((d) => [
        d.to,
        d.before,
        d.after,
        d.change,
      ]),
    ).toEqual([
      ['b', 'allow', 'deny-egress', 'denied'],
      ['c', 'deny-ingress', 'allow', 'allowed'],
      ['d', 'deny-egress', 'deny-both', null],
      ['new', null, 'allow', null],
      ['gone', 'allow', null, null],
    ]);
  });

  it('marks edges whose own verdict crossed over, and edges with a row that did', () => {
    const before = { edges: [edge('b', 'allow'), edge('c', 'allow')] };
    const afterRows = [row('b', 80, 'deny-egress'), row('c', 80, 'allow'), row('c', 443, 'deny-egress')];
    const after = { edges: [edge('b', 'deny-egress'), edge('c', 'allow')], flows: afterRows };
    expect(edgeChanges(before.edges, after.edges)).toEqual({ 'flow:a->b': 'denied' });
    const flows = diffFlows(
      [row('b', 80, 'allow'), row('c', 80, 'allow'), row('c', 443, 'allow')],
      afterRows,
    );
    expect(changedEdges(before, after, flows)).toEqual({ 'flow:a->b': 'denied', 'flow:a->c': 'denied' });
  });
});
