/**
 * The compare view's question: which flows does the current text decide differently from a
 * baseline text? Both are evaluated by the engine, in full, and their flow rows lined up by key.
 */
import type { Workspace } from '../../engine';
import { diffFlows } from '../model/flow-diff';
import type { Comparison } from '../model/insight';
import { buildViewModel } from './build-view-model';
import { SUMMARY_ENDPOINTS } from './summary-view';

/** Flow by flow, the comparison evaluates every pair of both texts: fine for what the canvas draws pair by pair. */
const MAX_COMPARED_ENDPOINTS = SUMMARY_ENDPOINTS * 2;

export function compareWorkspaces(base: Workspace, current: Workspace): Comparison {
  const biggest = Math.max(base.cluster.endpoints.length, current.cluster.endpoints.length);
  if (biggest > MAX_COMPARED_ENDPOINTS) {
    return {
      ok: false,
      message: `Compare lists flows one by one and stops at ${MAX_COMPARED_ENDPOINTS} endpoints; these texts have up to ${biggest}. Use the CLI on both files, or the Changes tab, which follows each edit.`,
    };
  }
  const before = buildViewModel(base, 0);
  const after = buildViewModel(current, 0);
  return {
    ok: true,
    differences: diffFlows(before.flows, after.flows, { verdictChanges: true, onlyOneSide: true }),
    baseBlocking: before.blocking,
    currentBlocking: after.blocking,
  };
}
