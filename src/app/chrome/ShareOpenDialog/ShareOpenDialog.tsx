import { useAppStore, type AppState } from '../../store';
import { downloadText } from '../../workspace/commands';
import { Dialog } from '../Dialog/Dialog';

const selectPendingShare = (s: AppState) => s.pendingShare;

/** Asked before a share link would replace work the user has edited. */
export function ShareOpenDialog() {
  const pending = useAppStore(selectPendingShare);
  if (!pending) return null;
  const { confirmShare, cancelShare } = useAppStore.getState();
  const lines = pending.text === '' ? 0 : pending.text.split('\n').length;
  return (
    <Dialog
      title="Open the shared workspace?"
      testId="confirm-share"
      onClose={cancelShare}
      actions={
        <>
          <button
            type="button"
            className="button"
            onClick={() => downloadText('netpol-workspace.yaml', useAppStore.getState().text)}
          >
            Download current
          </button>
          <button type="button" className="button" onClick={cancelShare} data-autofocus>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={confirmShare}>
            Replace
          </button>
        </>
      }
    >
      <p>
        Your current work will be replaced by the workspace in the link ({lines} line{lines === 1 ? '' : 's'}{' '}
        of YAML, namespace <code>{pending.namespace}</code>). Download your current YAML first to keep a copy,
        or cancel to keep working on it.
      </p>
    </Dialog>
  );
}
