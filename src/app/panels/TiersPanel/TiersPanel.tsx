import { useState } from 'react';
import type { ReorderTieredPoliciesIntent } from '../../../engine';
import type { TierPolicyView } from '../../model/view-model';
import { useAppStore, type AppState } from '../../store';
import { selectDisplayed } from '../../store/selectors';
import { TIER_GLYPH } from '../../canvas/Guardrails/Guardrails';
import { EditPreviewDialog } from '../EditPreview/EditPreview';
import { LineLink } from '../LineLink/LineLink';
import './TiersPanel.css';

const selectTiers = (s: AppState) => selectDisplayed(s)?.tiers;
const selectPolicyCount = (s: AppState) => selectDisplayed(s)?.policies.length ?? 0;

/** How the Tiers tab counts: the cluster-scoped policies. */
export const selectTierCount = (s: AppState) => selectTiers(s)?.length ?? 0;

/** A tier can be reordered when every policy in it has a priority (a v1alpha1 Baseline singleton has none). */
const orderable = (policies: readonly TierPolicyView[]) =>
  policies.length > 1 && policies.every((p) => p.priority !== null);

/** `ops/mon|shop/front|8080|TCP` as the table shows it. */
function flowText(key: string): string {
  const [from, to, port, protocol] = key.split('|');
  return `${from} → ${to} ${port === 'any' ? 'any port' : `${port}/${protocol}`}`;
}

function PolicyRow({
  policy,
  position,
  total,
  movable,
  onMove,
  onDragStart,
  onDrop,
}: {
  policy: TierPolicyView;
  position: number;
  total: number;
  movable: boolean;
  onMove(by: -1 | 1): void;
  /** Drag and drop: the row dragged is dropped on another one to take its place. */
  onDragStart(): void;
  onDrop(): void;
}) {
  const decides = policy.decides;
  const [over, setOver] = useState(false);
  return (
    <li
      className={`tiers__policy tiers__policy--${policy.tier.toLowerCase()}${over ? ' is-drop-target' : ''}`}
      draggable={movable}
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', policy.id);
        onDragStart();
      }}
      onDragOver={(event) => {
        if (!movable) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        onDrop();
      }}
      data-testid="tier-policy"
      data-id={policy.id}
      data-tier={policy.tier}
      data-priority={policy.priority ?? ''}
    >
      <div className="tiers__head">
        <span className="tiers__priority" title="Priority: lower numbers are walked first">
          {policy.priority ?? '—'}
        </span>
        <button
          type="button"
          className="tiers__name"
          title={`Show ${policy.kind} ${policy.name} in the YAML`}
          data-testid="tier-policy-reveal"
          onClick={() => useAppStore.getState().revealLine(policy.line)}
        >
          {policy.name}
        </button>
        <span className="tiers__kind">
          {policy.kind} · {policy.apiVersion}
        </span>
        {movable && (
          <span className="tiers__move">
            <button
              type="button"
              className="button button--small"
              data-testid="tier-move-up"
              aria-label={`Move ${policy.id} up (walked earlier)`}
              disabled={position === 0}
              onClick={() => onMove(-1)}
            >
              ↑ Move up
            </button>
            <button
              type="button"
              className="button button--small"
              data-testid="tier-move-down"
              aria-label={`Move ${policy.id} down (walked later)`}
              disabled={position === total - 1}
              onClick={() => onMove(1)}
            >
              ↓ Move down
            </button>
          </span>
        )}
      </div>
      <div className="tiers__subject">
        Subject: <code>{policy.subject}</code> ({policy.selectCount} workload
        {policy.selectCount === 1 ? '' : 's'})
      </div>
      <ol className="tiers__rules">
        {policy.rules.map((rule) => (
          <li key={`${rule.direction}-${rule.index}`}>
            <span className={`tiers__action tiers__action--${rule.action.toLowerCase()}`}>{rule.action}</span>{' '}
            {rule.direction} rule {rule.index + 1}
            {rule.name && <> “{rule.name}”</>} <LineLink line={rule.line} />
          </li>
        ))}
        {policy.rules.length === 0 && <li className="tiers__muted">No rules: it decides nothing.</li>}
      </ol>
      {decides && (
        <details className="tiers__decides" data-testid="tier-decides" data-count={decides.count}>
          <summary>
            Decides {decides.count} flow{decides.count === 1 ? '' : 's'}
          </summary>
          <ul>
            {decides.flows.map((key) => (
              <li key={key} className="mono" data-testid="tier-decided-flow" data-key={key}>
                {flowText(key)}
              </li>
            ))}
            {decides.count > decides.flows.length && (
              <li className="tiers__muted">
                and {decides.count - decides.flows.length} more (the Flows tab has them all)
              </li>
            )}
          </ul>
        </details>
      )}
    </li>
  );
}

function TierList({
  tier,
  policies,
  onReorder,
}: {
  tier: 'Admin' | 'Baseline';
  policies: readonly TierPolicyView[];
  onReorder(intent: ReorderTieredPoliciesIntent, what: string): void;
}) {
  const movable = orderable(policies);
  const [dragged, setDragged] = useState<number | null>(null);
  /** The policy at `from` takes the place of the one at `to`, the others keeping their order. */
  const move = (from: number, to: number) => {
    if (from === to) return;
    const order = policies.map((p) => p.id);
    const [moved] = order.splice(from, 1);
    order.splice(to, 0, moved!);
    onReorder(
      { kind: 'reorder-tiered-policies', tier, order },
      `${moved} ${to < from ? 'before' : 'after'} ${policies[to]!.id}`,
    );
  };
  return (
    <section className="tiers__tier" aria-label={`${tier} tier`} data-testid={`tiers-${tier.toLowerCase()}`}>
      <h3>
        <span aria-hidden="true">{TIER_GLYPH}</span> {tier} tier{' '}
        <span className="tiers__muted">
          {policies.length ? `${policies.length}, by priority` : 'no policies'}
        </span>
      </h3>
      {policies.length > 0 && (
        <ol className="tiers__list">
          {policies.map((policy, i) => (
            <PolicyRow
              key={policy.id}
              policy={policy}
              position={i}
              total={policies.length}
              movable={movable}
              onMove={(by) => move(i, i + by)}
              onDragStart={() => setDragged(i)}
              onDrop={() => {
                if (dragged !== null) move(dragged, i);
                setDragged(null);
              }}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The tiers as each side of a connection walks them: Admin by priority, the namespaced
 * NetworkPolicies, Baseline by priority. Reordering goes through the engine's
 * reorder-tiered-policies intent, previewed, applied as one undo step.
 */
export function TiersPanel() {
  const tiers = useAppStore(selectTiers) ?? [];
  const policyCount = useAppStore(selectPolicyCount);
  const [reorder, setReorder] = useState<{ intent: ReorderTieredPoliciesIntent; what: string } | null>(null);
  const onReorder = (intent: ReorderTieredPoliciesIntent, what: string) => setReorder({ intent, what });
  return (
    <div className="tiers" data-testid="tiers-panel">
      {tiers.length === 0 && (
        <p className="tiers__muted tiers__empty">
          No ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy: NetworkPolicies and the
          default decide every flow.
        </p>
      )}
      <TierList tier="Admin" policies={tiers.filter((p) => p.tier === 'Admin')} onReorder={onReorder} />
      <section
        className="tiers__tier tiers__namespaced"
        aria-label="NetworkPolicy tier"
        data-testid="tiers-namespaced"
      >
        <h3>
          NetworkPolicies <span className="tiers__muted">{policyCount} in their namespaces</span>
        </h3>
        <p className="tiers__muted">
          Decide what the Admin tier leaves (not matched, or passed) for the pods they isolate; pods no
          NetworkPolicy isolates go on to Baseline.
        </p>
      </section>
      <TierList tier="Baseline" policies={tiers.filter((p) => p.tier === 'Baseline')} onReorder={onReorder} />
      {reorder && (
        <EditPreviewDialog
          intent={reorder.intent}
          title={`Reorder the ${reorder.intent.tier} tier`}
          subject={<code>{reorder.what}</code>}
          acceptLabel="Reorder"
          onClose={() => setReorder(null)}
        />
      )}
    </div>
  );
}
