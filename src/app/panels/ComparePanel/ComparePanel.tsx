import { useEffect, useRef, type ChangeEvent } from 'react';
import { compareWithBaseline } from '../../insight/commands';
import { useAppStore, useShallow, type AppState } from '../../store';
import { decodeFileBytes } from '../../workspace/read-text';
import { FlowDifferences } from '../ChangesPanel/FlowDifferences';
import './ComparePanel.css';

const selectCompare = (s: AppState) => ({
  baseline: s.baseline,
  loaded: s.loadedBaseline,
  comparison: s.comparison,
  comparing: s.comparing,
});

/** How long the text must rest before the comparison runs again. */
const RECOMPARE_MS = 300;

/** Every flow the workspace decides differently from a baseline: the last opened text, a file, or a snapshot. */
export function ComparePanel() {
  const { baseline, loaded, comparison, comparing } = useAppStore(useShallow(selectCompare));
  const text = useAppStore((s) => s.text);
  const namespace = useAppStore((s) => s.namespace);
  const fileRef = useRef<HTMLInputElement>(null);
  const { setBaseline, showNotice } = useAppStore.getState();

  useEffect(() => {
    if (!baseline) return;
    const timer = setTimeout(() => void compareWithBaseline(), RECOMPARE_MS);
    return () => clearTimeout(timer);
  }, [baseline, text, namespace]);

  const markCurrent = () =>
    setBaseline({
      label: `the text as of ${new Date().toLocaleTimeString()}`,
      text: useAppStore.getState().text,
    });
  const useLoaded = () => loaded && setBaseline(loaded);
  const importBaseline = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const decoded = decodeFileBytes(file.name, new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) {
      showNotice('error', decoded.message);
      return;
    }
    setBaseline({ label: file.name, text: decoded.text });
  };

  const differences = comparison?.ok ? comparison.differences : [];
  const newlyAllowed = differences.filter((d) => d.change === 'allowed').length;
  const newlyDenied = differences.filter((d) => d.change === 'denied').length;

  return (
    <div className="compare-panel" data-testid="compare">
      <div className="compare-panel__bar">
        <span className="compare-panel__label">Baseline:</span>
        <button
          type="button"
          className="mini-button"
          onClick={useLoaded}
          disabled={!loaded}
          title={loaded ? `Compare with ${loaded.label}` : 'Open an example or a file first'}
        >
          Last opened{loaded ? `: ${loaded.label}` : ''}
        </button>
        <button type="button" className="mini-button" onClick={markCurrent}>
          Mark current as baseline
        </button>
        <button type="button" className="mini-button" onClick={() => fileRef.current?.click()}>
          Import a file…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".yaml,.yml,.json,text/yaml"
          hidden
          data-testid="baseline-file"
          onChange={(event) => void importBaseline(event)}
        />
        {baseline && (
          <span className="compare-panel__current" data-testid="baseline-label">
            comparing with <strong>{baseline.label}</strong>
            <button type="button" className="link-button" onClick={() => setBaseline(null)}>
              clear
            </button>
          </span>
        )}
      </div>
      <div className="compare-panel__body" aria-busy={comparing}>
        {!baseline && (
          <p className="drawer-empty">
            Pick a baseline to see every flow the workspace now decides differently: the example or file you
            last opened, a file, or a snapshot of the current text to compare later edits against.
          </p>
        )}
        {baseline && comparison && !comparison.ok && (
          <p className="drawer-empty" role="alert">
            The comparison failed: {comparison.message}
          </p>
        )}
        {baseline && comparison?.ok && (
          <>
            <p className="compare-panel__summary" data-testid="compare-summary">
              {differences.length === 0
                ? 'No flow differs from the baseline.'
                : `${differences.length} flow${differences.length === 1 ? '' : 's'} differ: ${newlyAllowed} newly allowed, ${newlyDenied} newly denied, ${differences.length - newlyAllowed - newlyDenied} other.`}
              {(comparison.baseBlocking || comparison.currentBlocking) &&
                ` Note: ${comparison.baseBlocking ? 'the baseline' : 'the current text'} has errors that leave something out.`}
            </p>
            {differences.length > 0 && <FlowDifferences differences={differences} testId="compare-list" />}
          </>
        )}
      </div>
    </div>
  );
}
