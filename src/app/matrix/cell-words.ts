/** The words of a matrix cell: what hover shows and what a screen reader reads. */
import { VERDICTS, type Verdict } from '../../engine';
import type { MatrixData } from '../model/matrix';
import { verdictPhrase, VERDICT_STYLE } from '../model/verdicts';

const VERDICT_COUNT = VERDICTS.length;

/** Which verdicts the canvas's verdict filter keeps. */
export type VerdictKeep = (verdict: Verdict) => boolean;

export interface CellInfo {
  /** Pairs per verdict that pass the filter, in VERDICTS order. */
  counts: { verdict: Verdict; count: number }[];
  /** The verdict drawn: the only one, or the one with most pairs. */
  main: Verdict | null;
  /** Between two leaves: the ports allowed. */
  ports: string | null;
  diagonal: boolean;
  /** Both ends are single endpoints or ranges. */
  single: boolean;
}

export function cellInfo(data: MatrixData, row: number, column: number, keep: VerdictKeep): CellInfo {
  const m = data.lines.length;
  const at = (row * m + column) * VERDICT_COUNT;
  const counts: CellInfo['counts'] = [];
  for (let v = 0; v < VERDICT_COUNT; v++) {
    const count = data.counts[at + v]!;
    if (count > 0 && keep(VERDICTS[v]!)) counts.push({ verdict: VERDICTS[v]!, count });
  }
  const main = counts.reduce<CellInfo['counts'][number] | null>(
    (best, entry) => (!best || entry.count > best.count ? entry : best),
    null,
  );
  const port = data.ports[row * m + column]!;
  const rowLine = data.lines[row]!;
  const columnLine = data.lines[column]!;
  return {
    counts,
    main: main?.verdict ?? null,
    ports: port >= 0 ? data.portTexts[port]! : null,
    diagonal: rowLine.key === columnLine.key,
    single: rowLine.kind === 'leaf' && columnLine.kind === 'leaf',
  };
}

const plural = (count: number, word: string) =>
  `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/** "team-a/web to db/postgres: denied by ingress of db/postgres on TCP 5432". */
export function cellWords(data: MatrixData, row: number, column: number, info: CellInfo): string {
  const from = data.lines[row]!.name;
  const to = data.lines[column]!.name;
  const head = `${from} to ${to}`;
  const on = data.port ? ` on ${data.port.replace(/^(\d+)\/(\w+)$/, '$2 $1')}` : '';
  if (info.single) {
    if (info.diagonal) return `${head}: itself, always allowed`;
    if (!info.main) return `${head}: hidden by the verdict filter`;
    const allowed = info.ports !== null ? `; allowed: ${info.ports}` : '';
    return `${head}: ${verdictPhrase(info.main, from, to)}${on}${allowed}`;
  }
  const within = info.diagonal ? ' (within the group)' : '';
  if (info.counts.length === 0) return `${head}${within}: no endpoint pairs shown`;
  const parts = info.counts.map(
    ({ verdict, count }) => `${count.toLocaleString('en-US')} ${VERDICT_STYLE[verdict].label.toLowerCase()}`,
  );
  const total = info.counts.reduce((sum, { count }) => sum + count, 0);
  return `${head}${within}${on}: ${parts.join(', ')} (${plural(total, 'endpoint pair')})`;
}
