/**
 * The compare view's question: which flows does the current text decide differently from a
 * baseline text? Both are evaluated by the engine, in full, and their flow rows lined up by key.
 */
import type { Workspace } from '../../engine';
import { diffFlows } from '../model/flow-diff';
import type { Comparison } from '../model/insight';
import { buildViewModel } from './build-view-model';

export function compareWorkspaces(base: Workspace, current: Workspace): Comparison {
  const before = buildViewModel(base, 0);
  const after = buildViewModel(current, 0);
  return {
    ok: true,
    differences: diffFlows(before.flows, after.flows, { verdictChanges: true, onlyOneSide: true }),
    baseBlocking: before.blocking,
    currentBlocking: after.blocking,
  };
}
