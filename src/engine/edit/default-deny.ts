/**
 * The namespace-wide "deny unless allowed" switch. A namespace has it on for a direction when a
 * policy selects all its pods for that direction and allows nothing there (for egress: nothing but
 * DNS). Turning it off removes such policies, or only their direction when they cover both.
 */
import { isEmptySelector } from '../model/selector';
import type { Cluster, Direction, Policy, PolicyRule } from '../model/types';
import type { RawRecord } from '../util/raw';
import type { SetDefaultDenyIntent } from './intents';
import { dnsEgressRule, networkPolicyManifest } from './manifests';
import type { IntentOutcome } from './outcome';
import type { Draft, EditPlan } from './plan';
import {
  canonicalSelector,
  effectivePolicyTypes,
  hasValidSpec,
  pinPolicyTypes,
  podSelectorOf,
  rulesOf,
  setRules,
  specOf,
} from './policy-spec';
import { deepEqual } from './values';

const DNS_NOTE = 'DNS (UDP and TCP 53 to kube-dns in kube-system)';

/** A rule that opens nothing but DNS: every port entry is port 53 or a port named for DNS. */
function isDnsRule(rule: PolicyRule): boolean {
  const ports = rule.ports ?? [];
  return (
    ports.length > 0 &&
    ports.every(
      (entry) => entry.port === 53 || (typeof entry.port === 'string' && entry.port.startsWith('dns')),
    )
  );
}

/**
 * The one test of "this policy is its namespace's default deny for `direction`": it selects every
 * pod there and allows nothing in that direction (for egress: nothing but DNS). The switch the
 * canvas shows and what this toggle turns off both ask it.
 */
export function isDefaultDenyPolicy(policy: Policy, direction: Direction): boolean {
  if (!isEmptySelector(policy.podSelector) || !policy.policyTypes.includes(direction)) return false;
  return direction === 'Ingress' ? policy.ingress.length === 0 : policy.egress.every(isDnsRule);
}

export interface DefaultDeny {
  ingress: string[];
  egress: string[];
  /** One of the egress default-deny policies keeps DNS open. */
  egressDns: boolean;
}

/** Each namespace's default-deny policies (namespaces without one are absent). */
export function defaultDenyByNamespace(cluster: Cluster): Map<string, DefaultDeny> {
  const byNamespace = new Map<string, DefaultDeny>();
  for (const policy of cluster.policies) {
    const ingress = isDefaultDenyPolicy(policy, 'Ingress');
    const egress = isDefaultDenyPolicy(policy, 'Egress');
    if (!ingress && !egress) continue;
    const entry = byNamespace.get(policy.namespace) ?? { ingress: [], egress: [], egressDns: false };
    if (ingress) entry.ingress.push(policy.id);
    if (egress) {
      entry.egress.push(policy.id);
      entry.egressDns ||= policy.egress.length > 0;
    }
    byNamespace.set(policy.namespace, entry);
  }
  return byNamespace;
}

function selectsWholeNamespace(policy: RawRecord): boolean {
  return deepEqual(canonicalSelector(podSelectorOf(policy)), {});
}

const hasDnsRule = (draft: Draft) => rulesOf(draft.value, 'Egress').length > 0;

export function setDefaultDeny(plan: EditPlan, intent: SetDefaultDenyIntent): IntentOutcome {
  const { namespace, direction } = intent;
  const existing = plan.workspace.cluster.policies
    .filter((policy) => policy.namespace === namespace && isDefaultDenyPolicy(policy, direction))
    .map((policy) => plan.policy(policy.id));
  return intent.enabled ? enable(plan, intent, existing) : disable(plan, namespace, direction, existing);
}

function enable(
  plan: EditPlan,
  { namespace, direction, keepDns }: SetDefaultDenyIntent,
  existing: Draft[],
): IntentOutcome {
  const word = direction.toLowerCase();
  const withDns = direction === 'Egress' && keepDns === true;
  if (existing.length === 0) {
    const name = plan.freePolicyName(namespace, `default-deny-${word}`);
    const spec: RawRecord = {
      podSelector: {},
      policyTypes: [direction],
      ...(withDns ? { egress: [dnsEgressRule()] } : {}),
    };
    plan.create(plan.fileFor(namespace), networkPolicyManifest(namespace, name, spec));
    const but = withDns ? `, except for ${DNS_NOTE}` : '';
    return {
      notes: [`Added ${namespace}/${name}: every pod in ${namespace} is now isolated for ${word}${but}.`],
    };
  }
  const ids = existing.map((draft) => draft.id).join(', ');
  const notes = [`${namespace} already denies ${word} by default (${ids}).`];
  if (direction !== 'Egress' || keepDns === undefined) return { notes };
  if (keepDns && !existing.some(hasDnsRule)) {
    const target = existing.find((draft) => draft.name === 'default-deny-egress') ?? existing[0]!;
    setRules(target.value, 'Egress', [...rulesOf(target.value, 'Egress'), dnsEgressRule()]);
    notes.push(`Opened ${DNS_NOTE} in ${target.id}.`);
  } else if (!keepDns) {
    for (const draft of existing.filter(hasDnsRule)) {
      setRules(draft.value, 'Egress', []);
      notes.push(
        `Closed DNS in ${draft.id}: pods of ${namespace} cannot resolve names unless another policy allows it.`,
      );
    }
  }
  return { notes };
}

function disable(plan: EditPlan, namespace: string, direction: Direction, existing: Draft[]): IntentOutcome {
  const word = direction.toLowerCase();
  if (existing.length === 0)
    return { notes: [`${namespace} has no default-deny policy for ${word}; nothing to remove.`] };
  const notes: string[] = [];
  for (const draft of existing) {
    if (effectivePolicyTypes(draft.value).length === 1) {
      plan.remove(draft);
      notes.push(`Removed ${draft.id}.`);
    } else {
      // It denies both directions: keep the other one.
      pinPolicyTypes(draft.value);
      setRules(draft.value, direction, []);
      const spec = specOf(draft.value);
      spec.policyTypes = (spec.policyTypes as Direction[]).filter((type) => type !== direction);
      notes.push(`Removed ${direction} from the policyTypes of ${draft.id}.`);
    }
  }
  const stillIsolating = plan
    .policies(namespace)
    .filter(
      (draft) =>
        hasValidSpec(draft.value) &&
        selectsWholeNamespace(draft.value) &&
        effectivePolicyTypes(draft.value).includes(direction),
    );
  if (stillIsolating.length) {
    notes.push(
      `Pods of ${namespace} stay isolated for ${word} by ${stillIsolating.map((draft) => draft.id).join(', ')}, which selects every pod.`,
    );
  }
  return { notes };
}
