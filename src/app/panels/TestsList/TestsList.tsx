import type { TestResult } from '../../../engine';
import { useAppStore, type AppState } from '../../store';
import { selectDisplayed } from '../../store/selectors';
import { explainInDrawer } from '../../insight/commands';
import '../Explanation/Explanation.css';
import { LineLink } from '../LineLink/LineLink';
import { VerdictChip } from '../VerdictChip/VerdictChip';
import './TestsList.css';

const NO_RESULTS: TestResult[] = [];
const selectResults = (s: AppState) => selectDisplayed(s)?.tests.results ?? NO_RESULTS;

/** ConnectivityTest probes with their outcome, failures first. */
export function TestsList() {
  const results = useAppStore(selectResults);
  if (results.length === 0) {
    return (
      <div className="tests" data-testid="tests">
        <p className="drawer-empty">
          No ConnectivityTest in the workspace. Add a document with <code>kind: ConnectivityTest</code> to
          state which flows must be allowed or denied.
        </p>
      </div>
    );
  }
  const ordered = [...results].sort((a, b) => Number(a.pass) - Number(b.pass) || a.line - b.line);
  return (
    <div className="tests" data-testid="tests">
      <table className="tests__table">
        <caption className="visually-hidden">ConnectivityTest results</caption>
        <thead>
          <tr>
            <th scope="col">Result</th>
            <th scope="col">Flow</th>
            <th scope="col">Expected</th>
            <th scope="col">Verdict</th>
            <th scope="col">Why</th>
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((r) => (
            <tr
              key={`${r.test}:${r.line}`}
              data-testid="test-result"
              data-pass={r.pass}
              className={r.pass ? 'is-pass' : 'is-fail'}
            >
              <td>
                <span className={`tests__result tests__result--${r.pass ? 'pass' : 'fail'}`}>
                  {r.pass ? '✓ pass' : '✕ fail'}
                </span>
              </td>
              <td className="mono">
                {r.from} → {r.to} {r.port}/{r.protocol}
              </td>
              <td>{r.expect}</td>
              <td>
                <VerdictChip verdict={r.verdict} />
              </td>
              <td className="tests__reason">{r.reason}</td>
              <td className="tests__where">
                <LineLink line={r.line} />{' '}
                <button
                  type="button"
                  className="mini-button"
                  onClick={() => explainInDrawer(r)}
                  title="Explain this flow, rule by rule"
                >
                  Explain
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
