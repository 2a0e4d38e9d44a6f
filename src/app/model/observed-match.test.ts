import { describe, expect, it } from 'vitest';
import { indexObserved, markRow } from './observed-match';
import type { ObservedFlowView, ObservedView } from './observed';
import type { FlowRow } from './view-model';

const flow = (
  from: string,
  to: string,
  port: number,
  actual: 'allow' | 'deny',
  count: number,
): ObservedFlowView => ({
  key: `${from}|${to}|${port}|TCP`,
  from,
  to,
  port,
  protocol: 'TCP',
  count,
  actual,
  verdict: actual === 'deny' ? 'deny-ingress' : 'allow',
  edgeId: `flow:ep:${from}->ep:${to}`,
  rowFrom: from,
  rowTo: to,
});

const view = (flows: ObservedFlowView[]): ObservedView => ({
  logs: [],
  flows,
  unknown: [],
  problems: [],
  problemCount: 0,
  skipped: 0,
  observed: 0,
  denied: 0,
  unknownCount: 0,
});

const row = (
  from: string,
  to: string,
  port: number | null,
  verdict: FlowRow['verdict'],
  edge = true,
): FlowRow => ({
  key: `${from}|${to}|${port ?? 'any'}|${port === null ? '' : 'TCP'}`,
  from,
  to,
  edgeId: edge ? `flow:ep:${from}->ep:${to}` : `flow:ep:${from}->ext:${to}`,
  port,
  protocol: port === null ? null : 'TCP',
  verdict,
  reason: '',
  rules: [],
  probed: false,
});

describe('markRow', () => {
  const index = indexObserved(
    view([flow('a/web', 'a/api', 80, 'allow', 3), flow('a/web', 'a/db', 5432, 'deny', 2)]),
  );

  it('marks seen rows by their port, and a denied one as would-break', () => {
    expect(markRow(row('a/web', 'a/api', 80, 'allow'), index)).toEqual({ mark: 'allowed', count: 3 });
    expect(markRow(row('a/web', 'a/db', 5432, 'deny-ingress'), index)).toEqual({
      mark: 'would-break',
      count: 2,
    });
  });

  it('matches a row about any port by its pair', () => {
    expect(markRow(row('a/web', 'a/db', null, 'deny-ingress'), index)).toEqual({
      mark: 'would-break',
      count: 2,
    });
  });

  it('calls an allowed, unseen row between endpoints never seen, and says nothing of denied or outside ones', () => {
    expect(markRow(row('a/web', 'a/api', 443, 'allow-open'), index)).toEqual({
      mark: 'never-seen',
      count: 0,
    });
    expect(markRow(row('a/api', 'a/web', 80, 'deny-egress'), index)).toBeNull();
    expect(markRow(row('a/web', '0.0.0.0/0', null, 'allow-open', false), index)).toBeNull();
  });
});
