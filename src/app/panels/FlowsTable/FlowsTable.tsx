import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { VERDICTS } from '../../../engine';
import type { FlowRow } from '../../model/view-model';
import { VERDICT_STYLE } from '../../model/verdicts';
import { formatCount } from '../../model/format';
import { useAppStore, type AppState } from '../../store';
import { selectDisplayed, selectSelection } from '../../store/selectors';
import { VerdictChip } from '../VerdictChip/VerdictChip';
import { TierChip } from '../../canvas/Guardrails/Guardrails';
import { FlowInsightActions } from './FlowInsightActions';
import { filterAndSort, type SortKey, type VerdictChoice } from './sort-rows';
import { PAGE_ROWS, useFlowPages } from './use-flow-pages';
import { useRowWindow } from './row-window';
import { OBSERVED_LOOK } from '../../canvas/FlowEdge/observed-look';
import {
  indexObserved,
  markRow,
  matchesObserved,
  type ObservedChoice,
  type ObservedIndex,
} from '../../model/observed-match';
import { useObservedStore } from '../../store/observed-store';
import './FlowsTable.css';

/** Rendering more rows than this makes the drawer sluggish; filtering narrows the rest down. */
const ROW_LIMIT = 800;
/** Height of a row of the virtual table (one line each); see .flows__table--virtual. */
const ROW_HEIGHT = 29;
const COLUMN_COUNT = 7;
const NO_ROWS: FlowRow[] = [];
const selectRows = (s: AppState) => selectDisplayed(s)?.flows ?? NO_ROWS;
/** The evaluation whose flows a summarized workspace's table asks the worker for; null when not summarized. */
const selectSummarySeq = (s: AppState) => {
  const model = selectDisplayed(s);
  return model?.summary ? model.seq : null;
};
const selectExpanded = (s: AppState) => s.expanded;
const selectObserved = (s: AppState) => selectDisplayed(s)?.observed ?? null;
/** Row keys of the flows the last edit changed, while they are marked. */
const selectChangedRows = (s: AppState) => (s.recentChanges?.highlight ? s.recentChanges.flows : null);

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'from', label: 'From' },
  { key: 'to', label: 'To' },
  { key: 'port', label: 'Port' },
  { key: 'verdict', label: 'Verdict' },
];

function selectRow(row: FlowRow) {
  if (row.edgeId) useAppStore.getState().select({ kind: 'edge', id: row.edgeId });
}

function FlowRowView({
  row,
  selected,
  change,
  virtual,
  observed,
}: {
  row: FlowRow;
  selected: boolean;
  change: string | undefined;
  virtual: boolean;
  observed?: ObservedIndex | null;
}) {
  const seen = observed ? markRow(row, observed) : null;
  return (
    <tr
      data-testid="flow-row"
      data-from={row.from}
      data-to={row.to}
      data-port={row.port ?? 'any'}
      data-protocol={row.protocol ?? ''}
      data-verdict={row.verdict}
      data-tier={row.tier?.tier}
      data-change={change}
      data-observed={seen?.mark}
      data-observed-count={seen?.count}
      className={
        [selected && 'is-selected', seen?.mark === 'would-break' && 'is-would-break']
          .filter(Boolean)
          .join(' ') || undefined
      }
      onClick={() => selectRow(row)}
    >
      <td className="mono" title={virtual ? row.from : undefined}>
        {row.from}
      </td>
      <td className="mono" title={virtual ? row.to : undefined}>
        {row.to}
      </td>
      <td className="mono">
        {row.port === null ? 'any' : `${row.port}/${row.protocol}`}
        {row.probed && (
          <span className="flows__probe" title="A ConnectivityTest probes this flow" aria-label="tested">
            ●
          </span>
        )}
      </td>
      <td>
        <VerdictChip verdict={row.verdict} />
        {row.tier && (
          <>
            {' '}
            <TierChip mark={row.tier} />
          </>
        )}
      </td>
      <td className={seen ? `flows__seen flows__seen--${seen.mark}` : 'flows__seen'}>
        {seen && (
          <span title={OBSERVED_LOOK[seen.mark].words(seen.count)}>
            <span aria-hidden="true">{OBSERVED_LOOK[seen.mark].glyph}</span>{' '}
            {OBSERVED_LOOK[seen.mark].badge(seen.count)}
          </span>
        )}
      </td>
      <td className="flows__reason" title={virtual ? row.reason : undefined}>
        {row.reason}
      </td>
      <td className="flows__actions">
        <FlowInsightActions row={row} />
      </td>
    </tr>
  );
}

/**
 * A summarized workspace's flows: the worker filters and sorts them all, and only the rows in
 * view are asked for and rendered; spacer rows keep the scroll height of the whole table.
 */
function VirtualRows({
  scroller,
  count,
  rowAt,
  load,
  selectedEdge,
  observed,
}: {
  scroller: HTMLDivElement | null;
  count: number;
  rowAt: (index: number) => FlowRow | undefined;
  load: (page: number) => void;
  selectedEdge: string | null;
  observed: ObservedIndex | null;
}) {
  const { start, end } = useRowWindow(scroller, count, ROW_HEIGHT, 12);
  const first = start;
  const last = Math.max(start, end - 1);
  useEffect(() => {
    for (let page = Math.floor(first / PAGE_ROWS); page <= Math.floor(last / PAGE_ROWS); page++) load(page);
  }, [first, last, load]);
  const before = start * ROW_HEIGHT;
  const after = (count - end) * ROW_HEIGHT;
  const items = Array.from({ length: end - start }, (_, k) => ({ index: start + k }));
  return (
    <>
      {before > 0 && (
        <tr aria-hidden="true" className="flows__spacer" style={{ height: before }}>
          <td colSpan={COLUMN_COUNT} />
        </tr>
      )}
      {items.map((item) => {
        const row = rowAt(item.index);
        return row ? (
          <FlowRowView
            key={row.key}
            row={row}
            selected={row.edgeId !== null && row.edgeId === selectedEdge}
            change={undefined}
            virtual
            observed={observed}
          />
        ) : (
          <tr key={`pending-${item.index}`} className="flows__pending" aria-busy="true">
            <td colSpan={COLUMN_COUNT}>…</td>
          </tr>
        );
      })}
      {after > 0 && (
        <tr aria-hidden="true" className="flows__spacer" style={{ height: after }}>
          <td colSpan={COLUMN_COUNT} />
        </tr>
      )}
    </>
  );
}

/** Every flow with its verdict and reason: the screen-reader path through the whole picture. */
export function FlowsTable() {
  const rows = useAppStore(selectRows);
  const summarySeq = useAppStore(selectSummarySeq);
  const expanded = useAppStore(selectExpanded);
  const selection = useAppStore(selectSelection);
  const changedRows = useAppStore(selectChangedRows);
  const changes = useMemo(() => new Map((changedRows ?? []).map((d) => [d.key, d.change])), [changedRows]);
  const observedView = useAppStore(selectObserved);
  const observed = useMemo(() => (observedView ? indexObserved(observedView) : null), [observedView]);
  const neverSeen = useObservedStore((s) => s.neverSeen) && observed !== null;
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<VerdictChoice>('all');
  const [seenChoice, setSeenChoice] = useState<ObservedChoice>('all');
  const seenFilter = observed ? seenChoice : 'all';
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'from', descending: false });
  const deferredText = useDeferredValue(text);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const summarized = summarySeq !== null;
  const pages = useFlowPages(
    summarySeq,
    summarized
      ? {
          text: deferredText,
          verdict,
          observed: seenFilter,
          sort: sort.key,
          descending: sort.descending,
          expanded,
        }
      : null,
  );
  const shown = useMemo(() => {
    if (summarized) return NO_ROWS;
    const sorted = filterAndSort(rows, deferredText, verdict, sort.key, sort.descending);
    if (!observed || (!neverSeen && seenFilter === 'all')) return sorted;
    return sorted.filter((row) => {
      const mark = markRow(row, observed)?.mark;
      return neverSeen ? mark === 'never-seen' : matchesObserved(mark, seenFilter);
    });
  }, [summarized, rows, deferredText, verdict, sort, neverSeen, seenFilter, observed]);
  // Probed flows are always rendered, even beyond the limit: tests refer to them.
  const visible =
    shown.length > ROW_LIMIT
      ? [...shown.slice(0, ROW_LIMIT), ...shown.slice(ROW_LIMIT).filter((r) => r.probed)]
      : shown;
  const selectedEdge = selection?.kind === 'edge' ? selection.id : null;
  // A new question starts at the top of its answer.
  useEffect(() => {
    scroller?.scrollTo({ top: 0 });
  }, [scroller, deferredText, verdict, seenFilter, sort]);

  const toggleSort = (key: SortKey) =>
    setSort((current) => ({ key, descending: current.key === key ? !current.descending : false }));

  const total = summarized ? (pages.total ?? 0) : rows.length;
  const matched = summarized ? (pages.matched ?? 0) : shown.length;
  const count =
    summarized && pages.total === null
      ? 'Counting flows…'
      : matched === total
        ? `${formatCount(total)} flows`
        : `${formatCount(matched)} of ${formatCount(total)} flows`;

  return (
    <div className="flows">
      <div className="flows__toolbar">
        <input
          type="search"
          placeholder="Filter flows: name, port, verdict…"
          aria-label="Filter flows by text"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <select
          aria-label="Filter flows by verdict"
          value={verdict}
          onChange={(event) => setVerdict(event.target.value as VerdictChoice)}
        >
          <option value="all">All verdicts</option>
          <option value="allowed">Allowed</option>
          <option value="denied">Denied</option>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {VERDICT_STYLE[v].label}
            </option>
          ))}
        </select>
        {observed && (
          <select
            aria-label="Filter flows by what the logs saw"
            data-testid="flows-observed-filter"
            value={seenFilter}
            onChange={(event) => setSeenChoice(event.target.value as ObservedChoice)}
          >
            <option value="all">Seen or not</option>
            <option value="observed">Observed</option>
            <option value="would-break">Would break</option>
          </select>
        )}
        {observed && !summarized && (
          <label className="flows__never-seen" title={OBSERVED_LOOK['never-seen'].words(0)}>
            <input
              type="checkbox"
              data-testid="flows-never-seen"
              checked={neverSeen}
              onChange={(event) => useObservedStore.getState().setNeverSeen(event.target.checked)}
            />
            Allowed, never seen
          </label>
        )}
        <span className="flows__count" aria-live="polite" data-testid="flows-count">
          {count}
          {visible.length < shown.length && ` (first ${visible.length} shown)`}
        </span>
      </div>
      <div className="flows__scroll" ref={setScroller}>
        <table
          data-testid="flows-table"
          className={`flows__table${summarized ? ' flows__table--virtual' : ''}`}
          aria-rowcount={summarized ? matched + 1 : undefined}
        >
          <caption className="visually-hidden">
            Flows between every pair of endpoints, per destination port, with the engine's verdict
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={
                    sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
                  }
                >
                  <button type="button" onClick={() => toggleSort(column.key)}>
                    {column.label}
                    <span aria-hidden="true" className="flows__sort">
                      {sort.key === column.key ? (sort.descending ? '▾' : '▴') : ''}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col">Observed</th>
              <th scope="col">Why</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {summarized ? (
              <VirtualRows
                scroller={scroller}
                count={matched}
                rowAt={pages.rowAt}
                load={pages.load}
                selectedEdge={selectedEdge}
                observed={observed}
              />
            ) : (
              visible.map((row) => (
                <FlowRowView
                  key={row.key}
                  row={row}
                  selected={row.edgeId !== null && row.edgeId === selectedEdge}
                  change={changes.get(row.key) ?? undefined}
                  virtual={false}
                  observed={observed}
                />
              ))
            )}
          </tbody>
        </table>
        {total === 0 && (summarized ? pages.total !== null : true) && (
          <p className="drawer-empty">No flows yet: add workloads or pods to see who may talk to whom.</p>
        )}
      </div>
    </div>
  );
}
