import { describe, expect, it } from 'vitest';
import type { FlowRow } from '../../model/view-model';
import { filterAndSort } from './sort-rows';

const row = (from: string, to: string, port: number | null, verdict: FlowRow['verdict']): FlowRow => ({
  key: `${from}|${to}|${port}`,
  from,
  to,
  edgeId: null,
  port,
  protocol: port === null ? null : 'TCP',
  verdict,
  reason: `${from} to ${to}`,
  rules: [],
  probed: false,
});

const ROWS = [
  row('0.0.0.0/0', 'a/x', 80, 'allow-open'),
  row('b/y', 'a/x', 80, 'deny-ingress'),
  row('a/x', 'b/y', 443, 'allow'),
];

describe('filterAndSort', () => {
  it('sorts workloads before outside addresses', () => {
    expect(filterAndSort(ROWS, '', 'all', 'from', false).map((r) => r.from)).toEqual([
      'a/x',
      'b/y',
      '0.0.0.0/0',
    ]);
  });

  it('filters by verdict group and by text', () => {
    expect(filterAndSort(ROWS, '', 'denied', 'from', false).map((r) => r.from)).toEqual(['b/y']);
    expect(filterAndSort(ROWS, '443', 'all', 'from', false).map((r) => r.from)).toEqual(['a/x']);
  });

  it('sorts descending on request', () => {
    expect(filterAndSort(ROWS, '', 'all', 'port', true).map((r) => r.port)).toEqual([443, 80, 80]);
  });
});
