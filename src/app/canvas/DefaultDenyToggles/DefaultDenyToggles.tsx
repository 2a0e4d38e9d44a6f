import { useCallback, useMemo, useState, type MouseEvent } from 'react';
import type { Direction } from '../../../engine';
import { Popover, type PopoverAnchor } from '../../chrome/Popover/Popover';
import type { EditIntent } from '../../../engine';
import { runIntentReporting } from '../../editing/edit-commands';
import { useIntentPreview } from '../../editing/use-intent-preview';
import { FlowStops } from '../../panels/EditPreview/EditPreview';
import type { NamespaceView } from '../../model/view-model';
import './DefaultDenyToggles.css';

/**
 * Turning default-deny on isolates every pod of the namespace: the popover lists the flows that
 * closes before it is confirmed. For egress, DNS to kube-dns can stay open in the same step
 * (preselected).
 */
function DenyPopover({
  namespace,
  direction,
  anchor,
  onClose,
}: {
  namespace: string;
  direction: Direction;
  anchor: PopoverAnchor;
  onClose(): void;
}) {
  const [keepDns, setKeepDns] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const egress = direction === 'Egress';
  const intent = useMemo(
    (): EditIntent => ({
      kind: 'set-default-deny',
      namespace,
      direction,
      enabled: true,
      ...(egress ? { keepDns } : {}),
    }),
    [namespace, direction, egress, keepDns],
  );
  const { preview, apply } = useIntentPreview(intent);
  const confirm = async () => {
    setBusy(true);
    const outcome = await apply();
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.message);
  };
  return (
    <Popover
      anchor={anchor}
      title={
        <>
          Deny {WORD[direction]} by default in <code>{namespace}</code>
        </>
      }
      confirmLabel={`Deny ${WORD[direction]}`}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      testId={egress ? 'dns-popover' : 'deny-ingress-popover'}
      width={360}
    >
      <p className="form-hint">
        Every pod in {namespace} may then only {egress ? 'send' : 'receive'} what a policy allows.
      </p>
      {egress && (
        <label className="choice">
          <input
            type="checkbox"
            checked={keepDns}
            onChange={(event) => setKeepDns(event.target.checked)}
            data-testid="dns-keep"
          />
          <span className="choice__text">
            Keep DNS to kube-dns
            <span className="choice__hint">
              UDP and TCP 53 to k8s-app=kube-dns in kube-system, so names still resolve
            </span>
          </span>
        </label>
      )}
      {preview?.result.ok && <FlowStops stops={preview.result.stops} />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Popover>
  );
}

const WORD: Record<Direction, string> = { Ingress: 'ingress', Egress: 'egress' };

/**
 * The namespace's default-deny switches, one per direction: on when a policy selects all its pods
 * and allows nothing (for egress: nothing but DNS). The engine writes or removes that policy.
 */
export function DefaultDenyToggles({
  namespace,
  variant,
}: {
  namespace: NamespaceView;
  variant: 'node' | 'inspector';
}) {
  const [asking, setAsking] = useState<{ direction: Direction; anchor: PopoverAnchor } | null>(null);
  const [busy, setBusy] = useState<Direction | null>(null);
  const deny = namespace.defaultDeny ?? { ingress: [], egress: [], egressDns: false };
  const closeAsking = useCallback(() => setAsking(null), []);

  const toggle = async (direction: Direction, event: MouseEvent<HTMLButtonElement>) => {
    event.stopPropagation();
    const on = (direction === 'Ingress' ? deny.ingress : deny.egress).length > 0;
    if (!on) {
      const box = event.currentTarget.getBoundingClientRect();
      setAsking({ direction, anchor: { x: box.left, y: box.bottom } });
      return;
    }
    setBusy(direction);
    await runIntentReporting({
      kind: 'set-default-deny',
      namespace: namespace.name,
      direction,
      enabled: !on,
    });
    setBusy(null);
  };

  return (
    <span
      className={`deny-toggles deny-toggles--${variant} nodrag`}
      role="group"
      aria-label={`Default deny in ${namespace.name}`}
    >
      {variant === 'node' && (
        <span className="deny-toggles__label" aria-hidden="true">
          deny
        </span>
      )}
      {(['Ingress', 'Egress'] as const).map((direction) => {
        const policies = direction === 'Ingress' ? deny.ingress : deny.egress;
        const on = policies.length > 0;
        const word = WORD[direction];
        const title = on
          ? `Default deny ${word} is on (${policies.join(', ')}${direction === 'Egress' && deny.egressDns ? ', DNS kept open' : ''}). Click to remove it.`
          : `Default deny ${word} is off. Click to deny all ${word} of ${namespace.name}'s pods unless a policy allows it.`;
        return (
          <button
            key={direction}
            type="button"
            className={`deny-toggle${on ? ' is-on' : ''}`}
            aria-pressed={on}
            // The name must hold the visible text (WCAG 2.5.3): "in"/"out" on the node, the sentence in the inspector.
            aria-label={
              variant === 'node'
                ? `${direction === 'Ingress' ? 'in' : 'out'}: default deny ${word} in ${namespace.name}`
                : undefined
            }
            title={title}
            disabled={busy !== null}
            onClick={(event) => void toggle(direction, event)}
            onPointerDown={(event) => event.stopPropagation()}
            data-testid={`deny-toggle-${word}`}
          >
            <span className="deny-toggle__switch" aria-hidden="true" />
            {variant === 'node' ? (direction === 'Ingress' ? 'in' : 'out') : `Deny ${word} by default`}
            {variant === 'inspector' && on && direction === 'Egress' && deny.egressDns && (
              <span className="deny-toggle__dns">DNS open</span>
            )}
          </button>
        );
      })}
      {asking && (
        <DenyPopover
          namespace={namespace.name}
          direction={asking.direction}
          anchor={asking.anchor}
          onClose={closeAsking}
        />
      )}
    </span>
  );
}
