import { useEffect } from 'react';
import { useAppStore, type AppState } from '../../store';
import './EditReport.css';

const selectReport = (s: AppState) => s.editReport;
/** Long enough to read a two-sentence summary. */
const SHOW_MS = 9000;

/** What the last canvas edit did, in the engine's words ("Also stops …"), or why it was refused. */
export function EditReport() {
  const report = useAppStore(selectReport);
  useEffect(() => {
    if (!report || report.tone === 'error') return;
    const timer = setTimeout(() => {
      if (useAppStore.getState().editReport?.nonce === report.nonce)
        useAppStore.getState().dismissEditReport();
    }, SHOW_MS);
    return () => clearTimeout(timer);
  }, [report]);
  if (!report) return null;
  return (
    <div
      className={`edit-report edit-report--${report.tone}`}
      role={report.tone === 'error' ? 'alert' : 'status'}
      data-testid="edit-report"
      data-tone={report.tone}
    >
      <span className="edit-report__icon" aria-hidden="true">
        {report.tone === 'error' ? '!' : '✓'}
      </span>
      <p className="edit-report__text">{report.message}</p>
      <span className="edit-report__undo">Ctrl+Z undoes</span>
      <button
        type="button"
        className="edit-report__close"
        aria-label="Dismiss"
        onClick={() => useAppStore.getState().dismissEditReport()}
      >
        ×
      </button>
    </div>
  );
}
