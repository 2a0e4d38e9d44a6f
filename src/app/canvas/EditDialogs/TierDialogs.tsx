/**
 * The cluster-wide guardrail gestures (ClusterNetworkPolicy): a choice where one is needed (which
 * namespace, which ports), then the usual preview of every flow the new policy changes.
 */
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { EditIntent } from '../../../engine';
import { parseRulePorts } from '../../editing/form-values';
import { EditPreviewDialog } from '../../panels/EditPreview/EditPreview';
import { useAppStore, type EditDialog } from '../../store';
import { closeEditDialog, DialogForm, selectNamespaceNames } from './DialogForm';

export type TierDialog = Extract<
  NonNullable<EditDialog>,
  { kind: 'tier-deny' | 'tier-allow' | 'tier-delegate' | 'tier-baseline' }
>;

const close = closeEditDialog;

/** A form whose answer becomes the intent to preview; Enter previews. */
function ChoiceDialog({
  title,
  testId,
  invalid,
  onPreview,
  children,
}: {
  title: string;
  testId: string;
  invalid: boolean;
  onPreview(): void;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!invalid) onPreview();
  };
  return (
    <DialogForm title={title} testId={testId} submitLabel="Preview…" disabled={invalid} onSubmit={submit}>
      {children}
    </DialogForm>
  );
}

function DenyToDialog({ from }: { from: string }) {
  const names = useAppStore(selectNamespaceNames);
  const others = useMemo(() => names.split('\n').filter((ns) => ns && ns !== from), [names, from]);
  const [to, setTo] = useState(others[0] ?? '');
  const [chosen, setChosen] = useState<string | null>(null);
  if (chosen) return <DenyPreview from={from} to={chosen} />;
  return (
    <ChoiceDialog
      title={`Deny ${from} to another namespace for everyone`}
      testId="tier-deny"
      invalid={!to}
      onPreview={() => setChosen(to)}
    >
      <label className="form-field">
        <span>Namespace that {from} may not reach</span>
        <select
          className="select-input"
          value={to}
          onChange={(event) => setTo(event.target.value)}
          data-testid="tier-deny-to"
          autoFocus
        >
          {others.map((ns) => (
            <option key={ns} value={ns}>
              {ns}
            </option>
          ))}
        </select>
        <p className="form-hint">
          An Admin-tier ClusterNetworkPolicy: no NetworkPolicy of either namespace can allow it again.
        </p>
      </label>
    </ChoiceDialog>
  );
}

function DenyPreview({ from, to }: { from: string; to: string }) {
  const intent = useMemo<EditIntent>(() => ({ kind: 'tier-deny-namespaces', from, to }), [from, to]);
  return (
    <EditPreviewDialog
      intent={intent}
      title={`Deny ${from} → ${to} for everyone?`}
      subject={`Adds an Admin-tier ClusterNetworkPolicy: pods of ${from} can no longer reach pods of ${to}, whatever the namespaces' own NetworkPolicies say.`}
      acceptLabel="Deny for everyone"
      onClose={close}
    />
  );
}

function AllowFromDialog({ namespace }: { namespace: string }) {
  const [ports, setPorts] = useState('');
  const [chosen, setChosen] = useState<EditIntent | null>(null);
  const parsed = parseRulePorts(ports);
  if (chosen)
    return (
      <EditPreviewDialog
        intent={chosen}
        title={`Always allow ${namespace} to reach every namespace?`}
        subject={`Adds an Admin-tier ClusterNetworkPolicy: every namespace accepts ${namespace}${ports.trim() ? ` on ${ports.trim()}` : ''}, whatever its NetworkPolicies say.`}
        acceptLabel="Always allow"
        onClose={close}
      />
    );
  return (
    <ChoiceDialog
      title={`Always allow ${namespace} to reach every namespace`}
      testId="tier-allow"
      invalid={!parsed.ok}
      onPreview={() =>
        parsed.ok &&
        setChosen({
          kind: 'tier-allow-from-namespace',
          namespace,
          ...(parsed.value.length ? { ports: parsed.value } : {}),
        })
      }
    >
      <label className="form-field">
        <span>Ports</span>
        <input
          className="text-input"
          value={ports}
          onChange={(event) => setPorts(event.target.value)}
          placeholder="every port (or 9100, metrics)"
          data-testid="tier-allow-ports"
          aria-invalid={!parsed.ok}
          autoFocus
        />
        {parsed.ok ? (
          <p className="form-hint">Empty: every port. A scrape port such as 9100, or a port name.</p>
        ) : (
          <p className="field-error">{parsed.message}</p>
        )}
      </label>
    </ChoiceDialog>
  );
}

const BASELINE: EditIntent = { kind: 'tier-baseline-deny-between-namespaces' };

/** The dialog of one guardrail gesture. */
export function TierDialogs({ dialog }: { dialog: TierDialog }) {
  switch (dialog.kind) {
    case 'tier-deny':
      return dialog.to ? (
        <DenyPreview from={dialog.from} to={dialog.to} />
      ) : (
        <DenyToDialog from={dialog.from} />
      );
    case 'tier-allow':
      return <AllowFromDialog namespace={dialog.namespace} />;
    case 'tier-delegate':
      return <DelegatePreview namespace={dialog.namespace} peer={dialog.peer} />;
    case 'tier-baseline':
      return (
        <EditPreviewDialog
          intent={BASELINE}
          title="Baseline: deny between namespaces?"
          subject="Adds Baseline-tier ClusterNetworkPolicies: traffic from one namespace into another is denied unless the destination's own NetworkPolicies allow it. Traffic within a namespace stays allowed."
          acceptLabel="Deny between namespaces"
          onClose={close}
        />
      );
  }
}

function DelegatePreview({ namespace, peer }: { namespace: string; peer?: string }) {
  const intent = useMemo<EditIntent>(
    () => ({ kind: 'tier-delegate-namespace', namespace, ...(peer === undefined ? {} : { peer }) }),
    [namespace, peer],
  );
  const others = peer ?? 'every namespace';
  return (
    <EditPreviewDialog
      intent={intent}
      title={
        peer === undefined
          ? `Delegate ${namespace} to its namespace owners (Pass)?`
          : `Let ${namespace}'s own policies decide its traffic with ${peer} (Pass)?`
      }
      subject={`Adds an Admin-tier ClusterNetworkPolicy that passes ${namespace}'s traffic with ${others}: Admin policies after it stop deciding it, and ${namespace}'s NetworkPolicies do.`}
      acceptLabel="Delegate (Pass)"
      onClose={close}
    />
  );
}
