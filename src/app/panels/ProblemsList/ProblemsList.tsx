import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { Diagnostic } from '../../../engine';
import { useAppStore, type AppState } from '../../store';
import { QuickFixButton } from './QuickFixButton';
import './ProblemsList.css';

const NO_PROBLEMS: Diagnostic[] = [];
const selectProblems = (s: AppState) => s.current?.diagnostics ?? NO_PROBLEMS;

/**
 * Longer lists are virtualised: only the rows in view (and a few around them) are in the page.
 * 100,000 problems as rows took seconds to render and made every later render slow.
 */
export const VIRTUAL_FROM = 200;
/** A row's usual height; rows with long messages wrap and are measured. */
const ROW_HEIGHT = 27;

function reveal(d: Diagnostic) {
  useAppStore.getState().revealLine(d.line, d.endLine, d.column, d.endColumn);
}

function ProblemRow({ d }: { d: Diagnostic }) {
  return (
    <>
      <button type="button" onClick={() => reveal(d)} className={`problem problem--${d.severity}`}>
        <span className="problem__severity">{d.severity}</span>
        <span className="problem__message">{d.message}</span>
        {d.object && <span className="problem__object">{d.object}</span>}
        <span className="problem__where">line {d.line}</span>
      </button>
      <QuickFixButton diagnostic={d} />
    </>
  );
}

const rowProps = (d: Diagnostic) => ({
  'data-testid': 'problem',
  'data-severity': d.severity,
  'data-line': d.line,
  'data-code': d.code,
});

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
  if (problems.length > VIRTUAL_FROM) return <VirtualProblems problems={problems} />;
  return (
    <ul data-testid="problems" className="problems" aria-label="Problems">
      {problems.map((d, index) => (
        <li key={`${d.line}:${d.column}:${d.code}:${index}`} {...rowProps(d)}>
          <ProblemRow d={d} />
        </li>
      ))}
    </ul>
  );
}

function VirtualProblems({ problems }: { problems: Diagnostic[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  // The app builds without the React Compiler, so nothing memoizes around the virtualiser.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: problems.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  return (
    <div ref={scroller} className="problems" data-testid="problems" data-total={problems.length}>
      <ul
        className="problems__virtual"
        aria-label={`Problems (${problems.length.toLocaleString('en')})`}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const d = problems[item.index]!;
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              aria-setsize={problems.length}
              aria-posinset={item.index + 1}
              className="problems__row"
              style={{ transform: `translateY(${item.start}px)` }}
              {...rowProps(d)}
            >
              <ProblemRow d={d} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
