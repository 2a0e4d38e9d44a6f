import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { runIntent } from '../../editing/edit-commands';
import { nameProblem, parseContainerPorts, parseLabels } from '../../editing/form-values';
import { useAppStore, type AppState } from '../../store';
import { selectNamespace } from '../../store/selectors';
import { EditPreviewDialog } from '../../panels/EditPreview/EditPreview';
import { TierDialogs } from './TierDialogs';
import { closeEditDialog, DialogForm, selectNamespaceNames } from './DialogForm';
import './EditDialogs.css';

const selectEditDialog = (s: AppState) => s.editDialog;
const close = closeEditDialog;

function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | null;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <label className="form-field">
      <span>{label}</span>
      {children}
      {error ? <p className="field-error">{error}</p> : hint ? <p className="form-hint">{hint}</p> : null}
    </label>
  );
}

/** One dialog form: Enter submits, the engine refuses or writes; its message stays in the form. */
function FormDialog({
  title,
  testId,
  submitLabel,
  invalid,
  onSubmit,
  children,
}: {
  title: string;
  testId: string;
  submitLabel: string;
  invalid: boolean;
  onSubmit(): Promise<string | null>;
  children: ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setTried(true);
    if (invalid || busy) return;
    setBusy(true);
    const message = await onSubmit();
    setBusy(false);
    if (message) setError(message);
    else close();
  };
  return (
    <DialogForm
      title={title}
      testId={testId}
      submitLabel={busy ? 'Adding…' : submitLabel}
      disabled={busy || (tried && invalid)}
      tried={tried}
      onSubmit={(event) => void submit(event)}
      after={
        error && (
          <p className="field-error" role="alert" data-testid={`${testId}-error`}>
            {error}
          </p>
        )
      }
    >
      {children}
    </DialogForm>
  );
}

function AddNamespaceDialog() {
  const [name, setName] = useState('');
  const [labels, setLabels] = useState('');
  const nameError = name ? nameProblem(name.trim(), 'namespace') : null;
  const parsedLabels = parseLabels(labels);
  return (
    <FormDialog
      title="Add a namespace"
      testId="add-namespace"
      submitLabel="Add namespace"
      invalid={nameProblem(name.trim(), 'namespace') !== null || !parsedLabels.ok}
      onSubmit={async () => {
        if (!parsedLabels.ok) return parsedLabels.message;
        const outcome = await runIntent({
          kind: 'add-namespace',
          name: name.trim(),
          labels: parsedLabels.value,
        });
        return outcome.ok ? null : outcome.message;
      }}
    >
      <Field label="Name" error={nameError}>
        <input
          className="text-input"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="payments"
          autoFocus
          data-testid="add-namespace-name"
          aria-invalid={Boolean(nameError)}
        />
      </Field>
      <Field
        label="Labels"
        error={parsedLabels.ok ? null : parsedLabels.message}
        hint="key=value, separated by commas; kubernetes.io/metadata.name is set for you."
      >
        <input
          className="text-input"
          value={labels}
          onChange={(event) => setLabels(event.target.value)}
          placeholder="team=payments, env=prod"
          data-testid="add-namespace-labels"
          aria-invalid={!parsedLabels.ok}
        />
      </Field>
    </FormDialog>
  );
}

function AddWorkloadDialog({ initialNamespace }: { initialNamespace?: string }) {
  const namespaces = useAppStore(selectNamespaceNames);
  const list = useMemo(() => namespaces.split('\n').filter(Boolean), [namespaces]);
  const workspaceNamespace = useAppStore(selectNamespace);
  const [namespace, setNamespace] = useState(initialNamespace ?? list[0] ?? workspaceNamespace);
  const [name, setName] = useState('');
  const [labels, setLabels] = useState('');
  const [ports, setPorts] = useState('');
  const parsedLabels = parseLabels(labels);
  const parsedPorts = parseContainerPorts(ports);
  const nsError = namespace ? nameProblem(namespace.trim(), 'namespace') : null;
  const nameError = name ? nameProblem(name.trim(), 'workload') : null;
  const defaultLabel = name.trim() ? `app=${name.trim()}` : 'app=<name>';
  return (
    <FormDialog
      title="Add a workload"
      testId="add-workload"
      submitLabel="Add workload"
      invalid={
        nameProblem(namespace.trim(), 'namespace') !== null ||
        nameProblem(name.trim(), 'workload') !== null ||
        !parsedLabels.ok ||
        !parsedPorts.ok
      }
      onSubmit={async () => {
        if (!parsedLabels.ok || !parsedPorts.ok) return 'Fix the fields first.';
        const outcome = await runIntent({
          kind: 'add-workload',
          namespace: namespace.trim(),
          name: name.trim(),
          labels: parsedLabels.value,
          ports: parsedPorts.value,
        });
        return outcome.ok ? null : outcome.message;
      }}
    >
      <Field
        label="Namespace"
        error={nsError}
        hint="An existing namespace, or a new name (created implicitly)."
      >
        <input
          className="text-input"
          value={namespace}
          onChange={(event) => setNamespace(event.target.value)}
          list="add-workload-namespaces"
          data-testid="add-workload-namespace"
          aria-invalid={Boolean(nsError)}
        />
        <datalist id="add-workload-namespaces">
          {list.map((ns) => (
            <option key={ns} value={ns} />
          ))}
        </datalist>
      </Field>
      <Field label="Name" error={nameError}>
        <input
          className="text-input"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="api"
          autoFocus
          data-testid="add-workload-name"
          aria-invalid={Boolean(nameError)}
        />
      </Field>
      <Field
        label="Labels"
        error={parsedLabels.ok ? null : parsedLabels.message}
        hint={`key=value, separated by commas; ${defaultLabel} when left empty.`}
      >
        <input
          className="text-input"
          value={labels}
          onChange={(event) => setLabels(event.target.value)}
          placeholder={defaultLabel}
          data-testid="add-workload-labels"
          aria-invalid={!parsedLabels.ok}
        />
      </Field>
      <Field
        label="Ports"
        error={parsedPorts.ok ? null : parsedPorts.message}
        hint="Container ports: 8080, 53/UDP, or named: http:8080."
      >
        <input
          className="text-input"
          value={ports}
          onChange={(event) => setPorts(event.target.value)}
          placeholder="8080, metrics:9090"
          data-testid="add-workload-ports"
          aria-invalid={!parsedPorts.ok}
        />
      </Field>
    </FormDialog>
  );
}

const ALL_EGRESS = { kind: 'generate-all-complementary-egress' } as const;

/** The dialogs the canvas's "+ Add" menu opens. */
export function EditDialogs() {
  const dialog = useAppStore(selectEditDialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'add-namespace':
      return <AddNamespaceDialog />;
    case 'add-workload':
      return <AddWorkloadDialog initialNamespace={dialog.namespace} />;
    case 'all-egress':
      return (
        <EditPreviewDialog
          intent={ALL_EGRESS}
          title="Egress for every ingress rule"
          subject="Once sources are isolated for egress, each needs an egress rule matching the ingress rules that admit it. Review what the engine would add:"
          acceptLabel="Add these policies"
          onClose={close}
        />
      );
    case 'tier-deny':
    case 'tier-allow':
    case 'tier-delegate':
    case 'tier-baseline':
      return <TierDialogs dialog={dialog} />;
    default:
      return null;
  }
}
