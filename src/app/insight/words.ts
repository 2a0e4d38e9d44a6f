/** Words for explanations, as ui.md asks: policy and rule names, numbers from 1, lines. */
import type { ExplainSide, RuleRef } from '../model/insight';

/** A policy's name where its namespace goes without saying (the subject's), else its full id. */
export function policyName(id: string, subject: string | null): string {
  const [namespace, name] = id.split('/');
  return subject && name && subject.split('/')[0] === namespace ? name : id;
}

/** "np-backend egress rule 1". */
export function ruleName(
  rule: Pick<RuleRef, 'policy' | 'direction' | 'index'>,
  subject: string | null,
): string {
  return `${policyName(rule.policy, subject)} ${rule.direction} rule ${rule.index + 1}`;
}

/** "TCP 8080". */
export function flowPort(port: number, protocol: string): string {
  return `${protocol} ${port}`;
}

/** A side's one-word state, for its badge. */
export function sideState(side: ExplainSide): 'not governed' | 'open' | 'allows' | 'denies' {
  if (!side.subject) return 'not governed';
  if (!side.isolated) return 'open';
  return side.allows ? 'allows' : 'denies';
}

/** "Egress of ui/ui" / "Ingress of 203.0.113.9". */
export function sideTitle(side: ExplainSide, from: string, to: string): string {
  return side.direction === 'Egress' ? `Egress of ${from}` : `Ingress of ${to}`;
}
