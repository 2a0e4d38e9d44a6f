import { useDeferredValue, useMemo, useState } from 'react';
import { VERDICTS } from '../../../engine';
import type { FlowRow } from '../../model/view-model';
import { VERDICT_STYLE } from '../../model/verdicts';
import { useAppStore, type AppState } from '../../store';
import { selectDisplayed, selectSelection } from '../../store/selectors';
import { VerdictChip } from '../VerdictChip/VerdictChip';
import { FlowInsightActions } from './FlowInsightActions';
import { filterAndSort, type SortKey, type VerdictChoice } from './sort-rows';
import './FlowsTable.css';

/** Rendering more rows than this makes the drawer sluggish; filtering narrows the rest down. */
const ROW_LIMIT = 800;
const NO_ROWS: FlowRow[] = [];
const selectRows = (s: AppState) => selectDisplayed(s)?.flows ?? NO_ROWS;
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

/** Every flow with its verdict and reason: the screen-reader path through the whole picture. */
export function FlowsTable() {
  const rows = useAppStore(selectRows);
  const selection = useAppStore(selectSelection);
  const changedRows = useAppStore(selectChangedRows);
  const changes = useMemo(() => new Map((changedRows ?? []).map((d) => [d.key, d.change])), [changedRows]);
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<VerdictChoice>('all');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'from', descending: false });
  const deferredText = useDeferredValue(text);
  const shown = useMemo(
    () => filterAndSort(rows, deferredText, verdict, sort.key, sort.descending),
    [rows, deferredText, verdict, sort],
  );
  // Probed flows are always rendered, even beyond the limit: tests refer to them.
  const visible =
    shown.length > ROW_LIMIT
      ? [...shown.slice(0, ROW_LIMIT), ...shown.slice(ROW_LIMIT).filter((r) => r.probed)]
      : shown;
  const selectedEdge = selection?.kind === 'edge' ? selection.id : null;

  const toggleSort = (key: SortKey) =>
    setSort((current) => ({ key, descending: current.key === key ? !current.descending : false }));

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
        <span className="flows__count" aria-live="polite">
          {shown.length === rows.length ? `${rows.length} flows` : `${shown.length} of ${rows.length} flows`}
          {visible.length < shown.length && ` (first ${visible.length} shown)`}
        </span>
      </div>
      <div className="flows__scroll">
        <table data-testid="flows-table" className="flows__table">
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
              <th scope="col">Why</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr
                key={row.key}
                data-testid="flow-row"
                data-from={row.from}
                data-to={row.to}
                data-port={row.port ?? 'any'}
                data-protocol={row.protocol ?? ''}
                data-verdict={row.verdict}
                data-change={changes.get(row.key) ?? undefined}
                className={row.edgeId && row.edgeId === selectedEdge ? 'is-selected' : undefined}
                onClick={() => selectRow(row)}
              >
                <td className="mono">{row.from}</td>
                <td className="mono">{row.to}</td>
                <td className="mono">
                  {row.port === null ? 'any' : `${row.port}/${row.protocol}`}
                  {row.probed && (
                    <span
                      className="flows__probe"
                      title="A ConnectivityTest probes this flow"
                      aria-label="tested"
                    >
                      ●
                    </span>
                  )}
                </td>
                <td>
                  <VerdictChip verdict={row.verdict} />
                </td>
                <td className="flows__reason">{row.reason}</td>
                <td className="flows__actions">
                  <FlowInsightActions row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && (
          <p className="drawer-empty">No flows yet: add workloads or pods to see who may talk to whom.</p>
        )}
      </div>
    </div>
  );
}
