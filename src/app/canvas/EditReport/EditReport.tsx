import { useCallback } from 'react';
import { useAppStore, type AppState } from '../../store';
import { useDismissAfter } from '../../chrome/Toasts/use-dismiss-after';
import './EditReport.css';

const selectReport = (s: AppState) => s.editReport;
/** Long enough to read a two-sentence summary; a refusal stays a little longer. */
const SHOW_MS = { info: 9000, error: 15000 } as const;

/** What the last canvas edit did, in the engine's words ("Also stops …"), or why it was refused. */
export function EditReport() {
  const report = useAppStore(selectReport);
  const dismiss = useCallback(() => useAppStore.getState().dismissEditReport(), []);
  const hold = useDismissAfter(report?.nonce, report ? SHOW_MS[report.tone] : null, dismiss);
  if (!report) return null;
  return (
    <div
      className={`edit-report edit-report--${report.tone}`}
      role={report.tone === 'error' ? 'alert' : 'status'}
      data-testid="edit-report"
      data-tone={report.tone}
      {...hold}
    >
      <span className="edit-report__icon" aria-hidden="true">
        {report.tone === 'error' ? '!' : '✓'}
      </span>
      <p className="edit-report__text">{report.message}</p>
      <span className="edit-report__undo">Ctrl+Z undoes</span>
      <button type="button" className="edit-report__close" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
