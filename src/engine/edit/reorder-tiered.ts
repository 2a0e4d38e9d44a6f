/**
 * Reordering a cluster-scoped tier: the user names the order the tier's policies should be walked
 * in, and the edit rewrites as few `priority` values as it can to get it. Every other field, and
 * every other document, stays as it is.
 */
import { tierPolicies, tierSelects } from '../evaluate/tiers';
import type { Tier, TieredPolicy } from '../model/types';
import { recordAt } from '../util/raw';
import { TIERED_LIMITS } from '../validate/tiered-policy';
import type { ReorderTieredPoliciesIntent } from './intents';
import type { IntentOutcome } from './outcome';
import { EditError, type Draft, type EditPlan } from './plan';

/** The step between priorities the edit chooses itself (ahead of or after the policies it keeps). */
const STEP = 10;

/**
 * New priorities for policies listed in the order wanted, given their current ones: keeps the
 * most values it can (those that already ascend with room for the others between them) and
 * gives the others values in the gaps, so that the result ascends strictly within [min, max].
 * Strictly: equal priorities would leave the order to the implementation (tiered-policies.md 8.1).
 */
export function reorderedPriorities(
  current: readonly number[],
  { min, max }: { min: number; max: number } = TIERED_LIMITS.priority,
): number[] {
  const n = current.length;
  if (n > max - min + 1)
    throw new EditError(`${n} policies cannot have distinct priorities from ${min} to ${max}.`);
  // Policy i can keep its value when there is room for the i policies ahead of it and the n-1-i
  // after it; i and j > i can both keep theirs when the j-i-1 between them fit: current[j] - j >=
  // current[i] - i. So the kept ones are a longest non-decreasing run of current[i] - i.
  const fits = current.map(
    (value, i) => Number.isInteger(value) && value - i >= min && value + (n - 1 - i) <= max,
  );
  const length: number[] = new Array<number>(n).fill(0);
  const previous: number[] = new Array<number>(n).fill(-1);
  let best = -1;
  for (let j = 0; j < n; j++) {
    if (!fits[j]) continue;
    length[j] = 1;
    for (let i = 0; i < j; i++) {
      if (fits[i] && current[j]! - j >= current[i]! - i && length[i]! + 1 > length[j]!) {
        length[j] = length[i]! + 1;
        previous[j] = i;
      }
    }
    if (best < 0 || length[j]! > length[best]!) best = j;
  }
  const kept = new Set<number>();
  for (let at = best; at >= 0; at = previous[at]!) kept.add(at);
  const result = [...current];
  const keptIndexes = [...kept].sort((a, b) => a - b);
  if (keptIndexes.length === 0) {
    const step = n > 1 ? Math.min(STEP, Math.floor((max - min) / (n - 1))) : 0;
    return current.map((_, i) => min + step * i);
  }
  const first = keptIndexes[0]!;
  const last = keptIndexes[keptIndexes.length - 1]!;
  // Ahead of the first kept one and after the last: close to it, STEP apart when there is room.
  const headStep = first > 0 ? Math.min(STEP, Math.floor((current[first]! - min) / first)) : 0;
  for (let k = 0; k < first; k++) result[k] = current[first]! - headStep * (first - k);
  const tailStep = last < n - 1 ? Math.min(STEP, Math.floor((max - current[last]!) / (n - 1 - last))) : 0;
  for (let k = last + 1; k < n; k++) result[k] = current[last]! + tailStep * (k - last);
  // Between two kept ones: spread evenly over the gap.
  for (let g = 0; g + 1 < keptIndexes.length; g++) {
    const a = keptIndexes[g]!;
    const b = keptIndexes[g + 1]!;
    for (let k = a + 1; k < b; k++)
      result[k] = current[a]! + Math.floor(((k - a) * (current[b]! - current[a]!)) / (b - a));
  }
  return result;
}

/** The draft of a policy: the last object of its kind and name (the one the engine reads). */
function draftOf(plan: EditPlan, policy: TieredPolicy): Draft {
  const drafts = plan.adoptObjects(new Set([policy.kind])).filter((d) => d.name === policy.name);
  const draft = drafts[drafts.length - 1];
  if (!draft) throw new EditError(`There is no ${policy.kind} ${policy.name} in the workspace.`);
  return draft;
}

/** The `reorder-tiered-policies` intent: the tier is walked in `order` afterwards. */
export function reorderTieredPolicies(plan: EditPlan, intent: ReorderTieredPoliciesIntent): IntentOutcome {
  const tier: Tier = intent.tier;
  const policies = tierPolicies(plan.cluster, tier);
  const byId = new Map(policies.map((p) => [p.id, p]));
  const wanted = intent.order.map((id) => {
    const policy = byId.get(id);
    if (!policy) throw new EditError(`There is no ${tier} policy ${id} in the workspace.`);
    return policy;
  });
  if (new Set(intent.order).size !== intent.order.length || wanted.length !== policies.length)
    throw new EditError(`The new order must name every ${tier} policy once.`);
  const singleton = wanted.find((p) => p.kind === 'BaselineAdminNetworkPolicy');
  if (singleton && wanted.length > 1)
    throw new EditError(
      `${singleton.id} has no priority: a BaselineAdminNetworkPolicy always comes after the Baseline ClusterNetworkPolicies. Convert it to a ClusterNetworkPolicy to order it.`,
    );
  const priorities = reorderedPriorities(wanted.map((p) => p.priority));
  const notes: string[] = [];
  const subjects = new Set<string>();
  wanted.forEach((policy, i) => {
    const priority = priorities[i]!;
    if (priority === policy.priority) return;
    const spec = recordAt(draftOf(plan, policy).value, 'spec');
    if (!spec) throw new EditError(`${policy.id} has no spec to write a priority into.`);
    spec.priority = priority;
    notes.push(`${policy.id}: priority ${policy.priority} → ${priority}.`);
    for (const endpoint of plan.cluster.endpoints)
      if (tierSelects(plan.cluster, policy, endpoint)) subjects.add(endpoint.id);
  });
  if (notes.length === 0) throw new EditError(`The ${tier} tier is in that order already.`);
  return {
    notes: [`The ${tier} tier is walked as ${wanted.map((p) => p.id).join(', ')}.`, ...notes],
    subjects: [...subjects],
  };
}
