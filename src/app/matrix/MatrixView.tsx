import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { AllowFlowPopover, type AllowFlowRequest } from '../canvas/AllowFlowPopover/AllowFlowPopover';
import { EdgeMenu, type EdgeMenuItem } from '../canvas/EdgeMenu/EdgeMenu';
import { addProbe } from '../insight/commands';
import { isDenied as deniedVerdict, VERDICT_STYLE } from '../model/verdicts';
import { flowEdgeId, parseNodeId } from '../model/ids';
import { formatCount } from '../model/format';
import { OUTSIDE_GROUP, type MatrixData, type MatrixLine, type MatrixPair } from '../model/matrix';
import type { ViewModel } from '../model/view-model';
import { showsDenied } from '../canvas/build-elements';
import { useAppStore, useShallow, type Selection } from '../store';
import { selectDisplayed, selectFilters, selectSelection } from '../store/selectors';
import { requestMatrix, requestMatrixPair } from '../worker/engine-bridge';
import { parsePortFilter } from '../view-model/matrix-report';
import { cellInfo, cellWords, type VerdictKeep } from './cell-words';
import { useMatrixStore } from '../store/matrix-store';
import { OBSERVED_LOOK } from '../canvas/FlowEdge/observed-look';
import { indexObserved } from '../model/observed-match';
import './MatrixView.css';

const ROW_H = 34;
const COL_W = 92;
const HEAD_W = 250;
const HEAD_H = 150;

/** Row and column of the focused cell; −1 is the header (row −1 and column −1: the corner). */
interface Position {
  row: number;
  column: number;
}

/** The groups shown open: the user's choice, else all of a small workspace and none of a big one. */
function effectiveExpanded(model: ViewModel, chosen: string[] | null): string[] {
  if (chosen) return chosen;
  return model.summary ? [] : [...model.namespaces.map((ns) => ns.name), OUTSIDE_GROUP];
}

/** The matrix's grid for the displayed evaluation, asked again whenever it, the open groups or the port change. */
function useMatrixData(model: ViewModel | null, expanded: string[], port: string): MatrixData | null {
  const [data, setData] = useState<MatrixData | null>(null);
  const newest = useRef(0);
  const key = expanded.join('\n');
  useEffect(() => {
    if (!model) return;
    const ask = ++newest.current;
    requestMatrix({ expanded: key ? key.split('\n') : [], port })
      .then((answer) => {
        if (ask === newest.current) setData(answer);
      })
      .catch(() => {
        // The next evaluation asks again; a failed answer leaves the last grid on screen.
      });
  }, [model, key, port]);
  return data;
}

/** Node ids a selection marks on each axis: a node on both, an edge its source row and target column. */
function selectedEnds(selection: Selection): { rows: string | null; columns: string | null } {
  if (!selection) return { rows: null, columns: null };
  if (selection.kind === 'node') return { rows: selection.id, columns: selection.id };
  const match = /^flow:(.+?)->(.+)$/.exec(selection.id);
  return match ? { rows: match[1]!, columns: match[2]! } : { rows: null, columns: null };
}

/**
 * The line that stands for a canvas node: its own, else, while its group is closed, its group's
 * (a workload of a collapsed namespace selected from the flows table marks that namespace).
 */
function lineOf(lines: readonly MatrixLine[], nodeId: string | null): number {
  if (!nodeId) return -1;
  const own = lines.findIndex((line) => line.nodeId === nodeId);
  if (own >= 0) return own;
  const parsed = parseNodeId(nodeId);
  const group =
    parsed?.kind === 'endpoint' ? parsed.namespace : parsed?.kind === 'external' ? OUTSIDE_GROUP : null;
  return group === null ? -1 : lines.findIndex((line) => line.kind === 'group' && line.group === group);
}

/** The menu of a cell of two leaves: the canvas's edge menu, plus probes on one port. */
interface CellMenu {
  pair: MatrixPair;
  x: number;
  y: number;
  /** The port a probe names: the port filter's, else the first the pair has a row for. */
  probe: { port: number; protocol: NonNullable<MatrixPair['flows'][number]['protocol']> } | null;
}

/** A cell the user can act on: two different leaves, not two outside ranges. */
function actionable(from: MatrixLine, to: MatrixLine): boolean {
  return (
    from.kind === 'leaf' &&
    to.kind === 'leaf' &&
    from.key !== to.key &&
    !(from.nodeId.startsWith('ext:') && to.nodeId.startsWith('ext:'))
  );
}

function keepFor(verdictFilter: string, edgeCount: number): VerdictKeep {
  if (verdictFilter === 'denied') return deniedVerdict;
  if (verdictFilter === 'allowed' || !showsDenied(verdictFilter as 'auto', edgeCount))
    return (verdict) => !deniedVerdict(verdict);
  return () => true;
}

function HeaderLabel({
  line,
  onToggle,
  onSelect,
}: {
  line: MatrixLine;
  onToggle(group: string): void;
  onSelect(line: MatrixLine): void;
}) {
  return (
    <span className={`matrix__label matrix__label--${line.kind}`}>
      {line.kind === 'group' && (
        <button
          type="button"
          tabIndex={-1}
          className="matrix__expander"
          aria-expanded={line.expanded}
          aria-label={`${line.expanded ? 'Collapse' : 'Expand'} ${line.label}`}
          onClick={(event) => {
            event.stopPropagation();
            onToggle(line.group);
          }}
        >
          {line.expanded ? '▾' : '▸'}
        </button>
      )}
      <span className="matrix__name" onClick={() => onSelect(line)}>
        {line.label}
        {line.kind === 'group' && (
          <span className="matrix__size"> ({line.size.toLocaleString('en-US')})</span>
        )}
      </span>
    </span>
  );
}

/**
 * The reachability matrix beside the graph: sources as rows, destinations as columns, namespaces
 * (and the outside ranges) as groups that open to their members. Only the visible rows and
 * columns are rendered; the headers stay in view; arrows move between cells and Enter explains.
 */
export function MatrixView() {
  const model = useAppStore(selectDisplayed);
  const { verdictFilter, portFilter } = useAppStore(useShallow(selectFilters));
  const selection = useAppStore(selectSelection);
  const chosen = useMatrixStore((s) => s.expanded);
  const expanded = useMemo(() => (model ? effectiveExpanded(model, chosen) : []), [model, chosen]);
  const data = useMatrixData(model, expanded, portFilter);
  const observedView = model?.observed;
  const observed = useMemo(() => (observedView ? indexObserved(observedView) : null), [observedView]);
  const keep = useMemo(() => keepFor(verdictFilter, model?.edges.length ?? 0), [verdictFilter, model]);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [active, setActive] = useState<Position>({ row: 0, column: 0 });
  const focusPending = useRef(false);
  const m = data?.lines.length ?? 0;

  const rows = useVirtualizer({
    count: m,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 4,
    scrollPaddingStart: HEAD_H,
  });
  const columns = useVirtualizer({
    horizontal: true,
    count: m,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => COL_W,
    overscan: 2,
    scrollPaddingStart: HEAD_W,
  });

  const toggle = useCallback(
    (group: string) => {
      const next = expanded.includes(group) ? expanded.filter((g) => g !== group) : [...expanded, group];
      useMatrixStore.getState().setExpanded(next);
    },
    [expanded],
  );
  const selectLine = useCallback((line: MatrixLine) => {
    if (line.nodeId) useAppStore.getState().select({ kind: 'node', id: line.nodeId });
  }, []);

  /** Shows the pair of two leaves in the inspector, as a click on its edge would. */
  const showPair = useCallback(
    async (from: MatrixLine, to: MatrixLine): Promise<MatrixPair | null> => {
      const pair = await requestMatrixPair(from.nodeId, to.nodeId);
      if (!pair || !model) return null;
      useMatrixStore.getState().setPair(model.edges.some((e) => e.id === pair.edge.id) ? null : pair);
      useAppStore.getState().select({ kind: 'edge', id: pair.edge.id });
      return pair;
    },
    [model],
  );

  const explain = useCallback(
    (row: number, column: number) => {
      if (!data || !model) return;
      const from = data.lines[row]!;
      const to = data.lines[column]!;
      const { select } = useAppStore.getState();
      if (from.key === to.key) {
        selectLine(from);
        return;
      }
      if (from.kind === 'leaf' && to.kind === 'leaf') {
        void showPair(from, to);
        return;
      }
      const id = from.nodeId && to.nodeId ? flowEdgeId(from.nodeId, to.nodeId) : '';
      if (model.summary?.aggregates.some((a) => a.id === id) || model.edges.some((e) => e.id === id))
        select({ kind: 'edge', id });
    },
    [data, model, selectLine, showPair],
  );

  const [menu, setMenu] = useState<CellMenu | null>(null);
  const [allowing, setAllowing] = useState<AllowFlowRequest | null>(null);
  const openMenu = useCallback(
    (row: number, column: number, x: number, y: number) => {
      const from = data?.lines[row];
      const to = data?.lines[column];
      if (!data || !from || !to || !actionable(from, to)) return;
      void showPair(from, to).then((pair) => {
        if (!pair) return;
        const first = pair.flows.find((flow) => flow.port !== null && flow.protocol !== null);
        const probe =
          parsePortFilter(data.port) ?? (first ? { port: first.port!, protocol: first.protocol! } : null);
        setMenu({ pair, x, y, probe });
      });
    },
    [data, showPair],
  );
  const closeMenu = useCallback(() => {
    setMenu(null);
    focusPending.current = true;
  }, []);
  const closeAllow = useCallback(() => setAllowing(null), []);
  const menuItems = (open: CellMenu): EdgeMenuItem[] => {
    const { pair, probe } = open;
    const on = probe ? ` (${probe.protocol} ${probe.port})` : '';
    const items: EdgeMenuItem[] = [
      {
        key: 'inspect',
        label: 'Explain this flow',
        run: () => useAppStore.getState().select({ kind: 'edge', id: pair.edge.id }),
      },
      {
        key: 'allow',
        label: 'Allow this flow…',
        testId: 'cell-menu-allow',
        run: () => setAllowing({ from: pair.from, to: pair.to, anchor: { x: open.x, y: open.y } }),
      },
      {
        key: 'remove',
        label: 'Remove this flow…',
        testId: 'edge-menu-remove',
        run: () => useAppStore.getState().requestFlowRemoval({ edgeId: pair.edge.id }),
      },
    ];
    if (probe)
      for (const expect of ['allow', 'deny'] as const)
        items.push({
          key: `probe-${expect}`,
          label: `Add test: expect ${expect}${on}`,
          testId: `cell-menu-probe-${expect}`,
          run: () => void addProbe({ from: pair.from.ref, to: pair.to.ref, ...probe }, expect),
        });
    return items;
  };

  const activate = useCallback(
    (position: Position) => {
      if (position.row === -1 && position.column === -1) return;
      if (position.row === -1) {
        const line = data?.lines[position.column];
        if (line?.kind === 'group') toggle(line.group);
        else if (line) selectLine(line);
      } else if (position.column === -1) {
        const line = data?.lines[position.row];
        if (line?.kind === 'group') toggle(line.group);
        else if (line) selectLine(line);
      } else explain(position.row, position.column);
    },
    [data, toggle, selectLine, explain],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (m === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_H) - 5);
    const moves: Record<string, (p: Position) => Position> = {
      ArrowUp: (p) => ({ ...p, row: Math.max(-1, p.row - 1) }),
      ArrowDown: (p) => ({ ...p, row: Math.min(m - 1, p.row + 1) }),
      ArrowLeft: (p) => ({ ...p, column: Math.max(-1, p.column - 1) }),
      ArrowRight: (p) => ({ ...p, column: Math.min(m - 1, p.column + 1) }),
      PageUp: (p) => ({ ...p, row: Math.max(0, p.row - page) }),
      PageDown: (p) => ({ ...p, row: Math.min(m - 1, p.row + page) }),
      Home: (p) => ({ row: event.ctrlKey ? 0 : p.row, column: 0 }),
      End: (p) => ({ row: event.ctrlKey ? m - 1 : p.row, column: m - 1 }),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const next = move(active);
      focusPending.current = true;
      setActive(next);
      if (next.row >= 0) rows.scrollToIndex(next.row);
      if (next.column >= 0) columns.scrollToIndex(next.column);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(active);
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      const box = (event.target as HTMLElement).getBoundingClientRect();
      openMenu(active.row, active.column, box.left + box.width / 2, box.bottom);
    }
  };

  // The lines may shrink (a group closed): keep the focused cell inside the grid.
  const safe = { row: Math.min(active.row, m - 1), column: Math.min(active.column, m - 1) };

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-pos="${safe.row},${safe.column}"]`);
    if (element) {
      focusPending.current = false;
      element.focus({ preventScroll: true });
    }
  });

  // A node or edge selected on the graph: bring its row and column into view.
  const ends = selectedEnds(selection);
  const selectedRow = data ? lineOf(data.lines, ends.rows) : -1;
  const selectedColumn = data ? lineOf(data.lines, ends.columns) : -1;
  useEffect(() => {
    if (selectedRow >= 0) rows.scrollToIndex(selectedRow);
    if (selectedColumn >= 0) columns.scrollToIndex(selectedColumn);
    // rows/columns are stable per instance; only a new selection or grid should scroll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, selectedRow, selectedColumn]);

  if (!model) return null;
  const width = HEAD_W + m * COL_W;
  const height = HEAD_H + m * ROW_H;
  const tab = (row: number, column: number) => (row === safe.row && column === safe.column ? 0 : -1);
  const focusAt = (row: number, column: number) => () => setActive({ row, column });
  const virtualRows = rows.getVirtualItems();
  const virtualColumns = columns.getVirtualItems();

  return (
    <div className="matrix" data-testid="matrix-view" data-ready={data ? 'true' : 'false'}>
      {/* The view switch and the filters are the canvas bar's, above the graph and the matrix alike. */}
      <div className="matrix__toolbar">
        {data && (
          <span className="matrix__summary" role="status">
            {data.endpointTotal.toLocaleString('en-US')} endpoints · {m.toLocaleString('en-US')} rows
            {data.port ? ` · verdicts on ${data.port}` : ' · verdicts of whole pairs'}
          </span>
        )}
        {expanded.length > 0 && (
          <button
            type="button"
            className="toolbar-button"
            data-testid="matrix-collapse-all"
            onClick={() => useMatrixStore.getState().setExpanded([])}
          >
            Collapse all
          </button>
        )}
      </div>
      {!data ? (
        <p className="matrix__loading">Computing the matrix…</p>
      ) : (
        <div
          ref={scrollRef}
          className="matrix__scroll"
          role="grid"
          aria-label="Reachability matrix: sources as rows, destinations as columns"
          aria-rowcount={m + 1}
          aria-colcount={m + 1}
          data-testid="matrix-grid"
          onKeyDown={onKeyDown}
        >
          <div className="matrix__content" style={{ width, height }}>
            <div role="row" aria-rowindex={1} className="matrix__head-row" style={{ width, height: HEAD_H }}>
              <div
                role="columnheader"
                aria-colindex={1}
                className="matrix__corner"
                data-pos="-1,-1"
                tabIndex={tab(-1, -1)}
                onFocus={focusAt(-1, -1)}
              >
                <span>Sources ↓</span>
                <span>Destinations →</span>
              </div>
              {virtualColumns.map((column) => {
                const line = data.lines[column.index]!;
                return (
                  <div
                    key={line.key}
                    role="columnheader"
                    aria-colindex={column.index + 2}
                    className={`matrix__col-head matrix__col-head--${line.kind}${column.index === selectedColumn ? ' is-selected' : ''}`}
                    style={{ left: HEAD_W + column.index * COL_W, width: COL_W }}
                    data-pos={`-1,${column.index}`}
                    data-testid="matrix-col-head"
                    data-name={line.name}
                    tabIndex={tab(-1, column.index)}
                    onFocus={focusAt(-1, column.index)}
                    title={line.name}
                  >
                    <HeaderLabel line={line} onToggle={toggle} onSelect={selectLine} />
                  </div>
                );
              })}
            </div>
            {virtualRows.map((row) => {
              const rowLine = data.lines[row.index]!;
              return (
                <div
                  key={rowLine.key}
                  role="row"
                  aria-rowindex={row.index + 2}
                  className="matrix__row"
                  style={{ top: HEAD_H + row.index * ROW_H, width, height: ROW_H }}
                >
                  <div
                    role="rowheader"
                    aria-colindex={1}
                    className={`matrix__row-head matrix__row-head--${rowLine.kind}${row.index === selectedRow ? ' is-selected' : ''}`}
                    data-pos={`${row.index},-1`}
                    data-testid="matrix-row-head"
                    data-name={rowLine.name}
                    tabIndex={tab(row.index, -1)}
                    onFocus={focusAt(row.index, -1)}
                    title={rowLine.name}
                  >
                    <HeaderLabel line={rowLine} onToggle={toggle} onSelect={selectLine} />
                  </div>
                  {virtualColumns.map((column) => {
                    const columnLine = data.lines[column.index]!;
                    const info = cellInfo(data, row.index, column.index, keep);
                    const words = cellWords(data, row.index, column.index, info);
                    const style = info.main ? VERDICT_STYLE[info.main] : null;
                    const inSelection = row.index === selectedRow || column.index === selectedColumn;
                    const selected = row.index === selectedRow && column.index === selectedColumn;
                    // A cell of two leaves shows what the logs saw between them, as the canvas edge does.
                    const seen = info.single
                      ? observed?.byPair.get(`${rowLine.name}|${columnLine.name}`)
                      : undefined;
                    const seenMark = seen ? (seen.denied ? 'would-break' : 'allowed') : undefined;
                    return (
                      <div
                        key={columnLine.key}
                        role="gridcell"
                        aria-colindex={column.index + 2}
                        aria-selected={selected}
                        title={words}
                        className={[
                          'matrix__cell',
                          info.main ? `matrix__cell--${info.main}` : 'matrix__cell--none',
                          info.diagonal ? 'matrix__cell--diagonal' : '',
                          info.single ? 'matrix__cell--single' : '',
                          inSelection ? 'is-in-selection' : '',
                          selected ? 'is-selected' : '',
                          seenMark ? `matrix__cell--seen-${seenMark}` : '',
                        ].join(' ')}
                        style={{ left: HEAD_W + column.index * COL_W, width: COL_W }}
                        data-pos={`${row.index},${column.index}`}
                        data-testid="matrix-cell"
                        data-from={rowLine.name}
                        data-to={columnLine.name}
                        data-verdict={info.main ?? ''}
                        data-observed={seenMark}
                        tabIndex={tab(row.index, column.index)}
                        onFocus={focusAt(row.index, column.index)}
                        onClick={() => {
                          setActive({ row: row.index, column: column.index });
                          explain(row.index, column.index);
                        }}
                        onContextMenu={(event) => {
                          if (!actionable(rowLine, columnLine)) return;
                          event.preventDefault();
                          setActive({ row: row.index, column: column.index });
                          openMenu(row.index, column.index, event.clientX, event.clientY);
                        }}
                      >
                        <span className="visually-hidden">
                          {words}
                          {seen &&
                            seenMark &&
                            `; ${OBSERVED_LOOK[seenMark].words(seen.denied || seen.allowed)}`}
                        </span>
                        <CellBody info={info} glyphColor={style ? `var(${style.colorVar})` : undefined} />
                        {seen && seenMark && (
                          <span
                            className="matrix__seen"
                            aria-hidden="true"
                            title={OBSERVED_LOOK[seenMark].words(seen.denied || seen.allowed)}
                          >
                            {OBSERVED_LOOK[seenMark].glyph}
                            {formatCount(seen.denied || seen.allowed)}
                          </span>
                        )}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      )}
      {menu && (
        <EdgeMenu menu={{ edgeId: menu.pair.edge.id, ...menu }} onClose={closeMenu} items={menuItems(menu)} />
      )}
      {allowing && <AllowFlowPopover request={allowing} model={model} onClose={closeAllow} />}
    </div>
  );
}

function CellBody({ info, glyphColor }: { info: ReturnType<typeof cellInfo>; glyphColor?: string }) {
  if (info.single && info.diagonal)
    return (
      <span className="matrix__self" aria-hidden="true">
        itself
      </span>
    );
  const style = info.main ? VERDICT_STYLE[info.main] : null;
  return (
    <span className="matrix__cell-body" aria-hidden="true">
      {info.single ? (
        <span className="matrix__cell-text">
          <b style={{ color: glyphColor }}>{style?.glyph}</b>{' '}
          {info.main && !deniedVerdict(info.main) ? info.ports : ''}
        </span>
      ) : (
        <span className="matrix__cell-text">
          {info.counts.slice(0, 3).map(({ verdict, count }) => (
            <span key={verdict} className="matrix__count">
              <b style={{ color: `var(${VERDICT_STYLE[verdict].colorVar})` }}>
                {VERDICT_STYLE[verdict].glyph}
              </b>
              {count.toLocaleString('en-US')}
            </span>
          ))}
        </span>
      )}
      {style && (
        <svg className="matrix__stroke" width="100%" height="4" preserveAspectRatio="none">
          <line
            x1="0"
            y1="2"
            x2="100%"
            y2="2"
            style={{
              stroke: `var(${style.colorVar})`,
              strokeWidth: Math.max(1.5, style.width),
              strokeDasharray: style.dash,
            }}
          />
        </svg>
      )}
    </span>
  );
}
