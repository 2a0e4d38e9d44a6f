/** Applying a lint quick fix: the engine carries out its intent as one undo step. */
import { runIntent, type EditOutcome } from '../editing/edit-commands';
import type { QuickFix } from '../model/insight';
import { useAppStore } from '../store';

export async function runQuickFix(fix: QuickFix): Promise<EditOutcome> {
  const outcome = await runIntent(fix.intent);
  if (!outcome.ok) useAppStore.getState().reportEdit('error', outcome.message);
  return outcome;
}
