import { useMemo, useState } from 'react';
import type { Direction, EditIntent } from '../../../engine';
import { runIntent } from '../../editing/edit-commands';
import { nameProblem } from '../../editing/form-values';
import {
  DIRECTIONS,
  newRule,
  readSpec,
  specKey,
  writeSpec,
  type FieldErrors,
  type RuleDraft,
  type SelectorDraft,
  type SpecDraft,
} from '../../editing/spec-draft';
import type { PolicyView, ViewModel } from '../../model/view-model';
import { useAppStore, type AppState } from '../../store';
import { selectDisplayed, selectEvaluating, selectSelection } from '../../store/selectors';
import { EditPreviewDialog } from '../EditPreview/EditPreview';
import { LineLink } from '../LineLink/LineLink';
import { RuleEditor } from './RuleEditor';
import { SelectorEditor, type LabelCatalog } from './SelectorEditor';
import '../Inspector/Inspector.css';
import '../EditActions/EditActions.css';
import './PolicyEditor.css';
import { formatCount } from '../../model/format';

const close = () => useAppStore.getState().openPolicyEditor(null);
const selectEditing = (s: AppState) => s.editingPolicy;

/** Datalists of the label keys and values that exist in the workspace, for completion. */
function LabelLists({ model }: { model: ViewModel }) {
  const { pods, namespaces } = useMemo(() => {
    const collect = (sets: Record<string, string>[]) => {
      const map = new Map<string, Set<string>>();
      for (const labels of sets)
        for (const [key, value] of Object.entries(labels))
          (map.get(key) ?? map.set(key, new Set()).get(key)!).add(value);
      return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
    };
    return {
      pods: collect(model.endpoints.map((e) => e.labels)),
      namespaces: collect(model.namespaces.map((n) => n.labels)),
    };
  }, [model]);
  return (
    <>
      {(
        [
          ['pod', pods],
          ['ns', namespaces],
        ] as const
      ).map(([prefix, entries]) => (
        <div key={prefix} hidden>
          <datalist id={`pe-${prefix}-keys`}>
            {entries.map(([key]) => (
              <option key={key} value={key} />
            ))}
          </datalist>
          {entries.map(([key, values], i) => (
            <datalist key={key} id={`pe-${prefix}-values-${i}`}>
              {[...values].sort().map((value) => (
                <option key={value} value={value} />
              ))}
            </datalist>
          ))}
        </div>
      ))}
    </>
  );
}

function useCatalogs(model: ViewModel): { pods: LabelCatalog; namespaces: LabelCatalog } {
  return useMemo(() => {
    const catalog = (prefix: string, sets: Record<string, string>[]): LabelCatalog => {
      const keys = [...new Set(sets.flatMap((labels) => Object.keys(labels)))].sort((a, b) =>
        a.localeCompare(b),
      );
      return {
        keys: `pe-${prefix}-keys`,
        valuesOf: (key) => (keys.includes(key) ? `pe-${prefix}-values-${keys.indexOf(key)}` : undefined),
      };
    };
    return {
      pods: catalog(
        'pod',
        model.endpoints.map((e) => e.labels),
      ),
      namespaces: catalog(
        'ns',
        model.namespaces.map((n) => n.labels),
      ),
    };
  }, [model]);
}

const mutate = (draft: SpecDraft, change: (draft: SpecDraft) => void): SpecDraft => {
  const next = structuredClone(draft);
  change(next);
  return next;
};

function NameAndDelete({ policy }: { policy: PolicyView }) {
  const [name, setName] = useState(policy.name);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const problem = name === policy.name ? null : nameProblem(name.trim(), 'policy', true);

  const rename = async () => {
    const next = name.trim();
    if (next === policy.name || problem) return;
    setBusy(true);
    const outcome = await runIntent({ kind: 'rename-policy', policyId: policy.id, name: next });
    setBusy(false);
    if (outcome.ok) useAppStore.getState().openPolicyEditor(`${policy.namespace}/${next}`);
    else setError(outcome.message);
  };
  const remove = async () => {
    setBusy(true);
    const outcome = await runIntent({ kind: 'delete-policy', policyId: policy.id });
    setBusy(false);
    if (outcome.ok) close();
    else setError(outcome.message);
  };

  return (
    <section className="inspector__section">
      <form
        className="pe-name"
        onSubmit={(event) => {
          event.preventDefault();
          void rename();
        }}
      >
        <label className="form-field pe-name__field">
          <span>Name</span>
          <input
            className="text-input"
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={Boolean(problem)}
            data-testid="policy-name"
          />
        </label>
        <button
          type="submit"
          className="button button--small"
          disabled={busy || name.trim() === policy.name || Boolean(problem)}
          data-testid="policy-rename"
        >
          Rename
        </button>
      </form>
      {problem && (
        <p className="field-error" data-testid="field-error">
          {problem}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="policy-error">
          {error}
        </p>
      )}
      <div className="edit-actions__row pe-delete">
        {confirmDelete ? (
          <>
            <span>Delete {policy.id}?</span>
            <button type="button" className="button button--small" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => void remove()}
              disabled={busy}
              data-testid="policy-delete-confirm"
              autoFocus
            >
              Delete
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button--small"
            onClick={() => setConfirmDelete(true)}
            data-testid="policy-delete"
          >
            Delete policy…
          </button>
        )}
      </div>
    </section>
  );
}

/** The form over one policy's spec: every committed change is an update-policy intent. */
function SpecForm({ policy, model }: { policy: PolicyView; model: ViewModel }) {
  const specJson = JSON.stringify(policy.spec ?? {});
  const read = useMemo(
    () => readSpec(JSON.parse(specJson) as Record<string, unknown>, policy.policyTypes),
    [specJson, policy.policyTypes],
  );
  const [draft, setDraft] = useState(read.draft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [seen, setSeen] = useState(specJson);
  const [sent, setSent] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ intent: EditIntent; subject: string } | null>(null);
  const catalogs = useCatalogs(model);

  // The text changed: follow it, unless it is only the echo of what this form just sent.
  if (seen !== specJson) {
    setSeen(specJson);
    if (specKey(read.draft) !== sent) {
      setDraft(read.draft);
      setErrors({});
    }
  }

  const send = (next: SpecDraft) => {
    const { spec, errors: found } = writeSpec(next);
    setErrors(found);
    if (Object.keys(found).length) return;
    const key = JSON.stringify(spec);
    if (key === specKey(read.draft)) return;
    setSent(key);
    setFailure(null);
    void runIntent({ kind: 'update-policy', policyId: policy.id, spec }).then((outcome) => {
      if (!outcome.ok) setFailure(outcome.message);
    });
  };
  const apply = (change: (draft: SpecDraft) => void, commit: boolean) => {
    const next = mutate(draft, change);
    setDraft(next);
    if (commit) send(next);
  };
  const commit = () => send(draft);

  if (read.unsupported.length) {
    return (
      <p className="inspector__note" data-testid="policy-unsupported">
        This policy uses fields the rule editor does not show ({read.unsupported.slice(0, 3).join(', ')}
        {read.unsupported.length > 3 ? ', …' : ''}); edit it in the YAML pane.
      </p>
    );
  }

  const ruleApply =
    (direction: Direction, index: number) => (change: (rule: RuleDraft) => void, now: boolean) =>
      apply((d) => change(d.rules[direction][index]!), now);
  return (
    <>
      <section className="inspector__section">
        <h3>Applies to (podSelector)</h3>
        <SelectorEditor
          selector={draft.podSelector}
          path="podSelector"
          errors={errors}
          catalog={catalogs.pods}
          emptyMeaning={`every pod in ${policy.namespace}`}
          apply={(change: (selector: SelectorDraft) => void, now) => apply((d) => change(d.podSelector), now)}
          commit={commit}
          testId="pod-selector"
        />
        <p className="form-hint">
          Selects {policy.selectCount ? policy.selects.join(', ') : 'no endpoint of the workspace'}
          {policy.selectCount > policy.selects.length
            ? ` and ${formatCount(policy.selectCount - policy.selects.length)} more`
            : ''}
          .
        </p>
      </section>
      <section className="inspector__section">
        <h3>Policy types</h3>
        <div className="edit-actions__row">
          {DIRECTIONS.map((direction) => (
            <label key={direction} className="choice">
              <input
                type="checkbox"
                checked={draft.types[direction]}
                onChange={(event) => apply((d) => void (d.types[direction] = event.target.checked), true)}
                data-testid={`policy-type-${direction.toLowerCase()}`}
              />
              <span className="choice__text">{direction}</span>
            </label>
          ))}
        </div>
        {errors.types && (
          <p className="field-error" data-testid="field-error">
            {errors.types}
          </p>
        )}
      </section>
      {DIRECTIONS.filter((direction) => draft.types[direction]).map((direction) => {
        const rules = draft.rules[direction];
        const word = direction.toLowerCase();
        return (
          <section key={direction} className="inspector__section" data-testid={`rules-${word}`}>
            <div className="pe-section-head">
              <h3>
                {direction} rules ({rules.length})
              </h3>
              {direction === 'Ingress' && rules.length > 0 && (
                <button
                  type="button"
                  className="pe-link"
                  onClick={() =>
                    setPreview({
                      intent: { kind: 'generate-complementary-egress', policyId: policy.id },
                      subject: `the sources of every ingress rule of ${policy.id}`,
                    })
                  }
                  data-testid="generate-egress"
                >
                  Generate egress for its sources…
                </button>
              )}
            </div>
            {rules.length === 0 && (
              <p className="form-hint">{`No rules: the selected pods are isolated for ${word} and nothing is allowed.`}</p>
            )}
            <ol className="pe-list">
              {rules.map((rule, index) => (
                <RuleEditor
                  key={index}
                  rule={rule}
                  direction={direction}
                  index={index}
                  namespace={policy.namespace}
                  errors={errors}
                  catalogs={catalogs}
                  apply={ruleApply(direction, index)}
                  commit={commit}
                  onRemove={() => apply((d) => void d.rules[direction].splice(index, 1), true)}
                  onGenerateEgress={
                    // Only rules already in the text: the engine reads the policy as written.
                    direction === 'Ingress' && index < read.draft.rules.Ingress.length
                      ? () =>
                          setPreview({
                            intent: {
                              kind: 'generate-complementary-egress',
                              policyId: policy.id,
                              ruleIndex: index,
                            },
                            subject: `the sources of ingress rule ${index + 1} of ${policy.id}`,
                          })
                      : undefined
                  }
                />
              ))}
            </ol>
            <button
              type="button"
              className="button button--small"
              onClick={() => apply((d) => void d.rules[direction].push(newRule()), false)}
              data-testid={`add-rule-${word}`}
            >
              + {word} rule
            </button>
          </section>
        );
      })}
      {Object.keys(errors).length > 0 && (
        <p className="field-error" role="status">
          Not saved: fix the fields marked above.
        </p>
      )}
      {failure && (
        <p className="field-error" role="alert" data-testid="policy-error">
          {failure}
        </p>
      )}
      {preview && (
        <EditPreviewDialog
          intent={preview.intent}
          title="Generate egress for the sources"
          subject={`Egress rules for ${preview.subject}:`}
          acceptLabel="Add egress"
          onClose={() => setPreview(null)}
        />
      )}
    </>
  );
}

/** The rule editor: in the inspector's place while a policy is open. Escape or × returns to the inspector. */
export function PolicyEditor({ policyId }: { policyId: string }) {
  const model = useAppStore(selectDisplayed);
  const evaluating = useAppStore(selectEvaluating);
  const selection = useAppStore(selectSelection);
  const editing = useAppStore(selectEditing);
  const [openedWith, setOpenedWith] = useState({ selection, editing });
  // Selecting something on the canvas brings the inspector back.
  if (openedWith.editing !== editing) setOpenedWith({ selection, editing });
  else if (openedWith.selection !== selection) {
    setOpenedWith({ selection, editing });
    if (selection) close();
  }
  const policy = model?.policies.find((p) => p.id === policyId);
  return (
    <aside
      className="inspector policy-editor"
      aria-label="Policy editor"
      data-testid="policy-editor"
      data-policy={policyId}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !(event.target instanceof HTMLInputElement)) close();
      }}
    >
      <button
        type="button"
        className="inspector__close"
        aria-label="Close the policy editor"
        title="Close (Esc)"
        onClick={close}
        data-testid="policy-editor-close"
      >
        ×
      </button>
      <div className="inspector__body">
        <header className="inspector__head">
          <span className="inspector__kind">NetworkPolicy</span>
          <h2>{policyId}</h2>
          {policy && <LineLink line={policy.line} />}
        </header>
        {model && <LabelLists model={model} />}
        {!policy || !model ? (
          <p className="inspector__muted">
            {evaluating
              ? 'Updating…'
              : `There is no NetworkPolicy ${policyId} that the engine evaluates (was it renamed, deleted or made invalid?).`}
          </p>
        ) : (
          <>
            <NameAndDelete key={policy.name} policy={policy} />
            <SpecForm key={policy.id} policy={policy} model={model} />
          </>
        )}
      </div>
    </aside>
  );
}
