/**
 * Where a rule for some pods goes: into the policy that already stands for exactly those pods and
 * that direction, or into a new one named after them. One policy per workload and direction is
 * what people maintain by hand, and it keeps the canvas's edits from piling up policies.
 */
import type { Direction } from '../model/types';
import type { RawRecord } from '../util/raw';
import { networkPolicyManifest } from './manifests';
import type { Draft, EditPlan } from './plan';
import {
  effectivePolicyTypes,
  hasValidSpec,
  podSelectorOf,
  RULES_KEY,
  rulesOf,
  sameSelector,
  setRules,
} from './policy-spec';
import { mergeRule, type MergeOutcome } from './rule-merge';

export interface SubjectRule {
  namespace: string;
  /** The policy's podSelector: which pods the rule is for. */
  podSelector: RawRecord;
  direction: Direction;
  rule: RawRecord;
  /** Names a new policy `<nameHint>-ingress` / `<nameHint>-egress`. */
  nameHint: string;
  /** Where a new policy is written. */
  file: string;
}

export interface SubjectRuleResult {
  policy: Draft;
  created: boolean;
  outcome: MergeOutcome;
}

/** Words in a name that promise no traffic gets through; allow rules don't belong in such a policy. */
const DENY_NAME = /(^|[-.])deny([-.]|$)/;

function reusablePolicy(plan: EditPlan, request: SubjectRule, preferredName: string): Draft | undefined {
  const candidates = plan
    .policies(request.namespace)
    .filter(
      (draft) =>
        hasValidSpec(draft.value) &&
        sameSelector(podSelectorOf(draft.value), request.podSelector) &&
        effectivePolicyTypes(draft.value).includes(request.direction),
    );
  return (
    candidates.find((draft) => draft.name === preferredName) ??
    candidates.find((draft) => !DENY_NAME.test(draft.name))
  );
}

export function addSubjectRule(plan: EditPlan, request: SubjectRule): SubjectRuleResult {
  const preferredName = `${request.nameHint}-${request.direction.toLowerCase()}`;
  const existing = reusablePolicy(plan, request, preferredName);
  if (!existing) {
    const name = plan.freePolicyName(request.namespace, preferredName);
    const spec = {
      podSelector: request.podSelector,
      policyTypes: [request.direction],
      [RULES_KEY[request.direction]]: [request.rule],
    };
    const policy = plan.create(request.file, networkPolicyManifest(request.namespace, name, spec));
    return { policy, created: true, outcome: { kind: 'added', index: 0 } };
  }
  const rules = rulesOf(existing.value, request.direction);
  const outcome = mergeRule(rules, request.rule, request.direction);
  if (outcome.kind !== 'present') setRules(existing.value, request.direction, rules);
  return { policy: existing, created: false, outcome };
}

/** "added a rule to default/web-ingress (new)", for summaries. */
export function describeSubjectRule(
  { policy, created, outcome }: SubjectRuleResult,
  direction: Direction,
): string {
  const word = direction.toLowerCase();
  if (created) return `added the new policy ${policy.id} with that ${word} rule`;
  if (outcome.kind === 'present')
    return `${word} rule ${outcome.index + 1} of ${policy.id} already allows it`;
  if (outcome.kind === 'merged') return `widened ${word} rule ${outcome.index + 1} of ${policy.id}`;
  return `added ${word} rule ${outcome.index + 1} to ${policy.id}`;
}
