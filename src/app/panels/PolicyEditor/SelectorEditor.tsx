import type { KeyboardEvent } from 'react';
import {
  newExpression,
  newLabel,
  OPERATORS,
  type FieldErrors,
  type Operator,
  type SelectorDraft,
} from '../../editing/spec-draft';

export interface LabelCatalog {
  /** Datalist id of the keys. */
  keys: string;
  /** Datalist id of the values known for a key, if any. */
  valuesOf(key: string): string | undefined;
}

interface SelectorEditorProps {
  selector: SelectorDraft;
  /** Field path prefix, as in FieldErrors. */
  path: string;
  errors: FieldErrors;
  catalog: LabelCatalog;
  /** What an empty selector means here, e.g. "every pod in default". */
  emptyMeaning: string;
  /** Changes the selector; `commit` sends the policy when every field is valid. */
  apply(change: (selector: SelectorDraft) => void, commit: boolean): void;
  /** Sends the policy as it is now (a text field lost focus or got Enter). */
  commit(): void;
  testId: string;
}

export const commitOnEnter = (commit: () => void) => (event: KeyboardEvent<HTMLInputElement>) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    commit();
  }
};

/** matchLabels and matchExpressions of one label selector, with completion from the workspace's labels. */
export function SelectorEditor({
  selector,
  path,
  errors,
  catalog,
  emptyMeaning,
  apply,
  commit,
  testId,
}: SelectorEditorProps) {
  const empty = selector.labels.length === 0 && selector.expressions.length === 0;
  const onEnter = commitOnEnter(commit);
  return (
    <div className="pe-selector" data-testid={testId}>
      {empty && <p className="form-hint pe-selector__empty">{`{}: ${emptyMeaning}`}</p>}
      {selector.labels.map((label, i) => {
        const error = errors[`${path}.labels.${i}.key`] ?? errors[`${path}.labels.${i}.value`];
        return (
          <div key={`l${i}`} className="pe-row" data-testid="label-row">
            <div className="pe-row__fields">
              <input
                className="text-input pe-key"
                value={label.key}
                placeholder="key"
                list={catalog.keys}
                aria-label="Label key"
                aria-invalid={Boolean(errors[`${path}.labels.${i}.key`])}
                onChange={(event) => apply((s) => void (s.labels[i]!.key = event.target.value), false)}
                onBlur={commit}
                onKeyDown={onEnter}
                data-testid="label-key"
              />
              <span className="pe-op" aria-hidden="true">
                =
              </span>
              <input
                className="text-input pe-value"
                value={label.value}
                placeholder="value"
                list={catalog.valuesOf(label.key)}
                aria-label="Label value"
                aria-invalid={Boolean(errors[`${path}.labels.${i}.value`])}
                onChange={(event) => apply((s) => void (s.labels[i]!.value = event.target.value), false)}
                onBlur={commit}
                onKeyDown={onEnter}
                data-testid="label-value"
              />
              <button
                type="button"
                className="pe-remove"
                aria-label="Remove this label"
                title="Remove this label"
                onClick={() => apply((s) => void s.labels.splice(i, 1), true)}
                data-testid="remove-label"
              >
                ×
              </button>
            </div>
            {error && (
              <p className="field-error" data-testid="field-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
      {selector.expressions.map((expression, i) => {
        const error = errors[`${path}.expressions.${i}.key`] ?? errors[`${path}.expressions.${i}.values`];
        const needsValues = expression.operator === 'In' || expression.operator === 'NotIn';
        return (
          <div key={`e${i}`} className="pe-row" data-testid="expression-row">
            <div className="pe-row__fields">
              <input
                className="text-input pe-key"
                value={expression.key}
                placeholder="key"
                list={catalog.keys}
                aria-label="Expression key"
                aria-invalid={Boolean(errors[`${path}.expressions.${i}.key`])}
                onChange={(event) => apply((s) => void (s.expressions[i]!.key = event.target.value), false)}
                onBlur={commit}
                onKeyDown={onEnter}
                data-testid="expr-key"
              />
              <select
                className="select-input pe-operator"
                value={expression.operator}
                aria-label="Operator"
                onChange={(event) =>
                  apply((s) => void (s.expressions[i]!.operator = event.target.value as Operator), true)
                }
                data-testid="expr-operator"
              >
                {OPERATORS.map((operator) => (
                  <option key={operator} value={operator}>
                    {operator}
                  </option>
                ))}
              </select>
              {needsValues && (
                <input
                  className="text-input pe-value"
                  value={expression.values}
                  placeholder="a, b"
                  list={catalog.valuesOf(expression.key)}
                  aria-label="Values, separated by commas"
                  aria-invalid={Boolean(errors[`${path}.expressions.${i}.values`])}
                  onChange={(event) =>
                    apply((s) => void (s.expressions[i]!.values = event.target.value), false)
                  }
                  onBlur={commit}
                  onKeyDown={onEnter}
                  data-testid="expr-values"
                />
              )}
              <button
                type="button"
                className="pe-remove"
                aria-label="Remove this expression"
                title="Remove this expression"
                onClick={() => apply((s) => void s.expressions.splice(i, 1), true)}
                data-testid="remove-expression"
              >
                ×
              </button>
            </div>
            {error && (
              <p className="field-error" data-testid="field-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <div className="pe-adders">
        <button
          type="button"
          className="pe-add"
          onClick={() => apply((s) => void s.labels.push(newLabel()), false)}
          data-testid="add-label"
        >
          + label
        </button>
        <button
          type="button"
          className="pe-add"
          onClick={() => apply((s) => void s.expressions.push(newExpression()), false)}
          data-testid="add-expression"
        >
          + expression
        </button>
      </div>
    </div>
  );
}
