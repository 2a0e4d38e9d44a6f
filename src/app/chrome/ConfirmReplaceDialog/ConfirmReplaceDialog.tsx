import type { ReactNode } from 'react';
import type { PendingReplace } from '../../store';
import { useAppStore } from '../../store';
import { selectPending } from '../../store/selectors';
import { downloadText } from '../../workspace/commands';
import { Dialog } from '../Dialog/Dialog';

/** A share link comes from someone else: it is named by what it holds, not by a file or example. */
function wording({ source, text }: PendingReplace): {
  title: string;
  testId: string;
  keep: string;
  body: ReactNode;
} {
  if (source.origin.kind !== 'shared')
    return {
      title: 'Replace your workspace?',
      testId: 'confirm-replace',
      keep: 'Keep my work',
      body: `Opening ${source.label} replaces the YAML you have changed. You can still get it back with Undo (Ctrl+Z), or download it first.`,
    };
  const lines = text === '' ? 0 : text.split('\n').length;
  return {
    title: 'Open the shared workspace?',
    testId: 'confirm-share',
    keep: 'Cancel',
    body: (
      <>
        Your current work will be replaced by the workspace in the link ({lines} line{lines === 1 ? '' : 's'}{' '}
        of YAML, namespace <code>{source.namespace}</code>). Download your current YAML first to keep a copy,
        or cancel to keep working on it.
      </>
    ),
  };
}

/** Asked before anything (an import, an example, a lesson, a share link) replaces edited work. */
export function ConfirmReplaceDialog() {
  const pending = useAppStore(selectPending);
  if (!pending) return null;
  const { confirmReplace, cancelReplace } = useAppStore.getState();
  const { title, testId, keep, body } = wording(pending);
  return (
    <Dialog
      title={title}
      testId={testId}
      // Room for its three buttons on one line.
      wide
      onClose={cancelReplace}
      actions={
        <>
          <button
            type="button"
            className="button"
            onClick={() => downloadText('netpol-workspace.yaml', useAppStore.getState().text)}
          >
            Download current
          </button>
          <button type="button" className="button" onClick={cancelReplace} data-autofocus>
            {keep}
          </button>
          <button type="button" className="button button--danger" onClick={confirmReplace}>
            Replace
          </button>
        </>
      }
    >
      <p>{body}</p>
    </Dialog>
  );
}
