/**
 * The egress side of ingress rules: once sources are isolated for egress, every ingress rule needs
 * a matching egress rule on its sources. For each selector peer, the sources are the peer's pods
 * in each namespace it picks (among the workspace's namespaces; its own policy's namespace when it
 * has no namespaceSelector); they get a rule to the policy's pods on the rule's ports.
 */
import { selects } from '../model/selector';
import type { Policy, PolicyRule } from '../model/types';
import { isRecord, type RawRecord } from '../util/raw';
import type { GenerateComplementaryEgressIntent } from './intents';
import { namespaceSelectorByName } from './manifests';
import type { IntentOutcome } from './outcome';
import { EditError, type EditPlan } from './plan';
import { canonicalSelector, peersOf, podSelectorOf, portsOf, rulesOf } from './policy-spec';
import { addSubjectRule } from './subject-policy';
import { cloneValue, deepEqual } from './values';

/** Label keys that usually name an application, best first: they make readable policy names. */
const NAMING_KEYS = [
  'app.kubernetes.io/name',
  'app',
  'k8s-app',
  'name',
  'app.kubernetes.io/component',
  'component',
];

/** A DNS-1123 name part from the selector's most telling label value, e.g. `frontend`. */
function nicknameOf(selector: RawRecord): string {
  const labels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const key =
    NAMING_KEYS.find((candidate) => typeof labels[candidate] === 'string') ??
    Object.keys(labels).find((candidate) => typeof labels[candidate] === 'string');
  const cleaned = String(key ? labels[key] : 'all-pods')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
  return cleaned || 'pods';
}

interface Tally {
  outsidePeers: number;
  openRules: number;
  noNamespace: number;
}

function complementRule(plan: EditPlan, policy: Policy, rule: PolicyRule, tally: Tally): void {
  if (rule.peers === null) {
    tally.openRules++;
    return;
  }
  const raw = plan.policy(policy.id).value;
  const rawRule = rulesOf(raw, 'Ingress')[rule.index]!;
  const rawPeers = peersOf(rawRule, 'Ingress');
  const targetSelector = canonicalSelector(podSelectorOf(raw)) as RawRecord;
  const ports = portsOf(rawRule);
  rule.peers.forEach((peer, j) => {
    if (peer.kind === 'ipBlock') {
      tally.outsidePeers++;
      return;
    }
    const namespaces = peer.namespaceSelector
      ? [...plan.cluster.namespaces.values()]
          .filter((namespace) => selects(peer.namespaceSelector!, namespace.labels))
          .map((namespace) => namespace.name)
      : [policy.namespace];
    if (namespaces.length === 0) tally.noNamespace++;
    const sources = canonicalSelector((rawPeers[j] as RawRecord).podSelector ?? {}) as RawRecord;
    for (const namespace of namespaces) {
      const home = namespace === policy.namespace;
      // Pods of another namespace are only reachable with that namespace named in the same peer.
      const to: RawRecord = home
        ? { podSelector: targetSelector }
        : {
            namespaceSelector: namespaceSelectorByName(policy.namespace),
            ...(deepEqual(targetSelector, {}) ? {} : { podSelector: targetSelector }),
          };
      addSubjectRule(plan, {
        namespace,
        podSelector: sources,
        direction: 'Egress',
        rule: { to: [to], ...(ports.length ? { ports: cloneValue(ports) } : {}) },
        nameHint: nicknameOf(sources),
        file: plan.fileFor(namespace),
      });
    }
  });
}

function summarize(plan: EditPlan, tally: Tally): IntentOutcome {
  const changed = plan.changedDrafts();
  const created = changed.filter((draft) => !draft.original).map((draft) => draft.id);
  const widened = changed.filter((draft) => draft.original).map((draft) => draft.id);
  const notes = [
    created.length || widened.length
      ? `Preview of the egress the sources need: ${[created.length ? `new ${created.join(', ')}` : '', widened.length ? `more rules in ${widened.join(', ')}` : ''].filter(Boolean).join('; ')}.`
      : 'The sources already have the egress rules they need.',
  ];
  if (tally.outsidePeers)
    notes.push(
      `Skipped ${tally.outsidePeers} ipBlock peer(s): addresses outside the cluster have no egress policies.`,
    );
  if (tally.openRules)
    notes.push(
      `Skipped ${tally.openRules} rule(s) that allow every source: no particular sources to give egress.`,
    );
  if (tally.noNamespace) notes.push(`${tally.noNamespace} peer(s) pick no namespace of the workspace.`);
  return { notes };
}

const emptyTally = (): Tally => ({ outsidePeers: 0, openRules: 0, noNamespace: 0 });

export function generateComplementaryEgress(
  plan: EditPlan,
  intent: GenerateComplementaryEgressIntent,
): IntentOutcome {
  const policy = plan.cluster.policies.find((candidate) => candidate.id === intent.policyId);
  if (!policy) {
    plan.policy(intent.policyId); // names the problem when the policy does not exist at all
    throw new EditError(
      `${intent.policyId} is not evaluated (the API server would reject it); fix it first.`,
    );
  }
  if (!policy.policyTypes.includes('Ingress'))
    throw new EditError(`${policy.id} does not govern ingress, so it has no sources to complement.`);
  const rules =
    intent.ruleIndex === undefined
      ? policy.ingress
      : policy.ingress.filter((rule) => rule.index === intent.ruleIndex);
  if (intent.ruleIndex !== undefined && rules.length === 0)
    throw new EditError(`${policy.id} has no ingress rule ${intent.ruleIndex + 1}.`);
  if (rules.length === 0)
    throw new EditError(`${policy.id} has no ingress rules: it admits no source, so no source needs egress.`);
  const tally = emptyTally();
  for (const rule of rules) complementRule(plan, policy, rule, tally);
  return summarize(plan, tally);
}

export function generateAllComplementaryEgress(plan: EditPlan): IntentOutcome {
  const tally = emptyTally();
  for (const policy of plan.cluster.policies.filter((candidate) =>
    candidate.policyTypes.includes('Ingress'),
  )) {
    for (const rule of policy.ingress) complementRule(plan, policy, rule, tally);
  }
  return summarize(plan, tally);
}
