/**
 * What the Admin tier settles before any NetworkPolicy is read (tiered-policies.md §5.3): a flow an
 * Admin Deny refuses stays refused whatever NetworkPolicy says, one an Admin Accept admits stays
 * admitted. Edits of NetworkPolicies use this to tell the user so rather than promise a change.
 */
import { tierStepName, type SideDecision } from '../evaluate/evaluate';
import type { TierStep } from '../evaluate/tiers';
import type { TierAction } from '../model/types';
import { EMPTY_PORTS, intersectPorts, isEmptyPorts, unionPorts, type PortSet } from '../util/port-set';

/** The Admin steps of a side with this action that decide some of `ports`, and the ports they decide. */
export function adminSettles(
  side: SideDecision,
  action: TierAction,
  ports: PortSet,
): { steps: TierStep[]; ports: PortSet } {
  const steps = (side.tiers?.admin ?? []).filter(
    (step) => step.rule.action === action && !isEmptyPorts(intersectPorts(step.ports, ports)),
  );
  const settled = steps.reduce(
    (set, step) => intersectPorts(unionPorts(set, step.ports), ports),
    EMPTY_PORTS,
  );
  return { steps, ports: settled };
}

/** `cnp/a egress rule 1 (Admin, priority 5, line 9) and …` */
export const stepNames = (steps: readonly TierStep[]) => steps.map(tierStepName).join(' and ');
