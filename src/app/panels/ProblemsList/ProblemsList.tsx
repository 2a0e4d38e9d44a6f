import type { Diagnostic } from '../../../engine';
import { useAppStore, type AppState } from '../../store';
import { QuickFixButton } from './QuickFixButton';
import './ProblemsList.css';

const NO_PROBLEMS: Diagnostic[] = [];
const selectProblems = (s: AppState) => s.current?.diagnostics ?? NO_PROBLEMS;

function reveal(d: Diagnostic) {
  useAppStore.getState().revealLine(d.line, d.endLine, d.column, d.endColumn);
}

/** The engine's diagnostics for the current text (never the last good one), each a way to its line. */
export function ProblemsList() {
  const problems = useAppStore(selectProblems);
  if (problems.length === 0) {
    return (
      <div data-testid="problems" className="problems">
        <p className="drawer-empty">No problems: every document reads and validates.</p>
      </div>
    );
  }
  return (
    <ul data-testid="problems" className="problems" aria-label="Problems">
      {problems.map((d, index) => (
        <li
          key={`${d.line}:${d.column}:${d.code}:${index}`}
          data-testid="problem"
          data-severity={d.severity}
          data-line={d.line}
          data-code={d.code}
        >
          <button type="button" onClick={() => reveal(d)} className={`problem problem--${d.severity}`}>
            <span className="problem__severity">{d.severity}</span>
            <span className="problem__message">{d.message}</span>
            {d.object && <span className="problem__object">{d.object}</span>}
            <span className="problem__where">line {d.line}</span>
          </button>
          <QuickFixButton diagnostic={d} />
        </li>
      ))}
    </ul>
  );
}
