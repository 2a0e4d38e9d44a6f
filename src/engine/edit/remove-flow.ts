/**
 * Cutting an edge. Every rule that lets the flow through on an isolated side is narrowed, each in
 * the way that stops the fewest other flows (the engine evaluates every candidate). Either side
 * alone denies the flow, so a side whose narrowing would cost other flows is left alone when the
 * other side can be narrowed for free.
 */
import { decidePair, type SideDecision } from '../evaluate/evaluate';
import type { Direction } from '../model/types';
import { ALL_PORTS, formatPorts, intersectPorts, isEmptyPorts, type PortSet } from '../util/port-set';
import type { RawRecord } from '../util/raw';
import { compareFlows, subjectsOf, withoutTarget } from './flow-changes';
import { endLabel, noSuchPorts, resolveIntentEnd, type IntentEnd } from './flow-ends';
import type { RemoveFlowIntent } from './intents';
import { clusterWithPolicies, narrowings, type FlowContext, type Narrowing } from './narrow-rule';
import type { IntentOutcome, TargetFlow } from './outcome';
import { EditError, type EditPlan } from './plan';
import { rulesOf, setRules } from './policy-spec';
import { portSetOfSpecs } from './port-math';
import { adminSettles, stepNames } from './tier-gate';
import { cloneValue } from './values';

interface SidePlan {
  direction: Direction;
  /** New raw values of the policies this side changes, by id. */
  replaced: Map<string, RawRecord>;
  descriptions: string[];
  /** How many other endpoint pairs lose a flow. */
  collateral: number;
}

function targetPorts(intent: RemoveFlowIntent, to: IntentEnd): PortSet {
  const destination = to.kind === 'endpoint' ? to.endpoint : null;
  if (intent.port !== undefined)
    return portSetOfSpecs([{ port: intent.port, protocol: intent.protocol ?? 'TCP' }], destination);
  return intent.protocol ? portSetOfSpecs([{ protocol: intent.protocol }], destination) : ALL_PORTS;
}

export function removeFlow(plan: EditPlan, intent: RemoveFlowIntent): IntentOutcome {
  const from = resolveIntentEnd(plan.workspace, intent.from, 'from');
  const to = resolveIntentEnd(plan.workspace, intent.to, 'to');
  const ports = targetPorts(intent, to);
  if (isEmptyPorts(ports)) throw noSuchPorts(to);
  const what = `${endLabel(from)} -> ${endLabel(to)} on ${formatPorts(ports)}`;
  const pair = decidePair(plan.cluster, from.flow, to.flow);
  if (pair.loopback)
    throw new EditError(`${what} cannot be denied: loopback is not governed by NetworkPolicy.`);
  if (isEmptyPorts(intersectPorts(pair.allowed, ports))) return { notes: [`${what} is already denied.`] };
  // Ports an Admin Accept admits on a side are settled there: narrowing its NetworkPolicies changes nothing.
  const open = intersectPorts(pair.allowed, ports);
  const acceptedBy = [pair.ingress, pair.egress].map((side) => adminSettles(side, 'Accept', open));
  const sides = [pair.ingress, pair.egress].filter(
    (side, i) => side.isolated && !side.note && isEmptyPorts(acceptedBy[i]!.ports),
  );
  const accepted = acceptedBy.filter((found) => found.steps.length);
  if (sides.length === 0 && accepted.length) {
    throw new EditError(
      `${what} stays allowed: ${accepted.map((found) => stepNames(found.steps)).join(' and ')} accepts it in the Admin tier, which comes before every NetworkPolicy, so no NetworkPolicy change can stop it${accepted.length < 2 ? ' on that side, and the other side does not refuse it' : ''}. Change or remove that Admin rule instead.`,
    );
  }
  if (sides.length === 0) {
    const special = [pair.ingress, pair.egress].find((side) => side.isolated && side.note);
    throw new EditError(
      special
        ? `${what} cannot be denied: ${special.note}.`
        : `${what} is allowed because neither end is isolated, so no rule allows it to remove. Turn on default deny (or allow only the flows you want) to deny the rest.`,
    );
  }
  const target: TargetFlow = {
    from: endLabel(from),
    to: endLabel(to),
    ports,
    expect: 'denied',
    checkable: true,
  };
  const plans = sides.map((side) => planSide(plan, side, { from, to, ports }, target));
  const free = plans.filter((side) => side.collateral === 0);
  const chosen = free.length
    ? free
    : [plans.reduce((best, side) => (side.collateral < best.collateral ? side : best))];
  const notes = [`Stops ${what}.`];
  for (const side of plans) {
    if (chosen.includes(side)) {
      for (const [id, value] of side.replaced) plan.policy(id).value = value;
      notes.push(...side.descriptions);
    } else {
      notes.push(
        `Left the ${side.direction.toLowerCase()} rules as they are: the other side denies the flow now, and narrowing them would also stop ${side.collateral} other flow(s).`,
      );
    }
  }
  return { notes, target };
}

function planSide(
  plan: EditPlan,
  side: SideDecision,
  flow: { from: IntentEnd; to: IntentEnd; ports: PortSet },
  target: TargetFlow,
): SidePlan {
  const { direction } = side;
  const word = direction.toLowerCase();
  const replaced = new Map<string, RawRecord>();
  const descriptions: string[] = [];
  const matching = side.matches.filter((match) => !isEmptyPorts(intersectPorts(match.ports, flow.ports)));
  const cost = (changes: ReadonlyMap<string, RawRecord>) => collateral(plan, changes, target);
  for (const policyId of new Set(matching.map((match) => match.policy))) {
    const policy = plan.cluster.policies.find((candidate) => candidate.id === policyId)!;
    const value = cloneValue(plan.policy(policyId).value);
    const rules: (RawRecord | null)[] = rulesOf(value, direction);
    const context: FlowContext = {
      cluster: plan.cluster,
      policy,
      direction,
      from: flow.from.flow,
      to: flow.to.flow,
      ports: flow.ports,
    };
    for (const { index } of matching.filter((match) => match.policy === policyId)) {
      const costOf = (candidate: Narrowing) => {
        const trial = cloneValue(value);
        setRules(
          trial,
          direction,
          rules
            .map((rule, i) => (i === index ? candidate.rule : rule))
            .filter((rule): rule is RawRecord => rule !== null),
        );
        return cost(new Map([[policyId, trial]]));
      };
      // Candidates come most precise first, so on equal cost the smallest change wins.
      const candidates = narrowings(context, rules[index]!).map((candidate) => ({
        candidate,
        cost: costOf(candidate),
      }));
      const best = candidates.reduce((a, b) => (b.cost < a.cost ? b : a)).candidate;
      rules[index] = best.rule;
      descriptions.push(
        describeNarrowing(
          best,
          `${word} rule ${index + 1} of ${policyId}`,
          direction === 'Ingress' ? flow.from : flow.to,
          flow.ports,
        ),
      );
    }
    const kept = rules.filter((rule): rule is RawRecord => rule !== null);
    setRules(value, direction, kept);
    if (kept.length === 0)
      descriptions.push(`${policyId} now allows no ${word}; it still isolates the pods it selects.`);
    replaced.set(policyId, value);
  }
  return { direction, replaced, descriptions, collateral: cost(replaced) };
}

function describeNarrowing(narrowing: Narrowing, rule: string, peer: IntentEnd, ports: PortSet): string {
  if (narrowing.kind === 'ports') return `Took ${formatPorts(ports)} out of ${rule}.`;
  if (narrowing.kind === 'peers') return `Took the peer matching ${endLabel(peer)} out of ${rule}.`;
  return `Removed ${rule}.`;
}

function collateral(plan: EditPlan, replaced: ReadonlyMap<string, RawRecord>, target: TargetFlow): number {
  const after = clusterWithPolicies(plan.cluster, replaced);
  const { changes } = compareFlows(plan.cluster, after, subjectsOf([plan.cluster], new Set(replaced.keys())));
  return withoutTarget(changes, target).filter((change) => !isEmptyPorts(change.lost)).length;
}
