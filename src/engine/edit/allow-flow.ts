/**
 * Drawing an edge: a rule goes only on a side that refuses the flow, the source's egress when it is
 * isolated for egress and the destination's ingress when it is isolated for ingress. A side that is
 * not isolated lets the flow through already; writing a rule there would isolate it and deny every
 * other peer, so that happens only when the intent names the side in `isolate` (and the summary
 * lists what it closes). A flow that no side refuses is already allowed: nothing is written.
 */
import { decidePair, type SideDecision } from '../evaluate/evaluate';
import type { Direction } from '../model/types';
import { formatPorts, isEmptyPorts } from '../util/port-set';
import type { RawRecord } from '../util/raw';
import {
  endLabel,
  noSuchPorts,
  peerFor,
  resolveIntentEnd,
  workloadSelector,
  type IntentEnd,
} from './flow-ends';
import type { AllowFlowIntent } from './intents';
import type { IntentOutcome } from './outcome';
import { EditError, type EditPlan } from './plan';
import { canonicalPort, PEERS_KEY } from './policy-spec';
import { coversPorts, portSetOfSpecs } from './port-math';
import { addSubjectRule, describeSubjectRule } from './subject-policy';
import { adminSettles, stepNames } from './tier-gate';

/** One address stands for the whole end, so a verdict about it is exact. */
const isExact = (end: IntentEnd) => end.kind === 'endpoint' || end.single;

export function allowFlow(plan: EditPlan, intent: AllowFlowIntent): IntentOutcome {
  const from = resolveIntentEnd(plan.workspace, intent.from, 'from');
  const to = resolveIntentEnd(plan.workspace, intent.to, 'to');
  if (from.kind === 'outside' && to.kind === 'outside')
    throw new EditError(
      'At least one end of a flow must be a pod or workload: NetworkPolicy governs only pods.',
    );
  if (
    from.kind === 'endpoint' &&
    to.kind === 'endpoint' &&
    from.endpoint === to.endpoint &&
    from.endpoint.kind === 'Pod'
  ) {
    throw new EditError(
      `${from.endpoint.id} may always reach itself: loopback is not governed by NetworkPolicy.`,
    );
  }
  const except = intent.except ?? [];
  if (except.length && from.kind !== 'outside' && to.kind !== 'outside')
    throw new EditError('except applies to a CIDR end, and neither end is one.');
  const requested = portSetOfSpecs(intent.ports, to.kind === 'endpoint' ? to.endpoint : null);
  if (isEmptyPorts(requested)) throw noSuchPorts(to);
  const pair = decidePair(plan.cluster, from.flow, to.flow);
  const ports = intent.ports.map(canonicalPort) as RawRecord[];
  const notes = [`Allows ${endLabel(from)} -> ${endLabel(to)} on ${formatPorts(requested)}.`];

  const isolate = new Set(intent.isolate ?? []);
  for (const [direction, end] of [
    ['Egress', from],
    ['Ingress', to],
  ] as const) {
    if (isolate.has(direction) && end.kind !== 'endpoint')
      throw new EditError(
        `${endLabel(end)} is outside the cluster: no policy can isolate it for ${direction.toLowerCase()}.`,
      );
  }
  let written = 0;

  // An Admin Deny comes before every NetworkPolicy: no rule written here can reopen it.
  for (const decision of [pair.egress, pair.ingress]) {
    const denied = adminSettles(decision, 'Deny', requested);
    if (denied.steps.length && isExact(from) && isExact(to))
      throw new EditError(
        `${endLabel(from)} -> ${endLabel(to)} on ${formatPorts(denied.ports)} stays denied: ${stepNames(denied.steps)} denies it in the Admin tier, which comes before every NetworkPolicy, so no NetworkPolicy rule can allow it. Change or remove that Admin rule instead.`,
      );
  }

  const allowOn = (subject: IntentEnd, peer: IntentEnd, direction: Direction, decision: SideDecision) => {
    if (subject.kind !== 'endpoint') return; // outside addresses have no policies
    const accepted = adminSettles(decision, 'Accept', requested);
    if (isExact(peer) && coversPorts(accepted.ports, requested)) {
      notes.push(
        `${direction}: accepted by ${stepNames(accepted.steps)} in the Admin tier, before any NetworkPolicy; no rule is needed on this side.`,
      );
      return;
    }
    // Not isolated, the side is decided by the Baseline tier (or allows by default).
    const baselineRefuses = !decision.isolated && isExact(peer) && !coversPorts(decision.allowed, requested);
    // An open side lets the flow through; a rule there would only deny everyone else.
    if (!decision.isolated && !isolate.has(direction) && !baselineRefuses) return;
    const { endpoint } = subject;
    if (decision.isolated && isExact(peer) && coversPorts(decision.allowed, requested)) {
      const by = [
        ...decision.matches.map((match) => match.policy),
        ...accepted.steps.map((step) => step.policy.id),
      ];
      notes.push(`${direction}: already allowed by ${[...new Set(by)].join(', ')}.`);
      return;
    }
    if (baselineRefuses) {
      const denying = (decision.tiers?.baseline ?? []).filter((step) => step.rule.action === 'Deny');
      notes.push(
        `${direction}: ${stepNames(denying)} denies it in the Baseline tier; a NetworkPolicy that selects ${endpoint.id} is read before the Baseline tier, so the rule below decides instead.`,
      );
    }
    const rule: RawRecord = {
      [PEERS_KEY[direction]]: [peerFor(peer, endpoint.namespace, intent.peerWidth, except)],
    };
    if (ports.length) rule.ports = ports;
    const result = addSubjectRule(plan, {
      namespace: endpoint.namespace,
      podSelector: workloadSelector(endpoint, plan.cluster.endpoints),
      direction,
      rule,
      nameHint: endpoint.name,
      file: endpoint.source.file,
    });
    written++;
    notes.push(`${direction}: ${describeSubjectRule(result, direction)}.`);
    if (!decision.isolated) {
      const others = direction === 'Ingress' ? 'sources' : 'destinations';
      notes.push(
        `${endpoint.id} was not isolated for ${direction.toLowerCase()}; now it is, so ${others} that no policy allows are denied.`,
      );
    }
  };
  allowOn(from, to, 'Egress', pair.egress);
  allowOn(to, from, 'Ingress', pair.ingress);
  if (written === 0) {
    notes[0] = `${endLabel(from)} may already send to ${endLabel(to)} on ${formatPorts(requested)}.`;
    if (!pair.egress.isolated && !pair.ingress.isolated)
      notes.push(
        `Neither side is isolated (${endLabel(from)} for egress, ${endLabel(to)} for ingress), so no rule is needed; to lock the flow down, choose the side(s) to isolate.`,
      );
  }
  return {
    notes,
    target: {
      from: endLabel(from),
      to: endLabel(to),
      ports: requested,
      expect: 'allowed',
      checkable: isExact(from) && isExact(to),
    },
  };
}
