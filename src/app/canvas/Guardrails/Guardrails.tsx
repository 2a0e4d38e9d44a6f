import type { TierMarkView, TierPolicyView } from '../../model/view-model';
import { useAppStore, type AppState } from '../../store';
import { selectDisplayed } from '../../store/selectors';
import { LineLink } from '../../panels/LineLink/LineLink';
import './Guardrails.css';

/** The mark of the cluster-scoped tiers, wherever they show: badges, edges, rows, the legend. */
export const TIER_GLYPH = '◈';

const TIER_WORD = { admin: 'Admin', baseline: 'Baseline' } as const;

const selectTiers = (s: AppState) => selectDisplayed(s)?.tiers;

/** `cnp/deny-ops (Admin, priority 10)` */
export function tierPolicyName(policy: TierPolicyView | undefined, id: string): string {
  if (!policy) return id;
  return `${id} (${policy.tier}${policy.priority === null ? '' : `, priority ${policy.priority}`})`;
}

/** On a namespace or workload that Admin or Baseline policies take as their subject. */
export function GuardrailBadge({ ids, subject }: { ids: readonly string[] | undefined; subject: string }) {
  const tiers = useAppStore(selectTiers);
  if (!ids?.length) return null;
  const policies = ids.map((id) => tiers?.find((t) => t.id === id));
  const admin = policies.some((p) => p?.tier === 'Admin');
  const title = `${subject} is a subject of ${ids.length === 1 ? 'the cluster policy' : `${ids.length} cluster policies`}: ${ids.map((id, i) => tierPolicyName(policies[i], id)).join(', ')}`;
  return (
    <span
      className={`guardrail-badge guardrail-badge--${admin ? 'admin' : 'baseline'}`}
      data-testid="guardrail-badge"
      data-policies={ids.join(' ')}
      title={title}
      aria-label={title}
      role="img"
    >
      <span aria-hidden="true">{TIER_GLYPH}</span>
      <span aria-hidden="true">{ids.length}</span>
    </span>
  );
}

/** A small "◈ Admin" for a row or an inspector heading whose verdict a tier settled. */
export function TierChip({ mark }: { mark: TierMarkView }) {
  const title = `Decided by the ${TIER_WORD[mark.tier]} tier: ${mark.rules.map((r) => r.text).join('; ')}`;
  return (
    <span className={`tier-chip tier-chip--${mark.tier}`} data-testid="tier-chip" title={title}>
      <span aria-hidden="true">{TIER_GLYPH}</span> {TIER_WORD[mark.tier]}
    </span>
  );
}

/** The rules that decided an edge, each with a link to its line. */
export function TierDecidedBy({ mark }: { mark: TierMarkView }) {
  return (
    <div className="tier-decided" data-testid="tier-decided">
      <p>
        <TierChip mark={mark} />{' '}
        {mark.tier === 'admin'
          ? `Settled in the Admin tier, before any NetworkPolicy is asked, by:`
          : `No NetworkPolicy isolates the side concerned, so the Baseline tier settled it, by:`}
      </p>
      <ul className="inspector__list">
        {mark.rules.map((rule) => (
          <li key={rule.text}>
            <strong>{rule.action}</strong> by <code>{rule.text}</code> <LineLink line={rule.line} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The cluster policies that take a namespace or workload as their subject, for its inspector. */
export function GuardrailList({ ids }: { ids: readonly string[] | undefined }) {
  const tiers = useAppStore(selectTiers);
  if (!ids?.length) return null;
  return (
    <ul className="inspector__list" data-testid="guardrail-list">
      {ids.map((id) => {
        const policy = tiers?.find((t) => t.id === id);
        return (
          <li key={id}>
            <code>{tierPolicyName(policy, id)}</code> {policy && <LineLink line={policy.line} />}
          </li>
        );
      })}
    </ul>
  );
}
