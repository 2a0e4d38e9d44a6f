import { useAppStore, useShallow, type AppState } from '../../store';
import { FlowDifferences } from './FlowDifferences';
import './ChangesPanel.css';

const selectChanges = (s: AppState) => ({ changes: s.recentChanges, report: s.editReport });

/** Flows the last edit (typed or made on the canvas) turned from allowed to denied or back. */
export function ChangesPanel() {
  const { changes, report } = useAppStore(useShallow(selectChanges));
  return (
    <div className="changes-panel" data-testid="changes">
      {report && (
        <p
          className={`changes-panel__report changes-panel__report--${report.tone}`}
          role={report.tone === 'error' ? 'alert' : 'status'}
        >
          {report.message}
        </p>
      )}
      {!changes || changes.flows.length === 0 ? (
        <p className="drawer-empty">
          Edit the YAML or the canvas: flows that become allowed or denied are listed here, and marked on the
          canvas for a few seconds.
        </p>
      ) : (
        <>
          <p className="changes-panel__head">
            The last edit that changed verdicts ({new Date(changes.at).toLocaleTimeString()}):{' '}
            {changes.flows.filter((f) => f.change === 'allowed').length} newly allowed,{' '}
            {changes.flows.filter((f) => f.change === 'denied').length} newly denied.
          </p>
          <FlowDifferences differences={changes.flows} testId="changes-list" highlight={changes.highlight} />
        </>
      )}
    </div>
  );
}
