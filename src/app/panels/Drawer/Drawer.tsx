import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useAppStore, useShallow, type AppState, type DrawerTab } from '../../store';
import { selectDisplayed, selectDrawer, selectProblemCount, selectTestSummary } from '../../store/selectors';
import { ChangesPanel } from '../ChangesPanel/ChangesPanel';
import { ComparePanel } from '../ComparePanel/ComparePanel';
import { ExplainPanel } from '../ExplainPanel/ExplainPanel';
import { FlowsTable } from '../FlowsTable/FlowsTable';
import { LessonsPanel } from '../LessonsPanel/LessonsPanel';
import { ObservedPanel } from '../ObservedPanel/ObservedPanel';
import { ProblemsList } from '../ProblemsList/ProblemsList';
import { TestsList } from '../TestsList/TestsList';
import { selectTierCount, TiersPanel } from '../TiersPanel/TiersPanel';
import './Drawer.css';

const selectFlowCount = (s: AppState) => {
  const model = selectDisplayed(s);
  return model?.summary?.flowTotal ?? model?.flows.length ?? 0;
};
const selectErrorCount = (s: AppState) =>
  s.current?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;

const TABS: DrawerTab[] = [
  'flows',
  'observed',
  'problems',
  'tests',
  'explain',
  'changes',
  'compare',
  'lessons',
  'tiers',
];
const selectChangeCount = (s: AppState) => s.recentChanges?.flows.length ?? 0;
/** Connections observed that the text would deny; null when no flow log is imported. */
const selectWouldBreak = (s: AppState) => selectDisplayed(s)?.observed?.denied ?? null;
const selectFreshChanges = (s: AppState) => Boolean(s.recentChanges?.highlight);

/** The bottom drawer: flows, problems and tests as tabs with counts; its top edge resizes it. */
export function Drawer() {
  const { open, tab, height } = useAppStore(useShallow(selectDrawer));
  const flowCount = useAppStore(selectFlowCount);
  const problemCount = useAppStore(selectProblemCount);
  const errorCount = useAppStore(selectErrorCount);
  const tests = useAppStore(useShallow(selectTestSummary));
  const changeCount = useAppStore(selectChangeCount);
  const freshChanges = useAppStore(selectFreshChanges);
  const wouldBreak = useAppStore(selectWouldBreak);
  const tierCount = useAppStore(selectTierCount);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const { openDrawer, toggleDrawer, setDrawerHeight } = useAppStore.getState();

  const labels: Record<DrawerTab, string> = {
    flows: `Flows${flowCount ? ` ${flowCount}` : ''}`,
    observed: wouldBreak === null ? 'Observed' : wouldBreak ? `Observed ⚠ ${wouldBreak}` : 'Observed ✓',
    problems: `Problems (${problemCount})`,
    tests: tests && tests.total ? `Tests ${tests.passed}/${tests.total}` : 'Tests',
    explain: 'Explain',
    changes: `Changes (${changeCount})`,
    compare: 'Compare',
    lessons: 'Lessons',
    tiers: tierCount ? `Tiers ${tierCount}` : 'Tiers',
  };

  const onTabKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next =
      TABS[(TABS.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    openDrawer(next);
    tabRefs.current[next]?.focus();
  };

  const onResizeStart = (event: PointerEvent<HTMLDivElement>) => {
    const startY = event.clientY;
    const startHeight = height;
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => setDrawerHeight(startHeight + (startY - e.clientY));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };

  const onResizeKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowUp') setDrawerHeight(height + 24);
    if (event.key === 'ArrowDown') setDrawerHeight(height - 24);
  };

  return (
    <section
      className={`drawer${open ? '' : ' is-collapsed'}`}
      style={open ? { height } : undefined}
      aria-label="Flows, problems and tests"
    >
      {open && (
        <div
          className="drawer__resize"
          role="separator"
          aria-orientation="horizontal"
          aria-label="Resize the drawer"
          aria-valuenow={height}
          aria-valuemin={120}
          aria-valuemax={640}
          tabIndex={0}
          onPointerDown={onResizeStart}
          onKeyDown={onResizeKey}
        />
      )}
      <div className="drawer__tabs">
        {/* Only tabs inside the tablist (ARIA); the collapse button sits beside it. */}
        <div className="drawer__tablist" role="tablist" aria-label="Drawer" onKeyDown={onTabKey}>
          {TABS.map((name) => (
            <button
              key={name}
              ref={(el) => {
                tabRefs.current[name] = el;
              }}
              type="button"
              role="tab"
              id={`drawer-tab-${name}`}
              aria-selected={open && tab === name}
              aria-controls={`drawer-panel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              className={`drawer__tab${tab === name ? ' is-active' : ''}${name === 'problems' && errorCount ? ' has-errors' : ''}${name === 'tests' && tests && tests.passed < tests.total ? ' has-errors' : ''}${name === 'changes' && freshChanges ? ' is-fresh' : ''}${name === 'observed' && wouldBreak ? ' has-errors' : ''}`}
              onClick={() => (open && tab === name ? toggleDrawer() : openDrawer(name))}
            >
              {labels[name]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="drawer__toggle"
          onClick={toggleDrawer}
          aria-expanded={open}
          aria-label={open ? 'Collapse the drawer' : 'Expand the drawer'}
        >
          {open ? '▾' : '▴'}
        </button>
      </div>
      {open && (
        <div
          className="drawer__panel"
          role="tabpanel"
          id={`drawer-panel-${tab}`}
          aria-labelledby={`drawer-tab-${tab}`}
        >
          {tab === 'flows' && <FlowsTable />}
          {tab === 'observed' && <ObservedPanel />}
          {tab === 'problems' && <ProblemsList />}
          {tab === 'tests' && <TestsList />}
          {tab === 'explain' && <ExplainPanel />}
          {tab === 'changes' && <ChangesPanel />}
          {tab === 'compare' && <ComparePanel />}
          {tab === 'lessons' && <LessonsPanel />}
          {tab === 'tiers' && <TiersPanel />}
        </div>
      )}
    </section>
  );
}
