import { useAppStore } from '../../store';
import { selectPending } from '../../store/selectors';
import { Dialog } from '../Dialog/Dialog';

/** Asked before an import or example would replace work the user has changed. */
export function ConfirmReplaceDialog() {
  const pending = useAppStore(selectPending);
  if (!pending) return null;
  const { confirmReplacement, cancelReplacement } = useAppStore.getState();
  return (
    <Dialog
      title="Replace your workspace?"
      testId="confirm-replace"
      onClose={cancelReplacement}
      actions={
        <>
          <button type="button" className="button" onClick={cancelReplacement} data-autofocus>
            Keep my work
          </button>
          <button type="button" className="button button--danger" onClick={confirmReplacement}>
            Replace
          </button>
        </>
      }
    >
      <p>
        Opening {pending.label} replaces the YAML you have changed. You can still get it back with Undo
        (Ctrl+Z), or export it first.
      </p>
    </Dialog>
  );
}
