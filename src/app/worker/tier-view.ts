/**
 * The cluster-scoped tiers as the screen shows them: which Admin and Baseline policies take a
 * namespace or a workload as their subject, which rules settled an edge or a flow, and the
 * policies of the Tiers panel. Selection and decisions are the engine's (tieredSubjects,
 * pairTierDecision, flowTierDecision); this module only lays them out.
 */
import {
  formatSelector,
  isEmptySelector,
  TIERED_POLICY_KINDS,
  tierStepName,
  tieredSubjects,
  type TierDecision,
  type Workspace,
} from '../../engine';
import type { FlowRow, TierMarkView, TierPolicyView, ViewModel } from '../model/view-model';

/** Flow keys a policy row lists by name (its count has them all). */
const MAX_LISTED_FLOWS = 50;

export function tierMark(decision: TierDecision | null): TierMarkView | undefined {
  if (!decision) return undefined;
  return {
    tier: decision.tier === 'Admin' ? 'admin' : 'baseline',
    rules: decision.steps.map((step) => ({
      policy: step.policy.id,
      action: step.rule.action === 'Deny' ? 'Deny' : 'Accept',
      text: tierStepName(step),
      line: step.rule.source.line,
    })),
  };
}

function decidedFlows(flows: readonly FlowRow[]): Map<string, string[]> {
  const byPolicy = new Map<string, string[]>();
  for (const row of flows) {
    for (const policy of new Set(row.tier?.rules.map((rule) => rule.policy))) {
      const keys = byPolicy.get(policy) ?? [];
      keys.push(row.key);
      byPolicy.set(policy, keys);
    }
  }
  return byPolicy;
}

/**
 * Adds the guardrail badges to a view's namespaces and endpoints, and returns the Tiers panel's
 * policies (undefined when there are none). `flows` are the rows whose tier marks count as what a
 * policy decides; null (a summarized workspace, whose rows come by window) leaves the counts out.
 */
export function addTierViews(
  workspace: Workspace,
  view: Pick<ViewModel, 'namespaces' | 'endpoints'>,
  flows: readonly FlowRow[] | null,
): TierPolicyView[] | undefined {
  const subjects = tieredSubjects(workspace.cluster);
  if (subjects.length === 0) return undefined;
  const wholeNamespaces = new Map<string, string[]>();
  const endpoints = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, id: string) =>
    map.set(key, [...(map.get(key) ?? []), id]);
  for (const { policy, namespaces, endpoints: selected } of subjects) {
    for (const name of namespaces) push(wholeNamespaces, name, policy.id);
    const whole = new Set(namespaces);
    for (const id of selected) if (!whole.has(id.slice(0, id.indexOf('/')))) push(endpoints, id, policy.id);
  }
  for (const ns of view.namespaces) {
    const ids = wholeNamespaces.get(ns.name);
    if (ids) ns.guardrails = ids;
  }
  for (const endpoint of view.endpoints) {
    const ids = endpoints.get(endpoint.id);
    if (ids) endpoint.guardrails = ids;
  }
  const decided = flows && decidedFlows(flows);
  return subjects.map(({ policy, endpoints: selected }): TierPolicyView => {
    const { podSelector, namespaceSelector } = policy.subject;
    const tier: TierPolicyView = {
      id: policy.id,
      kind: policy.kind,
      apiVersion: TIERED_POLICY_KINDS[policy.kind].apiVersion,
      name: policy.name,
      tier: policy.tier,
      priority: policy.kind === 'BaselineAdminNetworkPolicy' ? null : policy.priority,
      line: policy.source.line,
      subject: isEmptySelector(podSelector)
        ? `namespaces ${formatSelector(namespaceSelector)}`
        : `pods ${formatSelector(podSelector)} in namespaces ${formatSelector(namespaceSelector)}`,
      selectCount: selected.length,
      rules: (['ingress', 'egress'] as const).flatMap((direction) =>
        policy[direction].map((rule) => ({
          direction,
          index: rule.index,
          ...(rule.name !== undefined && { name: rule.name }),
          action: rule.action,
          line: rule.source.line,
        })),
      ),
    };
    if (decided) {
      const keys = decided.get(policy.id) ?? [];
      tier.decides = { count: keys.length, flows: keys.slice(0, MAX_LISTED_FLOWS) };
    }
    return tier;
  });
}
