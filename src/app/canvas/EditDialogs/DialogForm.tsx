/** What the canvas's edit dialogs share: a form in a dialog whose primary button submits it. */
import type { FormEvent, ReactNode } from 'react';
import { Dialog } from '../../chrome/Dialog/Dialog';
import { useAppStore, type AppState } from '../../store';
import { selectDisplayed } from '../../store/selectors';

export const closeEditDialog = () => useAppStore.getState().setEditDialog(null);

/** One string, so that the selector's answer compares equal while the names stay the same. */
export const selectNamespaceNames = (s: AppState) =>
  selectDisplayed(s)
    ?.namespaces.map((ns) => ns.name)
    .join('\n') ?? '';

/** Enter in any field submits, Cancel closes; what a submit does is the caller's. */
export function DialogForm({
  title,
  testId,
  submitLabel,
  disabled,
  tried,
  onSubmit,
  children,
  after,
}: {
  title: string;
  testId: string;
  submitLabel: string;
  disabled: boolean;
  /** Marks the form once a submit was tried, so that fields show their errors from then on. */
  tried?: boolean;
  onSubmit(event: FormEvent): void;
  children: ReactNode;
  /** Below the form: the engine's refusal, say. */
  after?: ReactNode;
}) {
  return (
    <Dialog
      title={title}
      testId={testId}
      onClose={closeEditDialog}
      actions={
        <>
          <button type="button" className="button" onClick={closeEditDialog}>
            Cancel
          </button>
          <button
            type="submit"
            form={`${testId}-form`}
            className="button button--primary"
            disabled={disabled}
            data-testid={`${testId}-confirm`}
          >
            {submitLabel}
          </button>
        </>
      }
    >
      <form
        id={`${testId}-form`}
        className="edit-dialog__form"
        onSubmit={onSubmit}
        data-tried={tried || undefined}
      >
        {children}
        {/* The submit button sits outside the form element, in the dialog's actions. */}
        <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
      </form>
      {after}
    </Dialog>
  );
}
