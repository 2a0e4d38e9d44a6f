import { VERDICTS } from '../../../engine';
import { compareEnds, matchesVerdict, type SortKey, type VerdictChoice } from '../../model/flow-page';
import type { FlowRow } from '../../model/view-model';

export type { SortKey, VerdictChoice };

function compare(a: FlowRow, b: FlowRow, key: SortKey): number {
  switch (key) {
    case 'from':
      return compareEnds(a.from, b.from) || compareEnds(a.to, b.to) || (a.port ?? 0) - (b.port ?? 0);
    case 'to':
      return compareEnds(a.to, b.to) || compareEnds(a.from, b.from) || (a.port ?? 0) - (b.port ?? 0);
    case 'port':
      return (
        (a.port ?? 0) - (b.port ?? 0) ||
        (a.protocol ?? '').localeCompare(b.protocol ?? '') ||
        a.from.localeCompare(b.from)
      );
    case 'verdict':
      return (
        VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) ||
        a.from.localeCompare(b.from) ||
        a.to.localeCompare(b.to)
      );
  }
}

/** Rows matching the text (any of from, to, port, verdict, reason) and verdict filters, sorted. */
export function filterAndSort(
  rows: readonly FlowRow[],
  text: string,
  verdict: VerdictChoice,
  key: SortKey,
  descending: boolean,
): FlowRow[] {
  const needle = text.trim().toLowerCase();
  const kept = rows.filter((row) => {
    if (!matchesVerdict(row.verdict, verdict)) return false;
    if (!needle) return true;
    const port = row.port === null ? 'any' : `${row.port}/${row.protocol}`;
    return `${row.from} ${row.to} ${port} ${row.verdict} ${row.reason}`.toLowerCase().includes(needle);
  });
  kept.sort((a, b) => compare(a, b, key) * (descending ? -1 : 1));
  return kept;
}
