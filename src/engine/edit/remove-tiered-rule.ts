import { recordAt } from '../util/raw';
import type { RemoveTieredRuleIntent } from './intents';
import type { IntentOutcome } from './outcome';
import { EditError, type EditPlan } from './plan';
import { cloneValue } from './values';

/** The `remove-tiered-rule` intent: one rule out of a cluster-scoped policy; an emptied list goes too. */
export function removeTieredRule(plan: EditPlan, intent: RemoveTieredRuleIntent): IntentOutcome {
  const { kind, name } = intent.policy;
  // A name defined twice: the last definition is the one evaluated.
  const draft = plan
    .adoptObjects(new Set([kind]))
    .filter((candidate) => candidate.name === name)
    .at(-1);
  if (!draft) throw new EditError(`There is no ${kind} ${name} in the workspace.`);
  const value = cloneValue(draft.value);
  const spec = recordAt(value, 'spec');
  const rules = spec?.[intent.direction];
  if (!spec || !Array.isArray(rules) || intent.index < 0 || intent.index >= rules.length)
    throw new EditError(`${kind} ${name} has no ${intent.direction} rule ${intent.index + 1}.`);
  const kept = rules.filter((_, index) => index !== intent.index);
  if (kept.length) spec[intent.direction] = kept;
  else delete spec[intent.direction];
  draft.value = value;
  return { notes: [`Removes ${intent.direction} rule ${intent.index + 1} of ${kind} ${name}.`] };
}
