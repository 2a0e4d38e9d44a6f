import { useCallback } from 'react';
import { EditReport } from '../../canvas/EditReport/EditReport';
import { useAppStore, type AppState } from '../../store';
import { useDismissAfter } from './use-dismiss-after';
import './Toasts.css';

const selectNotice = (s: AppState) => s.notice;
/** Long enough to read a sentence; a refusal stays a little longer. */
const NOTICE_MS = { info: 6000, error: 12000 } as const;

/** Messages that belong to no line of the YAML: a refused import, a share link. */
function NoticeToast() {
  const notice = useAppStore(selectNotice);
  const dismiss = useCallback(() => useAppStore.getState().dismissNotice(), []);
  const hold = useDismissAfter(
    notice?.id,
    notice ? NOTICE_MS[notice.tone === 'error' ? 'error' : 'info'] : null,
    dismiss,
  );
  if (!notice) return null;
  return (
    <div
      key={notice.id}
      className={`toast toast--${notice.tone === 'error' ? 'error' : 'info'}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-testid="notice"
      data-tone={notice.tone}
      {...hold}
    >
      <span className="toast__icon" aria-hidden="true">
        {notice.tone === 'error' ? '!' : 'i'}
      </span>
      <span className="toast__text">{notice.message}</span>
      <button type="button" className="toast__dismiss" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}

/**
 * Passing messages, in the bottom-right corner of the window: inside it at any width, over
 * neither the canvas's controls nor its nodes, and gone after a few seconds.
 */
export function Toasts() {
  return (
    <div className="toasts">
      <NoticeToast />
      <EditReport />
    </div>
  );
}
