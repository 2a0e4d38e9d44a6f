/**
 * Cluster-wide guardrails drawn on the canvas: each intent appends new v1alpha2
 * ClusterNetworkPolicy documents (tiered-policies.md) and changes no other byte. The priority is
 * chosen by evaluating the workspace: a new policy goes just before the first policy of its tier
 * that decides some of its traffic differently (else it would have no effect there), otherwise
 * after the last one, and never on a priority the tier already uses.
 */
import { decidePair } from '../evaluate/evaluate';
import { selectingPolicies, tierRulePorts, type TierStep } from '../evaluate/tiers';
import { NAMESPACE_NAME_LABEL } from '../model/build-cluster';
import { isClusterDns } from '../model/conventions';
import type { Direction, Endpoint, Tier, TierAction, TieredPort } from '../model/types';
import { intersectPorts, isEmptyPorts } from '../util/port-set';
import type { RawRecord } from '../util/raw';
import { TIERED_POLICY_KINDS } from '../validate/tiered-policy';
import type {
  PortSpec,
  TierAllowFromNamespaceIntent,
  TierDelegateIntent,
  TierDenyNamespacesIntent,
} from './intents';
import type { IntentOutcome } from './outcome';
import { EditError, type EditPlan } from './plan';

const CNP = TIERED_POLICY_KINDS.ClusterNetworkPolicy;
const MAX_PRIORITY = 1000;
/** Where the first policy of an empty tier goes: room before it for guardrails that must come first. */
const FIRST_PRIORITY = 100;
const STEP = 10;

/** One rule of a new policy, and the traffic it is about (for choosing the priority). */
interface NewRule {
  direction: Direction;
  action: TierAction;
  /** The namespaces of the rule's peer; null: every namespace. */
  peerNamespaces: readonly string[] | null;
  ports: readonly TieredPort[] | null;
  value: RawRecord;
}

interface NewPolicy {
  name: string;
  namespace: string | null;
  rules: NewRule[];
}

const byName = (namespace: string): RawRecord => ({ matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } });
const everyNamespace = (): RawRecord => ({});

function rule(
  direction: Direction,
  action: TierAction,
  name: string,
  peer: RawRecord,
  peerNamespaces: readonly string[] | null,
  protocols?: RawRecord[],
  ports: readonly TieredPort[] | null = null,
): NewRule {
  const value: RawRecord = {
    name,
    action,
    [direction === 'Ingress' ? 'from' : 'to']: [{ namespaces: peer }],
  };
  if (protocols) value.protocols = protocols;
  return { direction, action, peerNamespaces, ports, value };
}

function requireNamespace(plan: EditPlan, namespace: string): void {
  if (!plan.cluster.namespaces.has(namespace))
    throw new EditError(`There is no namespace ${namespace} in the workspace.`);
}

/** The pods a new policy's subject selects (hostNetwork pods are never subjects). */
function subjectPods(plan: EditPlan, namespace: string | null): Endpoint[] {
  return plan.cluster.endpoints.filter(
    (endpoint) => !endpoint.hostNetwork && (namespace === null || endpoint.namespace === namespace),
  );
}

/** Beyond this many evaluated pairs, every policy that may disagree counts as deciding (see below). */
const MAX_EVALUATED_PAIRS = 2_000;

/**
 * The priorities of existing policies of the tier that decide, on the new rule's side, some traffic
 * the rule covers with another action: the new policy must come before them to have its effect.
 * Only subjects an existing policy of the tier selects need evaluating; past MAX_EVALUATED_PAIRS
 * every such policy with a rule of another action counts, which can only place the new one earlier.
 */
function conflictingPriorities(plan: EditPlan, tier: Tier, policy: NewPolicy): number[] {
  const { cluster } = plan;
  const found = new Set<number>();
  const subjects = subjectPods(plan, policy.namespace);
  let budget = MAX_EVALUATED_PAIRS;
  for (const newRule of policy.rules) {
    const ingress = newRule.direction === 'Ingress';
    const governed = subjects
      .map((subject) => ({ subject, by: selectingPolicies(cluster, tier, newRule.direction, subject) }))
      .filter(({ by }) => by.length > 0);
    if (!governed.length) continue;
    const peers = cluster.endpoints.filter(
      (endpoint) =>
        !endpoint.hostNetwork &&
        (newRule.peerNamespaces === null || newRule.peerNamespaces.includes(endpoint.namespace)),
    );
    for (const { subject, by } of governed) {
      if (budget < peers.length) {
        for (const existing of by)
          if ((ingress ? existing.ingress : existing.egress).some((r) => r.action !== newRule.action))
            found.add(existing.priority);
        continue;
      }
      budget -= peers.length;
      for (const peer of peers) {
        if (peer.id === subject.id) continue;
        const [from, to] = ingress ? [peer, subject] : [subject, peer];
        const decision = decidePair(
          cluster,
          { kind: 'endpoint', endpoint: from },
          { kind: 'endpoint', endpoint: to },
        );
        const walk = (ingress ? decision.ingress : decision.egress).tiers;
        const steps: readonly TierStep[] = (tier === 'Admin' ? walk?.admin : walk?.baseline) ?? [];
        const covered = tierRulePorts(newRule, to);
        for (const step of steps)
          if (step.rule.action !== newRule.action && !isEmptyPorts(intersectPorts(step.ports, covered)))
            found.add(step.policy.priority);
      }
    }
  }
  return [...found];
}

/** `count` free priorities of the tier, ascending: below `before` when given, else after the last. */
function freePriorities(taken: ReadonlySet<number>, count: number, before: number | undefined): number[] {
  const free = (p: number) => p >= 0 && p <= MAX_PRIORITY && !taken.has(p);
  const out: number[] = [];
  if (before !== undefined) {
    for (let p = before - 1; p >= 0 && out.length < count; p--) if (free(p)) out.unshift(p);
  } else {
    const last = taken.size ? Math.max(...taken) : FIRST_PRIORITY - STEP;
    for (let p = (Math.floor(last / STEP) + 1) * STEP; p <= MAX_PRIORITY && out.length < count; p++)
      if (free(p)) out.push(p);
    // No room after the last one (it sits at 1000): the highest free numbers.
    for (let p = MAX_PRIORITY; p >= 0 && out.length < count; p--)
      if (free(p) && !out.includes(p)) out.push(p);
    out.sort((a, b) => a - b);
  }
  if (out.length < count)
    throw new EditError(
      `The ${before === undefined ? '' : `priorities below ${before} in the `}tier are all taken: renumber some policies first.`,
    );
  return out;
}

function freeName(taken: Set<string>, base: string): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

/** Writes the policies into the plan with chosen priorities; returns the summary's first sentences. */
function addTieredPolicies(plan: EditPlan, tier: Tier, policies: readonly NewPolicy[]): IntentOutcome {
  const existing = (plan.cluster.tieredPolicies ?? []).filter((policy) => policy.tier === tier);
  const taken = new Set(existing.map((policy) => policy.priority));
  const conflicts = policies.flatMap((policy) => conflictingPriorities(plan, tier, policy));
  const before = conflicts.length ? Math.min(...conflicts) : undefined;
  const priorities = freePriorities(taken, policies.length, before);
  const names = new Set(
    (plan.cluster.tieredPolicies ?? [])
      .filter((policy) => policy.kind === 'ClusterNetworkPolicy')
      .map((policy) => policy.name),
  );
  const notes: string[] = [];
  policies.forEach((policy, i) => {
    const name = freeName(names, policy.name);
    const spec: RawRecord = {
      tier,
      priority: priorities[i]!,
      subject: { namespaces: policy.namespace === null ? everyNamespace() : byName(policy.namespace) },
    };
    for (const direction of ['Ingress', 'Egress'] as const) {
      const rules = policy.rules.filter((r) => r.direction === direction).map((r) => r.value);
      if (rules.length) spec[direction === 'Ingress' ? 'ingress' : 'egress'] = rules;
    }
    plan.create(plan.fileFor(policy.namespace ?? plan.cluster.workspaceNamespace), {
      apiVersion: CNP.apiVersion,
      kind: 'ClusterNetworkPolicy',
      metadata: { name },
      spec,
    });
    notes.push(`Adds ClusterNetworkPolicy ${name} (${tier} tier, priority ${priorities[i]}).`);
  });
  if (before !== undefined)
    notes.push(
      `It comes before the ${tier} policy at priority ${before}, which decides some of this traffic otherwise.`,
    );
  const subjects = policies.flatMap((policy) => subjectPods(plan, policy.namespace).map((e) => e.id));
  return { notes, subjects };
}

function protocolsOf(ports: readonly PortSpec[]): { protocols: RawRecord[]; model: TieredPort[] } {
  const protocols: RawRecord[] = [];
  const model: TieredPort[] = [];
  for (const { port, endPort, protocol } of ports) {
    if (typeof port === 'string') {
      protocols.push({ destinationNamedPort: port });
      model.push({ named: port });
      continue;
    }
    const start = port ?? 1;
    const end = port === undefined ? 65535 : (endPort ?? port);
    const destinationPort = start < end ? { range: { start, end } } : { number: start };
    protocols.push({ [protocol.toLowerCase()]: { destinationPort } });
    model.push({ protocol, start, end });
  }
  return { protocols, model };
}

/** Admin Deny: nothing in `from` reaches `to`, whatever the namespaces' own NetworkPolicies say. */
export function tierDenyNamespaces(plan: EditPlan, intent: TierDenyNamespacesIntent): IntentOutcome {
  const { from, to } = intent;
  requireNamespace(plan, from);
  requireNamespace(plan, to);
  if (from === to) throw new EditError('Choose two different namespaces.');
  const outcome = addTieredPolicies(plan, 'Admin', [
    {
      name: `deny-${from}-to-${to}`,
      namespace: to,
      rules: [rule('Ingress', 'Deny', `deny from ${from}`, byName(from), [from])],
    },
  ]);
  outcome.notes.push(`No NetworkPolicy can allow ${from} -> ${to} any more.`);
  return outcome;
}

/** Admin Accept: `namespace` reaches every namespace (on `ports`), whatever their NetworkPolicies say. */
export function tierAllowFromNamespace(plan: EditPlan, intent: TierAllowFromNamespaceIntent): IntentOutcome {
  const { namespace } = intent;
  requireNamespace(plan, namespace);
  const ports = intent.ports?.length ? protocolsOf(intent.ports) : undefined;
  const outcome = addTieredPolicies(plan, 'Admin', [
    {
      name: `allow-${namespace}-to-all-namespaces`,
      namespace: null,
      rules: [
        rule(
          'Ingress',
          'Accept',
          `accept from ${namespace}`,
          byName(namespace),
          [namespace],
          ports?.protocols,
          ports?.model ?? null,
        ),
      ],
    },
  ]);
  // Accept settles only the destination's side: the source's own egress policies still apply.
  outcome.notes.push(
    `Every namespace's ingress now accepts ${namespace}; ${namespace}'s own egress policies still decide its side.`,
  );
  return outcome;
}

/**
 * Baseline Deny into each namespace from the others. v1alpha2 has no "same namespace" peer, so it
 * is one policy per namespace; a namespace's own NetworkPolicies still decide before Baseline.
 * Namespaces serving cluster DNS are left out: every pod needs to reach it.
 */
export function tierBaselineDeny(plan: EditPlan): IntentOutcome {
  const dns = new Set(plan.cluster.endpoints.filter(isClusterDns).map((endpoint) => endpoint.namespace));
  const namespaces = [...plan.cluster.namespaces.keys()].filter((ns) => !dns.has(ns)).sort();
  if (namespaces.length < 2)
    throw new EditError('The workspace has fewer than two namespaces to keep apart.');
  const outcome = addTieredPolicies(
    plan,
    'Baseline',
    namespaces.map((namespace) => ({
      name: `baseline-deny-into-${namespace}`,
      namespace,
      rules: [
        rule(
          'Ingress',
          'Deny',
          'deny from other namespaces',
          { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: [namespace] }] },
          namespaces.filter((other) => other !== namespace),
        ),
      ],
    })),
  );
  outcome.notes.push(
    'Traffic within a namespace stays allowed, and a namespace’s NetworkPolicies can still allow traffic from others.',
  );
  if (dns.size) outcome.notes.push(`${[...dns].sort().join(', ')} (cluster DNS) stays open.`);
  return outcome;
}

/** Admin Pass: the Admin tier stops deciding for `namespace` (with `peer`, or every namespace); its NetworkPolicies do. */
export function tierDelegate(plan: EditPlan, intent: TierDelegateIntent): IntentOutcome {
  const { namespace, peer } = intent;
  requireNamespace(plan, namespace);
  if (peer !== undefined) requireNamespace(plan, peer);
  const peerSelector = peer === undefined ? everyNamespace() : byName(peer);
  const peers = peer === undefined ? null : [peer];
  const others = peer === undefined ? 'every namespace' : peer;
  const outcome = addTieredPolicies(plan, 'Admin', [
    {
      name: peer === undefined ? `delegate-${namespace}` : `delegate-${namespace}-with-${peer}`,
      namespace,
      rules: [
        rule('Ingress', 'Pass', `${namespace} decides ingress from ${others}`, peerSelector, peers),
        rule('Egress', 'Pass', `${namespace} decides egress to ${others}`, peerSelector, peers),
      ],
    },
  ]);
  outcome.notes.push(
    `Admin policies after it no longer decide ${namespace}'s traffic with ${others}: ${namespace}'s NetworkPolicies do (then Baseline).`,
  );
  return outcome;
}
