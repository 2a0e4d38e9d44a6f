import { useCallback, useState, type MouseEvent } from 'react';
import type { Direction } from '../../../engine';
import { Popover, type PopoverAnchor } from '../../chrome/Popover/Popover';
import { runIntent, runIntentReporting } from '../../editing/edit-commands';
import type { NamespaceView } from '../../model/view-model';
import './DefaultDenyToggles.css';

/** Turning egress default-deny on: keep DNS to kube-dns open in the same step (preselected). */
function DnsPopover({
  namespace,
  anchor,
  onClose,
}: {
  namespace: string;
  anchor: PopoverAnchor;
  onClose(): void;
}) {
  const [keepDns, setKeepDns] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    const outcome = await runIntent({
      kind: 'set-default-deny',
      namespace,
      direction: 'Egress',
      enabled: true,
      keepDns,
    });
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.message);
  };
  return (
    <Popover
      anchor={anchor}
      title={
        <>
          Deny egress by default in <code>{namespace}</code>
        </>
      }
      confirmLabel="Deny egress"
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      testId="dns-popover"
    >
      <p className="form-hint">Every pod in {namespace} may then only send what a policy allows.</p>
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
  const [dnsAnchor, setDnsAnchor] = useState<PopoverAnchor | null>(null);
  const [busy, setBusy] = useState<Direction | null>(null);
  const deny = namespace.defaultDeny ?? { ingress: [], egress: [], egressDns: false };
  const closeDns = useCallback(() => setDnsAnchor(null), []);

  const toggle = async (direction: Direction, event: MouseEvent<HTMLButtonElement>) => {
    event.stopPropagation();
    const on = (direction === 'Ingress' ? deny.ingress : deny.egress).length > 0;
    if (direction === 'Egress' && !on) {
      const box = event.currentTarget.getBoundingClientRect();
      setDnsAnchor({ x: box.left, y: box.bottom });
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
      {dnsAnchor && <DnsPopover namespace={namespace.name} anchor={dnsAnchor} onClose={closeDns} />}
    </span>
  );
}
