/**
 * Drawing an edge: the destination's ingress gets a rule for the source, and an egress-isolated
 * source gets a rule for the destination. A destination not yet isolated for ingress gets its
 * first ingress policy anyway (the canvas designs allow-lists), and the summary says what that
 * closes; an outside destination can only be allowed by the source's egress.
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

  const allowOn = (subject: IntentEnd, peer: IntentEnd, direction: Direction, decision: SideDecision) => {
    if (subject.kind !== 'endpoint') return; // outside addresses have no policies
    const { endpoint } = subject;
    if (decision.isolated && isExact(peer) && coversPorts(decision.allowed, requested)) {
      notes.push(
        `${direction}: already allowed by ${[...new Set(decision.matches.map((match) => match.policy))].join(', ')}.`,
      );
      return;
    }
    const rule: RawRecord = {
      [PEERS_KEY[direction]]: [peerFor(peer, endpoint.namespace, intent.peerWidth, except)],
    };
    if (ports.length) rule.ports = ports;
    const result = addSubjectRule(plan, {
      namespace: endpoint.namespace,
      podSelector: workloadSelector(endpoint),
      direction,
      rule,
      nameHint: endpoint.name,
      file: endpoint.source.file,
    });
    notes.push(`${direction}: ${describeSubjectRule(result, direction)}.`);
    if (!decision.isolated) {
      const others = direction === 'Ingress' ? 'sources' : 'destinations';
      notes.push(
        `${endpoint.id} was not isolated for ${direction.toLowerCase()}; now it is, so ${others} that no policy allows are denied.`,
      );
    }
  };
  allowOn(to, from, 'Ingress', pair.ingress);
  // A source that is not isolated already may send; only an outside destination needs it to say so.
  if (pair.egress.isolated || to.kind === 'outside') allowOn(from, to, 'Egress', pair.egress);
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
